"""Write the memo as Markdown: the rendered template, readable as plain text.

Charts are written as PNG files in a folder beside the memo
(``SLUG-charts/timeline.png``), item pictures as copies in another
(``SLUG-images/ITEM-ID.png``), both linked from it; sources are footnotes.  The manifest keeps which content field each block of the
memo shows (:mod:`briefgen.write.memo_origins`).
Everything is rendered in memory first and written as one: a memo that
cannot be written leaves its old charts and pictures untouched too.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable
from urllib.parse import quote

from briefgen.atomic import atomic_write_all
from briefgen.errors import Problem
from briefgen.render.memo.assemble import assemble_memo
from briefgen.tailor.view import BriefView
from briefgen.write.memo_origins import block_record, markdown_blocks
from briefgen.write.registry import OutputOptions, Written, guard_output


def charts_dir(target: Path) -> Path:
    """The folder the Markdown memo's chart images go in."""
    return target.with_name(f"{target.stem}-charts")


def images_dir(target: Path) -> Path:
    """The folder the Markdown memo's copies of item pictures go in."""
    return target.with_name(f"{target.stem}-images")


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda tmp: tmp.write_bytes(data)


def write_md(view: BriefView, target: Path, options: OutputOptions) -> list[Problem]:
    """Write the Markdown memo of ``view`` to ``target`` (its charts and pictures beside it); return warnings, with
    the record of what each block shows (:func:`briefgen.write.memo_origins.block_record`, for ``briefgen trace``)."""
    target = Path(target)
    guard_output(target, options)
    folder, pictures_folder = charts_dir(target), images_dir(target)
    memo = assemble_memo(view, options.template_dirs, options.chart_cache,
                         lambda kind, fmt: f"{quote(folder.name)}/{kind}.{fmt}",
                         lambda item_id, ext: f"{quote(pictures_folder.name)}/{item_id}.{ext}", page_marking=True)
    figures, pictures = memo.figures, memo.pictures
    writes = [(folder / f"{kind}.png", _bytes(figures.images[chart.src])) for kind, chart in figures.charts.items()]
    writes += [(pictures_folder / pic.src.rsplit("/", 1)[1], _bytes(pictures.images[pic.src]))
               for pic in pictures.figures.values()]
    writes.append((target, lambda tmp: tmp.write_text(memo.markdown, encoding="utf-8", newline="\n")))
    for path, _ in writes:  # the chart and picture folders beside the memo too
        guard_output(path, options)
    atomic_write_all(writes)
    return Written(memo.warnings, record={"memo": block_record(markdown_blocks(memo.markdown), view)})
