"""Timeline: events on a date axis, each labelled with its date and a wrapped title.

The axis is true to scale within clusters of events and broken (drawn "/ /")
across long empty gaps.  Labels hang beside their stems, above or below the
axis, each at the lowest clear height among four candidates (above or below,
written right or left of the stem); a stem passes behind a label only when no
placement avoids it.  When the labels do not fit the height, the tallest stack
goes from date-over-two-lines to date-over-one-line to date-and-title on one
line, and lines are given back wherever they still fit; as a last resort the
oldest events are left out and a note says how many.  Approximate dates get a
hollow marker and "c." in front.

Where events crowd so closely that their own labels would be cut (a flurry of
meetings in one summer), the run is drawn as a cluster instead: a line over
its markers and one list label, a line per event ("Jun 2024  First Freedom
Edge exercise"), placed like any other label.  Clusters are used only when
they leave fewer labels cut.
"""
from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from briefgen.render.charts import dates
from briefgen.render.charts.kinds.canvas import BODY, PAD, Canvas, InchLayer, LegendEntry, Markers
from briefgen.render.charts.spec import ChartSpec
from briefgen.render.colors import mix

MARKER = 9.0  # pt
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
class _Box:
    """A label's extent in inches; ``up`` when above the axis, ``right`` when the text starts at the stem."""

    x0: float
    x1: float
    y0: float
    y1: float
    up: bool
    right: bool

    def overlaps_x(self, other: _Box) -> bool:
        return self.x0 < other.x1 + GAP and other.x0 < self.x1 + GAP


def draw(fig: Figure, spec: ChartSpec) -> None:
    """Draw the timeline of ``spec`` on ``fig``."""
    c = Canvas(fig, spec)
    top = c.header(_legend(c, spec))
    labels = _Labels(c, spec)
    lay, shown, note = labels.choose(top - PAD)
    bottom = _draw_note(c, note, labels.line)
    axis_y = (bottom + top) / 2 - (lay.highest + lay.lowest) / 2
    ax = c.overlay()
    _draw_axis(c, ax, lay.axis, axis_y)
    _draw_events(c, ax, labels, lay, shown, axis_y)


def _legend(c: Canvas, spec: ChartSpec) -> list[LegendEntry]:
    """The legend row: dates, approximate dates (when any), highlighted events (when any)."""
    t = c.theme
    legend = [LegendEntry("Date", "o", t.primary, t.primary, MARKER)]
    if any(p.approximate for p in spec.points):
        legend.append(LegendEntry("Approximate date (c.)", "o", t.background, t.primary, MARKER, 1.6))
    if spec.highlight:
        legend.append(LegendEntry("Highlighted", "o", t.highlight, t.highlight, MARKER))
    return legend


def _fits(lay: _Layout, room: float) -> bool:
    """Whether the labels of ``lay`` fit in ``room`` inches of height."""
    return lay.height <= room + 1e-9


