"""Tests of briefgen.render.deck.paginate: long slides continue, what cannot fit is reported or shrunk."""
from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen.errors import BuildError
from briefgen.render.deck.fit import Box, LevelStyle, Para
from briefgen.render.deck.model import Bullet, Deck, Slide, TableSpec
from briefgen.render.deck.paginate import paginate, table_row_heights

LEVELS = (LevelStyle(20.0, margin=21.6, indent=-21.6, space_before=7.0),
          LevelStyle(17.0, margin=49.0, indent=-18.7, space_before=3.0))
BODY = Box(width=874.0, height=344.0, levels=LEVELS)
TITLE = Box(width=874.0, height=70.0, levels=(LevelStyle(28.0, bold=True, bullet=False, line_spacing=0.9),))
TABLE = Box(width=874.0, height=314.0)
SMALL = Box(width=600.0, height=120.0, levels=(LevelStyle(20.0, bullet=False),))
GEOMETRY = {"Title and Content": {"title": TITLE, "body": BODY},
            "Table": {"title": TITLE, "table": TABLE},
            "Title Slide": {"title": TITLE, "body": SMALL},
            "Section Header": {"title": TITLE, "body": SMALL}}


def _measurers(m):
    """The measurer for the boxes' font, Calibri (a box's font must be asked for by name)."""
    return lambda family: {"Calibri": m}[family]


def _slide(n: int, words: int = 12, title: str = "Facts") -> Slide:
    body = tuple(Bullet(text=" ".join(["word"] * words) + f" {i}", refs=(1,)) for i in range(n))
    return Slide(layout="Title and Content", title=title, body=body, notes=("talk",))


def test_a_slide_that_fits_is_unchanged(measure):
    deck = Deck(slides=(_slide(3),))
    out, warnings = paginate(deck, GEOMETRY, _measurers(measure))
    assert out.slides == deck.slides and warnings == []


def test_long_bullet_lists_continue_on_cont_slides(measure):
    deck = Deck(slides=(_slide(30),))
    out, _ = paginate(deck, GEOMETRY, _measurers(measure))
    assert len(out.slides) > 1
    assert out.slides[0].title == "Facts"
    total = len(out.slides)
    assert [s.title for s in out.slides[1:]] == [f"Facts (cont., {n} of {total})" for n in range(2, total + 1)]
    assert all(s.continued for s in out.slides[1:])
    assert [b for s in out.slides for b in s.body] == list(deck.slides[0].body)
    assert all(s.notes == ("Continued from the previous slide.", "talk") for s in out.slides[1:])
    assert out.slides[0].notes == ("talk",) and not out.slides[0].continued
    for s in out.slides:
        paras = [Para(b.display(), LEVELS[b.level]) for b in s.body]
        assert measure.fits(paras, BODY)


def test_pages_are_balanced_not_a_lone_bullet_at_the_end(measure):
    n = 1
    while len(paginate(Deck(slides=(_slide(n + 1),)), GEOMETRY, _measurers(measure))[0].slides) == 1:
        n += 1  # n bullets fill one slide; n + 1 need two
    out, _ = paginate(Deck(slides=(_slide(n + 1),)), GEOMETRY, _measurers(measure))
    sizes = [len(s.body) for s in out.slides]
    assert len(sizes) == 2 and min(sizes) >= n // 2


def test_a_continuation_turns_at_a_heading_when_that_costs_no_extra_slide(measure):
    facts = _slide(6, words=20).body
    body = facts + (Bullet(text="Watch for", style="heading"),) + tuple(
        Bullet(text=f"indicator {i}", level=1) for i in range(3))
    out, _ = paginate(Deck(slides=(Slide(layout="Title and Content", title="Risk", body=body),)), GEOMETRY,
                      _measurers(measure))
    assert len(out.slides) == 2
    assert out.slides[0].body == facts
    assert out.slides[1].body[0].text == "Watch for"


def test_a_lead_stays_with_the_paragraph_after_it(measure):
    body = _slide(12).body[:-1] + (Bullet(text="Watch for", style="heading"), Bullet(text="indicator", level=1))
    out, _ = paginate(Deck(slides=(Slide(layout="Title and Content", title="T", body=body),)), GEOMETRY,
                      _measurers(measure))
    for s in out.slides:
        assert s.body[-1].style != "heading"


def test_a_bullet_too_big_for_an_empty_box_is_an_error_naming_slide_and_ratio(measure):
    huge = Bullet(text=" ".join(["escalation"] * 600))
    deck = Deck(slides=(_slide(2, title="Intro"), Slide(layout="Title and Content", title="Risks", body=(huge,))))
    with pytest.raises(BuildError) as err:
        paginate(deck, GEOMETRY, _measurers(measure))
    (line,) = err.value.lines()
    assert line.startswith('slide 2 "Risks": body is ')
    ratio = int(line.split("body is ")[1].split("%")[0])
    assert ratio > 150
    assert "of its box" in line


def test_shrink_to_fit_reduces_the_font_and_warns(measure):
    big = Bullet(text=" ".join(["escalation"] * 160))
    deck = Deck(slides=(Slide(layout="Title and Content", title="Risks", body=(big,)),))
    with pytest.raises(BuildError):
        paginate(deck, GEOMETRY, _measurers(measure))
    out, warnings = paginate(deck, GEOMETRY, _measurers(measure), shrink=True)
    assert len(out.slides) == 1
    assert 0.5 <= out.slides[0].scale("body") < 1.0
    assert len(warnings) == 1 and warnings[0].severity == "warning"
    assert str(warnings[0]).startswith('warning: slide 1 "Risks": body text shrunk to ')


def test_a_title_too_long_for_its_box_is_an_error(measure):
    long_title = "A title " * 60  # too long even at 60%, as far as a title shrinks without shrink_to_fit
    deck = Deck(slides=(Slide(layout="Title and Content", title=long_title, body=()),))
    with pytest.raises(BuildError) as err:
        paginate(deck, GEOMETRY, _measurers(measure))
    assert err.value.lines()[0].startswith(f'slide 1 "{long_title}": title is ')


def test_tables_continue_with_the_header_repeated_and_marks_renumbered(measure):
    rows = tuple((f"Option {i}", "High (4)", "Low (2)") for i in range(40))
    table = TableSpec(columns=("Option", "Deterrence", "Escalation"), rows=rows, marked=(0, 25))
    deck = Deck(slides=(Slide(layout="Table", title="Options compared", table=table),))
    out, _ = paginate(deck, GEOMETRY, _measurers(measure))
    assert len(out.slides) > 1
    assert all(s.table.columns == table.columns for s in out.slides)
    assert [r for s in out.slides for r in s.table.rows] == list(rows)
    marked = [s.table.rows[m][0] for s in out.slides for m in s.table.marked]
    assert marked == ["Option 0", "Option 25"]
    for s in out.slides:
        assert sum(table_row_heights(s.table, TABLE.width, measure, s.scale("table"))) <= TABLE.height


def test_table_rows_grow_with_wrapped_text(measure):
    short = TableSpec(columns=("A", "B"), rows=(("x", "y"),))
    long = TableSpec(columns=("A", "B"), rows=(("x", "word " * 80),))
    assert table_row_heights(long, 400, measure)[1] > 2 * table_row_heights(short, 400, measure)[1]


def test_row_notes_go_with_their_rows_onto_cont_slides(measure):
    rows = tuple((f"Item {i}", "word " * 12) for i in range(40))
    notes = tuple((f"Item {i}: talking points", f"Item {i}: pushback") for i in range(40))
    table = TableSpec(columns=("Item", "So what"), rows=rows, notes=notes, row_titles=True)
    deck = Deck(slides=(Slide(layout="Table", title="Backup: Options", table=table, notes=("Backup.",)),))
    out, _ = paginate(deck, GEOMETRY, _measurers(measure))
    assert len(out.slides) > 1
    for s in out.slides:
        assert s.table.notes == tuple(notes[int(r[0].split()[1])] for r in s.table.rows)
        spoken = s.speaker_notes()
        assert "Backup." in spoken and all(p in spoken for row in s.table.notes for p in row)
    assert [n for s in out.slides for n in s.table.notes] == list(notes)


