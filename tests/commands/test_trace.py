"""Tests of briefgen.commands.trace: each claim on a slide traced to its field, file:line, source and quote, on a
deck as built, edited with python-pptx, and saved by LibreOffice."""
from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from briefgen.commands.trace import deck_record, trace_deck
from briefgen.errors import OriginError
from briefgen.project import load_project
from tests.support.shipped_projects import briefgen, built_project, working_copy

DECK = Path("out/hawkish/us-japan-rok-trilateral-security-cooperation.pptx")
SLIDE_7 = [
    'slide 7 "North Korean missiles reach all three" [item:thr-dprk-missiles]',
    "  title ¶1: thr-dprk-missiles.title at content/threats.yaml:4:10",
    "  body ¶2: thr-dprk-missiles.framing (hawkish) at content/threats.yaml:29:14",
    "  body ¶3: thr-dprk-missiles.points[0] at content/threats.yaml:13:13; source [1] Untitled article on the "
    "Biden–Kishida–Yoon meeting in Madrid (2022-07)",
    "  body ¶4: thr-dprk-missiles.points[1] at content/threats.yaml:17:13; source [1] Untitled article on the "
    "Biden–Kishida–Yoon meeting in Madrid (2022-07)",
    '      quote: "Kim has tested intercontinental ballistic missiles that could reach the United States and beyond."',
    "  body ¶5: thr-dprk-missiles.points[2] at content/threats.yaml:22:13; source [4] Separate U.S. Alliances in East "
    "Asia Are Obsolete (2023-09)",
    '      quote: "The concept of Japan as the rear area for South Korea’s defense became obsolete years ago"',
    "  body ¶1: composed by briefgen from the item at content/threats.yaml:4:10",
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A project holding the shipped library, its hawkish deck built."""
    return built_project(tmp_path_factory.mktemp("trace"), ["hawkish"], ["pptx"])


@pytest.fixture
def project(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the built project, as the working directory."""
    return working_copy(built, tmp_path / "project", monkeypatch)


def trace(*args: str):
    return briefgen("trace", *args)


def test_each_claim_on_an_items_slide_names_its_field_place_source_and_quote(project: Path) -> None:
    result = trace(str(DECK), "--slide", "7")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"{DECK} (hawkish)"] + SLIDE_7


def test_the_bluf_slide_traces_to_briefing_yaml_for_this_audience(project: Path) -> None:
    lines = trace(str(DECK), "--slide", "2").output.splitlines()
    assert lines[2:4] == ["  body ¶1: briefing.bluf (hawkish) at content/briefing.yaml:17:12",
                          "  body ¶3: briefing.recommendation (hawkish) at content/briefing.yaml:32:12"]
    assert lines[4] == "  body ¶5: briefing.decisions[0] (hawkish) at content/briefing.yaml:48:7"


def test_an_edited_deck_marks_changed_text_and_lists_what_has_no_origin(project: Path) -> None:
    prs = Presentation(str(DECK))
    slide = prs.slides[6]
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Missiles over three capitals"
    body = slide.placeholders[1].text_frame
    body.paragraphs[2].runs[0].text = "North Korea tested dozens of weapons in five years."
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    box.name = "My note"
    box.text_frame.text = "Ask J2 for the latest count"
    slides = prs.slides._sldIdLst
    slides.remove(slides[7])  # slide 8, "Risk of force against Taiwan"
    prs.save(str(DECK))
    lines = trace(str(DECK)).output.splitlines()
    start = lines.index('slide 7 "Missiles over three capitals" [item:thr-dprk-missiles]')
    assert lines[start + 1:start + 6] == [
        "  title ¶1: thr-dprk-missiles.title at content/threats.yaml:4:10",
        '      edited by hand; briefgen wrote: "North Korean missiles reach all three"',
        "  body ¶2: thr-dprk-missiles.framing (hawkish) at content/threats.yaml:29:14",
        "  body ¶3: thr-dprk-missiles.points[0] at content/threats.yaml:13:13; source [1] Untitled article on the "
        "Biden–Kishida–Yoon meeting in Madrid (2022-07)",
        '      edited by hand; briefgen wrote: "North Korea has made great strides in military capability over the '
        'past five years, including dozens of weapons tests intended to threaten Seoul. [1]"',
    ]
    assert '  no origin: "My note": "Ask J2 for the latest count"' in lines
    assert lines[-1] == "deleted by hand: item:thr-taiwan-force"


