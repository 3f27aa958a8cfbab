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
    return lambda family: m


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