def test_bold_row_titles_are_measured_bold(measure):
    title = "Trilateral Security Cooperation Framework and more words to wrap"
    plain = TableSpec(columns=("A", "B"), rows=((title, "y"),), widths=(1, 3))
    bold = TableSpec(columns=("A", "B"), rows=((title, "y"),), widths=(1, 3), row_titles=True)
    widths = [w for w in range(150, 400, 5)
              if table_row_heights(bold, w, measure)[1] > table_row_heights(plain, w, measure)[1]]
    assert widths  # somewhere the bold title needs a line more


def _fill_count(measure, make) -> int:
    """The most bullets ``make(n)`` can hold on one slide at full size."""
    n = 1
    while len(paginate(Deck(slides=(make(n + 1),)), GEOMETRY, _measurers(measure))[0].slides) == 1:
        n += 1
    return n


def test_with_shrink_to_fit_text_shrinks_to_stay_on_one_slide_before_it_continues(measure):
    n = _fill_count(measure, _slide)  # the most that fit one slide, shrunk quietly to 85% at most
    spill = _slide(n + 1)  # one bullet too many: without shrink-to-fit it continues
    assert len(paginate(Deck(slides=(spill,)), GEOMETRY, _measurers(measure))[0].slides) == 2
    out, warnings = paginate(Deck(slides=(spill,)), GEOMETRY, _measurers(measure), shrink=True)
    assert len(out.slides) == 1 and out.slides[0].body == spill.body
    assert 0.7 <= out.slides[0].scale("body") < 0.85  # shrink-to-fit goes down to 70% before continuing
    assert [str(w) for w in warnings] == [
        f'warning: slide 1 "Facts": body text shrunk to {out.slides[0].scale("body"):.0%} to fit its box']
    far = _slide(3 * n)  # would need text under 70%: it continues, shrunk quietly at most to 85%
    out, warnings = paginate(Deck(slides=(far,)), GEOMETRY, _measurers(measure), shrink=True)
    assert len(out.slides) in (2, 3) and len({s.scale("body") for s in out.slides}) == 1 and warnings == []
    assert out.slides[0].scale("body") >= 0.85


def test_a_slide_shrinks_quietly_to_85_percent_when_that_saves_a_continuation(measure):
    n = 1
    while out_of(paginate(Deck(slides=(_slide(n + 1),)), GEOMETRY, _measurers(measure))) == (1, 1.0):
        n += 1  # n bullets fill one slide at full size
    out, warnings = paginate(Deck(slides=(_slide(n + 1),)), GEOMETRY, _measurers(measure))
    assert out_of((out, warnings))[0] == 1 and 0.85 <= out.slides[0].scale("body") < 1.0 and warnings == []


def out_of(result) -> tuple[int, float]:
    """(slides, the first slide's body scale) of a paginate result."""
    deck, _ = result
    return len(deck.slides), deck.slides[0].scale("body")


def test_a_title_slide_never_continues(measure):
    lines = tuple(Bullet(text=f"Line {i} of the title slide", style="plain") for i in range(8))
    deck = Deck(slides=(Slide(layout="Title Slide", title="Brief", body=lines),))
    with pytest.raises(BuildError) as err:
        paginate(deck, GEOMETRY, _measurers(measure))
    assert err.value.lines()[0].startswith('slide 1 "Brief": body is ')
    out, warnings = paginate(deck, GEOMETRY, _measurers(measure), shrink=True)
    assert [s.title for s in out.slides] == ["Brief"] and out.slides[0].body == lines
    assert out.slides[0].scale("body") < 1.0


@pytest.mark.parametrize("shown,hidden", [(14, 0), (12, 3)])
def test_a_section_divider_lists_what_fits_and_how_many_more(measure, shown, hidden):
    items = tuple(Bullet(text=f"Item number {i} of this section", style="plain") for i in range(shown))
    more = (Bullet(text=f"and {hidden} more", style="plain"),) if hidden else ()
    deck = Deck(slides=(Slide(layout="Section Header", kicker="02", title="Threats", body=items + more),))
    out, warnings = paginate(deck, GEOMETRY, _measurers(measure))
    (slide,) = out.slides
    kept = len(slide.body) - 1
    assert 0 < kept < shown and slide.body[:kept] == items[:kept]
    assert slide.body[-1].text == f"and {shown - kept + hidden} more"
    assert [str(w) for w in warnings] == [
        f'warning: slide 1 "Threats": {shown - kept} of its {shown} listed items left out to fit its box']
    assert 0.6 <= slide.scale("body") < 1.0  # shrunk quietly, no further than a box that never continues goes
    assert measure.fits([Para(b.display(), LevelStyle(12.0, bullet=False)) for b in slide.body], SMALL)
    # It keeps as many as fit: one more item (and one fewer "more") would not, even at 60%.
    one_more = items[:kept + 1] + (Bullet(text=f"and {shown - kept - 1 + hidden} more", style="plain"),)
    assert not measure.fits([Para(b.display(), LevelStyle(12.0, bullet=False)) for b in one_more], SMALL)


def test_shrink_to_fit_leaves_what_already_fits_at_full_size(measure):
    table = TableSpec(columns=("Option", "Cost"), rows=(("Hotline", "Low (1)"),))
    deck = Deck(slides=(Slide(layout="Title Slide", title="Brief", body=(Bullet(text="Subtitle", style="plain"),)),
                        Slide(layout="Section Header", kicker="01", title="Threats",
                              body=(Bullet(text="Item one", style="plain"),)),
                        _slide(3), Slide(layout="Table", title="Options", table=table)))
    out, warnings = paginate(deck, GEOMETRY, _measurers(measure), shrink=True)
    assert out.slides == deck.slides and warnings == []
    assert all(s.scales == () for s in out.slides)


def test_an_empty_table_keeps_its_slide(measure):
    table = TableSpec(columns=("Option", "Cost"), rows=())
    deck = Deck(slides=(_slide(1), Slide(layout="Table", title="Options", table=table, notes=("none yet",))))
    for shrink in (False, True):
        out, warnings = paginate(deck, GEOMETRY, _measurers(measure), shrink=shrink)
        assert [s.title for s in out.slides] == ["Facts", "Options"] and warnings == []
        assert out.slides[1].table.rows == () and out.slides[1].table.columns == ("Option", "Cost")
        assert out.slides[1].notes == ("none yet",) and not out.slides[1].continued


LEFT = Box(width=420.0, height=344.0, levels=LEVELS)
RIGHT = Box(width=420.0, height=344.0, levels=LEVELS)
TWO = dict(GEOMETRY, **{"Two Content": {"title": TITLE, "body": LEFT, "right": RIGHT}})


def test_a_subtitle_without_its_own_box_leads_the_body(measure):
    deck = Deck(slides=(Slide(layout="Title and Content", title="T", subtitle="Why now",
                              body=(Bullet(text="first"),)),))
    out, warnings = paginate(deck, GEOMETRY, _measurers(measure))
    (slide,) = out.slides
    assert slide.subtitle is None and warnings == []
    assert [(b.text, b.style) for b in slide.body] == [("Why now", "plain"), ("first", "bullet")]


def test_two_columns_never_continue_and_each_column_must_fit(measure):
    left, right = _slide(3).body, _slide(2, title="x").body
    deck = Deck(slides=(Slide(layout="Two Content", title="Compare", body=left, right=right),))
    out, warnings = paginate(deck, TWO, _measurers(measure))
    (slide,) = out.slides
    assert (slide.body, slide.right, warnings) == (left, right, [])
    long = Deck(slides=(Slide(layout="Two Content", title="Compare", body=left, right=_slide(60).body),))
    with pytest.raises(BuildError) as err:
        paginate(long, TWO, _measurers(measure))
    (line,) = err.value.lines()
    assert line.startswith('slide 1 "Compare": right is ') and line.endswith(
        "% of its box; shorten it or set shrink_to_fit: true in briefgen.yaml")
    out, warnings = paginate(Deck(slides=(Slide(layout="Two Content", title="Compare", body=left,
                                                right=_slide(18).body),)), TWO, _measurers(measure), shrink=True)
    assert len(out.slides) == 1 and out.slides[0].scale("right") < 0.6 and out.slides[0].scale("body") == 1.0
    assert [str(w).split(": right text shrunk")[0] for w in warnings] == ['warning: slide 1 "Compare"']


