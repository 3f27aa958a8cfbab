"""Tests of briefgen.tailor.markings: a tailored brief's banner is the highest marking of the portions it shows,
with their dissemination controls combined, and the deck and memo carry it (text, colours, properties)."""
from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from briefgen import api
from briefgen.load.markings import US_SCHEME, Marking
from briefgen.tailor.markings import combined
from briefgen.write.docx.writer import write_docx
from briefgen.write.ooxml.properties import read_custom
from briefgen.write.pptx.writer import write_pptx
from tests.support.fixture_projects import make_project
from tests.support.memo_views import options

U, CUI, C, S, TS = US_SCHEME.levels


@pytest.fixture(scope="module")
def fictional(tmp_path_factory) -> api.Loaded:
    """The markings-fictional project loaded: its own scheme, a GUARDED threat shared with two made-up
    countries, a SEALED HOUSE ONLY quote in a threat the hawkish audience omits."""
    return api.load(make_project(tmp_path_factory.mktemp("markings") / "proj", "markings-fictional"))


@pytest.mark.parametrize("markings, banner", [
    ([Marking(U)], "UNCLASSIFIED"),
    ([Marking(U), Marking(C), Marking(CUI)], "CONFIDENTIAL"),
    ([Marking(U), Marking(S, (("NOFORN", ()),)), Marking(C)], "SECRET//NOFORN"),
    ([Marking(U), Marking(S, (("REL TO", ("USA", "GBR", "AUS")),)), Marking(C, (("REL TO", ("AUS", "USA")),))],
     "SECRET//REL TO USA, AUS"),
    # a classified portion without REL TO: the banner cannot release the document
    ([Marking(S, (("REL TO", ("USA", "GBR")),)), Marking(C)], "SECRET"),
    # an unclassified portion does not narrow the release
    ([Marking(U), Marking(S, (("REL TO", ("USA", "GBR")),))], "SECRET//REL TO USA, GBR"),
    # NOFORN anywhere removes REL TO
    ([Marking(S, (("REL TO", ("USA", "GBR")),)), Marking(C, (("NOFORN", ()), ("REL TO", ("USA",))))],
     "SECRET//NOFORN"),
    # releasable to no country in common: NOFORN, the control that excludes REL TO, stands instead
    ([Marking(S, (("REL TO", ("USA", "GBR")),)), Marking(TS, (("REL TO", ("AUS",)),))], "TOP SECRET//NOFORN"),
])
def test_the_banner_is_the_highest_level_with_the_controls_combined(markings: list, banner: str) -> None:
    assert combined(US_SCHEME, markings).text == banner


def test_the_banner_colours_follow_the_level_of_the_scheme() -> None:
    assert combined(US_SCHEME, [Marking(U), Marking(TS)]).colors == ("FF8C00", "000000")
    assert combined(US_SCHEME, [Marking(U)]).colors == ("007A33", "FFFFFF")


def test_two_audiences_of_one_briefing_carry_the_banners_of_what_they_show(fictional: api.Loaded) -> None:
    views = {a: api.tailor_view(fictional.library, a) for a in ("neutral", "hawkish", "dovish")}
    assert {a: (v.classification, v.banner_colors) for a, v in views.items()} == {
        "neutral": ("SEALED//HOUSE ONLY", ("6A1B9A", "FFFF00")),
        "hawkish": ("GUARDED MATERIAL//SHARE WITH BLF", ("1565C0", "FFFFFF")),
        "dovish": ("SEALED//HOUSE ONLY", ("6A1B9A", "FFFF00"))}
    assert "thr-bloc" not in {i.id for i in views["hawkish"].all_items()}  # the SEALED quote is not in it


def test_unmarked_content_keeps_the_briefings_classification(tmp_path: Path) -> None:
    view = api.tailor_view(api.load(make_project(tmp_path / "proj")).library, "neutral")
    assert (view.classification, view.banner_colors) == ("UNCLASSIFIED", ("007A33", "FFFFFF"))


def test_the_deck_and_memo_carry_the_worked_out_banner(fictional: api.Loaded, tmp_path: Path) -> None:
    view = api.tailor_view(fictional.library, "hawkish")
    deck, memo = tmp_path / "brief.pptx", tmp_path / "brief.docx"
    write_pptx(view, deck, options())
    write_docx(view, memo, options())
    prs = Presentation(str(deck))
    title_slide = prs.slides[0]  # the other slides carry their own portions' banners (tests/render/deck)
    banners = [s for s in title_slide.shapes if s.name.startswith("Classification Banner")]
    assert [b.text_frame.text for b in banners] == ["GUARDED MATERIAL//SHARE WITH BLF"] * 2
    assert {(str(b.fill.fore_color.rgb), str(b.text_frame.paragraphs[0].runs[0].font.color.rgb))
            for b in banners} == {("1565C0", "FFFFFF")}
    doc = Document(str(memo))
    assert doc.sections[0].header.paragraphs[0].text == "GUARDED MATERIAL//SHARE WITH BLF"
    assert doc.sections[0].footer.paragraphs[-1].text == "GUARDED MATERIAL//SHARE WITH BLF"
    for package in (prs.part.package, doc.part.package):
        assert read_custom(package)["briefgen:classification"] == "GUARDED MATERIAL//SHARE WITH BLF"
