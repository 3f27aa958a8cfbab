"""The memo's charts: which ones it shows, rendered through :mod:`briefgen.charts`.

The memo shows the timeline, the options map and the risk heat map when the
view asks for them (its chart hints) and shows the section they belong in.
``briefgen.charts`` (matplotlib) is imported only when there is a chart to draw.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable

from ..briefview import BriefView
from ..errors import Problem
from ..outputs import OutputOptions
from .render import MEMO_CHARTS, MemoChart

# Inches, per kind: drawn at the size it is shown (the text width), so chart text keeps its designed
# size; kept short so that three charts leave room for a two-to-three-page memo.
MEMO_CHART_SIZES = {"timeline": (6.5, 2.3), "options_map": (6.5, 2.6), "risk_heatmap": (6.5, 2.4)}


@dataclass
class MemoFigures:
    """The charts one memo shows (kind -> figure) and their image bytes (src -> bytes)."""

    charts: dict = field(default_factory=dict)
    images: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)


def wanted_charts(view: BriefView) -> list[str]:
    """The chart kinds the memo of ``view`` shows, in MEMO_CHARTS order."""
    out = []
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


def memo_figures(view: BriefView, options: OutputOptions, fmt: str,
                 src_for: Callable[[str, str], str]) -> MemoFigures:
    """Render the memo's charts as ``fmt`` (png or svg); ``src_for(kind, fmt)`` names each image."""
    figures = MemoFigures()
    kinds = wanted_charts(view)
    if not kinds:
        return figures
    try:
        from ..charts import chart_image, chart_specs
    except ImportError as exc:
        figures.warnings.append(Problem(None, "charts", f"charts left out: cannot draw them ({exc})",
                                        "warning"))
        return figures
    for kind in kinds:
        spec = next((s for s in chart_specs(view, size=MEMO_CHART_SIZES[kind]) if s.kind == kind), None)
        if spec is None:  # no data for this chart
            continue
        spec = _without_title(spec)
        src = src_for(kind, fmt)
        figures.images[src] = chart_image(spec, fmt=fmt, cache_dir=options.chart_cache)
        figures.charts[kind] = MemoChart(kind, spec.title, spec.alt_text, src, MEMO_CHART_SIZES[kind][0])
    return figures


def _without_title(spec):
    """The spec drawn without its title (the memo prints it as the caption), when the spec allows it."""
    if dataclasses.is_dataclass(spec) and "show_title" in {f.name for f in dataclasses.fields(spec)}:
        return dataclasses.replace(spec, show_title=False)
    return spec
