"""The shipped library built once for a test run: every audience as pptx, docx, md and html, and a diff page.

The ``shipped_project`` fixture (tests/conftest.py) calls :func:`build_shipped_project`; tests read its
outputs and must not change them.
"""
from __future__ import annotations

from pathlib import Path

FORMATS = ("pptx", "docx", "md", "html")
DIFF = ("hawkish", "dovish")


def build_shipped_project(root: Path) -> Path:
    """``briefgen init root``, then every output of the shipped library and ``out/diff-hawkish-dovish.html``."""
    from click.testing import CliRunner

    from briefgen.cli import cli

    runner = CliRunner()
    for args in (["init", str(root)],
                 ["build", "--all", "-q", "-p", str(root)] + [a for f in FORMATS for a in ("-f", f)],
                 ["diff", *DIFF, "-f", "html", "-p", str(root)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, f"briefgen {' '.join(args)}: {result.output}"
    return root


def shipped_outputs(root: Path, fmt: str) -> list[Path]:
    """The ``fmt`` outputs of the project at ``root``, one per audience, in audience order."""
    return sorted((root / "out").glob(f"*/*.{fmt}"))
