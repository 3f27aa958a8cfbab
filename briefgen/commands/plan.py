"""Build plumbing shared by every build path: output paths, writer options, the view of one audience.

The batch build itself (parallel, incremental, with a manifest) is
:func:`briefgen.commands.build.build_matrix`; outputs land at ``OUTPUT/AUDIENCE/SLUG.EXT`` (the library's
briefing) or ``OUTPUT/BRIEFING/AUDIENCE/NAME.EXT`` (a named briefing).
"""
from __future__ import annotations

import datetime
import os
import re
import unicodedata
from pathlib import Path
from typing import Mapping

from briefgen.errors import ConfigError, Problem
from briefgen.load.briefings import DEFAULT_BRIEFING, NamedBriefing, resolved_date
from briefgen.load.library import Library
from briefgen.load.model import Briefing
from briefgen.load.schema import WINDOWS_RESERVED
from briefgen.project import CONFIG_NAME, Project
from briefgen.tailor.tailor import tailor
from briefgen.tailor.view import BriefView
from briefgen.write.registry import OutputOptions

# Zip entries cannot be dated after 2107 (earlier than 1980 is written as 1980-01-01).
MAX_SOURCE_DATE_EPOCH = 4354819199  # 2107-12-31 23:59:59 UTC


def slugify(text: str) -> str:
    """A file-name stem from a title: ascii, lower case, hyphens."""
    text = re.sub(r"(?<=\w)\.(?=\w)", "", text)  # "U.N." -> "UN", not "u-n"
    text = re.sub(r"[^\w]+", "-", text)  # dashes of every kind separate words
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text).strip("-").lower()
    text = text[:60].rstrip("-") or "brief"
    return f"{text}-brief" if text in WINDOWS_RESERVED else text  # "Con" must not make con.pptx (Windows: a device)


def output_options(project: Project, master: str | None = None, reference_docx: str | None = None) -> OutputOptions:
    """The writer options a project's settings (and command-line overrides) give."""
    spec = project.spec
    master_path = Path(master) if master else project.path(spec.master)
    ref_path = Path(reference_docx) if reference_docx else project.path(spec.reference_docx)
    epoch = source_date_epoch(os.environ)
    inputs = tuple(p for p in (master_path, ref_path, project.root / CONFIG_NAME) if p is not None)
    return OutputOptions(template_dirs=project.template_dirs, master=master_path, layouts=dict(spec.layouts),
                         reference_docx=ref_path, chart_cache=project.root / ".briefgen-cache",
                         shrink_to_fit=spec.shrink_to_fit, deck_charts=spec.deck_charts, inputs=inputs,
                         source_date_epoch=epoch, output_dir=project.output_dir, project_root=project.root)


def source_date_epoch(environ: Mapping[str, str]) -> int | None:
    """``SOURCE_DATE_EPOCH`` from ``environ`` (None when unset or empty), the time every output is dated with.

    ConfigError when it is not a whole number of seconds that an output can carry: reproducible-builds.org
    asks a build to stop on a malformed value rather than quietly use the current time.
    """
    raw = environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]+", raw) or int(raw) > MAX_SOURCE_DATE_EPOCH:
        raise ConfigError([Problem(None, "SOURCE_DATE_EPOCH", f"expected a whole number of seconds since "
                                   f"1970-01-01 UTC, 0 to {MAX_SOURCE_DATE_EPOCH}, got {raw!r}")])
    return int(raw)


# The file name of a named briefing's outputs when neither it nor briefgen.yaml gives a pattern.
NAMED_FILE_NAME = "{briefing}-{file_label}-{date}"


def output_path(project: Project, library: Library, audience: str, fmt: str,
                briefing: NamedBriefing | None = None, date: str | None = None) -> Path:
    """Where the ``fmt`` output of ``audience`` goes: ``OUTPUT/AUDIENCE/NAME.EXT`` for the library's briefing,
    ``OUTPUT/BRIEFING/AUDIENCE/NAME.EXT`` for a named one; NAME from the file name pattern (see
    :func:`file_stem`), ``date`` the briefing's date as built (default: as written, ``today`` resolved)."""
    named = briefing is not None and briefing.name != DEFAULT_BRIEFING
    folder = project.output_dir / briefing.name if named else project.output_dir  # type: ignore[union-attr]
    stem = file_stem(project, library, audience, briefing, date)
    return folder / audience / f"{stem}.{fmt}"


def file_stem(project: Project, library: Library, audience: str, briefing: NamedBriefing | None = None,
              date: str | None = None) -> str:
    """An output's file name without extension: the briefing's ``file_name`` pattern, else briefgen.yaml's,
    else ``{slug}`` (the library's briefing: its outputs keep their names) or :data:`NAMED_FILE_NAME`, with
    ``{briefing}`` (the briefing's name, ``brief`` for the library's), ``{slug}`` (briefgen.yaml's, else made
    from the briefing's title), ``{file_label}`` (the audience profile's) and ``{date}`` filled in."""
    named = briefing if briefing is not None else None
    b = named.briefing if named is not None else library.briefing
    is_default = named is None or named.name == DEFAULT_BRIEFING
    pattern = b.file_name or project.spec.file_name or ("{slug}" if is_default else NAMED_FILE_NAME)
    values = {"briefing": "brief" if is_default else named.name,  # type: ignore[union-attr]
              "slug": project.spec.slug or slugify(b.title),
              "file_label": library.audiences[audience].label_in_file_names,
              "date": date or resolved_date(b.date)}
    return pattern.format(**values)


def build_view(library: Library, audience: str, briefing: Briefing | None = None,
               today: datetime.date | None = None) -> BriefView:
    """The BriefView of one audience, as ``briefing`` (default: the library's) sets it, dated ``today`` if it
    says ``today``."""
    return tailor(library, library.audiences[audience], briefing, today)
