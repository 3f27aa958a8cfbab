"""Shared drawing helpers: an inch-based canvas, the title and legend header, fitted text, numbered badges.

Everything is laid out in inches from the figure's bottom-left corner, and
text is measured with the real renderer, so the same rules hold at any chart
size: no text below 11 pt, long labels wrapped then cut with an ellipsis.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Sequence

import matplotlib
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.markers import MarkerStyle
from matplotlib.patches import Patch
from matplotlib.text import Text
from matplotlib.transforms import IdentityTransform

from briefgen.load.vocabulary import in_sentence
from briefgen.render.charts.palette import ink_on, luminance  # noqa: F401  (re-exported for the kinds)
from briefgen.render.charts.spec import ChartSpec
from briefgen.render.colors import mix  # noqa: F401  (re-exported for the kinds)

BODY = 11.0  # pt: the smallest text on any chart
AXIS = 12.0
TITLE = 16.0
PAD = 0.15  # inches: outer margin
ELLIPSIS = "\u2026"
BADGE = 19.0  # pt: diameter of a numbered marker
KEY_BADGE = 16.0  # pt: the same marker in a key
DENSE_BADGE = 13.5  # pt: in a key whose rows are tight


@dataclass(frozen=True)
class LegendEntry:
    """One swatch of a legend row: a marker style and its label."""

    label: str
    marker: str = "o"
    face: str = "#000000"
    edge: str = "#000000"
    size: float = 11.0  # pt
    linewidth: float = 1.0


class InchLayer:
    """Text, lines, patches and markers placed on the figure itself, in inches from its bottom-left corner.

    The few Axes methods the charts use for legends, keys and labels, without
    an Axes: each costs milliseconds to make (ticks, spines) and draws nothing
    useful here.  Artists sit above every axes (whose z-order is 0), ordered
    among themselves by their own z-order; nothing is clipped.
    """

    def __init__(self, fig: Figure):
        self.fig = fig
        self.transform = fig.dpi_scale_trans

    def text(self, x: float, y: float, s: str, **kwargs: Any) -> Text:
        """A text at (x, y) inches; keyword arguments as for Axes.text."""
        return self.fig.text(x, y, s, transform=self.transform, **kwargs)

    def plot(self, xs: Sequence[float], ys: Sequence[float], **kwargs: Any) -> Line2D:
        """A line through the points (inches); keyword arguments as for Line2D."""
        kwargs.setdefault("zorder", 2)
        return self.fig.add_artist(Line2D(xs, ys, transform=self.transform, **kwargs))

    def add_patch(self, patch: Patch) -> Patch:
        """``patch``, its coordinates read as inches."""
        patch.set_transform(self.transform)
        return self.fig.add_artist(patch)

    def scatter(self, xs: Sequence[float], ys: Sequence[float], s: Sequence[float], marker: str,
                facecolors: Sequence[str], edgecolors: Sequence[str], linewidths: Sequence[float],
                zorder: float) -> PathCollection:
        """Markers ``s`` pt² in area centred on the points (inches), as Axes.scatter draws them."""
        style = MarkerStyle(marker)
        path = style.get_path().transformed(style.get_transform())
        markers = PathCollection((path,), sizes=s, facecolors=facecolors, edgecolors=edgecolors,
                                 linewidths=linewidths, offsets=list(zip(xs, ys)), offset_transform=self.transform,
                                 zorder=zorder)
        markers.set_transform(IdentityTransform())
        return self.fig.add_artist(markers)


_WIDTHS: dict[tuple, float] = {}  # measured text widths, in inches (drawing is serialised by one lock)


class Canvas:
    """A figure addressed in inches, with text measured by the figure's own renderer."""

    def __init__(self, fig: Figure, spec: ChartSpec):
        self.fig = fig
        self.spec = spec
        self.theme = spec.theme
        self.w, self.h = spec.size
        self.renderer = fig.canvas.get_renderer()
        self.soft_text = mix(self.theme.muted, self.theme.text, 0.45)  # muted, yet readable as 11 pt text
        self._fonts: dict[tuple, FontProperties] = {}
        # Widths depend only on text, size, weight, font and dpi: share them across every chart drawn.
        self._width_key = (fig.dpi, tuple(matplotlib.rcParams["font.family"]))
        self._overlay: InchLayer | None = None

    def overlay(self) -> InchLayer:
        """The figure addressed in inches from its bottom-left corner, drawn above any axes (see InchLayer)."""
        if self._overlay is None:
            self._overlay = InchLayer(self.fig)
        return self._overlay

    def axes(self, left: float, bottom: float, width: float, height: float, inches: bool = False) -> Axes:
        """Axes at this rectangle (inches); with ``inches`` its data coordinates are inches too, no frame."""
        ax = self.fig.add_axes((left / self.w, bottom / self.h, max(width, 0.01) / self.w,
                                max(height, 0.01) / self.h))
        ax.set_facecolor(self.theme.background)
        if inches:
            ax.set_xlim(0, width)
            ax.set_ylim(0, height)
            ax.set_axis_off()
        return ax

    def width(self, text: str, size: float = BODY, weight: str = "normal") -> float:
        """Width of one line of ``text`` in inches."""
        key = (text, size, weight, self._width_key)
        width = _WIDTHS.get(key)
        if width is None:
            font = self._fonts.get((size, weight))
            if font is None:
                font = self._fonts[(size, weight)] = FontProperties(size=size, weight=weight)
            w, _, _ = self.renderer.get_text_width_height_descent(text, font, ismath=False)
            width = _WIDTHS[key] = w / self.fig.dpi
        return width

    def line_height(self, size: float = BODY) -> float:
        """Baseline-to-baseline distance of ``size`` pt text in inches (matplotlib's 1.2 line spacing)."""
        return size * 1.2 / 72

    def fit(self, text: str, width: float, max_lines: int = 1, size: float = BODY, weight: str = "normal") -> str:
        """``text`` wrapped to ``width`` inches in at most ``max_lines`` lines, the last cut with an ellipsis."""
        words = text.split()
        lines: list[str] = []
        while words and len(lines) < max_lines:
            line = words.pop(0)
            while words and self.width(f"{line} {words[0]}", size, weight) <= width:
                line += " " + words.pop(0)
            if words and len(lines) == max_lines - 1:
                line, words = self._ellipsis(line, width, size, weight, cut=True), []
            elif self.width(line, size, weight) > width:  # one word longer than the line
                line = self._ellipsis(line, width, size, weight)
            lines.append(line)
        return "\n".join(lines)

    def _ellipsis(self, line: str, width: float, size: float, weight: str, cut: bool = False) -> str:
        """``line`` ending in an ellipsis within ``width``.

        Whole words are dropped from the end; of a long first dropped word, as
        much as fits is kept (up to a hyphen when it has one) so the label still
        says something: "Regional extended-…" rather than "Regional…".
        """
        words = line.split(" ")
        if not cut and self.width(line, size, weight) <= width:
            return line
        for n in range(len(words) - 1, 0, -1):
            kept = " ".join(words[:n]).rstrip(",;:-\u2013(")
            if self.width(kept + ELLIPSIS, size, weight) <= width:
                word = words[n]
                if len(word) >= 8:
                    part = self._prefix("", word, width - self.width(kept + " ", size, weight), size, weight)
                    stem = part[:-1]
                    if "-" in stem[:-1]:
                        stem = stem[:stem.rindex("-") + 1]
                    if len(stem) >= 4:
                        return f"{kept} {stem}{ELLIPSIS}"
                return kept + ELLIPSIS
        return self._prefix("", words[0], width, size, weight)

    def _prefix(self, head: str, word: str, width: float, size: float, weight: str) -> str:
        """``head`` plus the longest prefix of ``word`` that fits with an ellipsis (found by bisection)."""
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(head + word[:mid] + ELLIPSIS, size, weight) <= width:
                lo = mid
            else:
                hi = mid - 1
        return head + word[:lo].rstrip(",;:\u2013(") + ELLIPSIS

    def header(self, legend: Sequence[LegendEntry] = (), draw: bool = True) -> float:
        """Draw the title (when shown) and a legend row; return the height in inches left below them.

        With ``draw=False`` only measure: the same height, nothing drawn.
        """
        top = self.h - PAD
        title_right = PAD
        if self.spec.show_title:
            text = self.fit(self.spec.title, self.w - 2 * PAD, 1, TITLE, "bold")
            if draw:
                self.fig.text(PAD / self.w, top / self.h, text, fontsize=TITLE, fontweight="bold", va="top",
                              ha="left", color=self.theme.text)
            title_right = PAD + self.width(text, TITLE, "bold") + 0.4
            below = top - TITLE * 1.25 / 72
        else:
            below = top
        if legend:
            widths = [max(e.size, 11) / 72 + 0.12 + self.width(e.label) for e in legend]
            total = sum(widths) + 0.25 * (len(legend) - 1)
            if self.spec.show_title and self.w - PAD - total >= title_right:  # fits beside the title
                y = top - (TITLE - BODY) / 72 / 2 - BODY / 72 / 2 - 0.02
            else:
                y = below - (0.06 if self.spec.show_title else 0.0) - BODY / 72 / 2
                below = y - BODY / 72 / 2 - 0.02
            if draw:
                self._legend_row(legend, widths, self.w - PAD - total, y)
        return below - 0.12

    def _legend_row(self, legend: Sequence[LegendEntry], widths: list[float], x: float, y: float) -> None:
        ax = self.overlay()
        markers = Markers(ax, zorder=3)
        for entry, w in zip(legend, widths):
            r = max(entry.size, 11) / 72 / 2
            markers.add(x + r, y, entry.size, entry.face, entry.edge, entry.linewidth, entry.marker)
            ax.text(x + 2 * r + 0.08, y, entry.label, fontsize=BODY, va="center", ha="left", color=self.theme.text)
            x += w + 0.25
        markers.draw()


