"""Tests of briefgen.commands.pages: the memo's page promise checked after every build that writes a .docx memo.

Built on the shipped content with the test matrix's large-type reference document (serif 12 pt, narrow margins:
tests/support/masters.py), laid out by LibreOffice.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from briefgen.commands.build import build_matrix, file_sha256
from briefgen.commands.pages import NOT_INSTALLED
from briefgen.commands.plan import output_options
from briefgen.load.library import load_library
from briefgen.project import load_project
from briefgen.resources import shipped_content
from briefgen.write.page_count import pdf_page_count
from tests.support.masters import REFERENCES

AUDIENCES = ("dovish", "hawkish", "neutral")
ONE = ["hawkish"]  # one audience where three would only take longer
LARGE_TYPE = next(r for r in REFERENCES if r.name == "serif-12pt-narrow")


@pytest.fixture()
def shipped_content_project(tmp_path: Path) -> Path:
    """A project holding the shipped content, and beside it the large-type reference document."""
    shutil.copytree(shipped_content(), tmp_path / "content")
    LARGE_TYPE.write(tmp_path)
    return tmp_path


def build(root: Path, formats: tuple = ("docx",), reference: bool = True, **kw: object):
    """Build ``formats`` of every shipped audience, on the large-type reference unless ``reference`` is False."""
    project = load_project(root)
    options = output_options(project, None, str(root / "serif-12pt-narrow.docx") if reference else None)
    return build_matrix(project, load_library(project.content_dir).library, options, formats=list(formats), **kw)


def libreoffice_pages(memos: list[Path], out: Path) -> list[int]:
    """Each memo's page count, from LibreOffice run here (not through briefgen); the memos share a file name."""
    out.mkdir()
    copies = [out / f"{m.parent.name}.docx" for m in memos]
    for memo, copy in zip(memos, copies):
        shutil.copyfile(memo, copy)
    profile = out / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, copies)], check=True, capture_output=True, timeout=600)
    return [pdf_page_count(out / f"{c.stem}.pdf") for c in copies]


def pages_of(root: Path) -> dict[str, int | None]:
    """audience -> the memo's page count the manifest records (None: none recorded)."""
    outputs = json.loads((root / "out" / "manifest.json").read_text())["outputs"]
    return {e["audience"]: e.get("pages") for e in outputs.values() if e["format"] == "docx"}


def expected_warning(pages: int, promise: int = 3, reference: str = "the reference document serif-12pt-narrow.docx") -> str:
    return (f"warning: pages: the memo is {pages} pages, more than the {promise} it should be; with {reference}'s "
            f"type and margins a page holds less: shorten the brief, or use smaller type or narrower margins")


@pytest.mark.needs("soffice", "carlito")
def test_a_docx_build_warns_with_each_memos_page_count_past_the_promise(shipped_content_project: Path, tmp_path: Path):
    root = shipped_content_project
    outcome = build(root, workers=2)
    memos = [r.job.target for r in outcome.results]
    counted = libreoffice_pages(memos, tmp_path / "counted")
    assert [r.job.audience for r in outcome.results] == list(AUDIENCES)
    assert all(n > 3 for n in counted), counted
    assert [r.pages for r in outcome.results] == counted
    assert [[str(w) for w in r.warnings if w.field == "pages"] for r in outcome.results] == [
        [expected_warning(n)] for n in counted]
    assert pages_of(root) == dict(zip(AUDIENCES, counted))


@pytest.mark.needs("soffice", "carlito")
def test_a_memo_within_its_promise_says_nothing_and_its_count_is_recorded(shipped_content_project: Path):
    root = shipped_content_project
    outcome = build(root, audiences=ONE, formats=("docx", "md"), reference=False)
    memos = [r for r in outcome.results if r.job.fmt == "docx"]
    assert [r.status for r in outcome.results] == ["built"] * 2
    assert all(r.pages in (2, 3) for r in memos), [r.pages for r in memos]
    assert [w for r in outcome.results for w in r.warnings] == []
    assert [r.pages for r in outcome.results if r.job.fmt == "md"] == [None]
    assert pages_of(root) == {r.job.audience: r.pages for r in memos}


