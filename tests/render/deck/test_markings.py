"""Tests of briefgen.render.deck.markings: each slide's banner is the highest marking of the portions it shows
(its item, the paragraphs from a portion, its chart's data, any portion's text on it or in its notes), the title
slide keeps the document's, continuations keep the banner of the slide they continue."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from briefgen import api
from briefgen.load.markings import US_SCHEME
from briefgen.render.deck.markings import (MIN_MATCH, PortionMarker, chart_mark, portion_mark, portion_texts,
                                          shown_portions, slide_banner, slide_texts, with_portion_marks,
                                          with_slide_banners)
from briefgen.render.deck.model import Bullet, Deck, Slide, TableSpec
from briefgen.tailor.markings import Banner
from briefgen.tailor.view import BriefView, ViewImage, ViewPortion
from briefgen.write.pptx.check import check_pptx
from briefgen.write.pptx.writer import write_pptx
from tests.support.fixture_projects import make_project
from tests.support.memo_views import options

SECRET_NF, CONF, UNCL = "SECRET//NOFORN", "CONFIDENTIAL", "UNCLASSIFIED"
COLOURS = {SECRET_NF: ("C8102E", "FFFFFF"), CONF: ("0033A0", "FFFFFF"), UNCL: ("007A33", "FFFFFF")}


@pytest.fixture(scope="module")
def per_slide(tmp_path_factory) -> api.Loaded:
    """The markings-per-slide project: option opt-reassure SECRET//NOFORN with twelve CONFIDENTIAL facts (its
    slide continues), event ev-exercise CONFIDENTIAL, everything else unmarked (UNCLASSIFIED)."""
    return api.load(make_project(tmp_path_factory.mktemp("per-slide") / "proj", "markings-per-slide"))


def deck_banners(loaded: api.Loaded, audience: str, folder: Path) -> list[tuple[str, str, tuple]]:
    """(title, banner text, (fill, text colour)) of each slide of the audience's deck, as written; the top and
    bottom banners of every slide agree."""
    path = folder / f"{audience}.pptx"
    write_pptx(api.tailor_view(loaded.library, audience), path, options())
    out = []
    for slide in Presentation(str(path)).slides:
        bands = [s for s in slide.shapes if s.name.startswith("Classification Banner")]
        seen = {(b.text_frame.text, str(b.fill.fore_color.rgb), str(b.text_frame.paragraphs[0].runs[0].font.color.rgb))
                for b in bands}
        assert len(bands) == 2 and len(seen) == 1, seen
        ((text, fill, ink),) = seen
        out.append((slide.shapes.title.text, text, (fill, ink)))
    return out


@pytest.fixture(scope="module")
def dovish(per_slide: api.Loaded, tmp_path_factory) -> list:
    return deck_banners(per_slide, "dovish", tmp_path_factory.mktemp("dovish"))


@pytest.fixture(scope="module")
def hawkish(per_slide: api.Loaded, tmp_path_factory) -> list:
    return deck_banners(per_slide, "hawkish", tmp_path_factory.mktemp("hawkish"))


def test_only_the_slides_showing_the_higher_portion_carry_its_banner(dovish: list) -> None:
    marked = [(title, text) for title, text, _ in dovish if text != UNCL]
    assert marked == [
        ("Minimal test briefing", SECRET_NF),  # the title slide: the document's highest
        ("Bottom line up front", SECRET_NF),  # its notes name the option the brief leads with
        ("Strategic context", CONF),  # the timeline draws every event
        ("Options that stabilise", SECRET_NF),  # the divider lists the option's title
        ("Options that stabilise at a glance", SECRET_NF),  # the chart's data include it
        ("Options compared", SECRET_NF),  # a row of the table
        ("Reassurance on intentions", SECRET_NF),  # its own slide
        ("Reassurance on intentions (cont., 2 of 2)", SECRET_NF),  # and the continuation
        ("Recommendation", SECRET_NF)]  # recommended: named on the slide
    assert ("Trilateral planning", UNCL) in [(t, b) for t, b, _ in dovish]  # its notes' pushback "Essential." is no match
    assert ("Sources", UNCL) in [(t, b) for t, b, _ in dovish]  # sources carry no marking: the briefing's


def test_each_banner_is_drawn_in_its_levels_colours(dovish: list) -> None:
    assert {text: colours for _, text, colours in dovish} == COLOURS


def test_two_audiences_variants_carry_the_banners_of_what_each_slide_shows(dovish: list, hawkish: list) -> None:
    marked = [(title, text) for title, text, _ in hawkish if text != UNCL]
    assert marked == [
        ("Minimal test briefing", SECRET_NF),
        ("Strategic context", CONF),
        ("Options to strengthen deterrence at a glance", SECRET_NF),  # the chart draws backup items too
        ("Backup: Options", SECRET_NF)]  # the option is in backup for this audience
    assert dict((t, b) for t, b, _ in hawkish)["Recommendation"] == UNCL
    assert dict((t, b) for t, b, _ in dovish)["Recommendation"] == SECRET_NF


@pytest.fixture(scope="module")
def view(per_slide: api.Loaded) -> BriefView:
    return api.tailor_view(per_slide.library, "neutral")


def banner_of(view: BriefView, **fields) -> str:
    return slide_banner(view, Slide(layout="Title and Content", **fields)).text


def test_a_title_of_any_length_marks_the_slide_it_appears_on(view: BriefView) -> None:
    assert banner_of(view, title="Compared") == UNCL
    assert banner_of(view, title="Compared", body=(Bullet(text="- Reassurance on intentions"),)) == SECRET_NF
    assert banner_of(view, title="Compared", table=TableSpec(columns=("A",), rows=(("Reassurance on intentions",),))) \
        == SECRET_NF
    assert banner_of(view, title="Compared", notes=("First multidomain exercise, c. 2024",)) == CONF
    assert banner_of(view, title="Compared", caption="After the First multidomain exercise") == CONF


def test_a_short_text_other_than_a_title_does_not_mark_a_slide(view: BriefView) -> None:
    texts = portion_texts(view)
    assert texts["opt-reassure", ""] == ("Reassurance on intentions", "Pair deterrence with clear messaging.")
    assert "Low cost." not in texts["opt-reassure", ""] and len("Low cost.") < MIN_MATCH
    assert banner_of(view, title="Compared", notes=("Low cost.",)) == UNCL
    assert banner_of(view, title="Compared", notes=("They said: Pair deterrence with clear messaging.",)) == SECRET_NF


def test_a_paragraphs_origin_and_the_slides_item_mark_it(view: BriefView) -> None:
    assert banner_of(view, title="Facts", body=(Bullet(text="Paraphrased.", origin="opt-reassure.points[3]"),)) == CONF
    assert banner_of(view, title="Facts", body=(Bullet(text="Paraphrased.", origin="opt-reassure.framing"),)) \
        == SECRET_NF
    assert banner_of(view, title="Facts", right=(Bullet(text="Said.", origin="briefing.bluf"),)) == UNCL
    assert banner_of(view, title="Any", item="opt-reassure") == SECRET_NF


def test_a_chart_is_marked_by_the_data_it_draws(view: BriefView) -> None:
    assert banner_of(view, title="Chart", chart="options_map") == SECRET_NF
    assert banner_of(view, title="Chart", chart="risk_heatmap") == UNCL
    assert banner_of(view, title="Chart", chart="timeline") == CONF
    # the chart draws the items, not their facts: the option's own level, without the facts'
    owners = {(p.owner, p.part) for p in shown_portions(view, Slide(layout="Chart", title="C", chart="options_map"))}
    assert ("opt-reassure", "") in owners and ("opt-reassure", "points[1]") not in owners


def test_the_title_slide_and_a_view_without_portions_keep_the_documents_banner(view: BriefView) -> None:
    assert slide_banner(view, Slide(layout="Title Slide", title="Unmarked words")) is None
    bare = dataclasses.replace(view, portions=())
    assert slide_banner(bare, Slide(layout="Title and Content", title="Reassurance on intentions")) is None


# -- portion marks --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("level, controls, mark", [
    (3, (), "(S)"),
    (3, (("NOFORN", ()),), "(S//NF)"),
    (2, (("REL TO", ("USA", "GBR")),), "(C//REL TO USA, GBR)"),  # REL TO has no abbreviation: its name
    (0, (), "(U)"),
])
def test_a_portion_mark_abbreviates_the_level_and_controls(level: int, controls: tuple, mark: str) -> None:
    assert portion_mark(US_SCHEME, Banner(US_SCHEME.levels[level], controls)) == mark


@pytest.fixture(scope="module")
def marked_deck(tmp_path_factory) -> Path:
    """The dovish deck of markings-portion-marks (every portion marked, portion marks on), as written."""
    loaded = api.load(make_project(tmp_path_factory.mktemp("marked") / "proj", "markings-portion-marks"))
    path = tmp_path_factory.mktemp("marked-deck") / "dovish.pptx"
    write_pptx(api.tailor_view(loaded.library, "dovish"), path, options())
    return path


def slide_by_title(prs: Presentation, title: str):
    return next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == title)


FURNITURE = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)  # like the banners: unmarked


KICKERS = ("01", "02", "03", "04", "05", "06", "B")


def body_lines(slide) -> list[str]:
    """The paragraphs of the slide's placeholders but its title and page furniture."""
    return [p.text for ph in slide.placeholders if ph.placeholder_format.idx != 0 and ph.has_text_frame
            and ph.placeholder_format.type not in FURNITURE for p in ph.text_frame.paragraphs if p.text]