def test_a_picture_caption_must_fit_the_foot_of_the_picture(measure):
    body = _slide(2).body
    fits = Slide(layout="Two Content", title="Map", body=body, image="thr-a", caption="Source: a map")
    out, warnings = paginate(Deck(slides=(fits,)), TWO, _measurers(measure))
    (slide,) = out.slides
    assert slide == fits and warnings == []
    long = replace(fits, caption=" ".join(["caption"] * 225))  # needs 55%: more than shrinks quietly
    with pytest.raises(BuildError) as err:
        paginate(Deck(slides=(long,)), TWO, _measurers(measure))
    assert err.value.lines()[0].startswith('slide 1 "Map": caption is ')
    out, warnings = paginate(Deck(slides=(long,)), TWO, _measurers(measure), shrink=True)
    assert out.slides[0].scale("caption") < 0.6 and out.slides[0].body == body
    assert [str(w).split(": caption text")[0] for w in warnings] == ['warning: slide 1 "Map"']


def test_a_title_that_does_not_fit_shrinks_and_wraps_down_to_60_percent_without_a_warning(measure):
    title = "A title " * 26  # three lines at 28 pt in a box for two
    deck = Deck(slides=(Slide(layout="Title and Content", title=title, body=(Bullet(text="x"),)),))
    out, warnings = paginate(deck, GEOMETRY, _measurers(measure))
    assert 0.6 <= out.slides[0].scale("title") < 1.0 and warnings == []
    size = 28.0 * out.slides[0].scale("title")
    assert measure.fits([Para(title, LevelStyle(size, bold=True, bullet=False, line_spacing=0.9))], TITLE)
    assert not measure.fits([Para(title, LevelStyle(size + 1.4, bold=True, bullet=False, line_spacing=0.9))], TITLE)


def test_the_title_is_shrunk_or_reported_on_the_slide_it_is_on(measure):
    long_title = "A title " * 56  # needs less than 60%: with shrink_to_fit it shrinks further, with a warning
    deck = Deck(slides=(_slide(1), Slide(layout="Title and Content", title=long_title, body=(Bullet(text="x"),))))
    out, warnings = paginate(deck, GEOMETRY, _measurers(measure), shrink=True)
    assert out.slides[0].scales == () and out.slides[1].scale("title") < 0.6
    assert [str(w).split(": title text shrunk to ")[0] for w in warnings] == [f'warning: slide 2 "{long_title}"']


# ------------------------------------------------------------------ exact split points for given heights
# With no insets and a 10 pt font, every line of text is exactly 12 pt (10 pt x line height 1.2) and a
# paragraph of k hard lines ("a\nb") is 12k pt; the box keeps a 2% sliver free, so a box 125 pt high holds
# 10 lines (122.5 pt) and not 11.
TEN = Box(width=600.0, height=125.0, inset_top=0.0, inset_bottom=0.0, levels=(LevelStyle(10.0, bullet=False),))
FIVE = Box(width=600.0, height=62.5, inset_top=0.0, inset_bottom=0.0, levels=(LevelStyle(10.0, bullet=False),))
TWO_LINE_TITLE = Box(width=600.0, height=50.0, inset_top=0.0, inset_bottom=0.0,
                     levels=(LevelStyle(20.0, bullet=False),))  # 24 pt a line: 2 lines (49 pt), not 3
ROWS = Box(width=600.0, height=230.0)  # a 10 pt table: header 22 pt, each one-line row 22 pt: 9 rows a page
ONE = Box(width=600.0, height=12.5, inset_top=0.0, inset_bottom=0.0, levels=(LevelStyle(10.0, bullet=False),))
EXACT = {"Title and Content": {"title": TWO_LINE_TITLE, "body": TEN, "caption": ONE},
         "Title Slide": {"title": TWO_LINE_TITLE, "body": TEN, "subtitle": FIVE},
         "Section Header": {"title": TWO_LINE_TITLE, "body": FIVE, "kicker": ONE},
         "Two Content": {"title": TWO_LINE_TITLE, "body": TEN, "right": TEN},
         "Table": {"title": TWO_LINE_TITLE, "table": ROWS}}


def _lines(k: int, name: str = "line") -> str:
    return "\n".join(f"{name} {i}" for i in range(k))


def _one_liners(n: int) -> tuple:
    return tuple(Bullet(text=f"point {i}") for i in range(n))


def _exact(measure, slide: Slide, shrink: bool = False) -> tuple[list[Slide], list[str]]:
    """The slides ``slide`` becomes in the EXACT geometry, and the warnings as text."""
    out, warnings = paginate(Deck(slides=(slide,)), EXACT, _measurers(measure), shrink=shrink)
    return list(out.slides), [str(w) for w in warnings]


def _body_texts(slides: list[Slide]) -> list[list[str]]:
    return [[b.text for b in s.body] for s in slides]


# A page holds 10 lines at 10 pt, 11 at 9 pt (10.8 pt a line), 12 at 8.5 pt (10.2 pt a line, the quiet floor
# of 85%).  11 lines: quietly 90% on one slide.  13 and 15: even 85% holds only 12, so they continue at full
# size, balanced at the smallest fill that keeps two pages (70%: 7 lines; 80%: 8).  20: no fill under 100%
# keeps two pages.  21: [7, 7, 7] at full size, but at 90% two pages of 11 + 10 hold it: one slide fewer.
# 25: three pages at every quiet scale, balanced at a 90% fill (9 lines).
@pytest.mark.parametrize("n,sizes,scale", [(10, [10], 1.0), (11, [11], 0.9), (13, [7, 6], 1.0), (15, [8, 7], 1.0),
                                           (20, [10, 10], 1.0), (21, [11, 10], 0.9), (25, [9, 9, 7], 1.0)])
def test_body_pages_are_the_fewest_and_as_even_as_the_fill_steps_allow(measure, n, sizes, scale):
    bullets = _one_liners(n)
    slides, warnings = _exact(measure, Slide(layout="Title and Content", title="T", body=bullets, notes=("say",)))
    assert [len(s.body) for s in slides] == sizes and warnings == []
    assert [s.scale("body") for s in slides] == [scale] * len(sizes)
    assert [b for s in slides for b in s.body] == list(bullets)  # nothing lost, nothing repeated, in order
    total = len(sizes)
    assert [s.title for s in slides] == ["T"] + [f"T (cont., {k} of {total})" for k in range(2, total + 1)]
    assert [s.continued for s in slides] == [False] + [True] * (len(sizes) - 1)
    assert [s.notes for s in slides] == [("say",)] + [("Continued from the previous slide.", "say")] * (len(sizes) - 1)


def test_a_slide_that_exactly_fills_its_box_is_neither_split_nor_shrunk(measure):
    slide = Slide(layout="Title and Content", title="T", body=_one_liners(10))
    for shrink in (False, True):
        assert _exact(measure, slide, shrink) == ([slide], [])


def test_a_continuation_turns_at_a_heading_when_that_needs_no_extra_slide(measure):
    # 13 lines (too many even at 85%): balanced, 7 + 6 at a 70% fill; turning at the heading, 9 + 4, is as
    # few slides and leaves the continuation its three lines.
    signs = tuple(Bullet(text=f"sign {k}", level=1) for k in range(3))
    body = _one_liners(9) + (Bullet(text="Watch for", style="heading"),) + signs
    slides, warnings = _exact(measure, Slide(layout="Title and Content", title="T", body=body))
    assert _body_texts(slides) == [[f"point {i}" for i in range(9)], ["Watch for", "sign 0", "sign 1", "sign 2"]]
    assert [s.scales for s in slides] == [(), ()] and warnings == []


