"""The timeline's layout, format-neutral: an axis broken across long gaps, labels placed clear of each other.

Shared by the matplotlib picture (:mod:`briefgen.render.charts.kinds.timeline`) and the deck's native
timeline.  :func:`arrange` works in inches on anything that measures text like
:class:`~briefgen.render.charts.kinds.canvas.Canvas` (``w``, ``width``, ``fit``, ``line_height``); see the
picture's module docstring for the rules.  Nothing here imports matplotlib.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from briefgen.render.charts import dates
from briefgen.render.charts.spec import ChartSpec

GAP = 0.08  # inches between labels
STEM_GAP = 0.16  # inches between the axis and the nearest label above it
INSET = 0.06  # inches between a stem and its label's text
TITLE_W = 1.8  # inches: the width titles wrap at ...
WRAP_WIDTHS = (2.5, 2.1, 2.8, 1.5)  # ... or, when that leaves labels cut, the first of these that does better
CLUSTER_GAP = 0.3  # inches: events closer than this to the next run together ...
CLUSTER_MIN = 2  # ... and a run of at least this many may be drawn as one cluster
CLUSTER_W = 4.2  # inches: the widest line of a cluster's list label
BRACKET = 0.1  # inches between the axis and the line over a cluster's markers


@dataclass(frozen=True)
class Box:
    """A label's extent in inches; ``up`` when above the axis, ``right`` when the text starts at the stem."""

    x0: float
    x1: float
    y0: float
    y1: float
    up: bool
    right: bool

    def overlaps_x(self, other: Box) -> bool:
        return self.x0 < other.x1 + GAP and other.x0 < self.x1 + GAP


def _runs(shown: list[int], xs: list[float]) -> list[list[int]]:
    """Runs of events (in date order) each closer than CLUSTER_GAP to the next, at least CLUSTER_MIN long."""
    order = sorted(shown, key=lambda i: (xs[i], i))
    runs: list[list[int]] = []
    for i in order:
        if runs and xs[i] - xs[runs[-1][-1]] < CLUSTER_GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [r for r in runs if len(r) >= CLUSTER_MIN]


def _member(i: int, groups: dict) -> bool:
    """Whether event ``i`` is drawn inside another event's cluster (not as the cluster's key)."""
    return any(i in members and i != key for key, members in groups.items())


