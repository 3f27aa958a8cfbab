"""Tests of briefgen.progress: plain lines off a terminal, errors even when quiet, the closing summary."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.commands.build import Job, JobResult
from briefgen.errors import BuildError, Loc, Problem
from briefgen.progress import Reporter


def result(status: str, audience: str = "neutral", fmt: str = "md", **kw: object) -> JobResult:
    return JobResult(Job(audience, fmt, Path(f"out/{audience}/brief.{fmt}"), "h"), status, **kw)  # type: ignore[arg-type]


def failure() -> JobResult:
    error = BuildError([Problem(Loc("out/hawkish/brief.pptx"), "output", "refusing to replace a read-only file")])
    return result("failed", "hawkish", "pptx", error=error)


def test_plain_lines_and_a_summary(capsys: pytest.CaptureFixture) -> None:
    warning = Problem(None, "", 'slide 3 "Risks": no speaker notes', severity="warning")
    with Reporter() as reporter:
        reporter.update(result("built", warnings=(warning,)), 1, 3)
        reporter.update(result("unchanged", fmt="html"), 2, 3)
        reporter.update(failure(), 3, 3)
    out, err = capsys.readouterr()
    assert out.splitlines() == ["wrote out/neutral/brief.md", "unchanged out/neutral/brief.html"]
    assert err.splitlines() == ['neutral/md: warning: slide 3 "Risks": no speaker notes',
                                "hawkish/pptx: out/hawkish/brief.pptx: output: refusing to replace a read-only file",
                                "1 built, 1 unchanged, 1 failed"]


def test_quiet_prints_errors_only(capsys: pytest.CaptureFixture) -> None:
    with Reporter(quiet=True) as reporter:
        reporter.update(result("built"), 1, 2)
        reporter.update(failure(), 2, 2)
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == ["hawkish/pptx: out/hawkish/brief.pptx: output: refusing to replace a read-only file"]


@pytest.mark.parametrize("quiet", [False, True])
def test_an_interrupted_build_says_what_it_left_instead_of_counts(capsys: pytest.CaptureFixture,
                                                                   quiet: bool) -> None:
    with pytest.raises(KeyboardInterrupt):
        with Reporter(quiet=quiet) as reporter:
            reporter.update(result("built"), 1, 12)
            raise KeyboardInterrupt
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == "stopped: no output is left half-written, and the next build finishes the rest"
    assert "built," not in err


def test_a_build_that_fails_before_any_output_ends_with_its_error_alone(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(BuildError):
        with Reporter():
            raise BuildError([Problem(None, "--audience", "expected one of a, b, got 'c'")])
    assert capsys.readouterr().err == ""  # the caller prints the error; no "0 built" before it


def test_a_build_that_fails_after_some_outputs_still_counts_them(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(BuildError):
        with Reporter() as reporter:
            reporter.update(result("built"), 1, 1)
            raise BuildError([Problem(Loc("out/manifest.json"), "output", "cannot be written")])
    assert capsys.readouterr().err.splitlines() == ["1 built, 0 unchanged, 0 failed"]