def test_a_slide_a_person_added_is_traced_as_having_no_origin(project: Path) -> None:
    prs = Presentation(str(DECK))
    added = prs.slides.add_slide(prs.slide_layouts[6])
    added.shapes.title.text = "Questions"
    prs.save(str(DECK))
    lines = trace(str(DECK), "--slide", str(len(prs.slides))).output.splitlines()
    assert lines[1:] == [f'slide {len(prs.slides)} "Questions" (added by hand: no origin)',
                         f'  no origin: "{added.shapes.title.name}": "Questions"']


def test_a_copy_kept_elsewhere_is_traced_by_its_audience(project: Path) -> None:
    copy_path = project / "for-the-principal.pptx"
    shutil.copyfile(DECK, copy_path)
    result = trace(copy_path.name, "--slide", "7")
    assert result.output.splitlines() == ["for-the-principal.pptx (hawkish)"] + SLIDE_7


def test_a_deck_the_project_did_not_build_is_one_line_and_exit_1(project: Path) -> None:
    prs = Presentation()
    prs.save("other.pptx")
    result = trace("other.pptx")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "other.pptx: expected a deck this project built, got one out/manifest.json has no record of; build "
        "it (briefgen build) first"]
    slides = len(Presentation(str(DECK)).slides)
    assert trace(str(DECK), "--slide", "99").output.splitlines() == [
        f"--slide: expected 1 to {slides} (the deck's slides), got 99"]
    Path("notes.pptx").write_text("not a deck")
    result = trace("notes.pptx")
    assert (result.exit_code, result.output) == (1, "notes.pptx: expected a .pptx deck, got a file PowerPoint could not "
                                                    "open either; give a deck briefgen built\n")


@pytest.mark.needs("soffice")
def test_a_deck_saved_by_libreoffice_traces_as_the_original(project: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pptx",
                    "--outdir", str(saved), str(DECK)], check=True, capture_output=True, timeout=600)
    shutil.copyfile(saved / DECK.name, DECK)
    assert trace(str(DECK), "--slide", "7").output.splitlines() == [f"{DECK} (hawkish)"] + SLIDE_7


def slide_lines(lines: list[str], number: int) -> list[str]:
    """The lines of slide ``number`` in a trace's output: its heading and what follows up to the next slide."""
    start = next(i for i, line in enumerate(lines) if line.startswith(f"slide {number} "))
    end = next((i for i, line in enumerate(lines[start + 1:], start + 1) if line.startswith("slide ")), len(lines))
    return lines[start:end]


def rewrite_part(deck: Path, part: str, edit) -> None:
    """Rewrite the part ``part`` of the package ``deck`` as ``edit`` returns it, every other part as it was."""
    with zipfile.ZipFile(deck) as z:
        parts = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(deck, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info, edit(data) if info.filename == part else data)


def test_composed_text_is_one_line_per_shape_and_charts_and_tables_are_drawn_from_the_data(project: Path) -> None:
    lines = trace(str(DECK)).output.splitlines()
    assert slide_lines(lines, 1) == ['slide 1 "U.S.–Japan–ROK Trilateral Security Cooperation" [title]',
                                     "  title ¶1: composed by briefgen",
                                     "  subtitle ¶1: composed by briefgen",
                                     "  body ¶1, ¶2: composed by briefgen"]
    assert slide_lines(lines, 13) == [
        'slide 13 "Combined strength to build on at a glance" [chart:capability_matrix]',
        "  title ¶1: composed by briefgen",
        "  caption ¶1: composed by briefgen",
        "  chart: Chart: Capabilities by owner and domain [chart:capability_matrix/chart], drawn from the brief's data "
        "(each item's slide traces its facts)",
        "  chart-2: Chart Key: Capabilities by owner and domain [chart:capability_matrix/chart-2], drawn from the "
        "brief's data (each item's slide traces its facts)"]
    assert slide_lines(lines, 21)[-1] == ("  table: Comparison Table [table:options/table], drawn from the brief's data "
                                          "(each item's slide traces its facts)")
    assert slide_lines(lines, 22) == ['slide 22 "Move toward a true trilateral alliance" [item:opt-true-alliance]',
                                      "  title ¶1: opt-true-alliance.title at content/options.yaml:5:10",
                                      *slide_lines(lines, 22)[2:-1],
                                      "  body ¶1, ¶6: composed by briefgen from the item at content/options.yaml:5:10"]


def test_slide_numbers_from_1_to_the_last_are_traced_and_others_refused(project: Path) -> None:
    assert trace(str(DECK), "--slide", "1").output.splitlines()[1] == (
        'slide 1 "U.S.–Japan–ROK Trilateral Security Cooperation" [title]')
    assert trace(str(DECK), "--slide", "44").output.splitlines()[1:] == ['slide 44 "Sources" [sources]',
                                                                       "  title ¶1: composed by briefgen",
                                                                       "  body ¶1, ¶2, ¶3, ¶4, ¶5: composed by briefgen"]
    for outside in ("0", "45"):
        result = trace(str(DECK), "--slide", outside)
        assert (result.exit_code, result.output) == (1, f"--slide: expected 1 to 44 (the deck's slides), got {outside}\n")


