"""The libraries of the end-to-end checks, each built once for a test run: every audience as pptx, docx, md and
html, and a diff page.

The ``shipped_project`` fixture (tests/conftest.py) calls :func:`build_shipped_project` for each of
:data:`LIBRARIES`: the shipped library and a small one on another topic with a vocabulary of its own, so every
end-to-end check runs on both; tests read the outputs and must not change them. The ``shipped_decks`` fixture
calls :func:`build_shipped_decks` instead, for the deck checks, which read only the decks.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.paths import FIXTURES

FORMATS = ("pptx", "docx", "md", "html")
DIFF = ("hawkish", "dovish")
# name -> its content folder (None: the shipped library, as `briefgen init` copies it)
LIBRARIES = {"shipped": None, "other-topic": FIXTURES / "library-other-topic"}


def library_content(name: str) -> Path:
    """The content folder of one of :data:`LIBRARIES`."""
    from briefgen.resources import shipped_content

    return LIBRARIES[name] or shipped_content()


def build_shipped_project(root: Path, library: str = "shipped") -> Path:
    """``briefgen init root`` with ``library``'s content (one of :data:`LIBRARIES`), then every output and
    ``out/diff-hawkish-dovish.html``."""
    build_all = ["build", "--all", "-q", "-p", str(root)] + [a for f in FORMATS for a in ("-f", f)]
    return _build(root, library, [build_all, ["diff", *DIFF, "-f", "html", "-p", str(root)]])


def build_shipped_decks(root: Path, library: str = "shipped") -> Path:
    """``briefgen init root`` with ``library``'s content, then only the decks (pptx) of every audience: what
    the deck checks read, in a fraction of the time :func:`build_shipped_project` takes."""
    return _build(root, library, [["build", "--all", "-q", "-p", str(root), "-f", "pptx"]])


def _build(root: Path, library: str, commands: list[list[str]]) -> Path:
    """``briefgen init root``, ``library``'s content in place of the shipped one, then each of ``commands``."""
    from click.testing import CliRunner

    from briefgen.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["init", str(root)])
    assert result.exit_code == 0, result.output
    if LIBRARIES[library] is not None:
        shutil.rmtree(root / "content")
        shutil.copytree(LIBRARIES[library], root / "content", ignore=shutil.ignore_patterns("README.md"))
    for args in commands:
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, f"briefgen {' '.join(args)}: {result.output}"
    return root


def shipped_outputs(root: Path, fmt: str) -> list[Path]:
    """The ``fmt`` outputs of the project at ``root``, one per audience, in audience order."""
    return sorted((root / "out").glob(f"*/*.{fmt}"))