def spread(n: int, step: float, cell_w: float, cell_h: float) -> tuple[list[tuple[float, float]], float]:
    """Offsets (inches) for ``n`` markers sharing one cell, and how far the group overflows the cell.

    The widest grid that fits the cell wins (so two markers sit side by side,
    four in a square); when none fits, the one that overflows least.  Markers
    go in index order, each row centred.  An overflow of 1.0 or less fits.
    """
    best_cols, best_over = 1, float("inf")
    for cols in range(n, 0, -1):
        rows = math.ceil(n / cols)
        over = max(cols * step / cell_w, rows * step / cell_h)
        if over <= 1.0:
            best_cols, best_over = cols, over
            break
        if over < best_over:
            best_cols, best_over = cols, over
    rows = math.ceil(n / best_cols)
    out = []
    for i in range(n):
        r, col = divmod(i, best_cols)
        in_row = min(best_cols, n - r * best_cols)
        out.append(((col - (in_row - 1) / 2) * step, ((rows - 1) / 2 - r) * step))
    return out, best_over


@dataclass(frozen=True)
class Arrangement:
    """Numbered points placed in their cells: which are drawn, their offsets in inches, and a note."""

    shown: tuple  # indices into spec.points, in order
    offsets: dict  # index -> (dx, dy) inches from the cell centre
    note: str  # e.g. "8 backup options not shown", or ""