def test_every_title_paragraph_table_row_and_chart_title_starts_with_its_portion_mark(marked_deck: Path) -> None:
    prs = Presentation(str(marked_deck))
    mark = re.compile(r"^\((U|C|S)(//NF)?\) ")
    for slide in prs.slides:
        assert mark.match(slide.shapes.title.text), slide.shapes.title.text
        for line in body_lines(slide):
            if line not in KICKERS:  # a divider's section number, like the slide number: not a portion
                assert mark.match(line), line
    item = slide_by_title(prs, "(S//NF) Reassurance on intentions")
    lines = [line.split(" [")[0] for line in body_lines(item)]
    assert lines[:4] == ["(S//NF) Diplomatic option · Deterrence 2/5 · Escalation risk 1/5 · Cost 1/5 · "
                         "Horizon: near term", "(S//NF) Essential.", "(S//NF) Clear messaging can ease fears of "
                         "encirclement.", "(C) Fictional finding 1 on messaging, written long enough that the facts "
                         "of the slide run past one slide and continue on the next, which carries the same banner."]
    table = next(s for s in slide_by_title(prs, "(U) Options compared").shapes if s.has_table).table
    assert [row.cells[0].text for row in table.rows] == ["(U) Option", "(S//NF) ● Reassurance on intentions",
                                                        "(U) ● Trilateral planning"]
    chart = slide_by_title(prs, "(U) Options that stabilise at a glance")
    group = next(s for s in chart.shapes if s.name.startswith("Chart: "))
    titles = [s.text_frame.text for s in group.shapes if s.name == "Chart Title"]
    assert titles and titles[0].startswith("(S//NF) Policy options")


