"""``briefgen preview``: every audience variant side by side, slide by slide, in one HTML page.

Builds (incrementally) the decks and memos, renders each with LibreOffice
and pdftoppm to PNG thumbnails, and writes a self-contained contact sheet
(thumbnails inline as data: URIs) to ``OUTPUT/preview.html``.
"""
from __future__ import annotations

import base64
import concurrent.futures as cf
import os
import shutil
import tempfile
from itertools import zip_longest
from pathlib import Path
from typing import Iterable

from briefgen.atomic import atomic_write_bytes, check_target
from briefgen.commands.build import build_matrix, protected_inputs
from briefgen.commands.plan import output_path
from briefgen.errors import BuildError
from briefgen.load.library import Library
from briefgen.office import convert_all_to_pdf, pdf_to_pngs, require_soffice
from briefgen.project import Project
from briefgen.render.environment import render_template, shared_environment
from briefgen.tailor.audiences import resolve_audiences
from briefgen.write.registry import PREVIEW_FORMATS, OutputOptions


def preview(project: Project, library: Library, options: OutputOptions, audiences: Iterable[str] = (),
            formats: Iterable[str] = PREVIEW_FORMATS, dpi: int = 50) -> Path:
    """Write the contact sheet and return its path (``formats``: those the registry marks previewable)."""
    require_soffice("preview")
    names = resolve_audiences(library, audiences)
    fmts = list(formats)
    outcome = build_matrix(project, library, options, names, fmts)
    if outcome.failed:
        raise BuildError([p for r in outcome.failed for p in r.error.problems])  # type: ignore[union-attr]
    with tempfile.TemporaryDirectory(prefix="briefgen-preview-") as tmp:
        groups = _thumbnails(project, library, names, fmts, Path(tmp), dpi)
    env = shared_environment(options.template_dirs, autoescape=True)
    images = sum(len(uri or "") for group in groups for row in group["rows"] for uri in row)
    html = render_template(env, "preview/preview.html.j2", embedded_chars=images, title=library.briefing.title,
                           audiences=names, groups=groups)
    target = project.output_dir / "preview.html"
    check_target(target, protected_inputs(library, options), project.output_dir, project.root)
    atomic_write_bytes(target, html.encode("utf-8"))
    return target


def _thumbnails(project: Project, library: Library, names: list[str], fmts: list[str], tmp: Path,
                dpi: int) -> list[dict]:
    """Per format, the rows of the contact sheet: page N of every audience's output, as data: URIs.

    Each format is one LibreOffice run (the variants share a file name, so each
    is first linked under its audience's name); the formats convert side by
    side, and so do the PDFs rendered to PNG, one process per core.
    """
    staged = {}
    for fmt in fmts:
        staged[fmt] = []
        for name in names:
            link = tmp / fmt / "in" / f"{name}.{fmt}"
            link.parent.mkdir(parents=True, exist_ok=True)
            _stage(output_path(project, library, name, fmt), link)
            staged[fmt].append(link)
    with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        converting = {pool.submit(convert_all_to_pdf, staged[fmt], tmp / fmt / "pdf", "preview"): fmt
                      for fmt in fmts}
        rendering = {}
        for done in cf.as_completed(converting):
            fmt = converting[done]
            for name, pdf in zip(names, done.result()):
                rendering[fmt, name] = pool.submit(pdf_to_pngs, pdf, tmp / fmt / "png" / name, dpi)
        groups = []
        for fmt in fmts:
            columns = [[_data_uri(p) for p in rendering[fmt, name].result()] for name in names]
            groups.append({"format": fmt, "rows": [list(r) for r in zip_longest(*columns)]})
    return groups


def _stage(src: Path, link: Path) -> None:
    """``src`` under the name ``link``: a hard link where the file system allows, else a copy."""
    try:
        os.link(src, link)
    except OSError:
        shutil.copyfile(src, link)


def _data_uri(png: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")