def test_composed_text_edited_by_hand_is_listed_with_what_briefgen_wrote(project: Path) -> None:
    prs = Presentation(str(DECK))
    prs.slides[0].shapes.title.text_frame.paragraphs[0].runs[0].text = "Trilateral cooperation"
    rating = prs.slides[6].placeholders[1].text_frame.paragraphs[0]
    rating.runs[0].text = "North Korea · Severity 5/5"
    for run in rating.runs[1:]:
        run.text = ""
    prs.save(str(DECK))
    lines = trace(str(DECK)).output.splitlines()
    assert slide_lines(lines, 1)[:3] == [
        'slide 1 "Trilateral cooperation" [title]',
        "  title ¶1: composed by briefgen",
        '      edited by hand; briefgen wrote: "U.S.–Japan–ROK Trilateral Security Cooperation"']
    assert slide_lines(lines, 7)[2:4] == [
        "  body ¶1: composed by briefgen from the item at content/threats.yaml:4:10",
        '      edited by hand; briefgen wrote: "Actor: North Korea · Severity 5/5 · Likelihood 4/5 · Trend: rising"']


def test_shapes_and_paragraphs_a_person_added_are_listed_after_the_claims(project: Path) -> None:
    prs = Presentation(str(DECK))
    slide = prs.slides[6]
    body = slide.placeholders[1].text_frame
    body.paragraphs[1]._p.addnext(copy.deepcopy(body.paragraphs[1]._p))  # a paragraph between framing and points
    added = body.paragraphs[2]
    added.runs[0].text = "Seoul is 50 km from the border."
    for run in added.runs[1:]:
        run.text = ""
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1))
    box.name = "Two lines"
    box.text_frame.text = "First"
    box.text_frame.add_paragraph().text = "Second"
    box.text_frame.add_paragraph()
    slide.shapes.add_textbox(Inches(1), Inches(2), Inches(3), Inches(1)).name = "Empty box"
    slide.shapes._spTree.insert(2, copy.deepcopy(prs.slides[7].shapes.title._element))  # pasted, sent to back
    prs.save(str(DECK))
    assert trace(str(DECK), "--slide", "7").output.splitlines()[1:] == [
        SLIDE_7[0], SLIDE_7[1], SLIDE_7[2],
        *(re.sub(r"^  body ¶(\d)", lambda m: f"  body ¶{int(m[1]) + 1}", line) for line in SLIDE_7[3:-1]),
        SLIDE_7[-1],
        '  no origin: "Title 1 [item:thr-taiwan-force/title]": "Risk of force against Taiwan"',
        '  no origin: "Content Placeholder 2 [item:thr-dprk-missiles/body] ¶3": "Seoul is 50 km from the border."',
        '  no origin: "Two lines": "First / Second"',
        '  no origin: "Empty box"',
    ]


def test_a_slide_a_person_added_without_a_title_has_an_empty_one(project: Path) -> None:
    prs = Presentation(str(DECK))
    blank = prs.slides.add_slide(next(layout for layout in prs.slide_layouts if layout.name == "Blank"))
    blank.shapes.add_textbox(Inches(1), Inches(1), Inches(3), Inches(1)).name = "Scratch"
    prs.save(str(DECK))
    assert trace(str(DECK), "--slide", "45").output.splitlines()[1:] == ['slide 45 "" (added by hand: no origin)',
                                                                       '  no origin: "Scratch"']


def test_slides_deleted_by_hand_are_listed_only_when_the_whole_deck_is_traced(project: Path) -> None:
    prs = Presentation(str(DECK))
    slides = prs.slides._sldIdLst
    slides.remove(slides[8])  # slide 9, "North Korea's nuclear build-up"
    slides.remove(slides[7])  # slide 8, "Risk of force against Taiwan"
    prs.save(str(DECK))
    assert trace(str(DECK)).output.splitlines()[-1] == "deleted by hand: item:thr-taiwan-force, item:thr-dprk-nuclear"
    assert trace(str(DECK), "--slide", "7").output.splitlines() == [f"{DECK} (hawkish)"] + SLIDE_7


