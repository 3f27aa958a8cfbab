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
from briefgen.commands.pull import (
    Edit,
    PullResult,
    _agreed,
    _check_text,
    _clean,
    _collect,
    _consequences,
    _rewrite,
    _shape_edits,
)
from briefgen.errors import ContentError, Loc
from briefgen.load.fields import FieldRef, Located, Locator
from briefgen.load.library import load_library
from briefgen.load.yamlsource import YScalar
from briefgen.resources import shipped_content
from briefgen.write.pptx.origins import ShapeText, SlideShapes, read_deck

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


# The steps of a pull on their own: what a person's edit maps to, without building a deck.

def _shape(role: str | None, paras: tuple, key: str | None = "item:thr-a", name: str = "Shape") -> ShapeText:
    return ShapeText(name, key if role else None, role, None, paras)


def _recorded(role: str, paras: list, fields: list) -> dict:
    return {"role": role, "placeholder": None, "paras": paras, "fields": fields}


def test_what_briefgen_adds_to_a_value_is_taken_off_the_edited_text() -> None:
    assert [_clean(text, was) for text, was in [
        ("New fact. [3]", "Old fact. [3]"),
        ("New fact. [3, 5]", "Old fact. [3, 5]"),
        ("New title (cont., 2 of 3)", "Old title (cont., 2 of 3)"),
        ("New title (cont., 2 of 13)", "Old title (cont., 12 of 13)"),
        ("New title (cont., 2 of 3)", "Old title"),  # briefgen wrote none: the person's words stay
        ("New fact. [a]", "Old fact. [a]"),  # not source numbers
        ("New fact. [3]", "Old fact."),  # briefgen wrote none: the person's brackets stay
        ("New fact.", "Old fact. [3]"),  # the person took the numbers away
        ("New [1] fact [3]", "Old [1] fact [3]"),  # only the last brackets are source numbers
        ("New fact [12", "Old fact [12"),  # not closed: not source numbers
        ("  Spaced   out\u00a0text ", "Was"),
    ]] == ["New fact.", "New fact.", "New title", "New title", "New title (cont., 2 of 3)", "New fact. [a]",
           "New fact. [3]", "New fact.", "New [1] fact", "New fact [12", "Spaced out text"]


def test_one_field_given_the_same_text_twice_is_one_edit_and_given_two_texts_none() -> None:
    bluf, title = FieldRef(None, "bluf"), FieldRef("thr-a", "title")
    edits = [Edit(2, "body", bluf, "Same."), Edit(5, "body", bluf, "Same."), Edit(7, "title", title, "One"),
             Edit(9, "title", title, "Other")]
    result = PullResult(Path("d.pptx"), "neutral")
    assert _agreed(edits, result) == [edits[0]]
    assert result.unmapped == ["slide 7 and slide 9: different new text for thr-a.title; make them agree to pull it"]


def test_a_changed_shape_maps_its_field_paragraphs_and_lists_the_rest() -> None:
    base = _recorded("body", ["Actor: the regime", "So what.", "A fact. [1]", "Gone."],
                     [None, "thr-a.framing", "thr-a.points[0]", "thr-a.points[1]"])
    result = PullResult(Path("d.pptx"), "neutral")
    edits = _shape_edits(7, "body", ("Actor: them", "So what.", "A new fact. [1]", "Added."), base, result)
    assert edits == [Edit(7, "body", FieldRef("thr-a", "points", 0), "A new fact."),
                     Edit(7, "body", FieldRef("thr-a", "points", 1), "Added.")]
    assert result.unmapped == ['slide 7 body ¶1: text briefgen composes ("Actor: them")']
    result = PullResult(Path("d.pptx"), "neutral")
    assert _shape_edits(7, "body", ("Actor: the regime", "So what.", "A fact. [1]", "Gone.", "Mine."), base,
                        result) == []
    assert result.unmapped == ['slide 7 body ¶5: a paragraph you added ("Mine.")']
    result = PullResult(Path("d.pptx"), "neutral")
    assert _shape_edits(7, "body", ("Actor: the regime", "So what."), base, result) == []
    assert result.unmapped == ['slide 7 body: a paragraph you deleted ("A fact. [1]")',
                               'slide 7 body: a paragraph you deleted ("Gone.")']


@pytest.mark.parametrize("role", ["chart", "table-2", "picture-1"])
def test_a_composed_shape_is_never_mapped(role: str) -> None:
    result = PullResult(Path("d.pptx"), "neutral")
    base = _recorded(role, ["x"], ["thr-a.title"])
    assert _shape_edits(4, role, ("y",), base, result) == []
    assert result.unmapped == [f"slide 4 {role}: a {role.split('-')[0]} (composed from the items' fields)"]