def test_a_turn_at_a_heading_that_leaves_a_short_continuation_is_not_taken(measure):
    # 9 lines, then a heading and one sub-bullet: turning at the heading would leave 2 lines; the balanced
    # 6 + 5 would do, but at 90% all 11 lines (10.8 pt each, 118.8 pt) fit one slide.
    body = _one_liners(9) + (Bullet(text="Watch for", style="heading"), Bullet(text="sign", level=1))
    slides, warnings = _exact(measure, Slide(layout="Title and Content", title="T", body=body))
    assert [s.body for s in slides] == [body] and slides[0].scales == (("body", 0.9),) and warnings == []


def test_a_heading_does_not_turn_the_page_when_that_would_need_an_extra_slide(measure):
    body = (Bullet(text="point 0"), Bullet(text="Watch for", style="heading")) + tuple(
        Bullet(text=f"point {i}") for i in range(2, 14))
    slides, _ = _exact(measure, Slide(layout="Title and Content", title="T", body=body))
    assert [len(s.body) for s in slides] == [7, 7]
    assert slides[0].body == body[:7] and slides[1].body == body[7:]


def test_a_lead_never_ends_a_page(measure):
    # Without the lead kept with what follows, the even split would end the first page with it.
    body = _one_liners(6) + (Bullet(text="So what", style="lead"), Bullet(text="after")) + _one_liners(5)
    slides, _ = _exact(measure, Slide(layout="Title and Content", title="T", body=body))
    assert _body_texts(slides) == [[f"point {i}" for i in range(6)],
                                   ["So what", "after"] + [f"point {i}" for i in range(5)]]


def test_a_bullet_stays_with_its_first_sub_bullet(measure):
    body = _one_liners(6) + (Bullet(text="parent"), Bullet(text="child", level=1)) + _one_liners(5)
    slides, _ = _exact(measure, Slide(layout="Title and Content", title="T", body=body))
    assert _body_texts(slides) == [[f"point {i}" for i in range(6)],
                                   ["parent", "child"] + [f"point {i}" for i in range(5)]]


def test_a_block_too_big_for_a_page_after_other_text_fills_that_page_first(measure):
    block = tuple(Bullet(text=f"level {k}", level=k) for k in range(4)) + (Bullet(text=_lines(8, "deep"), level=4),)
    body = _one_liners(3) + block  # 3 lines, then one block of 4 + 8 lines
    slides, _ = _exact(measure, Slide(layout="Title and Content", title="T", body=body))
    assert _body_texts(slides) == [["point 0", "point 1", "point 2", "level 0", "level 1", "level 2", "level 3"],
                                   [_lines(8, "deep")]]


def test_fill_steps_too_small_for_a_paragraph_are_skipped_not_the_larger_ones(measure):
    # The 8-line paragraph does not fit 55-75% of the box; at 80% the three pages are as even as they get
    # (5, 8, 8 lines; at 100%: 5, 10, 6).  21 lines need three pages even at 85% (12 lines a page).
    body = _one_liners(5) + (Bullet(text=_lines(8, "long")),) + tuple(Bullet(text=f"tail {i}") for i in range(8))
    slides, warnings = _exact(measure, Slide(layout="Title and Content", title="T", body=body))
    assert _body_texts(slides) == [[f"point {i}" for i in range(5)], [_lines(8, "long")],
                                   [f"tail {i}" for i in range(8)]]
    assert [s.scales for s in slides] == [(), (), ()] and warnings == []


def test_a_continued_slide_without_a_title_is_titled_cont(measure):
    slides, _ = _exact(measure, Slide(layout="Title and Content", body=_one_liners(13)))
    assert [s.title for s in slides] == [None, " (cont., 2 of 2)"]


def test_a_block_too_big_for_one_page_breaks_between_its_paragraphs(measure):
    body = tuple(Bullet(text=f"level {k}", level=k) for k in range(5)) * 1 + (
        Bullet(text=_lines(8, "deep"), level=4),)  # one block of 5 + 8 = 13 lines: no page holds it whole
    slides, _ = _exact(measure, Slide(layout="Title and Content", title="T", body=body))
    assert [[b.text for b in s.body] for s in slides] == [[f"level {k}" for k in range(5)], [_lines(8, "deep")]]


def test_a_paragraph_too_big_for_an_empty_box_names_slide_role_and_ratio(measure):
    first = Slide(layout="Title and Content", title="Intro", body=_one_liners(13))  # 2 slides
    big = Slide(layout="Title and Content", title="Risks", body=(Bullet(text=_lines(15)),))  # 180 / 122.5 pt
    also = Slide(layout="Title Slide", title="Brief", body=_one_liners(18))  # 216 / 122.5 pt; 129.6 pt at 60%
    with pytest.raises(BuildError) as err:
        paginate(Deck(slides=(first, big, also)), EXACT, _measurers(measure))
    assert err.value.lines() == [
        'slide 3 "Risks": body is 147% of its box; shorten it or set shrink_to_fit: true in briefgen.yaml',
        'slide 4 "Brief": body is 176% of its box; shorten it or set shrink_to_fit: true in briefgen.yaml']


def test_a_title_slide_body_shrinks_quietly_to_fit_instead_of_failing(measure):
    slide = Slide(layout="Title Slide", title="Brief", body=_one_liners(12))  # 144 pt; 122.4 pt at 8.5 pt
    assert _exact(measure, slide) == ([replace(slide, scales=(("body", 0.85),))], [])


def test_shrink_to_fit_picks_the_largest_size_that_fits(measure):
    big = Slide(layout="Title and Content", title="Risks", body=(Bullet(text=_lines(15)),))
    slides, warnings = _exact(measure, big, shrink=True)  # 15 lines fit at 6.5 pt (117 pt), not at 7 pt (126 pt)
    assert [s.scales for s in slides] == [(("body", 0.65),)] and slides[0].body == big.body
    assert warnings == ['warning: slide 1 "Risks": body text shrunk to 65% to fit its box']


def test_a_paragraph_too_big_even_at_half_size_is_reported_with_shrink_on(measure):
    huge = Slide(layout="Title and Content", title="Huge", body=(Bullet(text=_lines(25)),))  # 150 pt at 5 pt
    with pytest.raises(BuildError) as err:
        _exact(measure, huge, shrink=True)
    assert err.value.lines() == [
        'slide 1 "Huge": body is 245% of its box; shorten it or set shrink_to_fit: true in briefgen.yaml']


@pytest.mark.parametrize("n,scale", [(11, 0.9), (12, 0.85), (14, 0.7)])
def test_with_shrink_on_a_slightly_long_slide_shrinks_to_the_largest_size_that_keeps_one_slide(measure, n, scale):
    slides, warnings = _exact(measure, Slide(layout="Title and Content", title="T", body=_one_liners(n)), shrink=True)
    assert [len(s.body) for s in slides] == [n] and slides[0].scales == (("body", scale),)
    assert warnings == [f'warning: slide 1 "T": body text shrunk to {round(scale * 100)}% to fit its box']


def test_with_shrink_on_text_that_needs_less_than_70_percent_continues_at_full_size(measure):
    slides, warnings = _exact(measure, Slide(layout="Title and Content", title="T", body=_one_liners(15)), shrink=True)
    assert [len(s.body) for s in slides] == [8, 7] and [s.scales for s in slides] == [(), ()] and warnings == []