class _Labels:
    """The event labels of one timeline, and the search for a layout of them that fits the chart.

    Holds what every attempt shares: each event's date (as a fractional
    year), date text, title weight and date width, and the clusters in use
    (``groups``: cluster key, its earliest event -> members; ``date_col``:
    cluster key -> width of its date column).
    """

    def __init__(self, c: Canvas, spec: ChartSpec):
        self.c = c
        self.spec = spec
        self.line = c.line_height()
        self.tick_h = self.line + 0.1
        self.when = [dates.decimal_year(p.x) for p in spec.points]
        self.date_texts = [dates.display(p.x, p.approximate) for p in spec.points]
        self.weights = ["bold" if spec.is_highlighted(p.id) else "normal" for p in spec.points]
        self.date_ws = [c.width(d, BODY, "bold") for d in self.date_texts]
        self.groups: dict[int, list[int]] = {}
        self.date_col: dict[int, float] = {}

    def axis(self, shown: list[int]) -> _Axis:
        """The date axis for the events ``shown``, across the chart's width."""
        return _Axis([self.when[i] for i in shown], PAD + 0.1, self.c.w - PAD - 0.45)

    def block(self, i: int, mode: int, width: float) -> tuple[str, float, float, int]:
        """(title text, width, height, mode): mode 2 or 1 is the date over a title of that many lines,
        mode 0 the date and the title on one line, mode -1 a cluster's list (a title line per event)."""
        if i in self.groups:
            return self._cluster_block(i)
        c, line, date_w, weight = self.c, self.line, self.date_ws[i], self.weights[i]
        if mode == 0:  # a little wider than the two-line form: it saves a whole line
            title = c.fit(self.spec.points[i].label, width + 0.6 - date_w - 0.08, 1, BODY, weight)
            return title, date_w + 0.08 + c.width(title, BODY, weight) + INSET, line - 0.04, 0
        title = c.fit(self.spec.points[i].label, width, mode, BODY, weight)
        w = max([date_w] + [c.width(s, BODY, weight) for s in title.split("\n")])
        return title, w + INSET, line * (2 + title.count("\n")) - 0.04, mode

    def _cluster_block(self, i: int) -> tuple[str, float, float, int]:
        """The list label of the cluster keyed ``i``: a line per member, its date then its title."""
        c, members = self.c, self.groups[i]
        dw = self.date_col[i] = max(self.date_ws[j] for j in members) + 0.1
        most = min(CLUSTER_W, c.w - 2 * PAD - INSET) - dw
        titles = [c.fit(self.spec.points[j].label, most, 1, BODY, self.weights[j]) for j in members]
        w = dw + max(c.width(t, BODY, self.weights[j]) for t, j in zip(titles, members))
        return "\n".join(titles), w + INSET, self.line * len(members) - 0.04, -1

    def layout(self, axis: _Axis, modes: dict, width: float = TITLE_W) -> _Layout:
        """The labels in ``modes`` (event -> mode, see :meth:`block`) fitted at ``width`` and placed."""
        blocks = {i: self.block(i, m, width) for i, m in modes.items() if not _member(i, self.groups)}
        placed = _place(self.when, blocks, axis.x, 0.0, -self.tick_h, PAD, self.c.w - PAD, up_only=set(self.groups))
        highest = max([0.0] + [b.y1 for b in placed.values()])
        lowest = min([-self.tick_h] + [b.y0 for b in placed.values()])
        return _Layout(axis, blocks, placed, highest - lowest, highest, lowest)

    def search(self, axis: _Axis, shown: list[int], room: float, width: float) -> _Layout:
        """Fewer lines for the tallest stack until the labels fit, then more lines back where they still fit."""
        modes = {i: 2 for i in shown}
        lay = self._shrink(axis, modes, room, width)
        if not _fits(lay, room):
            return lay
        return self._give_lines_back(axis, modes, lay, room, width)

    def _shrink(self, axis: _Axis, modes: dict, room: float, width: float) -> _Layout:
        """Take a line from each label of the tallest stack (``modes`` changed in place) until the labels
        fit ``room``, or no label has a line left to give."""
        lay = self.layout(axis, modes, width)
        while not _fits(lay, room):
            far = max(lay.placed.values(), key=lambda b: b.y1 if b.up else -b.y0 - self.tick_h)
            column = [i for i, b in lay.placed.items() if b.up == far.up and b.overlaps_x(far) and modes[i] > 0
                      and i not in self.groups]
            column = column or [i for i in lay.placed if modes[i] > 0 and i not in self.groups]
            if not column:
                return lay
            for i in column:
                modes[i] -= 1
            lay = self.layout(axis, modes, width)
        return lay

    def _give_lines_back(self, axis: _Axis, modes: dict, lay: _Layout, room: float, width: float) -> _Layout:
        """Oldest first, give each label back lines that show more of its title while all still fit."""
        for i in sorted((i for i in lay.placed if i not in self.groups), key=lambda i: self.when[i]):
            while modes[i] < 2 and _words(self.block(i, modes[i] + 1, width)[0]) != _words(lay.blocks[i][0]):
                attempt = self.layout(axis, {**modes, i: modes[i] + 1}, width)
                if not _fits(attempt, room):
                    break
                modes[i] += 1
                lay = attempt
        return lay

    def cuts(self, lay: _Layout) -> int:
        """How many events' titles lost words to fit."""
        out = 0
        for i, (title, *_rest) in lay.blocks.items():
            members = self.groups.get(i, [i])
            lines = title.split("\n") if i in self.groups else [title]
            out += sum(_words(t) != _words(self.spec.points[j].label) for t, j in zip(lines, members))
        return out

    def best_at(self, axis: _Axis, shown: list[int], runs: list[list[int]], room: float,
                width: float) -> tuple[tuple, _Layout, dict]:
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

    def choose(self, room: float) -> tuple[_Layout, list[int], str]:
        """The layout to draw in ``room`` inches of height, the events it shows, and a note ("" or how many
        earlier events were left out); ``groups`` is left holding the clusters it uses."""
        shown = list(range(len(self.spec.points)))
        axis = self.axis(shown)
        lay = self._best_wrap(axis, shown, room)
        if not _fits(lay, room):
            lay = self.search(axis, shown, room, TITLE_W * 0.7)
        if _fits(lay, room):
            return lay, shown, ""
        return self._drop_oldest(shown, room)

    def _best_wrap(self, axis: _Axis, shown: list[int], room: float) -> _Layout:
        """The best layout over the wrap widths (TITLE_W, then WRAP_WIDTHS until nothing is cut), its
        clusters left in ``groups``."""
        runs = _runs(shown, [axis.x(w) for w in self.when])
        score, lay, chosen = self.best_at(axis, shown, runs, room, TITLE_W)
        # A label that misses by a hair at one wrap width often fits at another: text widths differ a little
        # between fonts, FreeType versions and matplotlib releases, and the layout should not hinge on that.
        for width in WRAP_WIDTHS:
            if score == (False, 0):
                break
            other = self.best_at(axis, shown, runs, room, width)
            if other[0] < score:
                score, lay, chosen = other
        self.groups.clear()
        self.groups.update(chosen)
        return lay

    def _drop_oldest(self, shown: list[int], room: float) -> tuple[_Layout, list[int], str]:
        """Still too crowded: one-line labels, leaving out the oldest events until they fit above a note
        line that says how many (``shown`` is shortened in place)."""
        self.groups.clear()
        lay = self.layout(self.axis(shown), {i: 0 for i in shown}, TITLE_W * 0.7)
        while len(shown) > 1 and not _fits(lay, room - self.line - 0.05):
            shown.pop(0)
            lay = self.layout(self.axis(shown), {i: 0 for i in shown}, TITLE_W * 0.7)
        dropped = len(self.spec.points) - len(shown)
        note = f"{dropped} earlier event{'s' if dropped > 1 else ''} not shown" if dropped else ""
        return lay, shown, note