def test_slides_and_shapes_a_person_added_or_deleted_are_listed() -> None:
    recorded = {
        "item:thr-a": {"key": "item:thr-a", "notes": "Said.", "shapes": [
            _recorded("title", ["Title A"], ["thr-a.title"]), _recorded("body", ["Fact. [1]"], ["thr-a.points[0]"])]},
        "item:thr-b": {"key": "item:thr-b", "notes": None, "shapes": []},
        "item:thr-c": {"key": "item:thr-c", "notes": "x", "shapes": []}}
    slides = [
        SlideShapes(1, "item:thr-a", [_shape("title", ("New title",)), _shape("banner-top", ("CHANGED",)),
                                      _shape(None, ("Mine",), name="My box"), _shape("body", ("Fact. [1]",))],
                    notes="Said otherwise."),
        SlideShapes(2, "item:thr-b", [], notes="Notes of my own."),
        SlideShapes(3, "item:thr-a", [_shape("title", ("Copy",))]),
        SlideShapes(4, None, [])]
    result = PullResult(Path("d.pptx"), "neutral")
    assert _collect(slides, recorded, result) == [Edit(1, "title", FieldRef("thr-a", "title"), "New title")]
    assert result.unmapped == [
        'slide 1: a shape you added ("My box")',
        "slide 1: speaker notes (briefgen composes them from the content)",
        "slide 3: a slide you added",
        "slide 4: a slide you added",
        "a slide you deleted (item:thr-c): remove or demote its item in the content to drop it"]


def test_placeholders_that_lost_their_names_are_paired_with_the_recorded_ones() -> None:
    # LibreOffice renames placeholders when it saves a deck ("Title 1", "PlaceHolder 2"): their origin is gone, so
    # each takes the role of the recorded placeholder of its kind, and its edits map as before.
    recorded = {"item:thr-a": {"key": "item:thr-a", "notes": None, "shapes": [
        {**_recorded("title", ["Title A"], ["thr-a.title"]), "placeholder": "title"},
        {**_recorded("body", ["Fact. [1]"], ["thr-a.points[0]"]), "placeholder": "other"}]}}
    slides = [SlideShapes(1, "item:thr-a", [ShapeText("Title 1", None, None, "title", ("New title",)),
                                            ShapeText("PlaceHolder 2", None, None, "other", ("New fact. [1]",))])]
    result = PullResult(Path("d.pptx"), "neutral")
    assert _collect(slides, recorded, result) == [Edit(1, "title", FieldRef("thr-a", "title"), "New title"),
                                                  Edit(1, "body", FieldRef("thr-a", "points", 0), "New fact.")]
    assert result.unmapped == []


def _located(ref: FieldRef, audience: str | None = None) -> Located:
    return Located(ref, Path("content/threats.yaml").absolute(), YScalar(Loc("content/threats.yaml", 4, 10), "Old"),
                   audience)


def test_new_text_is_checked_against_the_fields_limit_and_characters() -> None:
    for ref, limit in ((FieldRef("thr-a", "title"), 120), (FieldRef("thr-a", "points", 0), 2000),
                       (FieldRef(None, "decisions", 1), 300), (FieldRef(None, "bluf"), 20_000)):
        _check_text(Edit(3, "body", ref, "x" * limit), _located(ref))
        with pytest.raises(ContentError) as err:
            _check_text(Edit(3, "body", ref, "x" * (limit + 1)), _located(ref))
        assert err.value.lines() == [f"content/threats.yaml:4:10: {ref}: slide 3: expected at most {limit:,} "
                                     f"characters, got {limit + 1:,}"]
    ref = FieldRef("thr-a", "title")
    with pytest.raises(ContentError) as err:
        _check_text(Edit(3, "title", ref, "Bell\x07 rung"), _located(ref))
    assert err.value.lines() == ["content/threats.yaml:4:10: thr-a.title: slide 3: the new text has characters no "
                                 "document can hold; remove them"]


def test_a_fact_or_a_shared_framing_says_who_else_it_changes() -> None:
    fact, framing = FieldRef("thr-a", "points", 2), FieldRef("thr-a", "framing")
    assert _consequences(Edit(3, "body", fact, "x"), _located(fact), "hawkish") == [
        "thr-a.points[2] is a fact: facts are the same in every variant, so this changes every audience's outputs"]
    assert _consequences(Edit(3, "body", framing, "x"), _located(framing, "neutral"), "cabinet") == [
        "thr-a.framing: cabinet reads the neutral entry (the profile it extends), so this changes it for every "
        "audience that reads it"]
    assert _consequences(Edit(3, "body", framing, "x"), _located(framing, "hawkish"), "hawkish") == []
    assert _consequences(Edit(3, "title", FieldRef("thr-a", "title"), "x"), _located(framing), "hawkish") == []


