"""Tests of briefgen.cli: commands, help, exit codes, no tracebacks."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen import __version__
from briefgen.cli import cli
from briefgen.errors import display_path
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES


def run(*args: str) -> "object":
    return CliRunner().invoke(cli, list(args), prog_name="briefgen")


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"briefgen, version {__version__}"


@pytest.mark.parametrize("command", ["validate", "list", "init", "build"])
def test_every_command_has_help_with_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: briefgen {command} [OPTIONS]")
    assert "Example" in result.output


def test_init_then_validate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("init", str(tmp_path / "proj"))
    assert result.exit_code == 0, result.output
    proj = tmp_path / "proj"
    assert result.output.splitlines() == [f"created {proj}: edit content/*.yaml, then run `briefgen validate` and "
                                          "`briefgen build --all` there"]
    assert sorted(p.name for p in proj.iterdir()) == ["briefgen.yaml", "content", "templates"]
    assert sorted(p.name for p in (proj / "content").iterdir()) == [
        "audiences", "briefing.yaml", "capabilities.yaml", "events.yaml", "options.yaml", "risks.yaml",
        "sources.yaml", "threats.yaml", "vocabulary.yaml"]
    assert (proj / "briefgen.yaml").is_file()
    assert (proj / "content" / "briefing.yaml").is_file()
    assert (proj / "content" / "audiences" / "neutral.yaml").is_file()
    assert (proj / "templates").is_dir()
    monkeypatch.chdir(proj)
    result = run("validate", "--strict")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "ok: 9 threats, 14 capabilities, 20 options, 13 risks, 5 sources, 27 events, 3 audiences"]


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
        "--audience: unknown audience 'hawks' (did you mean 'hawkish'?); expected one of dovish, hawkish, neutral"]


def test_build_unknown_audience_is_one_line_exit_1(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    result = run("build", "--audience", "hawks", "-p", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "--audience: unknown audience 'hawks' (did you mean 'hawkish'?); expected one of dovish, hawkish, neutral"]
    assert not (tmp_path / "out").exists()


def test_an_unknown_audience_in_briefgen_yaml_is_reported_where_it_is(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    (tmp_path / "briefgen.yaml").write_text("formats: [md]\naudiences: [hawkish, wolves]\n", encoding="utf-8")
    result = run("build", "--all", "-p", str(tmp_path))
    assert result.exit_code == 1
    where = tmp_path / "briefgen.yaml"
    assert result.stderr.strip().splitlines() == [
        f"{display_path(where)}:2:12: audiences: unknown audience 'wolves'; expected one of dovish, hawkish, neutral"]
    assert not (tmp_path / "out").exists()


def test_usage_error_exit_2() -> None:
    result = run("list", "widgets")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "'widgets'" in result.stderr.strip().splitlines()[-1]


def test_missing_folder_exit_1(tmp_path: Path) -> None:
    result = run("validate", str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert "expected a project or content folder, got nothing (no such folder)" in result.stderr


def test_python_dash_m_works_outside_repo(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "briefgen", "validate", str(FIXTURES / "valid-minimal")],
                          cwd=tmp_path, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "ok: 2 threats, 1 capabilities, 2 options, 1 risks, 2 sources, 2 events, 3 audiences"]
    assert proc.stderr == "" and list(tmp_path.iterdir()) == []


# -- diff and coverage (briefgen.commands.diff, briefgen.commands.coverage) ----------------------------------------------

CUSTOM = FIXTURES / "custom-audience"


@pytest.mark.parametrize("command", ["diff", "coverage"])
def test_diff_and_coverage_have_help_with_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Usage: briefgen {command} [OPTIONS]")
    assert "Example" in result.output


def test_custom_audience_validate_list_coverage() -> None:
    result = run("validate", "--strict", str(CUSTOM))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "ok: 2 threats, 1 capabilities, 3 options, 2 risks, 3 sources, 1 events, 4 audiences"]
    listed = run("list", "audiences", "-p", str(CUSTOM))
    assert listed.exit_code == 0
    assert [ln.split()[0] for ln in listed.output.splitlines()] == [
        "name", "-------------", "congressional", "dovish", "hawkish", "neutral"]
    assert "congressional  Committee staff     neutral  3          risks > options > threats > decisions" in \
        listed.output.splitlines()
    options = run("list", "options", "-a", "congressional", "-p", str(CUSTOM))
    assert [ln.split()[:2] for ln in options.output.splitlines()[2:]] == [
        ["lead", "crisis-hotline"], ["backup", "reassurance-channel"], ["backup", "integrate-planning"]]


def test_diff_text() -> None:
    result = run("diff", "hawkish", "congressional", "-p", str(CUSTOM), "--width", "72")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("diff A = hawkish (Deterrence-first), B = congressional (Committee staff)")
    assert "Same item, different role" in out and "Framing of items both see" in out
    assert all(len(line) <= 72 for line in out.splitlines())


def test_diff_html_default_path(tmp_path: Path) -> None:
    import shutil

    proj = tmp_path / "proj"
    shutil.copytree(CUSTOM, proj / "content")
    (proj / "briefgen.yaml").write_text("content: content\noutput: built\n")
    result = run("diff", "hawkish", "dovish", "--format", "html", "-p", str(proj))
    assert result.exit_code == 0, result.output
    target = proj / "built" / "diff-hawkish-dovish.html"
    assert result.output.strip() == f"wrote {target}"
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Options that stabilise" in html


def test_diff_html_output_option(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "d.html"
    result = run("diff", "neutral", "congressional", "-f", "html", "-o", str(target), "-p", str(CUSTOM))
    assert result.exit_code == 0, result.output
    assert target.is_file() and result.output.strip() == f"wrote {target}"


def test_diff_refuses_to_overwrite_content() -> None:
    before = (CUSTOM / "options.yaml").read_bytes()
    result = run("diff", "hawkish", "dovish", "-f", "html", "-o", str(CUSTOM / "options.yaml"), "-p", str(CUSTOM))
    assert result.exit_code == 4
    assert "refusing to overwrite an input file" in result.stderr
    assert (CUSTOM / "options.yaml").read_bytes() == before


def test_diff_output_needs_html(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("diff", "hawkish", "dovish", "-o", "x.html", "-p", str(CUSTOM))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1] == "Error: --output needs --format html"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [("diff", "hawkish", "hawks"), ("diff", "doves", "hawkish"),
                                  ("coverage", "-a", "hawks")])
def test_unknown_audience_is_one_line_exit_1(args: tuple) -> None:
    result = run(*args, "-p", str(CUSTOM))
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "unknown audience" in lines[0] and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args", [("build", "-a", "hawkis"), ("list", "options", "-a", "hawkis"),
                                  ("coverage", "-a", "hawkis"), ("diff", "neutral", "hawkis")])
def test_every_command_says_the_same_about_a_misspelt_audience(args: tuple, tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    result = run(*args, "-p", str(tmp_path))
    assert result.exit_code == 1
    field = "B" if args[0] == "diff" else "--audience"
    assert result.stderr.splitlines() == [f"{field}: unknown audience 'hawkis' (did you mean 'hawkish'?); "
                                          f"expected one of dovish, hawkish, neutral"]
    assert not (tmp_path / "out").exists()


def test_coverage_table_and_csv() -> None:
    table = run("coverage", "-p", str(CUSTOM))
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert lines[0].split() == ["kind", "id", "title", "congressional", "dovish", "hawkish", "neutral"]
    assert lines[2].split()[:2] == ["threats", "missile-threat"]
    csv_out = run("coverage", "--format", "csv", "-a", "hawkish", "-a", "dovish", "-p", str(CUSTOM))
    assert csv_out.exit_code == 0, csv_out.output
    rows = csv_out.output.splitlines()
    assert rows[0] == "kind,id,title,hawkish,dovish"
    assert "capabilities,combined-planning,Combined operational planning,lead,backup" in rows


def console_script() -> Path:
    """The installed ``briefgen`` command: pip puts it beside the interpreter (``bin/`` or ``Scripts/``),
    which need not be on PATH (a virtual environment that was never activated)."""
    here = Path(sys.executable).parent
    for candidate in (here / "briefgen", here / "briefgen.exe", here / "Scripts" / "briefgen.exe"):
        if candidate.is_file():
            return candidate
    raise AssertionError(f"no briefgen command beside {sys.executable}: install the package (pip install .)")


def test_console_script_works_from_any_directory(tmp_path: Path) -> None:
    exe = console_script()
    proc = subprocess.run([exe, "validate", str(FIXTURES / "valid-minimal")], cwd=tmp_path, capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "ok: 2 threats, 1 capabilities, 2 options, 1 risks, 2 sources, 2 events, 3 audiences"]
    assert proc.stderr == "" and list(tmp_path.iterdir()) == []


def test_a_first_build_starts_its_workers_early_and_builds_everything(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    result = run("build", "--all", "-f", "md", "-f", "html", "-j", "2", "-p", str(tmp_path))
    assert result.exit_code == 0, result.output
    built = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").glob("*/*.*"))
    assert built == sorted(f"{a}/minimal-test-briefing.{f}" for a in ("dovish", "hawkish", "neutral")
                           for f in ("md", "html"))
    assert (tmp_path / "out" / "manifest.json").is_file()
    assert "6 built, 0 unchanged, 0 failed" in result.output


def test_a_first_build_of_invalid_content_is_one_line_and_writes_nothing(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    briefing = tmp_path / "content" / "briefing.yaml"
    briefing.write_text(briefing.read_text().replace("classification: UNCLASSIFIED", "classification: [bad"))
    result = run("build", "--all", "-j", "2", "-p", str(tmp_path))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "content/briefing.yaml:4:13: YAML syntax error: expected ',' or ']'" in lines[0]
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()


def _children(pid: int) -> set[int]:
    """The ids of a process's children (Linux: /proc)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.update(int(c) for c in text)
    return found


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads child processes from Linux's /proc")
def test_sigterm_stops_the_build_and_its_workers_with_one_line(tmp_path: Path) -> None:
    import signal
    import time

    project = tmp_path / "p"
    assert subprocess.run([sys.executable, "-m", "briefgen", "init", str(project)], capture_output=True).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "briefgen", "build", "--all", "-j", "2", "-f", "pptx", "-f",
                             "docx", "-f", "md", "-f", "html"], cwd=project, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()  # the first output written: the workers are busy with the others
        assert first.startswith("wrote "), first
        workers = _children(proc.pid)
        assert workers, "the build runs its outputs in worker processes"
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 143
    assert err.splitlines()[-2:] == ["stopped: no output is left half-written, and the next build finishes the rest",
                                     "terminated"]
    assert "Traceback" not in err
    deadline = time.monotonic() + 10
    alive = workers
    while alive and time.monotonic() < deadline:  # reparented workers are reaped by the system
        alive = {w for w in alive if Path(f"/proc/{w}").exists() and
                 Path(f"/proc/{w}/stat").read_text().split()[2] != "Z"}
        time.sleep(0.05)
    assert alive == set()