def test_a_title_of_too_many_lines_shrinks_quietly_then_is_an_error_or_shrinks_to_fit(measure):
    three = Slide(layout="Title and Content", title=_lines(3, "title"), body=_one_liners(1))  # 72 pt in 49 pt
    for shrink in (False, True):  # 3 lines at 13 pt: 46.8 pt (at 14 pt: 50.4 pt); no warning either way
        assert _exact(measure, three, shrink) == ([replace(three, scales=(("title", 0.65),))], [])
    slide = replace(three, title=_lines(4, "title"))  # 96 pt in 49 pt; at 60% (12 pt) still 57.6 pt
    with pytest.raises(BuildError) as err:
        _exact(measure, slide)
    label = 'slide 1 "title 0\\ntitle 1\\ntitle 2\\ntitle 3"'  # one line: line breaks shown as \\n
    assert err.value.lines() == [f'{label}: title is 196% of its box; shorten it or set shrink_to_fit: true in '
                                 f'briefgen.yaml']
    slides, warnings = _exact(measure, slide, shrink=True)  # 4 lines at 10 pt: 48 pt (at 11 pt: 52.8 pt)
    assert [s.scales for s in slides] == [(("title", 0.5),)]
    assert warnings == [f'warning: {label}: title text shrunk to 50% to fit its box']


def test_a_subtitle_box_is_fitted_on_its_own(measure):
    six = Slide(layout="Title Slide", title="Brief", subtitle=_lines(6, "sub"), body=_one_liners(2))  # 72 pt
    assert _exact(measure, six) == ([replace(six, scales=(("subtitle", 0.85),))], [])  # 6 x 10.2 pt in 61.25 pt
    slide = replace(six, subtitle=_lines(9, "sub"))  # 108 pt; at 60% 9 x 7.2 = 64.8 pt
    with pytest.raises(BuildError) as err:
        _exact(measure, slide)
    assert err.value.lines() == ['slide 1 "Brief": subtitle is 176% of its box; shorten it or set '
                                 'shrink_to_fit: true in briefgen.yaml']
    slides, warnings = _exact(measure, slide, shrink=True)
    assert [s.scales for s in slides] == [(("subtitle", 0.55),)] and slides[0].body == slide.body  # 9 x 6.6 pt
    assert warnings == ['warning: slide 1 "Brief": subtitle text shrunk to 55% to fit its box']


# The divider's box (61.25 pt) holds 5 lines of 12 pt, and 8 of 7.2 pt at 60%: 7 items and "and N more".
@pytest.mark.parametrize("listed,more,kept,says,left_out", [(12, 0, 7, "and 5 more", 5), (10, 3, 7, "and 6 more", 3),
                                                            (8, 2, 7, "and 3 more", 1)])
def test_a_divider_keeps_exactly_as_many_items_as_fit(measure, listed, more, kept, says, left_out):
    items = tuple(Bullet(text=f"item {i}", style="plain", refs=(i + 1,)) for i in range(listed - 1)) + (
        Bullet(text=f"item {listed - 1}", style="number", refs=(listed,)),)
    tail = (Bullet(text=f"and {more} more", style="plain"),) if more else ()
    slides, warnings = _exact(measure, Slide(layout="Section Header", title="Threats", body=items + tail))
    assert [[b.text for b in s.body] for s in slides] == [[f"item {i}" for i in range(kept)] + [says]]
    assert slides[0].body[:kept] == items[:kept]
    assert (slides[0].body[-1].style, slides[0].body[-1].refs) == ("number", ())  # drawn like the last item
    assert slides[0].scales == (("body", 0.6),)
    assert warnings == [f'warning: slide 1 "Threats": {left_out} of its {listed} listed items left out to fit its box']


def test_a_divider_whose_items_fit_at_60_percent_keeps_them_all_quietly(measure):
    items = tuple(Bullet(text=f"item {i}", style="plain") for i in range(8))  # 57.6 pt at 60%, 62.4 pt at 65%
    slide = Slide(layout="Section Header", title="Threats", body=items)
    assert _exact(measure, slide) == ([replace(slide, scales=(("body", 0.6),))], [])


def test_with_shrink_on_a_divider_shrinks_before_it_leaves_items_out(measure):
    items = tuple(Bullet(text=f"item {i}", style="plain") for i in range(9))  # without shrink: 7 and "2 more"
    slides, warnings = _exact(measure, Slide(layout="Section Header", title="Threats", body=items), shrink=True)
    assert slides[0].body == items and slides[0].scales == (("body", 0.55),)  # 9 lines of 6.6 pt in 61.25 pt
    assert warnings == ['warning: slide 1 "Threats": body text shrunk to 55% to fit its box']
    many = tuple(Bullet(text=f"item {i}", style="plain") for i in range(12))  # at 50%, 10 lines of 6 pt fit
    slides, warnings = _exact(measure, Slide(layout="Section Header", title="Threats", body=many), shrink=True)
    assert [b.text for b in slides[0].body] == [f"item {i}" for i in range(9)] + ["and 3 more"]
    assert slides[0].scales == (("body", 0.5),)
    assert warnings == ['warning: slide 1 "Threats": 3 of its 12 listed items left out to fit its box',
                        'warning: slide 1 "Threats": body text shrunk to 50% to fit its box']


def test_a_divider_where_only_the_count_fits_keeps_only_the_count_shrunk_quietly(measure):
    small = Box(width=600.0, height=10.0, inset_top=0.0, inset_bottom=0.0, levels=(LevelStyle(10.0, bullet=False),))
    items = tuple(Bullet(text=f"item {i}", style="plain") for i in range(3))
    out, warnings = paginate(Deck(slides=(Slide(layout="Section Header", title="Threats", body=items),)),
                             {"Section Header": {"body": small}}, _measurers(measure))
    assert [b.text for b in out.slides[0].body] == ["and 3 more"]
    assert out.slides[0].scales == (("body", 0.8),)  # one line of 9.6 pt in 9.8 pt (10.2 pt at 85%)
    assert [str(w) for w in warnings] == ['warning: slide 1 "Threats": 3 of its 3 listed items left out to fit its box']


def test_a_divider_where_not_even_one_line_fits_is_an_error(measure):
    tiny = Box(width=600.0, height=7.0, inset_top=0.0, inset_bottom=0.0, levels=(LevelStyle(10.0, bullet=False),))
    geometry = {"Section Header": {"body": tiny}}
    items = tuple(Bullet(text=f"item {i}", style="plain") for i in range(3))
    with pytest.raises(BuildError) as err:
        paginate(Deck(slides=(Slide(layout="Section Header", title="Threats", body=items),)), geometry,
                 _measurers(measure))
    assert err.value.lines() == ['slide 1 "Threats": body is 525% of its box; shorten it or set shrink_to_fit: '
                                 'true in briefgen.yaml']  # 36 pt in 6.86 pt; one line at 60% is 7.2 pt


def test_table_row_heights_are_lines_times_line_height_plus_cell_margins(measure):
    table = TableSpec(columns=("A", "B"), rows=(("x", "y"), (_lines(3), "z"), ("p", _lines(2))), size=10)
    assert table_row_heights(table, 600, measure) == pytest.approx([22.0, 22.0, 46.0, 34.0])
    assert table_row_heights(table, 600, measure, factor=0.5) == pytest.approx([16.0, 16.0, 28.0, 22.0])


# A page holds 9 rows of 22 pt under the 22 pt header, 10 rows of 20.8 pt at 90% (9 pt), 10 of 20.2 pt at 85%.
# 12: [6, 6] at a 70% fill.  19: [7, 7, 5] at full size, but at 90% two pages (10 + 9) hold it.  21: three
# pages even at 85%, [7, 7, 7] at an 80% fill.
@pytest.mark.parametrize("n,sizes,scale", [(9, [9], 1.0), (12, [6, 6], 1.0), (19, [10, 9], 0.9), (21, [7, 7, 7], 1.0)])
def test_table_pages_are_the_fewest_and_as_even_as_the_fill_steps_allow(measure, n, sizes, scale):
    rows = tuple((f"row {i}", "v") for i in range(n))
    notes = tuple((f"note {i}",) for i in range(n))
    table = TableSpec(columns=("Name", "Value"), rows=rows, size=10, marked=(0, 7), notes=notes)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [len(s.table.rows) for s in slides] == sizes and warnings == []
    assert [s.scale("table") for s in slides] == [scale] * len(sizes)
    assert [r for s in slides for r in s.table.rows] == list(rows)
    assert [n for s in slides for n in s.table.notes] == list(notes)
    assert [s.table.rows[m][0] for s in slides for m in s.table.marked] == ["row 0", "row 7"]
    assert all(s.table.columns == ("Name", "Value") for s in slides)
    total = len(sizes)
    assert [s.title for s in slides] == ["Options"] + [f"Options (cont., {k} of {total})" for k in range(2, total + 1)]


