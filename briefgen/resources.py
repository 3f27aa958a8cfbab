"""Where the shipped default templates and starter content library live.

Installed, they are package data (``briefgen.shipped_templates`` and
``briefgen.shipped_content``, and ``briefgen.blank_content``, the empty library ``briefgen init --blank``
starts from); in a source checkout they are the repository's top-level ``templates/``, ``content/`` and
``blank/`` folders.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

_REPO = Path(__file__).resolve().parent.parent


def _package_dir(package: str, fallback: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is not None and spec.submodule_search_locations:
        return Path(list(spec.submodule_search_locations)[0])
    return _REPO / fallback


def shipped_templates() -> Path:
    """The folder of default templates (deck and memo Jinja2 files, master .pptx, reference .docx)."""
    return _package_dir("briefgen.shipped_templates", "templates")


def shipped_content() -> Path:
    """The folder of the starter content library (the example library shipped with briefgen)."""
    return _package_dir("briefgen.shipped_content", "content")


def blank_content() -> Path:
    """The folder of the blank library on no topic: a commented vocabulary, one example item of each kind, one
    source and event, the three audience profiles, a briefing."""
    return _package_dir("briefgen.blank_content", "blank")
