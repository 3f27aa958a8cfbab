"""Tests of briefgen.commands.trace: each claim on a slide traced to its field, file:line, source and quote, on a
deck as built, edited with python-pptx, and saved by LibreOffice."""
from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

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
