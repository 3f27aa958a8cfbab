"""The writer registry: every output format, what it is, and the function that writes it.

:data:`FORMATS` is the one list of formats; the command line, briefgen.yaml's
defaults, ``build --all``, ``preview`` and the batch's scheduling all read it.

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

from briefgen.atomic import check_target
from briefgen.errors import ConfigError, Problem
from briefgen.tailor.view import BriefView

# The language every output declares (document properties, run languages, the HTML page's lang): briefgen's
# text and the shipped content are American English.
LANGUAGE = "en-US"


@dataclass(frozen=True)
class Format:
    """One output format: what writes it and how the commands treat it."""

    name: str  # the file extension and the value of --format / briefgen.yaml's formats
    writer: str  # "module:function", imported only when the format is built
    default: bool  # built by ``build --all`` when briefgen.yaml names no formats
    previewable: bool  # ``briefgen preview`` renders it to thumbnails with LibreOffice
    needs_libreoffice: bool  # writing it runs LibreOffice
    cost: int  # rough relative time to write one output: the batch starts the slowest first
    companions: tuple = ()  # files written beside the output, SLUG-NAME.EXT (pdf: the deck and its notes handout)


# The one list of formats, in the order they are listed everywhere (help, messages, briefgen.yaml).
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("pptx", "briefgen.write.pptx.writer:write_pptx", default=True, previewable=True,
           needs_libreoffice=False, cost=4),
    Format("docx", "briefgen.write.docx.writer:write_docx", default=True, previewable=True,
           needs_libreoffice=False, cost=2),
    Format("md", "briefgen.write.md:write_md", default=True, previewable=False, needs_libreoffice=False, cost=1),
    Format("html", "briefgen.write.html:write_html", default=True, previewable=False, needs_libreoffice=False,
           cost=2),
    Format("pdf", "briefgen.write.pdf:write_pdf", default=False, previewable=False, needs_libreoffice=True,
           cost=6, companions=("deck", "notes")),
)}
FORMAT_NAMES = tuple(FORMATS)
DEFAULT_FORMATS = tuple(name for name, f in FORMATS.items() if f.default)
PREVIEW_FORMATS = tuple(name for name, f in FORMATS.items() if f.previewable)
LIBREOFFICE_FORMATS = tuple(name for name, f in FORMATS.items() if f.needs_libreoffice)


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
    output_dir: Path | None = None  # every file written must stay inside it, links resolved (None: no such check)
    project_root: Path | None = None  # ... and it inside this


def companion_paths(target: Path, fmt: str) -> dict[str, Path]:
    """The files the ``fmt`` writer writes beside ``target`` (``SLUG-NAME.EXT``): name -> path."""
    target = Path(target)
    return {name: target.with_name(f"{target.stem}-{name}{target.suffix}") for name in FORMATS[fmt].companions}


def guard_output(target: Path, options: OutputOptions) -> None:
    """BuildError unless ``target`` may be written: not an input, inside the output folder (links resolved at the
    moment of the call), which is inside the project.  Writers call it for every file, just before writing."""
    check_target(target, options.inputs, options.output_dir, options.project_root)


Writer = Callable[[BriefView, Path, OutputOptions], list]


class Written(list):
    """A writer's warnings (a list of Problem), with what it records about the file for the manifest
    (``record``; the deck writer: what each generated shape contains)."""

    def __init__(self, warnings: list = (), record: dict | None = None):
        super().__init__(warnings)
        self.record = record


def check_format(fmt: str) -> None:
    """ConfigError unless ``fmt`` names a writer (without importing it)."""
    if fmt not in FORMATS:
        raise ConfigError([Problem(None, "--format", f"expected one of {', '.join(FORMATS)}, got {fmt!r}")])


def get_writer(fmt: str) -> Writer:
    """The writer for ``fmt``; it returns a list of warnings (Problem) about the file it wrote."""
    check_format(fmt)
    module, func = FORMATS[fmt].writer.split(":")
    return getattr(importlib.import_module(module), func)
