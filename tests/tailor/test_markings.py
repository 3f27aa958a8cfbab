"""Tests of briefgen.tailor.markings: a tailored brief's banner is the highest marking of the portions it shows,
with their dissemination controls combined, and the deck and memo carry it (text, colours, properties)."""
from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from docx import Document
from pptx import Presentation

from briefgen import api
from briefgen.load.markings import US_SCHEME, Marking
from briefgen.errors import ContentError
from briefgen.tailor.markings import Withheld, combined, refusal, release
from briefgen.write.docx.writer import write_docx
from briefgen.write.ooxml.properties import read_custom
from briefgen.write.pptx.writer import write_pptx
from briefgen.load.images import check_image
from briefgen.load.schema import FrozenMap
from briefgen.write.registry import get_writer
from tests.support.fixture_projects import make_project
from tests.support.generated_library import PICTURE, marked_libraries, withheld_texts
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


# Releasability (README, "Markings"): what an audience with releasable_to may be shown.

NF = ("NOFORN", ())


def rel(*codes: str) -> tuple:
    return ("REL TO", codes)


@pytest.mark.parametrize("marking, countries, refused", [
    (Marking(U), ("AUS",), None),
    (Marking(U, (NF,)), ("AUS",), "NOFORN"),
    (Marking(U, (rel("USA"),)), ("AUS",), "REL TO lacks AUS"),  # an explicit release binds at any level
    (Marking(S, (rel("USA", "AUS", "GBR"),)), ("AUS", "GBR"), None),
    (Marking(S, (rel("USA", "AUS"),)), ("AUS", "GBR", "CAN"), "REL TO lacks GBR, CAN"),
    (Marking(C), ("AUS",), "CONFIDENTIAL without REL TO"),  # above the lowest level: released only explicitly
    (Marking(CUI), ("AUS",), "CUI without REL TO"),
    (Marking(TS, (NF, rel("AUS"))), ("AUS",), "NOFORN"),
    (Marking(S, (rel("AUS"), rel("GBR"))), ("AUS",), "REL TO lacks AUS"),  # every REL TO must name them
])
def test_a_portion_is_released_only_to_countries_every_control_names(marking: Marking, countries: tuple,
                                                                     refused: str | None) -> None:
    assert refusal(US_SCHEME, marking, countries) == refused


def test_a_schemes_release_limit_withholds_every_portion_above_it_whatever_its_controls() -> None:
    limited = replace(US_SCHEME, release_up_to="CONFIDENTIAL")
    assert refusal(limited, Marking(S, (rel("AUS"),)), ("AUS",)) == "SECRET above CONFIDENTIAL"
    assert refusal(limited, Marking(C, (rel("AUS"),)), ("AUS",)) is None
    assert refusal(replace(US_SCHEME, controls=()), Marking(C), ("AUS",)) == \
        "CONFIDENTIAL without a release control"


@pytest.fixture(scope="module")
def releasable(tmp_path_factory) -> api.Loaded:
    """The markings-releasable project: the visitors (ARN, BLF) may see only part of it."""
    return api.load(make_project(tmp_path_factory.mktemp("release") / "proj", "markings-releasable"))


def test_a_release_withholds_items_facts_quotes_pictures_and_events_and_says_why(releasable: api.Loaded) -> None:
    lib = releasable.library
    out = release(lib, lib.briefing, ("ARN", "BLF"))
    assert out.withheld == Withheld(
        ("ARN", "BLF"), items=(("thr-bloc", "HOUSE ONLY"), ("opt-planning", "SEALED above GUARDED")),
        facts=(("thr-missiles.points[1]", "SHARE WITH lacks ARN"),), quotes=(("thr-missiles.points[2]", "HOUSE ONLY"),),
        pictures=(("cap-strike", "HOUSE ONLY"),), events=(("ev-exercise", "GUARDED without SHARE WITH"),))
    assert out.withheld.line() == (
        "withheld, not releasable to ARN, BLF: 2 items (HOUSE ONLY, SEALED above GUARDED); 1 fact (SHARE WITH lacks "
        "ARN); 1 quote (HOUSE ONLY); 1 picture (HOUSE ONLY); 1 event (GUARDED without SHARE WITH)")
    shown = out.library
    assert [i.id for i in shown.all_items()] == ["thr-missiles", "cap-strike", "opt-reassure", "risk-uncoordinated"]
    missiles = shown.threats[0]
    assert [(p.text, p.quote) for p in missiles.points] == [
        ("Missiles of varying ranges threaten all three.", None), ("Fuel stocks are low this winter.", None)]
    assert missiles.points[0] is lib.threats[0].points[0]  # a released fact is the library's, unchanged
    assert shown.capabilities[0].image is None and lib.capabilities[0].image is not None
    assert [e.id for e in shown.events] == ["ev-summit"]
    assert shown.risks[0].mitigations == () and lib.risks[0].mitigations == ("opt-planning",)