def test_a_table_row_taller_than_its_box_is_split_across_slides(measure):
    # 22 + 370 pt in 230 pt: a slide holds the header and 16 lines (202 pt); the most even split of the 30 lines
    # is 15 and 15.  Both parts keep the row's mark and notes; the second names the row "row (cont.)".
    table = TableSpec(columns=("Name", "Value"), rows=(("row", _lines(30)),), size=10, marked=(0,), notes=(("n",),))
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    rest = "\n".join(f"line {i}" for i in range(15, 30))
    assert [s.table.rows for s in slides] == [(("row", _lines(15)),), (("row (cont.)", rest),)]
    assert [s.title for s in slides] == ["Options", "Options (cont., 2 of 2)"]
    assert [s.table.marked for s in slides] == [(0,), (0,)] and [s.table.notes for s in slides] == [(("n",),)] * 2
    assert warnings == [] and [s.scales for s in slides] == [(), ()]
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table), shrink=True)
    assert [s.scales for s in slides] == [(("table", 0.55),)]  # shrink-to-fit still shrinks it: 11 + 218 pt at 5.5 pt
    assert warnings == ['warning: slide 1 "Options": table text shrunk to 55% to fit its box']


def test_a_table_row_of_which_not_two_lines_fit_under_the_header_names_slide_and_ratio(measure):
    table = TableSpec(columns=("Name", "Value"), rows=(("row", _lines(30)),), size=10)  # 22 + 370 pt in 40 pt
    with pytest.raises(BuildError) as err:
        paginate(Deck(slides=(Slide(layout="Table", title="Options", table=table),)),
                 {"Table": {"table": Box(width=600.0, height=40.0)}}, _measurers(measure))
    assert err.value.lines() == ['slide 1 "Options": table is 980% of its box; shorten it or set shrink_to_fit: '
                                 'true in briefgen.yaml']


def test_a_tall_last_row_takes_the_row_before_it_onto_its_continuation_at_90_percent(measure):
    # 22 + 22 + 22 + 202 pt: the tall row needs a page of its own (224 of 230 pt), which would hold it alone;
    # with the row before it (246 pt) it fits only at 90% (20.8 + 20.8 + 182.8 = 224.4 pt; at 95%: 235.2 pt),
    # and no quiet scale puts all three on one slide (at 85%: 3 x 20.2 + 173.2 = 233.8 pt).
    rows = (("a", "b"), ("b", "c"), ("row", _lines(16)))
    table = TableSpec(columns=("Name", "Value"), rows=rows, size=10)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [[r[0] for r in s.table.rows] for s in slides] == [["a"], ["b", "row"]] and warnings == []
    assert [s.scales for s in slides] == [(("table", 0.9),)] * 2
    assert [s.title for s in slides] == ["Options", "Options (cont., 2 of 2)"]


def test_a_lone_row_in_the_middle_of_a_continued_table_is_rebalanced_at_full_size(measure):
    # Rows of 22, 58, 22, 166, 22 and 58 pt under a 22 pt header, 230 pt a page: the balanced split
    # [r0 r1 r2] [r3] [r4 r5] leaves r3 alone; moving r2 over gives [r0 r1] [r2 r3] (210 pt) [r4 r5].
    rows = tuple((f"r{i}", _lines(k)) for i, k in enumerate((1, 4, 1, 13, 1, 4)))
    notes = tuple((f"note {i}",) for i in range(6))
    table = TableSpec(columns=("Name", "Value"), rows=rows, size=10, marked=(2,), notes=notes)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [[r[0] for r in s.table.rows] for s in slides] == [["r0", "r1"], ["r2", "r3"], ["r4", "r5"]]
    assert warnings == [] and [s.scales for s in slides] == [()] * 3
    assert [s.table.marked for s in slides] == [(), (0,), ()]
    assert [s.table.notes for s in slides] == [notes[0:2], notes[2:4], notes[4:6]]


def test_rows_moved_for_a_lone_continuation_leave_the_first_slide_more_than_one_row(measure):
    # Rows of 46, 22, 178, 22, 22 and 22 pt under a 22 pt header, 230 pt a page: the balanced split leaves a
    # continuation with one row.  [r0 r1] [r2 r3] [r4 r5] and [r0] [r1 r2] [r3 r4 r5] both keep two rows on
    # each continuation with the same fullest page (222 pt); the one whose first slide is not a lone row wins.
    rows = tuple((f"r{i}", _lines(k)) for i, k in enumerate((3, 1, 14, 1, 1, 1)))
    table = TableSpec(columns=("Name", "Value"), rows=rows, size=10)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [[r[0] for r in s.table.rows] for s in slides] == [["r0", "r1"], ["r2", "r3"], ["r4", "r5"]]
    assert warnings == [] and [s.scales for s in slides] == [()] * 3


def test_a_lone_continued_row_is_joined_by_the_end_of_the_row_before_it_split_across_the_slides(measure):
    # Rows of 22, 106 and 154 pt under a 22 pt header, 230 pt a slide: [a mid] [row] leaves row alone, and no
    # arrangement of whole rows avoids it (at 85%: 20.2 + 20.2 + 91.6 + 132.4 pt > 230 pt with mid and row
    # together).  Split after 6 of mid's 8 lines, its last 2 lines go over with row (22 + 34 + 154 = 210 pt);
    # after 5 lines (222 pt) the fullest slide is fuller; after 7, one line would be left alone.
    rows = (("a", "b"), ("mid", _lines(8)), ("row", _lines(12)))
    notes = (("n0",), ("n1",), ("n2",))
    table = TableSpec(columns=("Name", "Value"), rows=rows, size=10, marked=(1,), notes=notes)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [s.table.rows for s in slides] == [(("a", "b"), ("mid", _lines(6))),
                                              (("mid (cont.)", "line 6\nline 7"), ("row", _lines(12)))]
    assert [s.table.marked for s in slides] == [(1,), (0,)]
    assert [s.table.notes for s in slides] == [notes[0:2], notes[1:3]]
    assert [s.title for s in slides] == ["Options", "Options (cont., 2 of 2)"]
    assert warnings == [] and [s.scales for s in slides] == [(), ()]


def test_a_lone_continued_row_that_even_a_split_cannot_join_stays_with_a_warning_naming_the_table(measure):
    # 22 + 22 + 106 pt, then a 202 pt last row: it fits only alone; split, its end would be alone on the next
    # slide; mid's last 2 lines (34 pt) and it (22 + 34 + 202 = 258 pt) do not fit a slide.
    rows = (("a", "b"), ("mid", _lines(8)), ("row", _lines(16)))
    table = TableSpec(columns=("Name", "Value"), rows=rows, size=10)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [s.table.rows for s in slides] == [rows[:2], rows[2:]]
    assert [s.scales for s in slides] == [(), ()]
    assert warnings == ['warning: slide 1 "Options": the table "Name | Value" continues with a single row on its '
                        'slide 2 of 2 (a continuation holds at least 2 rows; no arrangement keeps them together '
                        'at 85% type or more, even with a row split across slides): shorten its longest rows']


def _rest(k: int, n: int, name: str = "line") -> str:
    return "\n".join(f"{name} {i}" for i in range(k, n))


