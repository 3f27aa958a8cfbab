"""Tests of briefgen.commands.pull: a deck's text edits mapped back to the content fields, shown as a diff, written
only with --apply touching only the changed values; the next build then reproduces the person's text with no
conflict (the shipped library, each audience)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.util import Inches

from briefgen.cli import cli
from briefgen.load.fields import FieldRef, Locator
from briefgen.load.library import load_library
from briefgen.resources import shipped_content
from briefgen.write.pptx.origins import read_deck

DECK = "us-japan-rok-trilateral-security-cooperation.pptx"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(shipped_content(), tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="briefgen")


def _first_item_slide(deck: Path):
    return next(s for s in read_deck(deck) if (s.key or "").startswith("item:thr-"))


def _edit(deck: Path, number: int, title: str, framing: str, fact: str, bluf: str) -> None:
    """Retitle slide ``number``, rewrite its "so what" (¶2) and first fact (¶3, keeping the source number run), and
    rewrite the BLUF on slide 2."""
    prs = Presentation(str(deck))
    slide = prs.slides[number - 1]
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = title
    body = slide.placeholders[1].text_frame.paragraphs
    body[1].runs[0].text = framing
    body[2].runs[0].text = fact
    prs.slides[1].placeholders[1].text_frame.paragraphs[0].runs[0].text = bluf
    prs.save(str(deck))


@pytest.mark.parametrize("audience", ["hawkish", "dovish", "neutral"])
def test_pull_apply_then_build_gives_the_persons_text_with_no_conflict(project: Path, audience: str) -> None:
    assert run("build", "-a", audience, "-q").exit_code == 0
    deck = Path("out") / audience / DECK
    slide = _first_item_slide(deck)
    item = slide.key.removeprefix("item:")
    texts = {"title": f"Edited title for {audience}", "framing": f"The {audience} room should hear this, plainly.",
             "fact": "A fact rewritten by hand.", "bluf": f"Bottom line for the {audience} room, rewritten."}
    _edit(deck, slide.number, texts["title"], texts["framing"], texts["fact"], texts["bluf"])
    before = {p: p.read_text() for p in Path("content").rglob("*.yaml")}
    library = load_library("content").library
    where = {name: Locator(library).locate(ref, audience) for name, ref in (
        ("title", FieldRef(item, "title")), ("framing", FieldRef(item, "framing")),
        ("fact", FieldRef(item, "points", 0)), ("bluf", FieldRef(None, "bluf")))}

    shown = run("pull", str(deck))
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[0] == f"{deck} ({audience}): 4 edit(s) map to the content"
    assert lines[1:5] == [
        f"  slide 2 body: briefing.bluf ({where['bluf'].audience}) at {where['bluf'].loc}",
        f"  slide {slide.number} title: {item}.title at {where['title'].loc}",
        f"  slide {slide.number} body: {item}.framing ({where['framing'].audience}) at {where['framing'].loc}",
        f"  slide {slide.number} body: {item}.points[0] at {where['fact'].loc}"]
    assert f"  note: {item}.points[0] is a fact: facts are the same in every variant, so this changes every " \
           f"audience's outputs" in lines
    assert lines[-1] == "nothing written: run again with --apply to write these changes"
    assert {p: p.read_text() for p in before} == before  # nothing written without --apply

    applied = run("pull", str(deck), "--apply")
    assert applied.exit_code == 0, applied.output
    assert applied.output.splitlines()[-2:] == ["wrote content/briefing.yaml", "wrote content/threats.yaml"]
    after = {p: p.read_text() for p in before}
    changed = {p.as_posix() for p in before if after[p] != before[p]}
    assert changed == {"content/briefing.yaml", "content/threats.yaml"}
    for p in before:  # only the lines of the changed values differ; comments and every other line stay
        old, new = before[p].splitlines(), after[p].splitlines()
        kept = [line for line in old if line in new]
        assert len(old) - len(kept) <= 4, p
    assert all(line in after[Path("content/threats.yaml")] for line in before[Path("content/threats.yaml")]
               .splitlines() if line.lstrip().startswith("#"))

    rebuilt = run("build", "-a", audience, "-q")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert not any("conflict" in line for line in rebuilt.output.splitlines()), rebuilt.output
    again = next(s for s in read_deck(deck) if s.key == slide.key)
    assert again.shape("title").paras == (texts["title"],)
    body = again.shape("body").paras
    assert body[1] == texts["framing"] and body[2].startswith(texts["fact"] + " [")
    assert read_deck(deck)[1].shape("body").paras[0] == texts["bluf"]
    assert run("pull", str(deck)).output.splitlines()[0] == f"{deck} ({audience}): 0 edit(s) map to the content"


def test_edits_with_no_field_are_listed_with_their_slide_and_never_written(project: Path) -> None:
    run("build", "-a", "hawkish", "-q")
    deck = Path("out/hawkish") / DECK
    prs = Presentation(str(deck))
    box = prs.slides[6].shapes.add_textbox(Inches(1), Inches(1), Inches(2), Inches(1))
    box.name = "My note"
    box.text_frame.text = "Ask J2"
    prs.slides[6].placeholders[1].text_frame.paragraphs[0].runs[0].text = "Actor: the regime"
    prs.slides[6].notes_slide.notes_text_frame.text = "Say it slowly."
    table = next(sh for sh in prs.slides[20].shapes if sh.has_table)
    table.table.cell(1, 1).text_frame.paragraphs[0].runs[0].text = "Rated by hand"
    prs.slides.add_slide(prs.slide_layouts[6]).shapes.title.text = "Questions"
    prs.save(str(deck))
    before = Path("content/threats.yaml").read_text()
    lines = run("pull", str(deck), "--apply").output.splitlines()
    assert lines[0] == f"{deck} (hawkish): 0 edit(s) map to the content"
    assert lines[1:] == [
        "not pulled (no content field to write them to):",
        '  slide 7 body ¶1: text briefgen composes ("Actor: the regime")',
        '  slide 7: a shape you added ("My note")',
        "  slide 7: speaker notes (briefgen composes them from the content)",
        "  slide 21 table: a table (composed from the items' fields)",
        f"  slide {len(prs.slides)}: a slide you added"]
    assert Path("content/threats.yaml").read_text() == before


def test_edited_text_is_checked_as_content_and_nothing_is_written(project: Path) -> None:
    run("build", "-a", "hawkish", "-q")
    deck = Path("out/hawkish") / DECK
    prs = Presentation(str(deck))
    prs.slides[6].shapes.title.text_frame.paragraphs[0].runs[0].text = "x" * 121
    prs.save(str(deck))
    before = Path("content/threats.yaml").read_text()
    result = run("pull", str(deck), "--apply")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "content/threats.yaml:4:10: thr-dprk-missiles.title: slide 7: expected at most 120 characters, got 121"]
    assert Path("content/threats.yaml").read_text() == before
