"""Tests of briefgen.write.registry: the one list of formats, and everything that is derived from it."""
from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.commands.preview import preview
from briefgen.errors import ConfigError
from briefgen.project import CONFIG_NAME, ProjectSpec, init_project, load_project
from briefgen.write.registry import (
    DEFAULT_FORMATS,
    FORMAT_NAMES,
    FORMATS,
    LIBREOFFICE_FORMATS,
    PREVIEW_FORMATS,
    check_format,
    get_writer,
)


def _choices(command: click.Command, option: str) -> tuple:
    param = next(p for p in command.params if p.name == option)
    assert isinstance(param.type, click.Choice)
    return tuple(param.type.choices)


def test_the_registry_imports_no_writer() -> None:
    code = ("import sys, briefgen.write.registry as r; "
            "print(sorted(m for m in sys.modules if m in {'pptx', 'docx', 'matplotlib', 'markdown_it'} "
            "or m.startswith('briefgen.write.') and m != 'briefgen.write.registry'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("fmt", FORMAT_NAMES)
def test_every_format_names_a_writer_that_takes_a_view_a_target_and_options(fmt: str) -> None:
    writer = get_writer(fmt)
    assert writer.__name__ == f"write_{fmt}"
    assert list(inspect.signature(writer).parameters) == ["view", "target", "options"]


def test_the_derived_lists_follow_each_format_s_declaration() -> None:
    assert FORMAT_NAMES == ("pptx", "docx", "md", "html", "pdf")
    assert DEFAULT_FORMATS == tuple(f.name for f in FORMATS.values() if f.default)
    assert "pdf" not in DEFAULT_FORMATS and "pdf" in LIBREOFFICE_FORMATS  # pdf needs LibreOffice: not by default
    assert PREVIEW_FORMATS == ("pptx", "docx")
    assert all(f.name == name and f.cost > 0 for name, f in FORMATS.items())


def test_an_unknown_format_is_a_config_error_listing_the_registry() -> None:
    with pytest.raises(ConfigError) as err:
        check_format("odp")
    assert err.value.lines() == [f"--format: expected one of {', '.join(FORMAT_NAMES)}, got 'odp'"]


def test_the_command_line_offers_the_registry_s_formats() -> None:
    assert _choices(cli.commands["build"], "formats") == FORMAT_NAMES
    assert _choices(cli.commands["watch"], "formats") == FORMAT_NAMES
    assert _choices(cli.commands["preview"], "formats") == PREVIEW_FORMATS
    assert inspect.signature(preview).parameters["formats"].default == ()  # none given: each briefing's previewable
    help_text = CliRunner().invoke(cli, ["build", "--help"], terminal_width=200).output
    assert f"(default formats: {', '.join(DEFAULT_FORMATS)})" in help_text


def test_briefgen_yaml_defaults_to_the_default_formats_and_accepts_only_registered_ones(tmp_path: Path) -> None:
    assert ProjectSpec().formats == DEFAULT_FORMATS
    (tmp_path / CONFIG_NAME).write_text("formats: [pptx, odp]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_project(tmp_path)
    assert "formats[1]" in err.value.lines()[0] and "'odp'" in err.value.lines()[0]


def test_the_init_template_writes_the_default_formats_and_names_the_libreoffice_ones(tmp_path: Path) -> None:
    project = load_project(init_project(tmp_path / "proj"))
    assert project.spec.formats == DEFAULT_FORMATS
    line = next(x for x in (tmp_path / "proj" / CONFIG_NAME).read_text().splitlines() if x.startswith("formats:"))
    assert all(f in line.split("#")[1] for f in LIBREOFFICE_FORMATS)
