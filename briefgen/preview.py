"""``briefgen preview``: every audience variant side by side, slide by slide, in one HTML page.

Builds (incrementally) the decks and memos, renders each with LibreOffice
and pdftoppm to PNG thumbnails, and writes a self-contained contact sheet
(thumbnails inline as data: URIs) to ``OUTPUT/preview.html``.
"""
from __future__ import annotations

import base64
import tempfile
from itertools import zip_longest
from pathlib import Path
from typing import Iterable

from .atomic import atomic_write_bytes
from .batch import build_matrix
from .build import output_path, resolve_audiences
from .errors import BuildError
from .library import Library
from .office import convert_to_pdf, pdf_to_pngs, require_soffice
from .outputs import OutputOptions
from .project import Project
from .templating import render_template, shared_environment


def preview(project: Project, library: Library, options: OutputOptions, audiences: Iterable[str] = (),
            formats: Iterable[str] = ("pptx", "docx"), dpi: int = 50) -> Path:
    """Write the contact sheet and return its path."""
    require_soffice("preview")
    names = resolve_audiences(library, audiences)
    fmts = list(formats)
    outcome = build_matrix(project, library, options, names, fmts)
    if outcome.failed:
        raise BuildError([p for r in outcome.failed for p in r.error.problems])  # type: ignore[union-attr]
    groups = []
    with tempfile.TemporaryDirectory(prefix="briefgen-preview-") as tmp:
        for fmt in fmts:
            columns = []
            for name in names:
                src = output_path(project, library, name, fmt)
                work = Path(tmp) / fmt / name
                pdf = convert_to_pdf(src, work, "preview")
                pages = [_data_uri(p) for p in pdf_to_pngs(pdf, work / "png", dpi)]
                columns.append(pages)
            rows = [list(r) for r in zip_longest(*columns)]
            groups.append({"format": fmt, "rows": rows})
    env = shared_environment(options.template_dirs, autoescape=True)
    html = render_template(env, "preview/preview.html.j2", title=library.briefing.title, audiences=names,
                           groups=groups)
    target = project.output_dir / "preview.html"
    atomic_write_bytes(target, html.encode("utf-8"))
    return target


def _data_uri(png: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")