def arrange(canvas: Canvas, spec: ChartSpec, cell_w: float, cell_h: float, key_height: float,
            noun: str) -> Arrangement:
    """Spread each cell's points around its centre; leave out backup points when the cells or the key overflow.

    Crowded cells that still overflow are squeezed, markers overlapping by at
    most a fifth of their width.
    """
    step = BADGE / 72 + 0.035

    def attempt(indices: list[int]) -> tuple[dict, float]:
        cells: dict[tuple, list[int]] = {}
        for i in indices:
            cells.setdefault((spec.points[i].x, spec.points[i].y), []).append(i)
        offsets, worst = {}, 0.0
        for members in cells.values():
            offs, over = spread(len(members), step, cell_w, cell_h)
            squeeze = max(1 / over, BADGE / 72 * 0.8 / step) if over > 1 else 1.0
            offsets.update((i, (dx * squeeze, dy * squeeze)) for i, (dx, dy) in zip(members, offs))
            worst = max(worst, over)
        return offsets, worst

    everything = list(range(len(spec.points)))
    offsets, worst = attempt(everything)
    main = [i for i in everything if spec.points[i].role != "backup"]
    if main and len(main) < len(everything) and (worst > 1.15 or key_columns(canvas, len(everything),
                                                                               key_height)[0] > 2):
        left_out = len(everything) - len(main)
        return Arrangement(tuple(main), attempt(main)[0], f"{left_out} backup {noun} not shown")
    return Arrangement(tuple(everything), offsets, "")


