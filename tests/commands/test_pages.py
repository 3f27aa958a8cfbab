"""Tests of briefgen.commands.pages: the memo's page promise checked after every build that writes a .docx memo.

First PageCheck on its own, with a page counter standing in for LibreOffice (which memos are counted, in one call,
when; the manifest's counts reused; the warnings and where they go); then whole builds of the shipped content with
the test matrix's large-type reference document (serif 12 pt, narrow margins: tests/support/masters.py), laid out
by LibreOffice, which prove the real count.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import threading
import uuid
from pathlib import Path

import pytest

from briefgen.commands.build import Job, JobResult, build_matrix, file_sha256
from briefgen.commands.pages import NOT_INSTALLED, PageCheck
from briefgen.errors import BuildError, Loc, MissingToolError, Problem
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


class Counter:
    """Stands in for LibreOffice: each memo's page count by its file name; records each call (the memos of one)."""

    def __init__(self, pages: dict[str, int]):
        self.pages, self.calls = pages, []
        self.called = threading.Event()

    def __call__(self, memos: list[Path]) -> list[int]:
        self.calls.append([m.name for m in memos])
        self.called.set()
        return [self.pages[m.name] for m in memos]


def installed() -> str:
    return "/opt/office/soffice"


def not_installed() -> None:
    return None


def memo(name: str, status: str = "built", fmt: str = "docx", sha256: str = "", warnings: tuple = ()) -> JobResult:
    """The result of the job writing ``name`` (its audience too) in ``fmt``."""
    job = Job(name, fmt, Path("out") / f"{name}.{fmt}", f"input-{name}")
    return JobResult(job, status, warnings=warnings, sha256=sha256 or f"sha-{name}")


def check(expected: int, counter=None, recorded: dict | None = None, promise: dict | None = None,
          office=installed, **kw: object) -> PageCheck:
    """A PageCheck of ``expected`` memo jobs; ``recorded``: (audience, sha256) -> the manifest's count;
    ``promise``: audience -> pages (default 3)."""
    recorded, promise = recorded or {}, promise or {}
    return PageCheck(expected, lambda job: promise.get(job.audience, 3),
                     lambda job, sha: recorded.get((job.audience, sha)), counter=counter or Counter({}),
                     office=office, **kw)


def said(result: JobResult) -> list[str]:
    return [str(w) for w in result.warnings]


def test_each_memo_built_is_held_and_given_back_with_its_count_and_a_warning_past_its_promise():
    counter = Counter({"alpha.docx": 4, "beta.docx": 3, "gamma.docx": 2})
    pages = check(3, counter, promise={"gamma": 1}, reference=Path("refs") / "big-type.docx")
    assert [pages.take(memo(n)) for n in ("alpha", "beta", "gamma")] == [True] * 3
    out = pages.results()
    assert counter.calls == [["alpha.docx", "beta.docx", "gamma.docx"]]  # one LibreOffice run for all
    assert [(r.job.audience, r.status, r.pages) for r in out] == [("alpha", "built", 4), ("beta", "built", 3),
                                                                  ("gamma", "built", 2)]
    big = "the reference document big-type.docx"
    assert [said(r) for r in out] == [[expected_warning(4, 3, big)], [], [expected_warning(2, 1, big)]]


def test_the_shipped_reference_is_named_as_its_reference():
    pages = check(1, Counter({"alpha.docx": 5}))
    pages.take(memo("alpha"))
    assert [said(r) for r in pages.results()] == [[expected_warning(5, 3, "its reference")]]


def test_the_count_starts_in_a_thread_once_the_last_memo_job_has_arrived():
    counter = Counter({"alpha.docx": 2, "beta.docx": 2})
    pages = check(3, counter)
    pages.take(memo("alpha"))
    pages.take(memo("beta"))
    assert counter.calls == []  # one memo job still to come
    assert pages.take(memo("gamma", "failed")) is False  # a failed memo is the caller's, but it has arrived
    assert counter.called.wait(60)  # counted before anyone asks for the results
    assert [(r.job.audience, r.pages) for r in pages.results()] == [("alpha", 2), ("beta", 2)]
    assert counter.calls == [["alpha.docx", "beta.docx"]]


def test_other_formats_and_a_disabled_check_hold_nothing():
    counter = Counter({"alpha.docx": 9})
    pages = check(1, counter)
    assert [pages.take(memo("alpha", fmt=f)) for f in ("pptx", "md", "pdf", "html")] == [False] * 4
    assert pages.results() == [] and counter.calls == []
    quiet = check(1, counter, enabled=False)
    assert quiet.take(memo("alpha")) is False
    assert quiet.take(memo("beta", "unchanged")) is False
    assert quiet.results() == [] and counter.calls == []