def _draw_note(c: Canvas, note: str, line: float) -> float:
    """The note at the chart's foot (when there is one); return the height in inches the drawing starts at."""
    if not note:
        return PAD
    c.fig.text(PAD / c.w, PAD / c.h, note, fontsize=BODY, style="italic", color=c.soft_text, ha="left",
               va="bottom")
    return PAD + line + 0.05


def _draw_events(c: Canvas, ax: InchLayer, labels: _Labels, lay: _Layout, shown: list[int], axis_y: float) -> None:
    """Each shown event's marker on the axis, and the labels (single events or clusters) ``lay`` placed."""
    t, spec = c.theme, labels.spec
    markers = Markers(ax, zorder=3)
    for i in shown:
        p = spec.points[i]
        colour = t.highlight if spec.is_highlighted(p.id) else t.primary
        markers.add(lay.axis.x(labels.when[i]), axis_y, MARKER, t.background if p.approximate else colour, colour,
                    1.6)
        if i not in lay.placed:
            continue  # a cluster member: its line is in the cluster's label
        b = lay.placed[i]
        title, _, _, mode = lay.blocks[i]
        # Labels are opaque, so a stem that cannot avoid a label passes behind it.
        ax.add_patch(Rectangle((b.x0 + INSET / 2, axis_y + b.y0), b.x1 - b.x0 - INSET, b.y1 - b.y0,
                               facecolor=t.background, edgecolor="none", zorder=2))
        if mode == -1:
            members = labels.groups[i]
            _draw_cluster(c, ax, spec, members, title.split("\n"), labels.date_col[i], b, axis_y,
                          [lay.axis.x(labels.when[j]) for j in members], labels.date_texts, labels.weights)
            continue
        _draw_label(c, ax, labels, i, b, lay.axis.x(labels.when[i]), title, mode, axis_y)
    markers.draw()


