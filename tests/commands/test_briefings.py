"""Tests of briefgen.commands.briefings: choosing briefings, dates, `list briefings` and `new briefing`."""
from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.commands.briefings import (briefing_rows, checked_date, new_briefing, past_date_warning,
                                         project_briefings, select_briefings)
from briefgen.errors import ConfigError, ContentError
from briefgen.load.briefings import load_briefings
from briefgen.load.library import load_library
from briefgen.project import load_project
from tests.support.meetings import meeting_project

DAY = datetime.date(2026, 12, 4)


@pytest.fixture()
def meetings(tmp_path: Path):
    root = meeting_project(tmp_path / "p")
    project = load_project(root)
    return project, load_library(project.content_dir).library


def test_select_the_named_the_default_or_every_briefing(meetings) -> None:
    project, lib = meetings
    every = project_briefings(project, lib)
    assert [b.name for b in every] == ["", "one-pager", "read-ahead", "taiwan", "ten-minutes"]
    assert [b.name for b in select_briefings(every, [])] == [""]
    assert [b.name for b in select_briefings(every, [], build_all=True)] == [b.name for b in every]
    assert [b.name for b in select_briefings(every, ["taiwan", "ten-minutes", "taiwan"])] == \
        ["taiwan", "ten-minutes"]


def test_unknown_briefings_are_all_reported_with_a_near_miss(meetings) -> None:
    project, lib = meetings
    with pytest.raises(ConfigError) as err:
        select_briefings(project_briefings(project, lib), ["taiwna", "senator"])
    assert [str(p) for p in err.value.problems] == [
        "--briefing: unknown briefing 'taiwna' (did you mean 'taiwan'?); briefings are: one-pager, read-ahead, "
        "taiwan, ten-minutes",
        "--briefing: unknown briefing 'senator'; briefings are: one-pager, read-ahead, taiwan, ten-minutes",
    ]


@pytest.mark.parametrize("value", ["today", "2026-12-10", "2026-12", "2027"])
def test_a_date_option_takes_a_date_or_today(value: str) -> None:
    assert checked_date(value) == value


def test_a_date_option_that_is_no_date_is_refused_in_one_line() -> None:
    with pytest.raises(ConfigError) as err:
        checked_date("2026-02-30")
    assert [str(p) for p in err.value.problems] == ["--date: expected a real calendar date, got '2026-02-30'"]


def test_a_named_briefing_dated_in_the_past_is_warned_about(meetings, monkeypatch: pytest.MonkeyPatch) -> None:
    project, lib = meetings
    monkeypatch.chdir(project.root)
    default, _, _, taiwan, _ = project_briefings(project, lib)
    later = datetime.date(2026, 12, 11)
    warning = past_date_warning(taiwan, "2026-12-10", later)
    assert str(warning) == ("briefings/taiwan.yaml:4:7: warning: briefings.taiwan.date: the briefing 'taiwan' is dated "
                            "2026-12-10, before today (2026-12-11): set its date (or `date: today`), or pass --date")
    assert warning.severity == "warning"
    assert past_date_warning(taiwan, "2026-12-11", later) is None
    assert past_date_warning(default, "2026-11-23", later) is None  # the library's: long-lived, not a meeting
    assert str(past_date_warning(default, "2026-12-01", later, overridden=True)).startswith(
        "warning: --date: the briefing 'default' is dated 2026-12-01, before today")