def test_rewriting_shows_a_diff_by_project_path_and_writes_only_when_applied(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    threats, briefing = tmp_path / "content" / "threats.yaml", tmp_path / "content" / "briefing.yaml"
    threats.write_text("- id: thr-a\n  title: Old   # kept\n")
    briefing.write_text("bluf: {neutral: Old line.}\n")
    changes = {threats: {(2, 10): "New"}, briefing: {(1, 17): "New line."}}
    result = PullResult(Path("d.pptx"), "neutral")
    _rewrite(changes, tmp_path, result, apply=False)
    assert result.diff.splitlines() == [
        "--- a/content/briefing.yaml", "+++ b/content/briefing.yaml", "@@ -1 +1 @@",
        "-bluf: {neutral: Old line.}", "+bluf: {neutral: New line.}",
        "--- a/content/threats.yaml", "+++ b/content/threats.yaml", "@@ -1,2 +1,2 @@", " - id: thr-a",
        "-  title: Old   # kept", "+  title: New   # kept"]
    assert (threats.read_text(), result.written) == ("- id: thr-a\n  title: Old   # kept\n", [])
    result = PullResult(Path("d.pptx"), "neutral")
    _rewrite(changes, tmp_path, result, apply=True)
    assert threats.read_text() == "- id: thr-a\n  title: New   # kept\n"
    assert briefing.read_text() == "bluf: {neutral: New line.}\n"
    assert result.written == [briefing, threats]


def test_a_content_file_outside_the_project_folder_is_shown_by_its_path_from_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # briefgen.yaml keeps the content inside the project, but a file whose path does not lie under the root it
    # is given is still shown (by its path from the working directory, as every other message names files), not
    # a ValueError from Path.relative_to.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "project").mkdir()
    threats = tmp_path / "shared" / "threats.yaml"
    threats.parent.mkdir()
    threats.write_text("- id: thr-a\n  title: Old\n")
    result = PullResult(Path("d.pptx"), "neutral")
    _rewrite({threats: {(2, 10): "New"}}, tmp_path / "project", result, apply=False)
    assert result.diff.splitlines() == [
        "--- a/shared/threats.yaml", "+++ b/shared/threats.yaml", "@@ -1,2 +1,2 @@", " - id: thr-a",
        "-  title: Old", "+  title: New"]


def test_a_value_that_is_not_where_the_deck_says_is_refused_and_nothing_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    threats = Path("content/threats.yaml")
    threats.parent.mkdir()
    threats.write_text("- id: thr-a\n")
    with pytest.raises(ContentError) as err:
        _rewrite({threats.absolute(): {(2, 10): "New"}}, tmp_path, PullResult(Path("d.pptx"), "neutral"), True)
    assert err.value.lines() == ["content/threats.yaml: cannot rewrite: no value starts at line 2, column 10"]
    assert threats.read_text() == "- id: thr-a\n"


def test_edits_of_a_summary_shown_for_a_framing_or_of_a_fact_gone_since_are_listed_and_a_second_pull_is_empty(
        project: Path) -> None:
    threats = Path("content/threats.yaml")
    text = threats.read_text()
    framing = text[text.index("  framing:\n    neutral: The missile threat"):text.index("  emphasis: {neutral: 3, "
                                                                                      "hawkish: 3, dovish: 2}")]
    threats.write_text(text.replace(framing, ""))
    run("build", "-a", "hawkish", "-q")
    deck = Path("out/hawkish") / DECK
    number = next(s.number for s in read_deck(deck) if s.key == "item:thr-dprk-missiles")
    prs = Presentation(str(deck))
    slide = prs.slides[number - 1]
    slide.shapes.title.text_frame.paragraphs[0].runs[0].text = "Missiles that reach all three"
    body = slide.placeholders[1].text_frame.paragraphs
    body[1].runs[0].text = "A summary rewritten."
    body[-1].runs[0].text = "A fact rewritten."
    prs.save(str(deck))
    text = threats.read_text()
    last_fact = text[text.index("    - text: >-\n        Because one arsenal"):text.index("  emphasis: {neutral: 3, "
                                                                                        "hawkish: 3, dovish: 2}")]
    threats.write_text(text.replace(last_fact, ""))
    lines = run("pull", str(deck), "--apply").output.splitlines()
    assert lines[:6] == [
        f"{deck} (hawkish): 1 edit(s) map to the content",
        f"  slide {number} title: thr-dprk-missiles.title at content/threats.yaml:4:10",
        "not pulled (no content field to write them to):",
        f"  slide {number} body: thr-dprk-missiles.framing shows the item's summary (no framing for hawkish): add a "
        f"framing entry to change it",
        f"  slide {number}: thr-dprk-missiles.points[2] is not in the content",
        "--- a/content/threats.yaml"]
    assert lines[-1] == "wrote content/threats.yaml"
    assert "  title: Missiles that reach all three" in threats.read_text().splitlines()
    again = run("pull", str(deck)).output.splitlines()
    assert again[:2] == [f"{deck} (hawkish): 0 edit(s) map to the content",
                         "not pulled (no content field to write them to):"]
    assert not any(line.startswith(("---", "nothing written")) for line in again)