@dataclass(frozen=True)
class BadgeStyle:
    """How a numbered marker is drawn: fill, edge, number colour and weight."""

    face: str
    edge: str
    ink: str
    linewidth: float = 1.0
    weight: str = "bold"


class Markers:
    """Markers for one axes at one z-order, drawn as one scatter per marker shape by :meth:`draw`.

    matplotlib makes a collection per ``scatter`` call, and dozens of one-point
    collections cost more than the drawing itself.  Within a shape, points keep
    the order they were added in, so overlapping markers stack as if drawn one
    by one.
    """

    def __init__(self, ax: Axes | InchLayer, zorder: float = 4):
        self.ax = ax
        self.zorder = zorder
        self._points: dict[str, list[tuple]] = {}

    def add(self, x: float, y: float, size: float, face: str, edge: str, linewidth: float = 1.0,
            marker: str = "o") -> None:
        """A marker ``size`` pt across at data position (x, y)."""
        self._points.setdefault(marker, []).append((x, y, size ** 2, face, edge, linewidth))

    def draw(self) -> None:
        """Add the collected markers to the axes (once, after the last :meth:`add`)."""
        for marker, points in self._points.items():
            xs, ys, sizes, faces, edges, widths = zip(*points)
            self.ax.scatter(xs, ys, s=sizes, marker=marker, facecolors=faces, edgecolors=edges, linewidths=widths,
                            zorder=self.zorder)
        self._points.clear()


def badge(markers: Markers, x: float, y: float, number: int, style: BadgeStyle, size: float = BADGE) -> None:
    """A numbered circle at data position (x, y): its circle joins ``markers``, its number is drawn now."""
    markers.add(x, y, size, style.face, style.edge, style.linewidth)
    markers.ax.text(x, y, str(number), fontsize=BODY, fontweight=style.weight, color=style.ink, ha="center",
                    va="center_baseline", zorder=markers.zorder + 1)


def key_step(canvas: Canvas, dense: bool = False) -> float:
    """Height in inches of one single-line entry of a number key (``dense``: smaller badges, tighter rows)."""
    return max(canvas.line_height(), (DENSE_BADGE if dense else KEY_BADGE) / 72) + (0.012 if dense else 0.035)


def key_columns(canvas: Canvas, entries: int, height: float) -> tuple[int, bool]:
    """(columns, dense) for a number key of ``entries`` one-line entries in ``height`` inches.

    One column if it fits, then one column of tighter rows, then as many
    columns as needed.
    """
    if entries * key_step(canvas) <= height:
        return 1, False
    if entries * key_step(canvas, True) <= height:
        return 1, True
    return math.ceil(entries * key_step(canvas) / height), False


