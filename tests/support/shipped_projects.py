"""Projects holding the shipped library, some of its outputs built, and working copies of them.

Tests that read outputs as built (trace, pull) build them once per module with :func:`built_project` and hand
each test its own copy, as the working directory, with :func:`working_copy`, so a test may edit or delete files.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

import pytest
from click.testing import CliRunner, Result

from briefgen.cli import cli
from briefgen.commands.build import build_matrix
from briefgen.commands.plan import output_options
from briefgen.load.library import load_library
from briefgen.project import load_project
from briefgen.resources import shipped_content


def shipped_project(root: Path) -> Path:
    """A project at ``root`` whose ``content/`` is a copy of the shipped library."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(shipped_content(), root / "content", ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    return root


def build_in(root: Path, audiences: Iterable[str], formats: Iterable[str]) -> Path:
    """Build ``formats`` for ``audiences`` in the project at ``root``, as ``briefgen build`` would."""
    project = load_project(root)
    build_matrix(project, load_library(project.content_dir).library, output_options(project), list(audiences),
                 list(formats))
    return root


def built_project(root: Path, audiences: Iterable[str], formats: Iterable[str]) -> Path:
    """The shipped library at ``root`` with ``formats`` built for ``audiences``."""
    return build_in(shipped_project(root), audiences, formats)


def working_copy(built: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the project ``built`` at ``root``, made the working directory."""
    shutil.copytree(built, root)
    monkeypatch.chdir(root)
    return root


def briefgen(*args: str) -> Result:
    """``briefgen ARGS`` run in this process, its output captured."""
    return CliRunner().invoke(cli, list(args), prog_name="briefgen")