def test_the_fit_engine_measures_the_marked_text(marked_deck: Path) -> None:
    """The facts with their marks run onto a continuation, and nothing overflows its box."""
    prs = Presentation(str(marked_deck))
    assert [s.shapes.title.text for s in prs.slides if "Reassurance on intentions (cont." in s.shapes.title.text] \
        == ["(S//NF) Reassurance on intentions (cont., 2 of 2)"]
    problems = [f for f in check_pptx(marked_deck, "dovish.pptx") if f.severity == "error"]
    assert problems == []


def test_without_portion_marks_no_text_is_prefixed(dovish: list) -> None:
    assert [title for title, _, _ in dovish][:3] == ["Minimal test briefing", "Bottom line up front", "Agenda"]


# -- the texts and parts that tell a portion ------------------------------------------------------------------

def with_item(view: BriefView, item_id: str, change) -> BriefView:
    """``view`` with item ``item_id`` replaced by ``change(item)``, in the main body or in backup."""
    def changed(item):
        return change(item) if item.id == item_id else item
    sections = tuple(dataclasses.replace(s, items=tuple(changed(i) for i in s.items)) for s in view.sections)
    return dataclasses.replace(view, sections=sections, backup=tuple(changed(i) for i in view.backup))


def with_picture_and_quote(view: BriefView) -> BriefView:
    """``view`` with a picture and a quoted first fact on opt-reassure, each its own portion (CONFIDENTIAL,
    SECRET//NOFORN), the option itself UNCLASSIFIED, and events whose dates say more or less than a year."""
    def changed(item):
        point = dataclasses.replace(item.points[0], quote="Messaging works when it is heard.")
        image = ViewImage(path="p.png", alt="A map of the exercise areas", caption="Short.", ref=None, width=4,
                          height=3, sha256="0")
        return dataclasses.replace(item, image=image, points=(point, *item.points[1:]))
    portions = tuple(p for p in view.portions if p.owner != "opt-reassure") + (
        ViewPortion("opt-reassure", "", "UNCLASSIFIED"), ViewPortion("opt-reassure", "image", "CONFIDENTIAL"),
        ViewPortion("opt-reassure", "points[0].quote", "SECRET", (("NOFORN", ()),)))
    events = (dataclasses.replace(view.events[0], date="2023", approximate=False),
              dataclasses.replace(view.events[1], date="2024-06", approximate=True))
    return dataclasses.replace(with_item(view, "opt-reassure", changed), portions=portions, events=events)