def _draw_label(c: Canvas, ax: InchLayer, labels: _Labels, i: int, b: _Box, x: float, title: str, mode: int,
                axis_y: float) -> None:
    """One event's stem and label: its date over its title, or both on one line (mode 0)."""
    t = c.theme
    hl = labels.spec.is_highlighted(labels.spec.points[i].id)
    colour = t.highlight if hl else t.primary
    stem_end = axis_y + (b.y0 if b.up else b.y1)
    ax.plot([x, x], [axis_y, stem_end], color=t.highlight if hl else t.grid, linewidth=1.0, zorder=1)
    top_y = axis_y + b.y1
    if mode == 0:
        _draw_one_line_label(c, ax, labels, i, b, title, colour, top_y)
        return
    tx, ha = (b.x0 + INSET, "left") if b.right else (b.x1 - INSET, "right")
    ax.text(tx, top_y, labels.date_texts[i], fontsize=BODY, fontweight="bold", ha=ha, va="top", color=colour,
            zorder=4)
    ax.text(tx, top_y - labels.line, title, fontsize=BODY, fontweight=labels.weights[i], ha=ha, va="top",
            color=t.text, linespacing=1.2, zorder=4)


def _draw_one_line_label(c: Canvas, ax: InchLayer, labels: _Labels, i: int, b: _Box, title: str, colour: str,
                         top_y: float) -> None:
    """A label on one line: date, then title (mirrored when written leftwards of the stem)."""
    first, second = (b.x0 + INSET, "left") if b.right else (b.x1 - INSET, "right")
    if b.right:
        date_x, title_x = first, first + labels.date_ws[i] + 0.08
    else:
        title_x = first
        date_x = first - c.width(title, BODY, labels.weights[i]) - 0.08 - labels.date_ws[i]
    ax.text(date_x, top_y, labels.date_texts[i], fontsize=BODY, fontweight="bold", ha="left", va="top",
            color=colour, zorder=4)
    ax.text(title_x, top_y, title, fontsize=BODY, fontweight=labels.weights[i], ha=second if not b.right
            else "left", va="top", color=c.theme.text, zorder=4)


def _draw_cluster(c: Canvas, ax: InchLayer, spec: ChartSpec, members: list[int], titles: list[str], date_w: float,
                  b: _Box, axis_y: float, xs: list[float], date_texts: list[str], weights: list[str]) -> None:
    """A cluster: a line over its markers, one stem up to its list label, a line of text per event."""
    t = c.theme
    ink = mix(t.grid, t.text, 0.35)  # a shade stronger than a stem: it gathers several markers
    y_comb = axis_y + BRACKET
    ax.plot([min(xs), max(xs)], [y_comb, y_comb], color=ink, linewidth=1.2, zorder=3.5, solid_capstyle="round")
    anchor = xs[0] if b.right else xs[-1]
    ax.plot([anchor, anchor], [y_comb, axis_y + b.y0], color=ink, linewidth=1.0, zorder=1)
    line = c.line_height()
    for k, (j, title) in enumerate(zip(members, titles)):
        y = axis_y + b.y1 - k * line
        hl = spec.is_highlighted(spec.points[j].id)
        ax.text(b.x0 + INSET, y, date_texts[j], fontsize=BODY, fontweight="bold", ha="left", va="top",
                color=t.highlight if hl else t.primary, zorder=4)
        ax.text(b.x0 + INSET + date_w, y, title, fontsize=BODY, fontweight=weights[j], ha="left", va="top",
                color=t.text, zorder=4)


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
class _Layout:
    """One attempt at placing the labels: the axis, fitted label blocks, boxes and vertical extent."""

    axis: "_Axis"
    blocks: dict
    placed: dict
    height: float
    highest: float
    lowest: float