def number_key(canvas: Canvas, left: float, bottom: float, width: float, height: float,
               entries: Sequence[tuple[int, str, BadgeStyle, bool, bool]], note: str = "") -> None:
    """A key beside a chart: badge, then label (bold when highlighted, softer when backup).

    ``entries`` are (number, label, badge style, highlighted, backup).  Labels get
    two lines when everything fits in one column, else one; then tighter rows,
    then more columns.  A ``note`` goes on the key's last line.
    """
    line = canvas.line_height()
    if note:
        canvas.fig.text(left / canvas.w, bottom / canvas.h, canvas.fit(note, width), fontsize=BODY,
                        style="italic", color=canvas.soft_text, ha="left", va="bottom")
        bottom += line + 0.04
        height -= line + 0.04
    if not entries:
        return
    cols, dense = key_columns(canvas, len(entries), height)
    size = DENSE_BADGE if dense else KEY_BADGE
    step = key_step(canvas, dense)
    indent = size / 72 + 0.1

    def labels(w: float, lines: int) -> list[str]:
        return [canvas.fit(e[1], w, lines, BODY, "bold" if e[3] else "normal") for e in entries]

    texts = labels((width - 0.15 * (cols - 1)) / cols - indent, 1)
    if cols == 1 and not dense:
        # A second line for each label cut short, key order first, as long as the key still fits.
        used = step * len(texts)
        for n, (one, two) in enumerate(zip(list(texts), labels(width - indent, 2))):
            if two != one and "\n" in two and used + line <= height:
                texts[n] = two
                used += line
    ax = canvas.overlay()
    col_w = (width - 0.15 * (cols - 1)) / cols
    per_col = math.ceil(len(entries) / cols)
    markers = Markers(ax)
    for c in range(cols):
        y = bottom + height - step / 2
        for e, text in list(zip(entries, texts))[c * per_col:(c + 1) * per_col]:
            x = left + c * (col_w + 0.15)
            badge(markers, x + size / 72 / 2, y, e[0], e[2], size)
            multi = "\n" in text
            ax.text(x + indent, y + BODY / 72 * 0.62 if multi else y, text, fontsize=BODY,
                    fontweight="bold" if e[3] else "normal", color=canvas.soft_text if e[4] else canvas.theme.text,
                    ha="left", va="top" if multi else "center_baseline", linespacing=1.2)
            y -= step + line * text.count("\n")
    markers.draw()


def point_badges(ax: Axes, spec: ChartSpec, placed: Arrangement, styles: dict[str, BadgeStyle],
                 per_x: float, per_y: float) -> list[tuple[int, str, BadgeStyle, bool, bool]]:
    """Draw the numbered markers of the points ``placed`` shows, each at its cell moved by its offset
    (``per_x``, ``per_y``: data units per inch), highlighted ones last so they sit on top; return the
    entries of their number key: (number, label, badge style, highlighted, backup)."""
    entries = []
    for n, i in enumerate(placed.shown, 1):
        p = spec.points[i]
        role = "highlight" if spec.is_highlighted(p.id) else "backup" if p.role == "backup" else "normal"
        entries.append((n, p.label, styles[role], role == "highlight", role == "backup"))
    markers = Markers(ax)
    for n, i in sorted(enumerate(placed.shown), key=lambda e: (entries[e[0]][3], not entries[e[0]][4])):
        dx, dy = placed.offsets[i]
        badge(markers, spec.points[i].x + dx * per_x, spec.points[i].y + dy * per_y, n + 1, entries[n][2])
    markers.draw()
    return entries


def badge_styles(canvas: Canvas) -> dict[str, BadgeStyle]:
    """Badge looks for highlighted, ordinary and backup items in this theme."""
    t = canvas.theme
    return {
        "highlight": BadgeStyle(t.highlight, t.text, ink_on(t.highlight, t.text), 1.6),
        "normal": BadgeStyle(t.primary, t.primary, ink_on(t.primary, t.text)),
        "backup": BadgeStyle(t.background, t.muted, canvas.soft_text, 1.4, "normal"),
    }


def point_legend(canvas: Canvas, spec: ChartSpec, highlighted: str, plain: str) -> tuple[list, LegendEntry]:
    """Legend entries of a numbered-point chart: highlighted (if any), the rest, and the backup entry."""
    t = canvas.theme
    legend = []
    if spec.highlight:
        legend.append(LegendEntry(highlighted, face=t.highlight, edge=t.text, linewidth=1.2))
    legend.append(LegendEntry(f"Other {in_sentence(plain)}" if spec.highlight else plain, face=t.primary,
                              edge=t.primary))
    return legend, LegendEntry("Backup", face=t.background, edge=t.muted, linewidth=1.4)
