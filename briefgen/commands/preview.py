"""``briefgen preview``: every audience variant of every briefing side by side, slide by slide, in one HTML page.

Builds (incrementally) the decks and memos of each briefing, renders each with
LibreOffice and pdftoppm to PNG thumbnails, and writes a self-contained contact
sheet (thumbnails inline as data: URIs) to ``OUTPUT/preview.html``: per briefing
and format, its audiences side by side.
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
from briefgen.errors import BuildError
from briefgen.load.briefings import NamedBriefing, default_briefing
from briefgen.load.library import Library
from briefgen.office import convert_all_to_pdf, pdf_to_pngs, require_soffice
from briefgen.project import Project
from briefgen.render.environment import render_template, shared_environment
from briefgen.write.registry import PREVIEW_FORMATS, OutputOptions


def preview(project: Project, library: Library, options: OutputOptions, audiences: Iterable[str] = (),
            formats: Iterable[str] = (), dpi: int = 50,
            briefings: Iterable[NamedBriefing] | None = None) -> Path:
    """Write the contact sheet of ``briefings`` (default: the library's own) and return its path: per briefing
    and format, its audiences (``audiences``, else the briefing's) side by side.  ``formats`` (previewable
    ones) are shown for every briefing; none given: each briefing's previewable formats, see
    :func:`preview_formats`."""
    require_soffice("preview")
    chosen = tuple(briefings) if briefings is not None else (default_briefing(library),)
    by_formats: dict[tuple, list[NamedBriefing]] = {}
    for nb in chosen:
        by_formats.setdefault(tuple(preview_formats(nb, formats)), []).append(nb)
    built: dict[tuple[str, str], list] = {}
    for fmts, group in by_formats.items():
        if not fmts:
            continue
        outcome = build_matrix(project, library, options, audiences, fmts, briefings=group)
        if outcome.failed:
            raise BuildError([p for r in outcome.failed for p in r.error.problems])  # type: ignore[union-attr]
        for r in outcome.results:
            built.setdefault((r.job.briefing, r.job.fmt), []).append((r.job.audience, r.job.target))
    sheets = [(nb, fmt, built[(nb.name, fmt)]) for nb in chosen for fmt in PREVIEW_FORMATS
              if (nb.name, fmt) in built]
    with tempfile.TemporaryDirectory(prefix="briefgen-preview-") as tmp:
        groups = _thumbnails(sheets, len(chosen) > 1, Path(tmp), dpi)
    env = shared_environment(options.template_dirs, autoescape=True)
    images = sum(len(uri or "") for group in groups for row in group["rows"] for uri in row)
    names = list(dict.fromkeys(a for group in groups for a in group["audiences"]))
    html = render_template(env, "preview/preview.html.j2", embedded_chars=images, title=library.briefing.title,
                           audiences=names, groups=groups)
    target = project.output_dir / "preview.html"
    check_target(target, protected_inputs(library, options), project.output_dir, project.root)
    atomic_write_bytes(target, html.encode("utf-8"))
    return target


def preview_formats(briefing: NamedBriefing, formats: Iterable[str] = ()) -> list[str]:
    """The formats the contact sheet shows of ``briefing``: ``formats`` if given, else the previewable ones of
    the briefing's own ``formats``, else every previewable format; in the registry's order."""
    wanted = set(formats) or set(briefing.briefing.formats or PREVIEW_FORMATS)
    return [f for f in PREVIEW_FORMATS if f in wanted]


def _thumbnails(sheets: list[tuple[NamedBriefing, str, list]], named: bool, tmp: Path, dpi: int) -> list[dict]:
    """Per briefing and format (``sheets``: each with its (audience, output) pairs), the rows of the contact
    sheet: page N of every audience's output, as data: URIs; headed by the briefing's name when ``named``.

    Each format is one LibreOffice run over every briefing's outputs (each first linked under a name of its
    own: the variants may share a file name); the formats convert side by side, and so do the PDFs rendered
    to PNG, one process per core.
    """
    staged: dict[str, list[Path]] = {}
    for n, (_, fmt, outputs) in enumerate(sheets):
        for audience, output in outputs:
            link = tmp / fmt / "in" / f"{n}-{audience}.{fmt}"
            link.parent.mkdir(parents=True, exist_ok=True)
            _stage(output, link)
            staged.setdefault(fmt, []).append(link)
    with cf.ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        converting = {pool.submit(convert_all_to_pdf, links, tmp / fmt / "pdf", "preview"): fmt
                      for fmt, links in staged.items()}
        rendering = {}
        for done in cf.as_completed(converting):
            for pdf in done.result():
                rendering[converting[done], pdf.stem] = pool.submit(pdf_to_pngs, pdf, tmp / "png" / pdf.stem, dpi)
        groups = []
        for n, (nb, fmt, outputs) in enumerate(sheets):
            columns = [[_data_uri(p) for p in rendering[fmt, f"{n}-{a}"].result()] for a, _ in outputs]
            label = f"{nb.label} " if named and nb.name else ""
            groups.append({"format": fmt, "heading": f"{nb.label} · {fmt}" if named else fmt, "label": label,
                           "audiences": [a for a, _ in outputs], "rows": [list(r) for r in zip_longest(*columns)]})
    return groups


def _stage(src: Path, link: Path) -> None:
    """``src`` under the name ``link``: a hard link where the file system allows, else a copy."""
    try:
        os.link(src, link)
    except OSError:
        shutil.copyfile(src, link)


def _data_uri(png: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")
