"""Projects for the briefing tests: the shipped library with the named briefings of ``tests/fixtures/meetings``.

``tests/fixtures/meetings/briefings/`` holds a 10-minute briefing (``ten-minutes``), a focus by tag
(``taiwan``), a briefing dated ``today`` without backup slides (``read-ahead``) and a one-page memo
(``one-pager``, built as a Word and a Markdown memo only).
"""
from __future__ import annotations

import shutil
from pathlib import Path

from briefgen.resources import shipped_content
from tests.support.paths import FIXTURES

MEETINGS = FIXTURES / "meetings"


def meeting_project(root: Path, *names: str) -> Path:
    """A project at ``root``: the shipped library as ``content/`` and the fixture briefings ``names`` (default:
    all of them) in ``briefings/``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(shipped_content(), root / "content", ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    (root / "briefings").mkdir()
    for path in sorted((MEETINGS / "briefings").glob("*.yaml")):
        if not names or path.stem in names:
            shutil.copy(path, root / "briefings" / path.name)
    return root
