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
from briefgen.render.deck.markings import MIN_MATCH, portion_mark, portion_texts, shown_portions, slide_banner
from briefgen.render.deck.model import Bullet, Slide, TableSpec
from briefgen.tailor.markings import Banner
from briefgen.tailor.view import BriefView
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
