"""Tests of briefgen.commands.watch: a change rebuilds, bad content keeps the last good outputs, stop ends it.

No test sleeps or measures time: each waits, with a generous timeout, for the rebuild it expects (a
condition the rebuild callback notifies), and which files are inputs is checked by asking the watcher's
filter directly.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from briefgen.commands.build import build_matrix
from briefgen.commands.plan import output_options
from briefgen.commands.watch import _relevant, settle_after, watch
from briefgen.load.library import load_library
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES


TIMEOUT = 120.0  # generous: a loaded machine may take long; a passing run never waits for it


class Recorder:
    """Records what each call of ``step`` (a rebuild or an error handler) returned, and lets a test wait
    until the record satisfies a condition."""

    def __init__(self, step: Callable[..., Any] = lambda *args: args[0]) -> None:
        self.step = step
        self.calls: list[Any] = []
        self.changed = threading.Condition()

    def __call__(self, *args: Any) -> None:
        result = self.step(*args)
        with self.changed:
            self.calls.append(result)
            self.changed.notify_all()

    def wait_until(self, condition: Callable[[list], bool]) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: condition(self.calls), TIMEOUT), self.calls


@contextlib.contextmanager
def watching(root: Path, rebuild, on_error, settle: float) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """``watch`` running in a thread for the body of the ``with``; stopped, and checked to have ended, after."""
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(root, rebuild, stop, on_error), kwargs={"settle": settle},
                              daemon=True)  # a watcher that fails to stop must not keep the test run alive
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_watch_rebuilds_on_change_and_keeps_last_good_output(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")

    def build(project, changed) -> str:  # type: ignore[no-untyped-def]
        lib = load_library(project.content_dir).library
        return build_matrix(project, lib, output_options(project), ["neutral"], ["md"]).results[0].status

    cycles = Recorder(build)
    errors: Recorder = Recorder(lambda exc: exc.lines())
    with watching(tmp_path, cycles, errors, settle=0.1):
        cycles.wait_until(lambda c: c == ["built"])
        memo = tmp_path / "out" / "neutral" / "minimal-test-briefing.md"
        assert "Balanced bottom line." in memo.read_text()
        briefing = tmp_path / "content" / "briefing.yaml"
        briefing.write_text(briefing.read_text().replace("Balanced bottom line.", "Revised bottom line."))
        cycles.wait_until(lambda c: len(c) == 2)
        assert cycles.calls[1] == "built" and "Revised bottom line." in memo.read_text()
        good = memo.read_bytes()
        briefing.write_text(briefing.read_text().replace("classification: UNCLASSIFIED", "classification: [bad"))
        errors.wait_until(lambda e: len(e) == 1)
        (line,) = errors.calls[0]  # one line, at the broken value (the YAML wording is not briefgen's to assert)
        assert "content/briefing.yaml:4:13: YAML syntax error: " in line
        assert memo.read_bytes() == good
        assert len(cycles.calls) == 2


@pytest.mark.parametrize("event_type", ["modified", "created", "moved", "deleted"])
def test_only_a_file_closed_after_writing_settles_quickly(event_type: str) -> None:
    assert settle_after(event_type) == 0.15  # an editor's save (temp file, rename) is over within this
    assert settle_after(event_type, settle=2.0) == 2.0
    assert settle_after("closed") == settle_after("closed", settle=2.0) == 0.03  # a finished save: briefly
    assert settle_after(event_type, settle=0.01) == settle_after("closed", settle=0.01) == 0.01  # never longer


def test_outputs_hidden_and_temporary_files_are_not_inputs(tmp_path: Path) -> None:
    from briefgen.project import load_project

    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    project = load_project(tmp_path)
    root = project.root
    inputs = [root / "content" / "briefing.yaml", root / "content" / "threats" / "one.yaml", root / "briefgen.yaml"]
    others = [root / "out" / "ignored.txt", root / "out" / "neutral" / "brief.md", root / "content" / ".briefing.swp",
              root / "content" / "briefing.yaml.tmp", root / "content" / "__pycache__" / "x.pyc",
              root / "notes.txt", root / "sub" / "briefgen.yaml"]
    assert [_relevant(str(p), project) for p in inputs] == [True] * len(inputs)
    assert [_relevant(str(p), project) for p in others] == [False] * len(others)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="closed-after-writing events come from inotify")
def test_a_finished_save_rebuilds_at_once_and_a_rename_waits_for_the_burst_to_end(tmp_path: Path) -> None:
    """With a settle of an hour, only a file closed after writing can start a rebuild within the test's
    timeout; a rename alone keeps waiting, and is built with the next finished save."""
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    memo = tmp_path / "out" / "neutral" / "minimal-test-briefing.md"

    def build(project, changed) -> str:  # type: ignore[no-untyped-def]
        lib = load_library(project.content_dir).library
        build_matrix(project, lib, output_options(project), ["neutral"], ["md"])
        return memo.read_text()

    memos = Recorder(build)
    with watching(tmp_path, memos, print, settle=3600.0):
        memos.wait_until(lambda m: len(m) == 1)
        briefing = tmp_path / "content" / "briefing.yaml"
        briefing.write_text(briefing.read_text().replace("Balanced bottom line.", "Revised bottom line."))
        memos.wait_until(lambda m: "Revised bottom line." in m[-1])  # did not wait the hour
        new = tmp_path / "content" / "briefing.yaml.new"
        new.write_text(briefing.read_text().replace("Revised bottom line.", "Renamed bottom line."))
        memos.wait_until(lambda m: len(m) >= 3)  # the new file is a finished save of its own
        os.replace(new, briefing)  # a save by rename: the editor may still be writing, so it waits
        (tmp_path / "content" / "sources.yaml").write_text((tmp_path / "content" / "sources.yaml").read_text())
        memos.wait_until(lambda m: "Renamed bottom line." in m[-1])  # built with the next finished save


def test_a_master_and_reference_document_outside_the_templates_are_watched(tmp_path: Path) -> None:
    from briefgen.commands.watch import watched_paths
    from briefgen.project import load_project
    from briefgen.resources import shipped_templates

    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    (tmp_path / "brand").mkdir()
    shutil.copy(shipped_templates() / "pptx" / "default.pptx", tmp_path / "brand" / "master.pptx")
    shutil.copy(shipped_templates() / "memo" / "reference.docx", tmp_path / "reference.docx")
    (tmp_path / "notes").mkdir()
    (tmp_path / "briefgen.yaml").write_text("master: brand/master.pptx\nreference_docx: reference.docx\n")
    root = tmp_path.resolve()
    assert watched_paths(load_project(tmp_path)) == [(root / "content", True), (root, False),
                                                     (root / "brand", False)]
    project = load_project(tmp_path)
    assert not _relevant(str(root / "brand" / "logo-draft.txt"), project)
    assert not _relevant(str(root / "notes.txt"), project)
    seen = Recorder()
    with watching(tmp_path, seen, print, settle=0.1):
        seen.wait_until(lambda s: len(s) == 1)
        (tmp_path / "brand" / "master.pptx").write_bytes((tmp_path / "brand" / "master.pptx").read_bytes())
        seen.wait_until(lambda s: len(s) == 2)
        (tmp_path / "reference.docx").write_bytes((tmp_path / "reference.docx").read_bytes())
        seen.wait_until(lambda s: len(s) == 3)


def test_watch_where_there_is_no_content_stops_with_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefgen.cli import cli
    from briefgen.errors import display_path

    result = CliRunner().invoke(cli, ["watch", "-p", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"{display_path(tmp_path.resolve() / 'content')}: expected a content folder, got nothing (no such folder; `briefgen init DIR` "
        f"makes a starter project)"]


def test_a_rebuild_while_watching_keeps_a_copy_of_a_hand_edited_output(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")

    def build(project, changed) -> tuple:  # type: ignore[no-untyped-def]
        lib = load_library(project.content_dir).library
        (result,) = build_matrix(project, lib, output_options(project), ["neutral"], ["md"]).results
        return result.status, result.kept

    cycles = Recorder(build)
    errors: Recorder = Recorder(lambda exc: exc.lines())
    memo = tmp_path / "out" / "neutral" / "minimal-test-briefing.md"
    with watching(tmp_path, cycles, errors, settle=0.1):
        cycles.wait_until(lambda c: len(c) == 1)
        assert cycles.calls[0] == ("built", None)
        memo.write_text("# The memo as the colonel left it\n")  # an output: no rebuild for this alone
        briefing = tmp_path / "content" / "briefing.yaml"
        briefing.write_text(briefing.read_text().replace("Balanced bottom line.", "Revised bottom line."))
        cycles.wait_until(lambda c: len(c) == 2)
    status, kept = cycles.calls[1]
    assert status == "built" and "Revised bottom line." in memo.read_text()
    assert kept is not None and kept.copy.parent == tmp_path / ".briefgen-history" / "neutral"
    assert kept.copy.read_text() == "# The memo as the colonel left it\n"
    assert errors.calls == []


def test_briefing_files_are_inputs_and_their_folder_is_watched(tmp_path: Path) -> None:
    from briefgen.commands.watch import is_briefing_file, watched_paths
    from briefgen.project import load_project

    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    project = load_project(tmp_path)
    root = project.root
    assert watched_paths(project) == [(root / "content", True), (root, False)]
    assert _relevant(str(root / "briefings"), project)  # the folder made: picked up by the next rebuild
    (tmp_path / "briefings").mkdir()
    assert watched_paths(project) == [(root / "content", True), (root, False), (root / "briefings", False)]
    briefing_files = [root / "briefings" / "senator.yaml", root / "briefings" / "senator.yml"]
    others = [root / "briefings" / "notes.txt", root / "briefings" / "old" / "senator.yaml",
              root / "briefings" / ".senator.yaml.swp", root / "senator.yaml"]
    assert [(_relevant(str(p), project), is_briefing_file(p, project)) for p in briefing_files] == [(True, True)] * 2
    assert [(_relevant(str(p), project), is_briefing_file(p, project)) for p in others] == [(False, False)] * 4


def test_only_changed_briefing_files_narrow_a_rebuild_to_their_briefings(tmp_path: Path) -> None:
    from briefgen.commands.briefings import project_briefings
    from briefgen.commands.watch import changed_briefings
    from briefgen.project import load_project
    from tests.support.meetings import meeting_project

    project = load_project(meeting_project(tmp_path / "p", "taiwan", "ten-minutes", "one-pager"))
    every = project_briefings(project, load_library(project.content_dir).library)
    folder = project.briefings_dir

    def names(*changed: Path) -> list[str]:
        return [b.name for b in changed_briefings(project, every, changed)]

    assert names() == ["", "one-pager", "taiwan", "ten-minutes"]  # the first rebuild, or after a failure
    assert names(folder / "taiwan.yaml") == ["taiwan"]
    assert names(folder / "taiwan.yaml", folder / "one-pager.yml") == ["one-pager", "taiwan"]
    assert names(folder / "gone.yaml") == []  # a removed briefing: nothing left to build
    assert names(folder / "taiwan.yaml", project.content_dir / "threats.yaml") == \
        ["", "one-pager", "taiwan", "ten-minutes"]  # the library changed: every briefing
    assert names(folder) == ["", "one-pager", "taiwan", "ten-minutes"]  # the folder itself (made or moved)
    assert names(project.root / "briefgen.yaml") == ["", "one-pager", "taiwan", "ten-minutes"]


class _Jobs:
    """A reporter that records, per rebuild, each output's briefing and status (``watch_project``'s reporter)."""

    rebuilds: Recorder

    def __enter__(self) -> "_Jobs":
        self.jobs: list[tuple[str, str]] = []
        return self

    def update(self, result: Any, done: int, total: int) -> None:
        self.jobs.append((result.job.briefing, result.status))

    def __exit__(self, *exc: object) -> None:
        self.rebuilds(sorted(self.jobs))


def test_watch_builds_every_briefing_and_a_changed_or_new_briefing_file_rebuilds_it_alone(tmp_path: Path) -> None:
    from briefgen.commands.watch import watch_project
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "taiwan", "ten-minutes")
    rebuilds = Recorder()
    _Jobs.rebuilds = rebuilds
    errors: Recorder = Recorder(lambda exc: exc.lines())
    stop = threading.Event()
    thread = threading.Thread(target=watch_project, args=(root, ["neutral"], ["md"]),
                              kwargs={"stop": stop, "reporter": _Jobs, "on_error": errors}, daemon=True)
    thread.start()
    try:
        rebuilds.wait_until(lambda r: len(r) == 1)
        assert rebuilds.calls[0] == [("", "built"), ("taiwan", "built"), ("ten-minutes", "built")]
        taiwan = root / "briefings" / "taiwan.yaml"
        taiwan.write_text(taiwan.read_text(encoding="utf-8").replace(
            "subject: Taiwan contingency and missile defence cooperation", "subject: Taiwan first"), encoding="utf-8")
        rebuilds.wait_until(lambda r: len(r) == 2)
        assert rebuilds.calls[1] == [("taiwan", "built")]  # the others are not even looked at
        memo = root / "out/taiwan/neutral/taiwan-balanced-2026-12-10.md"
        assert "**SUBJECT:** Taiwan first  \n" in memo.read_text(encoding="utf-8")
        (root / "briefings" / "senator.yaml").write_text("date: 2026-12-10\nlength: {minutes: 15}\n",
                                                         encoding="utf-8")
        rebuilds.wait_until(lambda r: [("senator", "built")] in r)
        assert (root / "out/senator/neutral/senator-balanced-2026-12-10.md").is_file()
        assert errors.calls == []
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()


def test_watch_can_be_narrowed_to_briefings_and_picks_up_a_briefings_folder_made_while_watching(
        tmp_path: Path) -> None:
    from briefgen.commands.watch import watch_project
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "none")
    (root / "briefings").rmdir()
    rebuilds = Recorder()
    _Jobs.rebuilds = rebuilds
    errors: Recorder = Recorder(lambda exc: exc.lines())
    stop = threading.Event()
    thread = threading.Thread(target=watch_project, args=(root, ["neutral"], ["md"]),
                              kwargs={"stop": stop, "reporter": _Jobs, "on_error": errors,
                                      "briefings": ["senator", "taiwan"]}, daemon=True)
    thread.start()
    try:
        errors.wait_until(lambda e: len(e) == 1)  # not there yet: said, and watching goes on
        assert errors.calls[0] == ["--briefing: unknown briefing 'senator'; briefings are: none (add "
                                   "briefings/NAME.yaml, e.g. with `briefgen new briefing NAME`)",
                                   "--briefing: unknown briefing 'taiwan'; briefings are: none (add "
                                   "briefings/NAME.yaml, e.g. with `briefgen new briefing NAME`)"]
        (root / "briefings").mkdir()
        (root / "briefings" / "senator.yaml").write_text("date: 2026-12-10\n", encoding="utf-8")
        (root / "briefings" / "taiwan.yaml").write_text("date: 2026-12-11\n", encoding="utf-8")
        (root / "briefings" / "other.yaml").write_text("date: 2026-12-12\n", encoding="utf-8")
        rebuilds.wait_until(lambda r: len(r) == 1)
        assert rebuilds.calls[0] == [("senator", "built"), ("taiwan", "built")]  # the default and other: not chosen
        (root / "briefings" / "taiwan.yaml").write_text("date: 2026-12-12\n", encoding="utf-8")  # in the new folder
        rebuilds.wait_until(lambda r: len(r) == 2)
        assert rebuilds.calls[1] == [("taiwan", "built")]
        assert (root / "out/taiwan/neutral/taiwan-balanced-2026-12-12.md").is_file()
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