def test_the_texts_that_tell_each_portion(view: BriefView) -> None:
    shown = with_picture_and_quote(view)
    texts = portion_texts(shown)
    assert texts["opt-reassure", "image"] == ("A map of the exercise areas",)  # the short caption says too little
    assert texts["opt-reassure", "points[0].quote"] == ("Messaging works when it is heard.",)
    assert texts["opt-reassure", "points[0]"] == ("Clear messaging can ease fears of encirclement.",)
    assert texts["opt-reassure", "points[1].quote"] == ()
    assert texts["ev-summit", ""] == ("First trilateral summit",)  # a bare year tells nothing
    about_a_year = dataclasses.replace(shown, events=(dataclasses.replace(shown.events[0], approximate=True),))
    assert portion_texts(about_a_year)["ev-summit", ""] == ("First trilateral summit",)  # nor "c. 2023"
    assert texts["ev-exercise", ""] == ("First multidomain exercise", "c. June 2024")
    assert texts["opt-planning", ""] == ("Trilateral planning", "Build a trilateral planning mechanism.")
    assert portion_texts(view)["ev-summit", ""] == ("First trilateral summit", "18 August 2023")


def test_a_long_caption_and_an_events_summary_tell_their_portions(view: BriefView) -> None:
    def pictured(item):
        return dataclasses.replace(item, image=ViewImage(path="p.png", alt="Map.", caption="The exercise areas in 2024",
                                                         ref=None, width=4, height=3, sha256="0"))
    summed = dataclasses.replace(with_item(view, "opt-planning", pictured), events=(
        dataclasses.replace(view.events[0], summary="Leaders met for the first time."), view.events[1]))
    texts = portion_texts(summed)
    assert texts["opt-planning", "image"] == ("The exercise areas in 2024",)
    assert texts["ev-summit", ""] == ("First trilateral summit", "18 August 2023", "Leaders met for the first time.")


def test_an_audiences_framing_long_enough_tells_its_item(per_slide: api.Loaded) -> None:
    dovish_view = api.tailor_view(per_slide.library, "dovish")
    assert portion_texts(dovish_view)["opt-planning", ""] == (
        "Trilateral planning", "Build a trilateral planning mechanism.", "Needs reassurance alongside.")


def test_a_text_of_exactly_min_match_characters_tells_its_portion(view: BriefView) -> None:
    point = "x" * MIN_MATCH
    texts = portion_texts(with_item(view, "opt-planning", lambda item: dataclasses.replace(item, points=(
        dataclasses.replace(item.points[0], text=point), dataclasses.replace(item.points[0], text=point[1:])))))
    assert texts["opt-planning", "points[0]"] == (point,) and texts["opt-planning", "points[1]"] == ()


def test_a_picture_and_a_quote_mark_the_slide_they_are_on(view: BriefView) -> None:
    shown = with_picture_and_quote(view)
    assert slide_banner(shown, Slide(layout="Picture", title="Map", image="opt-reassure")).text == CONF
    assert slide_banner(shown, Slide(layout="Picture", title="Map", image="opt-planning")).text == UNCL
    assert slide_banner(shown, Slide(layout="Picture", title="Map", caption="A map of the exercise areas")).text \
        == CONF
    assert slide_banner(shown, Slide(layout="Quote", title="Q", subtitle="Messaging works when it is heard.")).text \
        == SECRET_NF
    assert slide_banner(shown, Slide(layout="Quote", title="Q", kicker="Messaging works when it is heard.")).text \
        == SECRET_NF
    assert slide_banner(shown, Slide(layout="Quote", title="Q", table=TableSpec(
        columns=("Messaging works when it is heard.",), rows=()))).text == SECRET_NF


def test_the_texts_of_a_slide_in_their_order(view: BriefView) -> None:
    slide = Slide(layout="Title and Content", title="T", subtitle="S", kicker="K", caption="C", notes=("N",),
                  body=(Bullet(text="B"), Bullet(text="")), right=(Bullet(text="R"),),
                  table=TableSpec(columns=("H1", "H2"), rows=(("a", "b"), ("c", ""))))
    texts = slide_texts(slide)
    assert texts[:4] == ("T", "S", "K", "C") and texts[-7:] == ("B", "R", "H1", "H2", "a", "b", "c")
    assert "N" in texts[4:-7] and "" not in texts


@pytest.mark.parametrize("origin, mark", [
    ("opt-reassure.points[0]", "(S//NF)"),  # the fact, not the whole option
    ("opt-reassure.points[1]", "(C)"),
    ("opt-reassure.framing", "(S//NF)"),  # the item's own text: the item's marking
    ("opt-reassure", "(U)"),  # names no part: no portion
    ("briefing.bluf", "(U)"),
    ("ev-exercise.summary", "(C)"),
])
def test_a_text_is_marked_by_the_portion_its_origin_names(view: BriefView, origin: str, mark: str) -> None:
    assert PortionMarker(view).mark("Paraphrased.", origin=origin) == mark