def test_what_the_audience_would_not_see_anyway_is_withheld_but_not_counted(releasable: api.Loaded) -> None:
    lib = releasable.library
    out = release(lib, lib.briefing, ("ARN",), wanted=lambda item: item.kind != "threats")
    assert [iid for iid, _ in out.withheld.items] == ["opt-planning"]
    assert (out.withheld.facts, out.withheld.quotes) == ((), ())
    assert [i.id for i in out.library.threats] == ["thr-missiles"]
    assert len(out.library.threats[0].points) == 2
    assert bool(out.withheld) and not Withheld(("ARN",))
    assert Withheld(("ARN",)).line() == "withheld, not releasable to ARN: nothing"
    two = Withheld(("ARN",), facts=(("a.points[0]", "NOFORN"), ("b.points[1]", "NOFORN"), ("c.points[0]", "X")))
    assert two.line() == "withheld, not releasable to ARN: 3 facts (NOFORN: 2, X)"


def test_a_briefing_whose_own_text_is_not_releasable_is_refused(releasable: api.Loaded) -> None:
    lib = releasable.library
    guarded = replace(lib.briefing, classification="GUARDED MATERIAL")
    with pytest.raises(ContentError) as exc:
        release(lib, guarded, ("ARN",))
    assert [str(p) for p in exc.value.problems] == [
        f"{lib.briefing.locs['classification']}: briefing.classification: the briefing's own text (BLUF, "
        f"recommendation, decisions) is not releasable to ARN (GUARDED without SHARE WITH): lower its "
        f"classification, or build this audience from a briefing that is"]


# The property (README, "What briefgen guarantees"): no output for an audience with releasable_to ever contains a
# withheld portion's text, in any part of any file it writes, nor in a file name.

RELEASE_PROPS = settings(max_examples=int(os.environ.get("BRIEFGEN_PROPERTY_EXAMPLES", "10")), deadline=None,
                         suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                HealthCheck.function_scoped_fixture])


