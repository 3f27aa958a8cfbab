"""The writer registry: output format name -> the function that writes it.

A writer takes a BriefView, a target path and :class:`OutputOptions`, and
writes one file (through :func:`briefgen.atomic.atomic_write`).  Writers know
formats, never audiences.  They are imported only when their format is built,
so ``briefgen validate`` never pays for python-pptx or matplotlib.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping

from briefgen.errors import ConfigError, Problem
from briefgen.tailor.view import BriefView

FORMATS = {
    "pptx": "briefgen.write.pptx.writer:write_pptx",
    "docx": "briefgen.write.docx.writer:write_docx",
    "md": "briefgen.write.md:write_md",
    "html": "briefgen.write.html:write_html",
    "pdf": "briefgen.write.pdf:write_pdf",
}


@dataclass(frozen=True)
class OutputOptions:
    """Everything a writer may need besides the BriefView."""

    template_dirs: tuple  # of Path: the project's templates first, then the shipped ones
    master: Path | None = None  # a user's master .pptx (None: the shipped one)
    layouts: Mapping[str, str] = field(default_factory=dict)  # briefgen layout name -> master layout name
    reference_docx: Path | None = None  # a user's reference .docx (None: the shipped one)
    chart_cache: Path | None = None  # folder for rendered charts (None: no persistent cache)
    shrink_to_fit: bool = False
    deck_charts: str = "native"  # "native" (editable charts, tables and shapes) or "picture"
    inputs: tuple = ()  # files that must never be overwritten
    source_date_epoch: int | None = None  # fixed timestamp for reproducible outputs


Writer = Callable[[BriefView, Path, OutputOptions], list]


def check_format(fmt: str) -> None:
    """ConfigError unless ``fmt`` names a writer (without importing it)."""
    if fmt not in FORMATS:
        raise ConfigError([Problem(None, "--format", f"expected one of {', '.join(FORMATS)}, got {fmt!r}")])


def get_writer(fmt: str) -> Writer:
    """The writer for ``fmt``; it returns a list of warnings (Problem) about the file it wrote."""
    check_format(fmt)
    module, func = FORMATS[fmt].split(":")
    return getattr(importlib.import_module(module), func)