def test_an_origin_naming_a_quote_is_marked_by_the_quote(view: BriefView) -> None:
    marker = PortionMarker(with_picture_and_quote(view))
    assert marker.mark("Paraphrased.", origin="opt-reassure.points[0].quote") == "(S//NF)"
    assert marker.mark("Paraphrased.", origin="opt-reassure.points[0]") == "(U)"


def test_on_an_items_slide_a_text_without_origin_takes_the_items_marking(view: BriefView) -> None:
    marker = PortionMarker(view)
    assert marker.mark("Deterrence 2/5", item="opt-reassure") == "(S//NF)"
    assert marker.mark("Deterrence 2/5", origin="briefing.bluf", item="opt-reassure") == "(U)"
    assert marker.mark("Deterrence 2/5") == "(U)"
    assert marker.mark("First multidomain exercise") == "(C)"
    assert marker.marked("Reassurance on intentions") == "(S//NF) Reassurance on intentions"


def test_a_charts_mark_is_its_items_own_marking(view: BriefView) -> None:
    assert chart_mark(view, "options_map") == "(S//NF)"
    assert chart_mark(view, "timeline") == "(C)"
    assert chart_mark(view, "risk_heatmap") == "(U)"
    lower = dataclasses.replace(view, portions=tuple(p for p in view.portions if (p.owner, p.part)
                                                     != ("opt-reassure", "")))
    assert chart_mark(lower, "options_map") == "(U)"  # the facts' CONFIDENTIAL does not count
    higher = dataclasses.replace(view, portions=tuple(
        dataclasses.replace(p, level="CONFIDENTIAL") if p.owner == "briefing" else p for p in view.portions))
    assert chart_mark(higher, "risk_heatmap") == "(C)"  # at least the briefing's classification


def test_a_control_without_abbreviation_is_named_and_countries_follow_it() -> None:
    banner = Banner(US_SCHEME.levels[3], (("NOFORN", ()), ("PROPIN", ()), ("REL TO", ("USA", "AUS"))))
    assert portion_mark(US_SCHEME, banner) == "(S//NF/PROPIN/REL TO USA, AUS)"


def test_every_text_of_a_slide_gets_its_mark_and_empty_ones_stay_empty(view: BriefView) -> None:
    marked_view = dataclasses.replace(view, portion_marks=True)
    slide = Slide(layout="Title and Content", title="Options", subtitle="Reassurance on intentions", caption=None,
                  item="opt-reassure", body=(Bullet(text="Said.", origin="briefing.bluf"),),
                  right=(Bullet(text="First multidomain exercise"),),
                  table=TableSpec(columns=("Option", "Cost"),
                                  rows=(("Trilateral planning", "Reassurance on intentions"),)))
    deck = with_portion_marks(Deck(slides=(slide,)), marked_view)
    (out,) = deck.slides
    assert (out.title, out.subtitle, out.caption) == ("(S//NF) Options", "(S//NF) Reassurance on intentions", None)
    assert [b.text for b in out.body] == ["(U) Said."] and [b.text for b in out.right] == [
        "(S//NF) First multidomain exercise"]  # no origin: the item's marking and the event's
    assert out.table.columns == ("(S//NF) Option", "Cost") and out.table.rows == (
        ("(S//NF) Trilateral planning", "Reassurance on intentions"),)
    captioned = dataclasses.replace(slide, item=None, caption="After Reassurance on intentions")
    (out,) = with_portion_marks(Deck(slides=(captioned,)), marked_view).slides
    assert (out.title, out.caption) == ("(U) Options", "(S//NF) After Reassurance on intentions")
    assert out.table.rows == (("(S//NF) Trilateral planning", "Reassurance on intentions"),)  # the whole row's
    assert with_portion_marks(Deck(slides=(slide,)), view).slides == (slide,)  # marks off
    assert with_portion_marks(Deck(slides=(slide,)), dataclasses.replace(marked_view, portions=())).slides \
        == (slide,)


def test_each_slide_gets_its_own_banner(view: BriefView) -> None:
    deck = Deck(slides=(Slide(layout="Title Slide", title="Reassurance on intentions"),
                        Slide(layout="Title and Content", title="Reassurance on intentions"),
                        Slide(layout="Title and Content", title="Risks")))
    assert [s.banner.text if s.banner else None for s in with_slide_banners(deck, view).slides] == \
        [None, SECRET_NF, UNCL]
