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