@pytest.mark.needs("soffice", "carlito")
def test_the_briefings_memo_pages_is_the_promise(shipped_content_project: Path):
    root = shipped_content_project
    briefing = root / "content" / "briefing.yaml"
    briefing.write_text(briefing.read_text() + "\nmemo: {pages: 2}\n")
    outcome = build(root, audiences=ONE, reference=False)
    assert all(r.pages == 3 for r in outcome.results), [r.pages for r in outcome.results]
    assert [[str(w) for w in r.warnings] for r in outcome.results] == [
        [expected_warning(3, 2, "its reference")]]


@pytest.mark.needs("soffice", "carlito")
def test_an_unchanged_memo_is_not_counted_again(shipped_content_project: Path, monkeypatch: pytest.MonkeyPatch):
    root = shipped_content_project
    first = build(root, audiences=ONE)
    recorded = pages_of(root)
    assert all(n > 3 for n in recorded.values())
    monkeypatch.setenv("PATH", str(root / "no-programs"))  # LibreOffice is out of reach from now on
    again = build(root, audiences=ONE)
    assert [r.status for r in again.results] == ["unchanged"]
    assert pages_of(root) == recorded
    rebuilt = build(root, audiences=ONE, force=True)  # the same bytes: the recorded count stands, no conversion
    assert [r.status for r in rebuilt.results] == ["built"]
    assert [r.sha256 for r in rebuilt.results] == [r.sha256 for r in first.results]
    assert [r.pages for r in rebuilt.results] == [recorded[a] for a in ONE]
    assert [[str(w) for w in r.warnings if w.field == "pages"] for r in rebuilt.results] == [
        [expected_warning(recorded[a])] for a in ONE]
    assert pages_of(root) == recorded


def test_without_libreoffice_one_line_says_the_pages_were_not_counted(shipped_content_project: Path,
                                                                     monkeypatch: pytest.MonkeyPatch):
    root = shipped_content_project
    monkeypatch.setenv("PATH", str(root / "no-programs"))
    outcome = build(root, formats=("docx", "md"))
    said = [str(w) for r in outcome.results for w in r.warnings if w.field == "pages"]
    assert said == [f"warning: pages: {NOT_INSTALLED}"]
    assert NOT_INSTALLED == ("the memos' pages were not counted: LibreOffice is not installed (install "
                             "libreoffice-writer to check that each memo keeps to its two to three pages)")
    assert [r.status for r in outcome.results] == ["built"] * 6
    assert pages_of(root) == dict.fromkeys(AUDIENCES)


@pytest.mark.needs("soffice", "carlito")
def test_an_edited_memo_is_counted_afresh(shipped_content_project: Path):
    root = shipped_content_project
    build(root, audiences=ONE, reference=False)
    shipped = pages_of(root)
    outcome = build(root, audiences=ONE)  # another reference: every memo changes, and is longer
    assert [r.status for r in outcome.results] == ["built"]
    longer = pages_of(root)
    assert all(longer[a] > shipped[a] for a in ONE), (shipped, longer)
    entry = json.loads((root / "out" / "manifest.json").read_text())["outputs"][
        str(outcome.results[0].job.target.relative_to(root / "out"))]
    assert entry["sha256"] == file_sha256(outcome.results[0].job.target) and entry["pages"] == longer["hawkish"]


@pytest.mark.needs("soffice", "carlito")
def test_memos_built_without_a_count_are_counted_by_the_next_build(shipped_content_project: Path):
    root = shipped_content_project
    quick = build(root, audiences=ONE, formats=("docx", "md"), page_count=False)  # as `briefgen watch` builds
    assert [r.pages for r in quick.results] == [None] * 2
    assert [w for r in quick.results for w in r.warnings if w.field == "pages"] == []
    assert pages_of(root) == dict.fromkeys(ONE)
    outcome = build(root, audiences=ONE, formats=("docx", "md"))
    assert [r.status for r in outcome.results] == ["unchanged"] * 2
    memos = [r for r in outcome.results if r.job.fmt == "docx"]
    assert all(r.pages > 3 for r in memos)
    assert [[str(w) for w in r.warnings] for r in memos] == [[expected_warning(r.pages)] for r in memos]
    assert pages_of(root) == {r.job.audience: r.pages for r in memos}
    assert [r.status for r in build(root, audiences=ONE, formats=("docx",)).results] == ["unchanged"]
    assert all(r.warnings == () for r in build(root, audiences=ONE, formats=("docx",)).results)