def test_validate_counts_a_warning_repeated_for_many_items_and_lists_all_on_request(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    threats = tmp_path / "content" / "threats.yaml"
    threats.write_text(threats.read_text() + "".join(
        f"- id: thr-x{i}\n  title: T{i}\n  summary: S.\n  actor: A\n  severity: 2\n  likelihood: 2\n"
        f"  framing: {{neutral: a, hawkish: b, dovish: c}}\n  points:\n    - text: Fact.\n" for i in range(30)))
    short = run("validate", str(tmp_path))
    assert short.exit_code == 0
    lines = short.stderr.splitlines()
    assert len(lines) == 4 and all(line.endswith("fact has no source") for line in lines[:3])
    assert lines[3] == ("warning: ... and 27 more like this (30 in all): fact has no source; "
                        "`briefgen validate --all-warnings` lists every one")
    full = run("validate", "--all-warnings", str(tmp_path))
    assert full.exit_code == 0 and len(full.stderr.splitlines()) == 30


def test_validate_reports_every_marking_problem_on_one_line_each(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.support.fixture_projects import make_project

    monkeypatch.chdir(make_project(tmp_path / "proj", "bad-markings-content"))
    result = run("validate")
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = result.output.splitlines()
    assert len(lines) == 8 and lines[-1] == "7 errors"
    assert lines[0] == "content/briefing.yaml:3:17: briefing.classification: expected one of the marking scheme's " \
                       "banners UNCLASSIFIED, CUI, CONFIDENTIAL, SECRET, TOP SECRET, got 'UNCLASIFIED' (did you " \
                       "mean 'UNCLASSIFIED'?)"