# A 20-line row (250 pt) is taller than a slide (208 pt under the header): split after 10 of its lines, with
# the short rows before and after it on its two slides (22 + 22 + 130 and 22 + 130 + 22 pt).
@pytest.mark.parametrize("row, first, rest", [
    (("row", _lines(20), "High (4)"), ("row", _lines(10), "High (4)"), ("row (cont.)", _rest(10, 20), "")),
    ((_lines(20, "t"), _lines(18), "x"), (_lines(10, "t"), _lines(10), "x"), (_rest(10, 20, "t"), _rest(10, 18), "")),
    ((_lines(20, "t"), _lines(10), "x"), (_lines(10, "t"), _lines(10), "x"), (_rest(10, 20, "t"), "", "")),
    (("", _lines(20), ""), ("", _lines(10), ""), ("", _rest(10, 20), ""))])
def test_a_split_row_continues_under_its_first_cell_with_cont_or_with_the_rest_of_that_cell(measure, row, first,
                                                                                             rest):
    table = TableSpec(columns=("Name", "Value", "X"), rows=(("a", "b", "c"), row, ("d", "e", "f")), size=10)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [s.table.rows for s in slides] == [(("a", "b", "c"), first), (rest, ("d", "e", "f"))]
    assert warnings == []


def test_a_row_that_fills_two_slides_exactly_is_split_in_two_full_parts(measure):
    # 22 + 32 x 12 + 10 pt: in a 224 pt box a slide holds the header and exactly 16 lines (22 + 202 pt).
    table = TableSpec(columns=("Name", "Value"), rows=(("row", _lines(32)),), size=10)
    out, warnings = paginate(Deck(slides=(Slide(layout="Table", title="T", table=table),)),
                             {"Table": {"table": Box(width=600.0, height=224.0)}}, _measurers(measure))
    assert [s.table.rows for s in out.slides] == [(("row", _lines(16)),), (("row (cont.)", _rest(16, 32)),)]
    assert warnings == []


def test_a_row_after_a_row_taller_than_a_slide_that_cannot_join_it_is_left_alone_with_a_warning(measure):
    # The 30-line row needs two slides (16 + 14 lines at most); the 15-line row after it (190 pt) fits with no
    # part of it (2 lines, 34 pt, + 190 pt > 208 pt): it is alone on the third slide.
    rows = (("tall", _lines(30)), ("next", _lines(15)))
    table = TableSpec(columns=("Name", "Value"), rows=rows, size=10)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [[r[0] for r in s.table.rows] for s in slides] == [["tall"], ["tall (cont.)"], ["next"]]
    assert warnings == ['warning: slide 1 "Options": the table "Name | Value" continues with a single row on its '
                        'slide 3 of 3 (a continuation holds at least 2 rows; no arrangement keeps them together '
                        'at 85% type or more, even with a row split across slides): shorten its longest rows']


def _parts(slides: list[Slide], name: str) -> list[str]:
    """The texts of the second cell of the row ``name`` (and its continued parts), slide by slide."""
    return [r[1] for s in slides for r in s.table.rows if r[0] in (name, name + " (cont.)")]


def test_a_row_is_split_after_a_sentence_into_numbered_cont_slides(measure):
    text = " ".join(f"Sentence {i} has a few words in it and ends here." for i in range(40)) + " [1, 3]"
    table = TableSpec(columns=("Name", "Value"), rows=(("a", "b"), ("long", text), ("c", "d")), size=10)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    assert [[r[0] for r in s.table.rows] for s in slides] == [["a", "long"], ["long (cont.)"], ["long (cont.)", "c"]]
    assert [s.title for s in slides] == ["Options", "Options (cont., 2 of 3)", "Options (cont., 3 of 3)"]
    parts = _parts(slides, "long")
    assert " ".join(parts) == text and all(p.endswith("ends here.") for p in parts[:-1])
    assert [p.split(" has")[0] for p in parts] == ["Sentence 0", "Sentence 13", "Sentence 27"]  # 13, 14, 13
    assert warnings == []


def test_a_row_is_split_after_a_paragraph_before_a_sentence(measure):
    text = "\n".join(f"Paragraph {i} starts here. It ends in a second sentence." for i in range(30))
    table = TableSpec(columns=("Name", "Value"), rows=(("a", "b"), ("p", text), ("c", "d")), size=10)
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    parts = _parts(slides, "p")
    assert len(parts) == 2 and "\n".join(parts) == text and warnings == []
    assert all(p.startswith("Paragraph") and p.endswith("second sentence.") for p in parts)


def test_a_split_never_cuts_inside_a_source_marker_nor_leaves_one_apart_from_its_words(measure):
    # No sentence: the cut falls between words, and the long markers leave few places it may fall.
    text = " ".join(f"fact{i} [" + ", ".join(str(k) for k in range(i, i + 12)) + "]" for i in range(30))
    table = TableSpec(columns=("Name", "Value"), rows=(("a", "b"), ("m", text), ("c", "d")), size=10, widths=(1, 1))
    slides, warnings = _exact(measure, Slide(layout="Table", title="Options", table=table))
    parts = _parts(slides, "m")
    assert len(parts) == 2 and " ".join(parts) == text and warnings == []
    assert all(p.startswith("fact") and p.endswith("]") for p in parts)


def test_a_table_shrinks_quietly_when_that_saves_a_continuation(measure):
    # 22 + 22 + 202 = 246 pt would continue with one row; at 90% (9 pt): 20.8 + 20.8 + 182.8 = 224.4 pt.
    table = TableSpec(columns=("Name", "Value"), rows=(("a", "b"), ("row", _lines(16))), size=10)
    slide = Slide(layout="Table", title="Options", table=table)
    assert _exact(measure, slide) == ([replace(slide, scales=(("table", 0.9),))], [])


# Two full-size lines (24.5 pt) hold three at 65% (7.8 pt, 23.4 pt), not at 70% (8.4 pt, 25.2 pt); one line
# (12.25 pt) holds only the count, at full size.
@pytest.mark.parametrize("lines, kept, scales", [(2, ["item 0", "item 1", "and 2 more"], (("body", 0.65),)),
                                                 (1, ["and 4 more"], ())])
def test_a_divider_of_one_or_two_lines_keeps_two_items_or_only_the_count(measure, lines, kept, scales):
    box = Box(width=600.0, height=12.5 * lines, inset_top=0.0, inset_bottom=0.0,
              levels=(LevelStyle(10.0, bullet=False),))
    items = tuple(Bullet(text=f"item {i}", style="plain") for i in range(4))
    out, warnings = paginate(Deck(slides=(Slide(layout="Section Header", title="T", body=items),)),
                             {"Section Header": {"body": box}}, _measurers(measure))
    assert [b.text for b in out.slides[0].body] == kept and out.slides[0].scales == scales
    assert [str(w) for w in warnings] == [
        f'warning: slide 1 "T": {5 - len(kept)} of its 4 listed items left out to fit its box']


def test_table_rows_that_exactly_fill_the_box_fit(measure):
    nine = TableSpec(columns=("Name", "Value"), rows=tuple((f"row {i}", "v") for i in range(9)), size=10)
    full = Box(width=600.0, height=220.0)  # header 22 pt + 9 rows of 22 pt: exactly full
    out, _ = paginate(Deck(slides=(Slide(layout="Table", title="T", table=nine),)), {"Table": {"table": full}},
                      _measurers(measure))
    assert [len(s.table.rows) for s in out.slides] == [9]
    tall = TableSpec(columns=("Name", "Value"), rows=(("row", _lines(16)),), size=10)  # 202 pt + 22 pt header
    out, _ = paginate(Deck(slides=(Slide(layout="Table", title="T", table=tall),)),
                      {"Table": {"table": Box(width=600.0, height=224.0)}}, _measurers(measure))
    assert [s.table.rows for s in out.slides] == [tall.rows]


@pytest.mark.parametrize("slide, role, ratio", [
    (Slide(layout="Section Header", title="T", kicker=_lines(3, "k"), body=(Bullet(text="a", style="plain"),)),
     "kicker", "294%"),  # 36 pt in 12.25 pt
    (Slide(layout="Title and Content", title="T", caption=_lines(2, "c"), body=_one_liners(2)), "caption", "196%"),
    (Slide(layout="Two Content", title="T", body=_one_liners(18), right=_one_liners(1)), "body", "176%")])
