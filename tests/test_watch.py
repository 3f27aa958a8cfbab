"""Tests of briefgen.watch: a change rebuilds, bad content keeps the last good outputs, stop ends it."""
from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

from briefgen.batch import build_matrix
from briefgen.build import output_options
from briefgen.errors import BriefgenError
from briefgen.library import load_library
from briefgen.watch import watch

FIXTURES = Path(__file__).parent / "fixtures"


def wait_for(cond, timeout: float = 30.0) -> bool:  # type: ignore[no-untyped-def]
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def test_watch_rebuilds_on_change_and_keeps_last_good_output(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    cycles: list[str] = []
    errors: list[BriefgenError] = []

    def rebuild(project) -> None:  # type: ignore[no-untyped-def]
        lib = load_library(project.content_dir).library
        outcome = build_matrix(project, lib, output_options(project), ["neutral"], ["md"])
        cycles.append(outcome.results[0].status)

    stop = threading.Event()
    thread = threading.Thread(target=watch, args=(tmp_path, rebuild, stop, errors.append), kwargs={"settle": 0.1})
    thread.start()
    try:
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
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
