"""Tests of briefgen.commands.watch: a change rebuilds, bad content keeps the last good outputs, stop ends it."""
from __future__ import annotations

import contextlib
import os
import shutil
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import pytest

from briefgen.commands.build import build_matrix
from briefgen.commands.plan import output_options
from briefgen.commands.watch import FINISHED_SETTLE_SECONDS, SETTLE_SECONDS, settle_after, watch
from briefgen.errors import BriefgenError
from briefgen.load.library import load_library
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES


def wait_for(cond, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


@contextlib.contextmanager
def watching(root: Path, rebuild, on_error, settle: float) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """``watch`` running in a thread for the body of the ``with``; stopped, and checked to have ended, after."""
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(root, rebuild, stop, on_error), kwargs={"settle": settle})
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_watch_rebuilds_on_change_and_keeps_last_good_output(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    cycles: list[str] = []
    errors: list[BriefgenError] = []

    def rebuild(project) -> None:  # type: ignore[no-untyped-def]
        lib = load_library(project.content_dir).library
        outcome = build_matrix(project, lib, output_options(project), ["neutral"], ["md"])
        cycles.append(outcome.results[0].status)

    with watching(tmp_path, rebuild, errors.append, settle=0.1):
        assert wait_for(lambda: cycles == ["built"])
        memo = tmp_path / "out" / "neutral" / "minimal-test-briefing.md"
        assert "Balanced bottom line." in memo.read_text()
        briefing = tmp_path / "content" / "briefing.yaml"
        briefing.write_text(briefing.read_text().replace("Balanced bottom line.", "Revised bottom line."))
        assert wait_for(lambda: len(cycles) == 2)
        assert cycles[1] == "built" and "Revised bottom line." in memo.read_text()
        good = memo.read_bytes()
        briefing.write_text(briefing.read_text().replace("classification: UNCLASSIFIED", "classification: [bad"))
        assert wait_for(lambda: len(errors) == 1)
        assert "briefing.yaml" in errors[0].lines()[0]
        assert memo.read_bytes() == good
        (tmp_path / "out" / "ignored.txt").write_text("outputs do not trigger rebuilds")
        time.sleep(0.5)
        assert len(cycles) == 2


@pytest.mark.parametrize("event_type, wait", [("closed", FINISHED_SETTLE_SECONDS), ("modified", SETTLE_SECONDS),
                                              ("created", SETTLE_SECONDS), ("moved", SETTLE_SECONDS),
                                              ("deleted", SETTLE_SECONDS)])
def test_only_a_file_closed_after_writing_settles_quickly(event_type: str, wait: float) -> None:
    assert settle_after(event_type) == wait
    assert settle_after(event_type, settle=0.01) == 0.01  # never longer than asked


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="closed-after-writing events come from inotify")
def test_a_finished_save_rebuilds_at_once_and_a_rename_waits_for_the_settle(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    starts: list[float] = []
    ends: list[float] = []
    settle = 2.0

    def rebuild(project) -> None:  # type: ignore[no-untyped-def]
        starts.append(time.monotonic())
        lib = load_library(project.content_dir).library
        build_matrix(project, lib, output_options(project), ["neutral"], ["md"])
        ends.append(time.monotonic())

    with watching(tmp_path, rebuild, print, settle=settle):
        assert wait_for(lambda: len(ends) == 1)
        time.sleep(settle * 1.2)
        assert len(starts) == 1  # making out/ and the chart cache in the project folder is no change
        briefing = tmp_path / "content" / "briefing.yaml"
        saved = time.monotonic()
        briefing.write_text(briefing.read_text().replace("Balanced bottom line.", "Revised bottom line."))
        assert wait_for(lambda: len(starts) == 2)
        assert starts[1] - saved < settle / 2  # the closed file did not wait for the full settle
        new = tmp_path / "content" / "briefing.yaml.new"
        new.write_text(briefing.read_text().replace("Revised bottom line.", "Renamed bottom line."))
        time.sleep(0.5)  # writing the new file's content settles on its own
        before = len(starts)
        moved = time.monotonic()
        os.replace(new, briefing)  # a save by rename: the editor may still be writing, so settle
        memo = tmp_path / "out" / "neutral" / "minimal-test-briefing.md"
        assert wait_for(lambda: "Renamed bottom line." in memo.read_text())
        assert len(starts) == before + 1 and starts[-1] - moved >= settle * 0.9


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
    seen: list[int] = []

    def rebuild(project) -> None:  # type: ignore[no-untyped-def]
        seen.append(len(seen))

    with watching(tmp_path, rebuild, print, settle=0.1):
        assert wait_for(lambda: len(seen) == 1)
        (tmp_path / "brand" / "master.pptx").write_bytes((tmp_path / "brand" / "master.pptx").read_bytes())
        assert wait_for(lambda: len(seen) == 2)
        (tmp_path / "reference.docx").write_bytes((tmp_path / "reference.docx").read_bytes())
        assert wait_for(lambda: len(seen) == 3)
        (tmp_path / "brand" / "logo-draft.txt").write_text("not an input")
        (tmp_path / "notes.txt").write_text("not an input either")
        time.sleep(0.6)
        assert len(seen) == 3


def test_watch_where_there_is_no_content_stops_with_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from briefgen.cli import cli
    from briefgen.errors import display_path

    result = CliRunner().invoke(cli, ["watch", "-p", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"{display_path(tmp_path.resolve() / 'content')}: expected a content folder, got nothing (no such folder; `briefgen init DIR` "
        f"makes a starter project)"]