def test_boxes_that_never_continue_must_fit(measure, slide, role, ratio):
    with pytest.raises(BuildError) as err:
        _exact(measure, slide)
    assert err.value.lines() == [f'slide 1 "T": {role} is {ratio} of its box; shorten it or set shrink_to_fit: '
                                 f'true in briefgen.yaml']


def test_a_column_shrinks_quietly_down_to_60_percent(measure):
    slide = Slide(layout="Two Content", title="T", body=_one_liners(13), right=_one_liners(17))
    # 13 lines: 117 pt at 7.5 pt (124.8 pt at 8 pt); 17 lines: 122.4 pt at 6 pt (132.6 pt at 6.5 pt)
    assert _exact(measure, slide) == ([replace(slide, scales=(("body", 0.75), ("right", 0.6)))], [])


def test_a_layout_with_a_right_box_continues_the_body_when_the_slide_has_no_right_column(measure):
    slides, _ = _exact(measure, Slide(layout="Two Content", title="T", body=_one_liners(13)))
    assert [len(s.body) for s in slides] == [7, 6]


def test_a_slide_on_a_layout_without_measured_boxes_is_left_as_it_is(measure):
    slide = Slide(layout="Blank", title="T", body=_one_liners(40))
    assert _exact(measure, slide) == ([slide], [])


def test_every_page_says_which_of_how_many_it_is_so_every_title_stays_unique() -> None:
    from briefgen.render.deck.model import Slide
    from briefgen.render.deck.paginate import _continued

    slide = Slide(layout="Title and Content", title="Backup: Options", notes=("n",))
    pages = [_continued(slide, n, 4) for n in range(4)]
    assert [p.title for p in pages] == ["Backup: Options", "Backup: Options (cont., 2 of 4)",
                                        "Backup: Options (cont., 3 of 4)", "Backup: Options (cont., 4 of 4)"]
    assert [p.notes for p in pages] == [("n",)] + [("Continued from the previous slide.", "n")] * 3
    assert [p.continued for p in pages] == [False, True, True, True]


def test_a_heading_inside_a_long_run_goes_over_with_the_text_it_introduces(measure):
    """The BLUF slide's run: a lead, a heading and its text are one block, too big for one slide: the page
    turns before the heading, never after it."""
    lead = Bullet(text=" ".join(["bottom line"] * 90), style="lead")  # the lead and the heading fit one slide
    body = (lead, Bullet(text="Recommendation", style="heading"), Bullet(text=" ".join(["act"] * 160), style="plain"))
    out, _ = paginate(Deck(slides=(Slide(layout="Title and Content", title="BLUF", body=body),)), GEOMETRY,
                      _measurers(measure))
    assert [[b.text for b in s.body] for s in out.slides] == [[lead.text], ["Recommendation", body[2].text]]


def test_a_continuation_never_holds_a_lone_line(measure):
    n = 1
    while out_of(paginate(Deck(slides=(_slide(n + 1, words=30),)), GEOMETRY, _measurers(measure)))[0] == 1:
        n += 1
    tail = Bullet(text="one short line")  # a line that would be alone on the continuation
    slide = replace(_slide(n, words=30), body=_slide(n, words=30).body + (tail,))
    out, _ = paginate(Deck(slides=(slide,)), GEOMETRY, _measurers(measure))
    if len(out.slides) > 1:  # not saved by shrinking: the continuation has company for the short line
        last = out.slides[-1]
        lines = sum(measure.lines(b.display(), BODY.inner_width, LEVELS[b.level]) for b in last.body)
        assert lines >= 3 and last.body[-1] == tail


def test_sub_bullets_stay_with_their_parent(measure):
    body = ()
    for i in range(6):
        body += (Bullet(text=f"parent {i} " + "word " * 12),) + tuple(
            Bullet(text=f"child {i}.{k} " + "word " * 8, level=1) for k in range(3))
    out, _ = paginate(Deck(slides=(Slide(layout="Title and Content", title="Tree", body=body),)), GEOMETRY,
                      _measurers(measure))
    assert len(out.slides) > 1
    for s in out.slides:
        assert s.body[0].level == 0, [b.text for b in s.body]  # no page starts with an orphaned child


def test_a_continued_table_holds_at_least_two_rows(measure):
    n = 1
    while True:  # n rows fill the table box; n + 1 continue
        rows = tuple((f"Option {i}", "High (4)", "Low (2)") for i in range(n + 1))
        table = TableSpec(columns=("Option", "Deterrence", "Escalation"), rows=rows)
        out, _ = paginate(Deck(slides=(Slide(layout="Table", title="Options", table=table),)), GEOMETRY,
                          _measurers(measure))
        if len(out.slides) > 1:
            break
        n += 1
    assert [len(s.table.rows) for s in out.slides][-1] >= 2
    assert out.slides[1].title == "Options (cont., 2 of 2)" and out.slides[1].table.columns == table.columns


# ------------------------------------------------------------------ where a row is cut
# At 10 pt, "Sentence 10 is here." is 81.6 pt wide (82.9 pt bold) and two of them never share a line 100 pt wide:
# in a column 100 pt wide inside its margins each sentence takes one line; 84.8 pt wide (82.3 pt after the
# measurer's 3% safety) ten of them take ten lines drawn regular, fourteen drawn bold ("Sentence 10 is" /
# "here. Sentence 11" / "is here. Sentence" / "12 is here." ...).
def _sentences(first: int, last: int) -> str:
    return " ".join(f"Sentence {i} is here." for i in range(first, last))


def _cutter(measure, rows: tuple, inner: float, **table):
    """The row cutter of a table of ``rows`` whose columns are each ``inner`` points wide inside their margins."""
    from briefgen.render.deck.paginate import CELL_MARGIN_X, _RowCutter

    columns = ("A",) * len(rows[0])
    spec = TableSpec(columns=columns, rows=rows, size=10, **table)
    return _RowCutter(spec, (inner + 2 * CELL_MARGIN_X) * len(columns), measure, 1.0)


@pytest.mark.parametrize("opening, lines, kept", [
    (4, 8, 8),  # the paragraph fills 4 of the 8 lines, not more than half: cut after the 8th sentence
    (5, 8, 5),  # it fills 5 of 8: cut after it
    (1, 8, 8),
    (5, 10, 10)])
def test_a_row_is_cut_after_a_paragraph_filling_more_than_half_of_its_lines_else_after_a_sentence(
        measure, opening, lines, kept):
    text = _sentences(10, 10 + opening) + "\n" + _sentences(10 + opening, 40)
    cutter = _cutter(measure, ((text,),), 100.0)
    (end,) = cutter.cut(0, (0,), lines)
    assert text[:end].split() == text.split()[:4 * kept]
    assert cutter.cells(0, (0,), (end,)) == (text[:end],)


def test_a_cut_never_falls_inside_a_word_too_long_for_a_line(measure):
    text = "x" * 60 + " " + _sentences(10, 20)  # the word takes 3 lines
    cutter = _cutter(measure, ((text,),), 100.0)
    assert cutter.cut(0, (0,), 2) is None
    (end,) = cutter.cut(0, (0,), 3)
    assert text[:end] == "x" * 60


@pytest.mark.parametrize("table", [{"row_titles": True}, {"marked": (0,)}])
def test_the_first_cell_of_a_row_drawn_bold_is_cut_as_drawn_bold(measure, table):
    text = _sentences(10, 20)
    cutter = _cutter(measure, ((text, text),), 84.8, **table)
    assert cutter.lines(0, 0, text) == 14 and cutter.lines(0, 1, text) == 10
    first, second = cutter.cut(0, (0, 0), 4)
    assert text[:first] == _sentences(10, 13) and text[:second] == _sentences(10, 14)
    plain = _cutter(measure, ((text, text),), 84.8)
    assert plain.cut(0, (0, 0), 4) == (second, second)
