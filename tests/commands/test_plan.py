"""Tests of briefgen.commands.plan: SOURCE_DATE_EPOCH, file-name slugs, audience checks."""
from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.commands.plan import MAX_SOURCE_DATE_EPOCH, slugify, source_date_epoch
from briefgen.errors import ConfigError
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES


@pytest.mark.parametrize("raw, expected", [(None, None), ("", None), ("0", 0), ("1700000000", 1700000000),
                                           (str(MAX_SOURCE_DATE_EPOCH), MAX_SOURCE_DATE_EPOCH)])
def test_source_date_epoch_accepts_whole_seconds(raw: str | None, expected: int | None) -> None:
    environ = {} if raw is None else {"SOURCE_DATE_EPOCH": raw}
    assert source_date_epoch(environ) == expected


@pytest.mark.parametrize("raw", ["abc", "-5", "1.5", " 12", "12 ", "\u00b2", str(MAX_SOURCE_DATE_EPOCH + 1)])
def test_a_malformed_source_date_epoch_is_refused(raw: str) -> None:
    with pytest.raises(ConfigError) as err:
        source_date_epoch({"SOURCE_DATE_EPOCH": raw})
    assert err.value.lines() == [f"SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01 UTC, "
                                 f"0 to {MAX_SOURCE_DATE_EPOCH}, got {raw!r}"]


def test_the_latest_epoch_is_the_last_second_a_zip_entry_can_carry() -> None:
    when = datetime.datetime.fromtimestamp(MAX_SOURCE_DATE_EPOCH, datetime.timezone.utc)
    assert (when.year, when.month, when.day, when.hour, when.minute, when.second) == (2107, 12, 31, 23, 59, 59)


def test_a_malformed_source_date_epoch_stops_the_build_and_leaves_outputs_alone(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    first = CliRunner().invoke(cli, ["build", "--all", "-f", "md", "-j", "1", "-p", str(tmp_path)])
    assert first.exit_code == 0, first.output
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    for args in (["build", "--all", "-f", "md", "--force"], ["watch", "-f", "md"]):
        result = CliRunner().invoke(cli, [*args, "-p", str(tmp_path)])
        assert result.exit_code == 1
        assert result.output.strip().splitlines() == [
            f"SOURCE_DATE_EPOCH: expected a whole number of seconds since 1970-01-01 UTC, 0 to "
            f"{MAX_SOURCE_DATE_EPOCH}, got 'yesterday'"]
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("title, slug", [
    ("U.S.–Japan–ROK Trilateral Security Cooperation", "us-japan-rok-trilateral-security-cooperation"),
    ("Café & Crème: année 2026", "cafe-creme-annee-2026"),
    ("한국어", "brief"),
    ("Con", "con-brief"),  # con.pptx, nul.docx, com1.md ... cannot exist on Windows
    ("NUL", "nul-brief"),
    ("COM1", "com1-brief"),
    ("Con Ed", "con-ed"),
])
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug



# -- output file names -------------------------------------------------------------------------------------------

def test_output_paths_of_the_default_and_a_named_briefing(tmp_path: Path) -> None:
    import dataclasses

    from briefgen.commands.briefings import project_briefings
    from briefgen.commands.plan import output_path
    from briefgen.load.library import load_library
    from briefgen.project import load_project
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "taiwan")
    project = load_project(root)
    lib = load_library(project.content_dir).library
    default, taiwan = project_briefings(project, lib)
    out = project.output_dir
    slug = "us-japan-rok-trilateral-security-cooperation"
    # the library's briefing keeps its paths: OUTPUT/AUDIENCE/SLUG.EXT
    assert output_path(project, lib, "hawkish", "pptx") == out / "hawkish" / f"{slug}.pptx"
    assert output_path(project, lib, "hawkish", "pptx", default) == out / "hawkish" / f"{slug}.pptx"
    # a named one: OUTPUT/BRIEFING/AUDIENCE/{briefing}-{file_label}-{date}.EXT, the profile's neutral label
    assert output_path(project, lib, "hawkish", "docx", taiwan) == \
        out / "taiwan" / "hawkish" / "taiwan-deterrence-focus-2026-12-10.docx"
    assert output_path(project, lib, "dovish", "md", taiwan, "2026-12-11") == \
        out / "taiwan" / "dovish" / "taiwan-reassurance-focus-2026-12-11.md"
    # a pattern of the briefing's own, and one of briefgen.yaml for every briefing without one
    own = dataclasses.replace(taiwan, briefing=dataclasses.replace(taiwan.briefing, file_name="{slug}_{file_label}"))
    assert output_path(project, lib, "neutral", "pptx", own).name == "taiwan-and-missile-defence_balanced.pptx"
    (root / "briefgen.yaml").write_text('file_name: "{date}-{slug}-{file_label}"\n', encoding="utf-8")
    project = load_project(root)
    assert output_path(project, lib, "neutral", "pptx").name == f"2026-11-23-{slug}-balanced.pptx"
    assert output_path(project, lib, "neutral", "pptx", taiwan).name == \
        "2026-12-10-taiwan-and-missile-defence-balanced.pptx"


@pytest.mark.parametrize("pattern, message", [
    ("{slug}/{date}", "expected a file name pattern of letters, digits, '.', '-', '_' and {briefing}, {slug}, "
                      "{file_label}, {date}, at most 120 characters, not starting or ending with '.', got "
                      "'{slug}/{date}' ('/' is not allowed in a file name everywhere)"),
    ("{slg}", "unknown field {slg} in the file name pattern (did you mean 'slug'?); fields are: {briefing}, {slug}, "
              "{file_label}, {date}"),
    ("brief.", "expected a file name pattern of letters, digits, '.', '-', '_' and {briefing}, {slug}, "
               "{file_label}, {date}, at most 120 characters, not starting or ending with '.', got 'brief.'"),
    ("nul", "expected a file name every system allows, got 'nul' (Windows reserves it for a device)"),
])
def test_a_file_name_pattern_every_system_cannot_use_is_refused(tmp_path: Path, pattern: str, message: str) -> None:
    from briefgen.errors import ConfigError
    from briefgen.project import load_project

    (tmp_path / "briefgen.yaml").write_text(f"file_name: '{pattern}'\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_project(tmp_path)
    assert [(p.field, p.message) for p in err.value.problems] == [("file_name", message)]