class _Axis:
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
           right: float, up_only: set | frozenset = frozenset()) -> dict[int, _Box]:
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
             right: float, penalty: float, up_only: set | frozenset = frozenset()) -> tuple[dict[int, _Box], int]:
    """Place labels in ``order``, each at the lowest clear height among its four candidates.

    Candidates whose stem would pass behind a label lose; covering the stem of
    an event still to come costs ``penalty`` label heights (it may push that
    event higher).  Returns the boxes and how many stems pass behind labels.
    """
    placed: dict[int, _Box] = {}
    sides: dict[bool, list[_Box]] = {True: [], False: []}  # placed boxes above and below the axis
    crossings = 0
    last_up = False
    for n, i in enumerate(order):
        w, h = blocks[i][1:3]
        x = xs[i]
        later = [xs[j] for j in order[n + 1:]]
        options = []
        for right_side in (True, False):
            if right_side:
                x0 = min(x, right - w)
            elif x - w >= left:
                x0 = x - w
            else:
                continue
            for up in ((True,) if i in up_only else (True, False)):  # a cluster's line is above the axis
                same_side = [b for b in sides[up] if b.x0 < x0 + w + GAP and x0 < b.x1 + GAP]
                if up:
                    y0 = max([axis_y + STEM_GAP] + [b.y1 + GAP for b in same_side])
                    box = _Box(x0, x0 + w, y0, y0 + h, up, right_side)
                    reach = y0 + h - axis_y
                else:
                    y1 = min([below_y - GAP] + [b.y0 - GAP for b in same_side])
                    box = _Box(x0, x0 + w, y1 - h, y1, up, right_side)
                    reach = below_y - (y1 - h) + STEM_GAP - GAP
                crosses = sum(1 for b in sides[up] if b.x0 - GAP < x < b.x1 + GAP
                              and (b.y0 < box.y0 if up else b.y1 > box.y1))
                covers = sum(1 for xj in later if box.x0 - GAP < xj < box.x1 + GAP)
                prefer = right_side == (i in edge)  # the way this label "should" be written
                options.append((crosses, round(reach + covers * h * penalty, 3), not prefer, up == last_up, box))
        choice = min(options, key=lambda o: o[:4])
        crossings += choice[0]
        placed[i] = choice[4]
        sides[choice[4].up].append(choice[4])
        last_up = choice[4].up
    return placed, crossings


def _draw_axis(c: Canvas, ax: InchLayer, axis: _Axis, y: float) -> None:
    """The axis line, its breaks, and month or year ticks."""
    t = c.theme
    step = _tick_months(c, axis.per_year)
    for k, (x0, x1, lo, hi) in enumerate(axis.segments):
        ext0 = x0 - (0.05 if k == 0 else 0)
        ext1 = x1 + (0.3 if k == len(axis.segments) - 1 else 0)
        ax.plot([ext0, ext1], [y, y], color=t.text, linewidth=1.4, zorder=2, solid_capstyle="butt")
        if k:
            prev = axis.segments[k - 1][1]
            for bx in (prev + 0.07, x0 - 0.07):
                ax.plot([bx - 0.04, bx + 0.04], [y - 0.08, y + 0.08], color=t.text, linewidth=1.4, zorder=2)
        for year, label in _ticks(lo, hi, step):
            x = axis.x(year)
            ax.plot([x, x], [y, y - 0.06], color=t.text, linewidth=1.0, zorder=2)
            ax.text(x, y - 0.1, label, fontsize=BODY, ha="center", va="top", color=c.soft_text)


def _tick_months(c: Canvas, per_year: float) -> int:
    """The tick step in months: the smallest whose labels do not crowd."""
    for months in (1, 2, 3, 6, 12, 24, 60, 120, 240, 600):
        label_w = c.width("Sep 2024" if months < 12 else "2024") + 0.3
        if months / 12 * per_year >= label_w:
            return months
    return 1200


def _ticks(lo: float, hi: float, months: int) -> list[tuple[float, str]]:
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
