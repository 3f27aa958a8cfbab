"""Write the memo as Markdown: the rendered template, readable as plain text.

Charts are written as PNG files in a folder beside the memo
(``SLUG-charts/timeline.png``) and linked from it; sources are footnotes.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from ..atomic import atomic_write, atomic_write_bytes, refuse_inputs
from ..briefview import BriefView
from ..errors import Problem
from ..memo.charts import memo_figures
from ..memo.render import render_memo
from ..outputs import OutputOptions


def charts_dir(target: Path) -> Path:
    """The folder the Markdown memo's chart images go in."""
    return target.with_name(f"{target.stem}-charts")


def write_md(view: BriefView, target: Path, options: OutputOptions) -> list[Problem]:
    """Write the Markdown memo of ``view`` to ``target`` (and its charts beside it); return warnings."""
    target = Path(target)
    refuse_inputs(target, options.inputs)
    folder = charts_dir(target)
    figures = memo_figures(view, options, "png", lambda kind, fmt: f"{quote(folder.name)}/{kind}.{fmt}")
    text = render_memo(view, options.template_dirs, figures.charts, page_marking=True)
    for kind, chart in figures.charts.items():
        atomic_write_bytes(folder / f"{kind}.png", figures.images[chart.src])
    atomic_write(target, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))
    return list(figures.warnings)
