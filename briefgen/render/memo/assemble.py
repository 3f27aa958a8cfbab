"""The memo put together for a writer: its Markdown, the charts and item pictures it shows, and their bytes.

The Word, Markdown and HTML writers all start here; they differ only in how
each image is addressed (``chart_src``, ``picture_src``) and whether the text
carries its own classification line (``page_marking``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from briefgen.errors import Problem
from briefgen.render.memo.compose import render_memo
from briefgen.render.memo.figures import MemoFigures, memo_figures
from briefgen.render.memo.pictures import MemoPictures, memo_pictures
from briefgen.tailor.view import BriefView

# Every memo's charts are PNG: one drawing serves the Word, Markdown and HTML memos.
CHART_FORMAT = "png"


@dataclass(frozen=True)
class AssembledMemo:
    """A memo's Markdown with the charts (``figures``) and item pictures (``pictures``) it links to."""

    markdown: str
    figures: MemoFigures
    pictures: MemoPictures

    @property
    def images(self) -> dict[str, bytes]:
        """Every image the Markdown may show, charts then pictures: src -> bytes."""
        return {**self.figures.images, **self.pictures.images}

    @property
    def widths(self) -> dict[str, float]:
        """The width in inches each chart and picture is shown at: src -> inches."""
        return {fig.src: fig.width for fig in [*self.figures.charts.values(), *self.pictures.figures.values()]}

    @property
    def warnings(self) -> list[Problem]:
        """Warnings from drawing the charts (e.g. matplotlib missing, so charts left out)."""
        return list(self.figures.warnings)


def assemble_memo(view: BriefView, template_dirs: Iterable[Path], chart_cache: Path | None,
                  chart_src: Callable[[str, str], str], picture_src: Callable[[str, str], str],
                  page_marking: bool) -> AssembledMemo:
    """The memo of ``view``: charts drawn (kept in ``chart_cache``; None: not kept between runs), pictures
    read, Markdown rendered through the templates in ``template_dirs``.

    ``chart_src(kind, fmt)`` and ``picture_src(item id, extension)`` name each image as the Markdown
    links to it; ``page_marking`` puts the classification line at the top and bottom of the text.
    """
    figures = memo_figures(view, chart_cache, CHART_FORMAT, chart_src)
    pictures = memo_pictures(view, picture_src)
    markdown = render_memo(view, template_dirs, figures.charts, page_marking=page_marking,
                           pictures=pictures.figures)
    return AssembledMemo(markdown, figures, pictures)