def test_a_field_the_audience_has_no_framing_for_any_more_names_what_it_reads_instead(project: Path) -> None:
    threats = Path("content/threats.yaml")
    lines = threats.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[26] == "  framing:\n"
    threats.write_text("".join(lines[:26] + lines[30:]), encoding="utf-8")  # thr-dprk-missiles loses its framing
    assert trace(str(DECK), "--slide", "7").output.splitlines()[3] == (
        "  body ¶2: thr-dprk-missiles.framing (no framing for this audience: the item's summary) at "
        "content/threats.yaml:5:12")


def test_without_a_manifest_no_deck_is_known_to_the_project(project: Path) -> None:
    Path("out/manifest.json").unlink()
    result = trace(str(DECK))
    assert (result.exit_code, result.output) == (
        1, f"{DECK}: expected a deck this project built, got one out/manifest.json has no record of; build it "
           "(briefgen build) first\n")


def test_a_deck_in_the_output_folder_is_traced_by_its_path_whatever_its_properties_say(project: Path) -> None:
    rewrite_part(DECK, "docProps/custom.xml", lambda xml: xml.replace(b">hawkish<", b">dovish<"))
    assert trace(str(DECK), "--slide", "7").output.splitlines() == [f"{DECK} (hawkish)"] + SLIDE_7


def test_a_copy_whose_properties_were_reindented_is_traced_by_its_audience(project: Path) -> None:
    copy_path = project / "for-the-principal.pptx"
    shutil.copyfile(DECK, copy_path)
    rewrite_part(copy_path, "docProps/custom.xml",
                 lambda xml: xml.replace(b"<vt:lpwstr>", b"\n    <vt:lpwstr>").replace(b"</property>", b"\n  </property>"))
    assert trace(copy_path.name, "--slide", "7").output.splitlines() == ["for-the-principal.pptx (hawkish)"] + SLIDE_7


def test_trace_deck_reads_the_project_in_the_working_directory_and_keeps_each_claims_text(project: Path) -> None:
    traced = trace_deck(DECK, 7)
    assert traced.lines() == [f"{DECK} (hawkish)"] + SLIDE_7
    prs = Presentation(str(DECK))
    shown = [p.text for shape in prs.slides[6].placeholders for p in shape.text_frame.paragraphs]
    assert [(c.role, c.paragraph, c.text, c.quote, c.written) for c in traced.slides[0].claims] == [
        ("title", 1, shown[0], None, None), ("body", 1, shown[1], None, None), ("body", 2, shown[2], None, None),
        ("body", 3, shown[3], None, None),
        ("body", 4, shown[4], "Kim has tested intercontinental ballistic missiles that could reach the United States "
                              "and beyond.", None),
        ("body", 5, shown[5], "The concept of Japan as the rear area for South Korea’s defense became obsolete years "
                              "ago", None)]
    assert [c.source for c in traced.slides[0].claims][:2] == [None, None]


def test_a_slide_the_last_build_has_no_record_of_keeps_its_key_and_lists_its_text_as_without_origin(
        project: Path) -> None:
    manifest = json.loads(Path("out/manifest.json").read_text(encoding="utf-8"))
    record = manifest["outputs"][DECK.relative_to("out").as_posix()]["shapes"]
    record["slides"] = [s for s in record["slides"] if s["key"] != "item:thr-taiwan-force"]  # rebuilt without it
    Path("out/manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    prs = Presentation(str(DECK))
    title, body = prs.slides[7].shapes.title, prs.slides[7].placeholders[1]
    assert trace(str(DECK), "--slide", "8").output.splitlines()[1:] == [
        'slide 8 "Risk of force against Taiwan" [item:thr-taiwan-force] (not in the last build: no record of its text)',
        f'  no origin: "{title.name}": "Risk of force against Taiwan"',
        f'  no origin: "{body.name}": "{" / ".join(p.text for p in body.text_frame.paragraphs if p.text)}"']


def test_the_record_of_a_memo_is_a_memos_and_a_decks_is_no_memos(project: Path) -> None:
    manifest = json.loads(Path("out/manifest.json").read_text(encoding="utf-8"))
    memo = {"audience": "hawkish", "format": "docx", "shapes": {"memo": {"paras": ["Bottom line"], "fields": [[]]}}}
    manifest["outputs"]["hawkish/brief.docx"] = memo
    Path("out/manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert deck_record(load_project("."), Path("out/hawkish/brief.docx"), "docx") == ("hawkish", memo["shapes"])
    with pytest.raises(OriginError) as raised:
        deck_record(load_project("."), DECK, "docx")  # the deck's record, asked for as a memo's
    assert str(raised.value) == (f"{DECK}: expected a memo this project built, got one out/manifest.json has no "
                                 "record of; build it (briefgen build) first")
