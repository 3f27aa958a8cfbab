"""Tests of briefgen.cli: commands, help, exit codes, no tracebacks."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen import __version__
from briefgen.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"


def run(*args: str) -> "object":
    return CliRunner().invoke(cli, list(args))


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"briefgen, version {__version__}"


@pytest.mark.parametrize("command", ["validate", "list", "init", "build"])
def test_every_command_has_help_with_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_init_then_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("init", str(tmp_path / "proj"))
    assert result.exit_code == 0, result.output
    proj = tmp_path / "proj"
    assert (proj / "briefgen.yaml").is_file()
    assert (proj / "content" / "briefing.yaml").is_file()
    assert (proj / "content" / "audiences" / "neutral.yaml").is_file()
    assert (proj / "templates").is_dir()
    monkeypatch.chdir(proj)
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


def test_init_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert "expected an empty or new folder" in result.stderr
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_list_plain_and_tailored() -> None:
    fx = str(FIXTURES / "valid-minimal")
    plain = run("list", "options", "-p", fx)
    assert plain.exit_code == 0
    lines = plain.output.splitlines()
    assert lines[0].split()[:2] == ["id", "title"]
    assert [ln.split()[0] for ln in lines[2:]] == ["opt-planning", "opt-reassure"]
    dovish = run("list", "options", "--audience", "dovish", "-p", fx)
    assert [ln.split()[:2] for ln in dovish.output.splitlines()[2:]] == [
        ["lead", "opt-reassure"], ["normal", "opt-planning"]]


def test_list_unknown_audience_is_one_line_exit_1() -> None:
    result = run("list", "options", "--audience", "hawks", "-p", str(FIXTURES / "valid-minimal"))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "--audience: expected one of dovish, hawkish, neutral, got 'hawks'"]


def test_usage_error_exit_2() -> None:
    assert run("list", "widgets").exit_code == 2


def test_missing_folder_exit_1(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert "expected a project or content folder, got nothing (no such folder)" in result.stderr


def test_python_dash_m_works_outside_repo(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "briefgen", "validate", str(FIXTURES / "valid-minimal")],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok: 2 threats")