def test_an_unchanged_memo_with_a_recorded_count_is_left_to_the_caller():
    counter = Counter({"beta.docx": 4})
    pages = check(1, counter, recorded={("alpha", "sha-alpha"): 7})
    assert pages.take(memo("alpha", "unchanged")) is False
    assert pages.take(memo("beta", "unchanged")) is True  # no count recorded for its bytes: counted now
    assert pages.take(memo("gamma")) is True
    assert pages.held[0].job.audience == "beta" and len(pages.held) == 2


def test_unchanged_memos_do_not_count_as_arrived_memo_jobs():
    counter = Counter({"alpha.docx": 2, "beta.docx": 5})
    pages = check(1, counter)
    pages.take(memo("alpha", "unchanged"))
    assert counter.calls == []  # the one memo job of the build has not arrived
    pages.take(memo("beta"))
    out = pages.results()
    assert counter.calls == [["alpha.docx", "beta.docx"]]
    assert [(r.job.audience, r.status, r.pages, said(r)) for r in out] == [
        ("alpha", "unchanged", 2, []), ("beta", "built", 5, [expected_warning(5, 3, "its reference")])]


def test_a_built_memo_with_the_recorded_bytes_takes_the_recorded_count_without_a_run():
    counter = Counter({"beta.docx": 2})
    pages = check(2, counter, recorded={("alpha", "same"): 6})
    pages.take(memo("alpha", sha256="same"))
    pages.take(memo("beta", sha256="changed"))
    out = pages.results()
    assert counter.calls == [["beta.docx"]]
    assert [(r.job.audience, r.pages, said(r)) for r in out] == [
        ("alpha", 6, [expected_warning(6, 3, "its reference")]), ("beta", 2, [])]


def test_memos_all_recorded_need_no_libreoffice():
    pages = check(1, recorded={("alpha", "sha-alpha"): 2, ("beta", "sha-beta"): 3}, office=not_installed)
    pages.take(memo("alpha"))
    pages.take(memo("beta", "unchanged"))  # recorded: not held
    assert [(r.job.audience, r.pages, r.warnings) for r in pages.results()] == [("alpha", 2, ())]


def test_without_libreoffice_the_first_memo_says_so_once_and_none_is_counted():
    counter = Counter({"alpha.docx": 4, "beta.docx": 4})
    pages = check(2, counter, office=not_installed)
    pages.take(memo("alpha", warnings=(Problem(None, "chart", "a chart was left out", "warning"),)))
    pages.take(memo("beta"))
    out = pages.results()
    assert counter.calls == []
    assert [(r.pages, said(r)) for r in out] == [
        (None, ["warning: chart: a chart was left out", f"warning: pages: {NOT_INSTALLED}"]), (None, [])]


def test_a_memo_libreoffice_cannot_convert_is_one_warning_with_the_reason_alone():
    def fails(memos: list[Path]) -> list[int]:
        raise BuildError([Problem(Loc("out/alpha.docx", 3, 4), "memo", "LibreOffice could not convert it"),
                          Problem(None, "memo", "a second reason")])

    pages = check(2, fails, recorded={("beta", "sha-beta"): 8})
    pages.take(memo("alpha"))
    pages.take(memo("beta"))
    out = pages.results()
    assert [(r.status, r.pages, said(r)) for r in out] == [
        ("built", None, ["warning: pages: the memos' pages were not counted: LibreOffice could not convert it"]),
        ("built", 8, [expected_warning(8, 3, "its reference")])]


def test_an_error_without_problems_is_still_one_warning():
    def fails(memos: list[Path]) -> list[int]:
        raise MissingToolError([])

    pages = check(1, fails)
    pages.take(memo("alpha"))
    assert [said(r) for r in pages.results()] == [["warning: pages: the memos' pages were not counted: "]]


def test_a_build_stopped_early_counts_the_memos_it_holds():
    counter = Counter({"alpha.docx": 4})
    pages = check(3, counter)
    pages.take(memo("alpha"))
    assert [(r.job.audience, r.pages) for r in pages.results()] == [("alpha", 4)]
    assert counter.calls == [["alpha.docx"]]


def test_a_build_whose_memos_all_failed_counts_nothing():
    counter = Counter({})
    pages = check(2, counter)
    assert [pages.take(memo(n, "failed")) for n in ("alpha", "beta")] == [False, False]
    assert pages.results() == [] and counter.calls == []


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
