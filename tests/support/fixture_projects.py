"""Helpers for the hostile-input tests: projects made from fixture folders, and output snapshots.

A ``tests/fixtures/hostile-*/`` folder mirrors a project: its ``content/``
files are laid over ``tests/fixtures/valid-minimal/``, its other files
(``briefgen.yaml``, ``templates/...``) go to the project root.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from tests.support.paths import FIXTURES

FIXTURES = FIXTURES
OLD = 1_000_000  # the mtime given to earlier outputs, so any rewrite shows


def make_project(root: Path, case: str | None = None) -> Path:
    """A project at ``root``: valid-minimal as ``content/``, with fixture folder ``case`` laid over it."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(FIXTURES / "valid-minimal", root / "content")
    if case is not None:
        folder = FIXTURES / case
        for src in sorted(folder.rglob("*")):
            if src.is_file() and src.name != "expected.txt":
                dest = root / src.relative_to(folder)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(src, dest)
    return root


def copy_outputs(src: Path, dest: Path) -> None:
    """Copy an earlier build's output folder and age every file in it."""
    shutil.copytree(src, dest)
    for p in dest.rglob("*"):
        if p.is_file():
            os.utime(p, (OLD, OLD))


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: relative path -> (bytes, mtime in ns)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}
