"""The memo's charts: which ones it shows, rendered through :mod:`briefgen.render.charts`.

The memo shows the timeline, the options map and the risk heat map when the
view asks for them (its chart hints) and shows the section they belong in.
matplotlib is imported only when there is a chart to draw.  Without it the
memo is still written, its text complete, with no charts and a warning that
says what to install (a deck, whose chart slides would be empty, fails instead).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from briefgen.errors import MissingToolError, Problem
from briefgen.render.memo.compose import MEMO_CHARTS, MemoChart
from briefgen.tailor.view import BriefView

# Inches, per kind: drawn at the size it is shown (the text width), so chart text keeps its designed
# size.  Each is as tall as its chart needs to keep its labels whole (the timeline: eight events) and no
# taller: the neutral memo must stay within three Letter pages (3.3 in each makes it four).  The options
# map and heat map leave backup items out at any memo size; the memo's annex counts them.
MEMO_CHART_SIZES = {"timeline": (6.5, 2.2), "options_map": (6.5, 2.9), "risk_heatmap": (6.5, 2.5)}
# One PNG per chart serves the Word, Markdown and HTML memos: sharp in print and on 2x screens.
MEMO_CHART_DPI = 200


@dataclass
class MemoFigures:
    """The charts one memo shows (kind -> figure) and their image bytes (src -> bytes)."""

    charts: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


def wanted_charts(view: BriefView) -> list[str]:
    """The chart kinds the memo of ``view`` shows, in MEMO_CHARTS order (none in a one-page memo)."""
    out: list[str] = []
    if view.memo_pages == 1:
        return out
    for kind, key in MEMO_CHARTS.items():
        section = view.section(key)
        if view.chart(kind) is None or section is None:
            continue
        if key != "context" and not section.items:
            continue
        if key == "context" and not view.events:
            continue
        out.append(kind)
    return out


def memo_figures(view: BriefView, cache_dir: Path | None, fmt: str,
                 src_for: Callable[[str, str], str]) -> MemoFigures:
    """Render the memo's charts as ``fmt`` (png or svg), kept in ``cache_dir`` (None: not kept between runs);
    ``src_for(kind, fmt)`` names each image."""
    figures = MemoFigures()
    kinds = wanted_charts(view)
    if not kinds:
        return figures
    from briefgen.render.charts import chart_images, chart_specs  # matplotlib itself is imported only by chart_images

    specs = {}
    for kind in kinds:
        spec = next((s for s in chart_specs(view, size=MEMO_CHART_SIZES[kind]) if s.kind == kind), None)
        if spec is not None:  # else no data for this chart
            specs[kind] = _for_memo(spec)
    try:
        images = chart_images(list(specs.values()), fmt, cache_dir=cache_dir, warnings=figures.warnings)
        for (kind, spec), image in zip(specs.items(), images):
            src = src_for(kind, fmt)
            figures.images[src] = image
            figures.charts[kind] = MemoChart(kind, spec.title, spec.alt_text, src, MEMO_CHART_SIZES[kind][0],
                                             tuple(p.id for p in spec.points))
    except MissingToolError as exc:  # no matplotlib: the memo's text stands on its own
        message = " ".join(exc.lines())
        return MemoFigures(warnings=[Problem(None, "charts", f"charts left out: {message}", "warning")])
    return figures


def _for_memo(spec):
    """The spec drawn without its title (the memo prints it as the caption) at the memo's resolution, as far
    as the spec allows."""
    if not dataclasses.is_dataclass(spec):
        return spec
    fields = {f.name for f in dataclasses.fields(spec)}
    changes = {"show_title": False, "dpi": MEMO_CHART_DPI}
    return dataclasses.replace(spec, **{k: v for k, v in changes.items() if k in fields})