def test_the_briefings_formats_are_judged_against_the_writers_list(meetings) -> None:
    project, lib = meetings
    (project.briefings_dir / "taiwan.yaml").write_text("formats: [pptx, mdx]\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        project_briefings(project, lib)
    assert [p.message for p in err.value.problems] == \
        ["unknown format 'mdx' (did you mean 'md'?); formats are: pptx, docx, md, html, pdf"]


def test_list_briefings_shows_each_with_its_date_audiences_and_length(meetings) -> None:
    project, lib = meetings
    header, rows = briefing_rows(project, lib, DAY)
    assert header == ["briefing", "date", "audiences", "length", "title"]
    assert rows == [
        ["(default)", "2026-11-23", "all", "-", "U.S.–Japan–ROK Trilateral Security Cooperation"],
        ["one-pager", "2026-12-10", "all", "1-page memo", "U.S.–Japan–ROK Trilateral Security Cooperation"],
        ["read-ahead", "2026-12-04 (today)", "neutral", "8 slides", "Read-ahead for the morning meeting"],
        ["taiwan", "2026-12-10", "hawkish, dovish", "-", "Taiwan and missile defence"],
        ["ten-minutes", "2026-12-10", "neutral, hawkish, dovish", "10 min", "Trilateral cooperation in ten minutes"],
    ]


def test_new_briefing_writes_a_commented_file_that_loads_as_written(meetings) -> None:
    project, lib = meetings
    path = new_briefing(project, lib, "senator", ["neutral", "hawkish"], "2026-12-10")
    assert path == project.root / "briefings" / "senator.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# length: {minutes: 15}" in text and "# include: {tags: [TAG, ANOTHER-TAG], ids: [ITEM-ID]}" in text
    assert "# formats: [pptx, docx]        # what build makes of it: pptx, docx, md, html, pdf; -f overrides" in text
    uncommented = text.replace("# formats: [pptx, docx]", "formats: [pptx, docx]")
    path.write_text(uncommented, encoding="utf-8")
    assert {b.name: b for b in project_briefings(project, lib)}["senator"].briefing.formats == ("pptx", "docx")
    path.write_text(text, encoding="utf-8")
    senator = {b.name: b for b in load_briefings(project.briefings_dir, lib)}["senator"].briefing
    assert (senator.date, senator.audiences, senator.title) == ("2026-12-10", ("neutral", "hawkish"),
                                                               lib.briefing.title)
    assert senator.length is None and senator.agenda  # everything else as the library's
    # a new briefing with no date is dated the day of each build
    assert "date: today" in new_briefing(project, lib, "standing").read_text(encoding="utf-8")


def test_new_briefing_never_overwrites(meetings) -> None:
    project, lib = meetings
    path = project.root / "briefings" / "taiwan.yaml"
    before = path.read_bytes()
    with pytest.raises(ConfigError) as err:
        new_briefing(project, lib, "taiwan")
    assert err.value.problems[0].message == ("expected a new briefing, got a file that exists (nothing was "
                                             "changed; edit it, or choose another name)")
    assert path.read_bytes() == before


def test_new_briefing_refuses_an_unknown_audience_and_a_bad_name(meetings) -> None:
    project, lib = meetings
    with pytest.raises(ConfigError) as err:
        new_briefing(project, lib, "senator", ["hawkis"])
    assert str(err.value.problems[0]) == ("--audience: unknown audience 'hawkis' (did you mean 'hawkish'?); "
                                          "expected one of dovish, hawkish, neutral")
    with pytest.raises(ConfigError):
        new_briefing(project, lib, "neutral")
    assert not (project.root / "briefings" / "senator.yaml").exists()


def test_cli_new_and_list_briefings(meetings, monkeypatch: pytest.MonkeyPatch) -> None:
    project, _ = meetings
    monkeypatch.chdir(project.root)
    made = CliRunner().invoke(cli, ["new", "briefing", "senator", "-a", "neutral", "--date", "2026-12-10"])
    assert made.exit_code == 0, made.output
    assert made.stdout == ("wrote briefings/senator.yaml: edit it, then run `briefgen build --briefing senator`\n")
    again = CliRunner().invoke(cli, ["new", "briefing", "senator"])
    assert again.exit_code == 1
    assert again.stderr == ("briefings/senator.yaml: expected a new briefing, got a file that exists (nothing was "
                            "changed; edit it, or choose another name)\n")
    listed = CliRunner().invoke(cli, ["list", "briefings"])
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()[2:]] == \
        ["(default)", "one-pager", "read-ahead", "senator", "taiwan", "ten-minutes"]
