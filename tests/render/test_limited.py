"""Tests of briefgen.render.limited: work in a forked child under a time and memory limit, answers as JSON."""
from __future__ import annotations

import os
import signal
import time

import pytest

from briefgen.render import limited
from briefgen.render.limited import LimitExceeded, TimeLimit, fork_available, run_limited

pytestmark = pytest.mark.skipif(not fork_available(), reason="needs fork (POSIX)")


def test_result_comes_back_from_a_child() -> None:
    parent = os.getpid()
    assert run_limited(lambda: {"pid": os.getpid(), "text": "é\u202e"}, 5, 1 << 30)["text"] == "é\u202e"
    assert run_limited(lambda: os.getpid(), 5, 1 << 30) != parent


def test_a_large_answer_arrives_whole() -> None:
    assert len(run_limited(lambda: "x" * 20_000_000, 10, 1 << 30)) == 20_000_000


def test_time_limit_is_raised_inside_the_work() -> None:
    def work() -> str:
        try:
            while True:
                pass
        except TimeLimit:
            return "stopped"

    start = time.monotonic()
    assert run_limited(work, 0.5, 1 << 30) == "stopped"
    assert time.monotonic() - start < 5


def test_a_child_that_ignores_the_timer_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limited, "GRACE_SECONDS", 0.5)

    def work() -> None:
        while True:
            try:
                time.sleep(10)
            except TimeLimit:
                pass

    start = time.monotonic()
    with pytest.raises(LimitExceeded) as exc:
        run_limited(work, 0.3, 1 << 30)
    assert exc.value.kind == "time"
    assert time.monotonic() - start < 5


def test_memory_limit_is_a_memory_error_inside_the_work() -> None:
    def work() -> str:
        try:
            block = bytearray(512 << 20)
            return f"allocated {len(block)}"
        except MemoryError:
            return "refused"

    assert run_limited(work, 10, 64 << 20) == "refused"


def test_a_child_killed_by_a_signal_is_a_crash() -> None:
    with pytest.raises(LimitExceeded) as exc:
        run_limited(lambda: os.kill(os.getpid(), signal.SIGKILL), 5, 1 << 30)
    assert exc.value.kind == "crash" and exc.value.detail == "killed by signal SIGKILL"


def test_an_exception_escaping_the_work_is_a_crash_not_a_second_parent() -> None:
    parent = os.getpid()

    def work() -> None:
        raise RuntimeError("boom")

    with pytest.raises(LimitExceeded) as exc:
        run_limited(work, 5, 1 << 30)
    assert exc.value.kind == "crash" and exc.value.detail == "exit status 70"
    assert os.getpid() == parent


def test_an_unserialisable_result_is_a_crash() -> None:
    with pytest.raises(LimitExceeded) as exc:
        run_limited(lambda: object(), 5, 1 << 30)
    assert exc.value.kind == "crash"