def every_text(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text in lower case) for a file's name and every part of it: each part of a zip package (a deck, a
    memo), and of the packages inside it (a chart's embedded workbook), recursively."""
    yield f"{path.name} (name)", path.name.lower()
    data = path.read_bytes()

    def parts(where: str, blob: bytes) -> Iterator[tuple[str, str]]:
        if not zipfile.is_zipfile(io.BytesIO(blob)):
            yield where, blob.decode("utf-8", "ignore").lower()
            return
        with zipfile.ZipFile(io.BytesIO(blob)) as package:
            for name in package.namelist():
                yield f"{where}/{name} (name)", name.lower()
                yield from parts(f"{where}/{name}", package.read(name))

    yield from parts(path.name, data)


@pytest.fixture(scope="module")
def picture_folder(tmp_path_factory) -> Path:
    """A library folder holding the picture generated items may show."""
    from tests.support.generated_images import map_png

    folder = tmp_path_factory.mktemp("pictures")
    (folder / PICTURE).write_bytes(map_png())
    return folder


@RELEASE_PROPS
@given(marked_libraries())
def test_no_output_for_a_releasable_audience_contains_a_withheld_portions_text(picture_folder: Path,
                                                                                generated: tuple) -> None:
    lib, name = generated
    checked = check_image(picture_folder, PICTURE, None, "image")
    lib = replace(lib, root=str(picture_folder), images=FrozenMap({PICTURE: checked}))
    profile = lib.audiences[name]
    forbidden = {t.lower() for t in withheld_texts(lib, profile.releasable_to)}
    view = api.tailor_view(lib, name)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / file_stem(name, lib)
        out.mkdir()
        for fmt in ("pptx", "docx", "md", "html"):
            get_writer(fmt)(view, out / f"{out.name}.{fmt}", options(output_dir=out))
        found = [(where, text) for path in sorted(out.rglob("*")) if path.is_file() for where, text in every_text(path)]
    leaks = [(where, token) for where, text in found for token in forbidden if token in text]
    assert leaks == []
    # The search finds what is there: every item of the main body is on its slide, every source in the memo.
    deck = " ".join(text for where, text in found if where.startswith(f"{out.name}.pptx/ppt/slides/"))
    assert all(v.title.lower() in deck for s in view.sections for v in s.items)
    memo = " ".join(text for where, text in found if where.startswith(f"{out.name}.md"))
    assert all(s.title.lower() in memo for s in view.sources)


def file_stem(audience: str, lib: Any) -> str:
    """The file name the build gives the library's briefing for ``audience`` (briefgen.yaml giving no pattern)."""
    from briefgen.commands.plan import slugify

    return f"{slugify(lib.briefing.title)}-{lib.audiences[audience].label_in_file_names}"


CUI_LINES = ("Controlled by: Department of Examples", "Controlled by: Office of Fictional Analysis",
             "CUI Category: OPSEC", "Distribution/Dissemination Control: FEDCON", "POC: Test Analyst, (555) 010-0100")


def test_the_designation_indicator_is_on_the_title_slide_and_first_page_only_of_outputs_holding_cui(
        tmp_path: Path) -> None:
    lib = api.load(make_project(tmp_path / "proj", "markings-cui")).library
    with_cui, without = api.tailor_view(lib, "neutral"), api.tailor_view(lib, "hawkish")  # hawkish omits thr-bloc
    assert (with_cui.classification, with_cui.cui_indicator) == ("CUI", CUI_LINES)
    assert (without.classification, without.cui_indicator) == ("UNCLASSIFIED", ())
    for view in (with_cui, without):
        folder = tmp_path / view.audience
        folder.mkdir()
        write_pptx(view, folder / "brief.pptx", options())
        write_docx(view, folder / "brief.docx", options())
        get_writer("md")(view, folder / "brief.md", options(output_dir=folder))
    title = Presentation(str(tmp_path / "neutral" / "brief.pptx")).slides[0]
    body = [p.text for s in title.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    assert " · ".join(CUI_LINES) in body  # one paragraph (spaces collapse)
    later = [p.text for sl in list(Presentation(str(tmp_path / "neutral" / "brief.pptx")).slides)[1:]
             for s in sl.shapes if s.has_text_frame for p in s.text_frame.paragraphs]
    assert not any("Controlled by" in t for t in later)
    memo = [p.text for p in Document(str(tmp_path / "neutral" / "brief.docx")).paragraphs]
    date = next(i for i, t in enumerate(memo) if "DATE:" in t)
    assert memo[date + 1].split("\n") == list(CUI_LINES)
    assert "Controlled by: Department of Examples  \nControlled by: Office of Fictional Analysis  \nCUI Category" \
        in (tmp_path / "neutral" / "brief.md").read_text(encoding="utf-8")
    for name in ("brief.pptx", "brief.docx", "brief.md"):
        assert b"Controlled by" not in b"".join(text.encode() for _, text in every_text(tmp_path / "hawkish" / name))


def test_a_control_without_countries_that_excludes_none_does_not_bar_release_and_the_reason_names_each_control(
        ) -> None:
    from briefgen.load.markings import Control

    scheme = replace(US_SCHEME, controls=US_SCHEME.controls + (Control(name="ORCON"),
                                                               Control(name="DISPLAY ONLY", countries=True)))
    assert refusal(scheme, Marking(C, (("ORCON", ()), rel("AUS"))), ("AUS",)) is None
    assert refusal(scheme, Marking(U, (("ORCON", ()),)), ("AUS",)) is None
    assert refusal(scheme, Marking(C, (("ORCON", ()),)), ("AUS",)) == "CONFIDENTIAL without DISPLAY ONLY or REL TO"


def test_withheld_is_true_when_anything_of_any_kind_was_withheld() -> None:
    for kind in ("items", "facts", "quotes", "pictures", "events"):
        assert Withheld(("ARN",), **{kind: (("x", "NOFORN"),)})


def test_released_links_pictures_and_facts_without_a_quote(releasable: api.Loaded) -> None:
    lib = releasable.library
    risk = replace(lib.risks[0], controls=("HOUSE ONLY",))
    option = replace(lib.options[1], mitigates=("risk-uncoordinated",), aggravates=("risk-uncoordinated",))
    picture = replace(lib.capabilities[0].image, controls=(), marking=None)
    point = replace(lib.threats[0].points[0], quote_controls=("HOUSE ONLY",))  # a quote's marking, but no quote
    threat = replace(lib.threats[0], points=(point,) + lib.threats[0].points[1:])
    changed = replace(lib, risks=(risk,), options=(lib.options[0], option), threats=(threat, lib.threats[1]),
                      capabilities=(replace(lib.capabilities[0], image=picture),))
    out = release(changed, lib.briefing, ("ARN", "BLF"))
    assert (out.library.options[0].mitigates, out.library.options[0].aggravates) == ((), ())
    assert out.library.capabilities[0].image == picture and out.withheld.pictures == ()
    assert out.withheld.quotes == (("thr-missiles.points[2]", "HOUSE ONLY"),)
    refused = replace(lib.briefing, classification="GUARDED MATERIAL", locs=FrozenMap())
    with pytest.raises(ContentError) as exc:
        release(lib, refused, ("ARN", "BLF"))
    assert exc.value.problems[0].loc == lib.briefing.loc
    assert "is not releasable to ARN, BLF (GUARDED without SHARE WITH)" in exc.value.problems[0].message


def test_unmarked_portions_take_the_briefings_classification_in_the_banner(releasable: api.Loaded) -> None:
    from briefgen.tailor.markings import document_banner, portion_markings

    lib = releasable.library
    guarded = replace(lib.briefing, classification="GUARDED MATERIAL")
    assert portion_markings(lib.markings, guarded, (), ())[0].level.name == "GUARDED"
    assert document_banner(lib, guarded, (lib.options[1],), ()).text == "GUARDED MATERIAL"


def test_the_indicator_follows_the_projects_scheme_and_is_refused_without_the_briefings_data(
        releasable: api.Loaded) -> None:
    from briefgen.load.model import CuiIndicator
    from briefgen.tailor.markings import designation_indicator

    lib = releasable.library
    levels = tuple(replace(lv, indicator=lv.name == "GUARDED") for lv in lib.markings.levels)
    marked = replace(lib, markings=replace(lib.markings, levels=levels))
    data = CuiIndicator(controlled_by=("Office A",), category="OPSEC", dissemination="FEDCON", poc="Analyst B")
    briefing = replace(lib.briefing, cui=data)
    assert designation_indicator(marked, briefing, lib.threats[:1], ()) == data.lines()
    assert designation_indicator(marked, briefing, lib.options[1:], ()) == ()
    assert designation_indicator(lib, briefing, lib.threats[:1], ()) == ()  # the scheme as loaded: no indicator
    with pytest.raises(ContentError) as exc:
        designation_indicator(marked, lib.briefing, lib.threats[:1], ())
    assert [str(p) for p in exc.value.problems] == [
        f"{lib.briefing.loc}: briefing.cui: missing: a portion is GUARDED, which calls for the designation "
        f"indicator: add cui: {{controlled_by, category, dissemination, poc}}"]


def test_a_views_portions_are_named_by_owner_and_part_in_the_librarys_own_scheme(fictional: api.Loaded) -> None:
    view = api.tailor_view(fictional.library, "neutral")
    portions = {(p.owner, p.part): (p.level, p.controls) for p in view.portions}
    assert view.portions[0].owner == "briefing" and view.portions[0].part == ""
    assert portions[("briefing", "")][0] == fictional.library.markings.levels[0].name  # OPEN, not UNCLASSIFIED
    assert portions[("thr-missiles", "")] == ("GUARDED", (("SHARE WITH", ("ARN", "BLF")),))
    assert portions[("thr-missiles", "points[0]")] == ("GUARDED", (("SHARE WITH", ("BLF", "CRD")),))
    assert portions[("thr-bloc", "points[0].quote")] == ("SEALED", (("HOUSE ONLY", ()),))
    assert {level for level, _ in portions.values()} <= {lv.name for lv in fictional.library.markings.levels}