def _words(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Layout:
    """One attempt at placing the labels: the axis, fitted label blocks, boxes and vertical extent."""

    axis: "Axis"
    blocks: dict
    placed: dict
    height: float
    highest: float
    lowest: float


class Axis:
    """A date axis in inches, broken where a long gap would waste the width."""

    BREAK = 0.35  # inches a break takes

    def __init__(self, when: list[float], x_left: float, x_right: float):
        years = sorted(when)
        span = max(years[-1] - years[0], 0.5)
        groups = [[years[0]]]
        for a, b in zip(years, years[1:]):
            if b - a > max(2.0, 0.2 * span):
                groups.append([])
            groups[-1].append(b)
        pad = max(0.25, 0.03 * span)
        ranges = [(g[0] - pad, g[-1] + pad) for g in groups]
        per_year = (x_right - x_left - self.BREAK * (len(ranges) - 1)) / sum(hi - lo for lo, hi in ranges)
        self.per_year = per_year  # the same scale in every segment
        self.segments = []
        x = x_left
        for lo, hi in ranges:
            self.segments.append((x, x + (hi - lo) * per_year, lo, hi))
            x += (hi - lo) * per_year + self.BREAK

    def x(self, year: float) -> float:
        """Inches from the figure's left edge of a fractional year."""
        for x0, x1, lo, hi in self.segments:
            if year <= hi:
                return x0 + (max(year, lo) - lo) * self.per_year
        return self.segments[-1][1]


def _place(when: list[float], blocks: dict, xpos, axis_y: float, below_y: float, left: float,
           right: float, up_only: set | frozenset = frozenset()) -> dict[int, Box]:
    """The best of a few skyline placements: fewest stems behind labels, then least height.

    Coordinates are relative to the axis line at ``axis_y``.  A label written
    rightwards from its stem only covers later events' stems, so placing latest
    first avoids crossings; near the right edge labels are written leftwards, so
    there earliest first does.  Dense clusters defeat any one order, hence the
    several tries.
    """
    xs = {i: xpos(when[i]) for i in blocks}
    edge = {i for i in blocks if xs[i] + blocks[i][1] > right}
    latest_first = sorted(blocks, key=lambda i: (-when[i], -i))
    orders = [
        [i for i in latest_first if i not in edge] + [i for i in reversed(latest_first) if i in edge],
        latest_first,
        list(reversed(latest_first)),
    ]
    best, best_score = {}, None
    for order in orders:
        for penalty in (0.75, 3.0):
            placed, crossings = _skyline(order, xs, edge, blocks, axis_y, below_y, left, right, penalty,
                                         up_only)
            height = max(b.y1 for b in placed.values()) - min(b.y0 for b in placed.values())
            score = (crossings, round(height, 3))
            if best_score is None or score < best_score:
                best, best_score = placed, score
    return best


def _skyline(order: list[int], xs: dict, edge: set, blocks: dict, axis_y: float, below_y: float, left: float,
             right: float, penalty: float, up_only: set | frozenset = frozenset()) -> tuple[dict[int, Box], int]:
    """Place labels in ``order``, each at the lowest clear height among its four candidates.

    Candidates whose stem would pass behind a label lose; covering the stem of
    an event still to come costs ``penalty`` label heights (it may push that
    event higher).  Returns the boxes and how many stems pass behind labels.

    Long because it runs several hundred times per timeline: the loops are written out in one place.
    """
    placed: dict[int, Box] = {}
    # The labels placed above and below the axis, as (x0, x0 - GAP, x1 + GAP, the edge nearer the axis, the
    # farther edge plus GAP outwards): what the tests below compare, worked out once per label.
    sides: dict[bool, list[tuple]] = {True: [], False: []}
    later = sorted(xs[j] for j in order)  # the stems of the events not yet placed
    crossings = 0
    last_up = False
    for i in order:
        w, h = blocks[i][1:3]
        x = xs[i]
        del later[bisect_left(later, x)]
        # The labels on each side this event's stem would pass: their edges nearer the axis.
        stem_hits = {up: [near for _, x0_gap, x1_gap, near, _ in sides[up] if x0_gap < x < x1_gap]
                     for up in (True, False)}
        options = []
        for right_side in (True, False):
            if right_side:
                x0 = min(x, right - w)
            elif x - w >= left:
                x0 = x - w
            else:
                continue
            x1 = x0 + w
            x1_gap = x1 + GAP
            covers = max(0, bisect_left(later, x1_gap) - bisect_right(later, x0 - GAP))
            prefer = right_side == (i in edge)  # the way this label "should" be written
            for up in ((True,) if i in up_only else (True, False)):  # a cluster's line is above the axis
                if up:
                    y0 = axis_y + STEM_GAP
                    for bx0, _, bx1_gap, _, far in sides[up]:
                        if bx0 < x1_gap and x0 < bx1_gap and far > y0:
                            y0 = far
                    y1 = y0 + h
                    reach = y0 + h - axis_y
                    crosses = sum(1 for near in stem_hits[up] if near < y0)
                else:
                    y1 = below_y - GAP
                    for bx0, _, bx1_gap, _, far in sides[up]:
                        if bx0 < x1_gap and x0 < bx1_gap and far < y1:
                            y1 = far
                    y0 = y1 - h
                    reach = below_y - (y1 - h) + STEM_GAP - GAP
                    crosses = sum(1 for near in stem_hits[up] if near > y1)
                options.append((crosses, round(reach + covers * h * penalty, 3), not prefer, up == last_up,
                                (x0, x1, y0, y1, up, right_side)))
        choice = min(options, key=lambda o: o[:4])
        crossings += choice[0]
        b = placed[i] = Box(*choice[4])
        sides[b.up].append((b.x0, b.x0 - GAP, b.x1 + GAP, b.y0, b.y1 + GAP) if b.up
                           else (b.x0, b.x0 - GAP, b.x1 + GAP, b.y1, b.y0 - GAP))
        last_up = b.up
    return placed, crossings


def ticks(lo: float, hi: float, months: int) -> list[tuple[float, str]]:
    """Ticks at every ``months``-th month start between ``lo`` and ``hi``, labelled by month or year."""
    out = []
    year, month = int(lo), 1
    while True:
        pos = dates.decimal_year(f"{year:04d}-{month:02d}-01")
        if pos > hi:
            break
        if pos >= lo and (year * 12 + month - 1) % months == 0:
            out.append((pos, str(year) if months >= 12 else dates.display(f"{year:04d}-{month:02d}")))
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


@dataclass(frozen=True)
class Arranged:
    """A timeline laid out: the chosen layout, clusters, the events shown, a note, and per-event texts."""

    lay: Layout
    groups: dict  # cluster key (its earliest event) -> members
    date_col: dict  # cluster key -> width of its date column
    shown: list  # indices of the events on the axis
    note: str  # e.g. "3 earlier events not shown", or ""
    when: list  # each event's fractional year
    date_texts: list
    date_ws: list
    weights: list  # "bold" (highlighted) or "normal"
    line: float  # line height, inches
    tick_h: float  # height of the tick labels below the axis, inches


class _Arranger:
    """The state :func:`arrange` works with: the measurer, the events' dates and widths, and the clusters in
    force (``groups``: cluster key, its earliest event, -> members; ``date_col``: key -> date column width)."""

    def __init__(self, c: Any, spec: ChartSpec, body: float, pad: float):
        self.c, self.spec, self.body, self.pad = c, spec, body, pad
        self.line = c.line_height()
        self.tick_h = self.line + 0.1
        self.when = [dates.decimal_year(p.x) for p in spec.points]
        self.date_texts = [dates.display(p.x, p.approximate) for p in spec.points]
        self.weights = ["bold" if spec.is_highlighted(p.id) else "normal" for p in spec.points]
        self.date_ws = [c.width(d, body, "bold") for d in self.date_texts]
        self.groups: dict[int, list[int]] = {}
        self.date_col: dict[int, float] = {}

    def block(self, i: int, mode: int, width: float) -> tuple[str, float, float, int]:
        """(title text, width, height, mode): mode 2 or 1 is the date over a title of that many lines,
        mode 0 the date and the title on one line, mode -1 a cluster's list (a title line per event)."""
        c, spec, BODY, line, date_ws, weights = (  # noqa: N806  (the names the rules are written with)
            self.c, self.spec, self.body, self.line, self.date_ws, self.weights)
        if i in self.groups:
            members = self.groups[i]
            dw = self.date_col[i] = max(date_ws[j] for j in members) + 0.1
            most = min(CLUSTER_W, c.w - 2 * self.pad - INSET) - dw
            titles = [c.fit(spec.points[j].label, most, 1, BODY, weights[j]) for j in members]
            w = dw + max(c.width(t, BODY, weights[j]) for t, j in zip(titles, members))
            return "\n".join(titles), w + INSET, line * len(members) - 0.04, -1
        if mode == 0:  # a little wider than the two-line form: it saves a whole line
            title = c.fit(spec.points[i].label, width + 0.6 - date_ws[i] - 0.08, 1, BODY, weights[i])
            return title, date_ws[i] + 0.08 + c.width(title, BODY, weights[i]) + INSET, line - 0.04, 0
        title = c.fit(spec.points[i].label, width, mode, BODY, weights[i])
        w = max([date_ws[i]] + [c.width(s, BODY, weights[i]) for s in title.split("\n")])
        return title, w + INSET, line * (2 + title.count("\n")) - 0.04, mode

    def layout(self, axis: Axis, modes: dict, width: float = TITLE_W) -> Layout:
        """Every label in its ``modes`` placed above or below ``axis``, with the height they take."""
        blocks = {i: self.block(i, m, width) for i, m in modes.items() if not _member(i, self.groups)}
        placed = _place(self.when, blocks, axis.x, 0.0, -self.tick_h, self.pad, self.c.w - self.pad,
                        up_only=set(self.groups))
        highest = max([0.0] + [b.y1 for b in placed.values()])
        lowest = min([-self.tick_h] + [b.y0 for b in placed.values()])
        return Layout(axis, blocks, placed, highest - lowest, highest, lowest)

    def search(self, axis: Axis, shown: list[int], room: float, width: float) -> Layout:
        """Fewer lines for the tallest stack until the labels fit, then more lines back where they still fit."""
        groups, tick_h = self.groups, self.tick_h
        modes = {i: 2 for i in shown}
        lay = self.layout(axis, modes, width)
        while not _fits(lay, room):
            far = max(lay.placed.values(), key=lambda b: b.y1 if b.up else -b.y0 - tick_h)
            column = [i for i, b in lay.placed.items() if b.up == far.up and b.overlaps_x(far) and modes[i] > 0
                      and i not in groups]
            column = column or [i for i in lay.placed if modes[i] > 0 and i not in groups]
            if not column:
                return lay
            for i in column:
                modes[i] -= 1
            lay = self.layout(axis, modes, width)
        for i in sorted((i for i in lay.placed if i not in groups), key=lambda i: self.when[i]):
            while modes[i] < 2 and _words(self.block(i, modes[i] + 1, width)[0]) != _words(lay.blocks[i][0]):
                attempt = self.layout(axis, {**modes, i: modes[i] + 1}, width)
                if not _fits(attempt, room):
                    break
                modes[i] += 1
                lay = attempt
        return lay

    def cuts(self, lay: Layout) -> int:
        """How many events' titles lost words to fit."""
        out = 0
        for i, (title, *_rest) in lay.blocks.items():
            members = self.groups.get(i, [i])
            lines = title.split("\n") if i in self.groups else [title]
            out += sum(_words(t) != _words(self.spec.points[j].label) for t, j in zip(lines, members))
        return out

    def best_at(self, axis: Axis, shown: list[int], runs: list[list[int]], room: float,
                width: float) -> tuple[tuple, Layout, dict]:
        """(score, layout, clusters) with titles wrapped at ``width``: plain labels, or clusters when they
        leave fewer labels cut.  Lower scores are better: (overflows the height, labels cut)."""
        self.groups.clear()
        lay = self.search(axis, shown, room, width)
        score = (not _fits(lay, room), self.cuts(lay))
        if runs and score != (False, 0):
            self.groups.update({run[0]: run for run in runs})
            clustered = self.search(axis, shown, room, width)
            clustered_score = (not _fits(clustered, room), self.cuts(clustered))
            if clustered_score < score:
                return clustered_score, clustered, dict(self.groups)
        return score, lay, {}

    def axis(self, shown: list[int]) -> Axis:
        """The date axis of the events ``shown``, across the drawing's width."""
        return Axis([self.when[i] for i in shown], self.pad + 0.1, self.c.w - self.pad - 0.45)


def _fits(lay: Layout, room: float) -> bool:
    return lay.height <= room + 1e-9


def arrange(c: Any, spec: ChartSpec, top: float, body: float, pad: float) -> Arranged:
    """The labels of ``spec``'s events placed in the height below ``top`` (inches from the bottom of a drawing
    ``c.w`` inches wide), text ``body`` pt, margins ``pad`` inches; ``c`` measures text (see the module
    docstring)."""
    a = _Arranger(c, spec, body, pad)
    room = top - pad
    shown = list(range(len(spec.points)))
    axis = a.axis(shown)
    runs = _runs(shown, [axis.x(w) for w in a.when])
    score, lay, chosen = a.best_at(axis, shown, runs, room, TITLE_W)
    # A label that misses by a hair at one wrap width often fits at another: text widths differ a little
    # between fonts, FreeType versions and matplotlib releases, and the layout should not hinge on that.
    for width in WRAP_WIDTHS:
        if score == (False, 0):
            break
        other = a.best_at(axis, shown, runs, room, width)
        if other[0] < score:
            score, lay, chosen = other
    a.groups.clear()
    a.groups.update(chosen)
    if not _fits(lay, room):
        lay = a.search(axis, shown, room, TITLE_W * 0.7)
    note = ""
    if not _fits(lay, room):
        lay, note = _drop_oldest(a, shown, room)
    return Arranged(lay, a.groups, a.date_col, shown, note, a.when, a.date_texts, a.date_ws, a.weights, a.line,
                    a.tick_h)


def _drop_oldest(a: _Arranger, shown: list[int], room: float) -> tuple[Layout, str]:
    """Still too crowded: leave out the oldest events (from ``shown``, in place) until the rest fit on one
    line each above a note saying so; the layout and the note."""
    a.groups.clear()
    lay = a.layout(a.axis(shown), {i: 0 for i in shown}, TITLE_W * 0.7)
    while len(shown) > 1 and not _fits(lay, room - a.line - 0.05):
        shown.pop(0)
        lay = a.layout(a.axis(shown), {i: 0 for i in shown}, TITLE_W * 0.7)
    dropped = len(a.spec.points) - len(shown)
    return lay, (f"{dropped} earlier event{'s' if dropped > 1 else ''} not shown" if dropped else "")
