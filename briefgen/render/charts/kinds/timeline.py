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


from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from briefgen.render.charts.kinds.canvas import BODY, PAD, Canvas, InchLayer, LegendEntry, Markers, mix
from briefgen.render.charts.spec import ChartSpec
from briefgen.render.charts.timeline_layout import BRACKET, INSET, Arranged, arrange
from briefgen.render.charts.timeline_layout import Axis as _Axis
from briefgen.render.charts.timeline_layout import Box as _Box
from briefgen.render.charts.timeline_layout import ticks as _ticks

MARKER = 9.0  # pt


def draw(fig: Figure, spec: ChartSpec) -> None:
    """Draw the timeline of ``spec`` on ``fig``."""
    c = Canvas(fig, spec)
    t = c.theme
    legend = [LegendEntry("Date", "o", t.primary, t.primary, MARKER)]
    if any(p.approximate for p in spec.points):
        legend.append(LegendEntry("Approximate date (c.)", "o", t.background, t.primary, MARKER, 1.6))
    if spec.highlight:
        legend.append(LegendEntry("Highlighted", "o", t.highlight, t.highlight, MARKER))
    top = c.header(legend)
    a = arrange(c, spec, top, BODY, PAD)
    lay, groups, date_col, shown, note = a.lay, a.groups, a.date_col, a.shown, a.note
    when, date_texts, weights, line = a.when, a.date_texts, a.weights, a.line
    if note:
        c.fig.text(PAD / c.w, PAD / c.h, note, fontsize=BODY, style="italic", color=c.soft_text, ha="left",
                   va="bottom")
        bottom = PAD + line + 0.05
    else:
        bottom = PAD
    axis_y = (bottom + top) / 2 - (lay.highest + lay.lowest) / 2

    c_ax = c.overlay()
    _draw_axis(c, c_ax, lay.axis, axis_y)

    markers = Markers(c_ax, zorder=3)
    for i in shown:
        p = spec.points[i]
        colour = t.highlight if spec.is_highlighted(p.id) else t.primary
        markers.add(lay.axis.x(when[i]), axis_y, MARKER, t.background if p.approximate else colour, colour, 1.6)
        if i not in lay.placed:
            continue  # a cluster member: its line is in the cluster's label
        b = lay.placed[i]
        title, _, _, mode = lay.blocks[i]
        # Labels are opaque, so a stem that cannot avoid a label passes behind it.
        c_ax.add_patch(Rectangle((b.x0 + INSET / 2, axis_y + b.y0), b.x1 - b.x0 - INSET, b.y1 - b.y0,
                                 facecolor=t.background, edgecolor="none", zorder=2))
        if mode == -1:
            _draw_cluster(c, c_ax, spec, groups[i], title.split("\n"), date_col[i], b, axis_y,
                          [lay.axis.x(when[j]) for j in groups[i]], date_texts, weights)
            continue
        _draw_label(c, c_ax, spec, a, i, b, lay.axis.x(when[i]), title, mode, axis_y)
    markers.draw()


def _draw_label(c: Canvas, ax: InchLayer, spec: ChartSpec, a: Arranged, i: int, b: _Box, x: float, title: str,
                mode: int, axis_y: float) -> None:
    """One event's stem and label: its date over its title, or both on one line (mode 0)."""
    t = c.theme
    date_texts, date_ws, weights, line = a.date_texts, a.date_ws, a.weights, a.line
    hl = spec.is_highlighted(spec.points[i].id)
    colour = t.highlight if hl else t.primary
    stem_end = axis_y + (b.y0 if b.up else b.y1)
    ax.plot([x, x], [axis_y, stem_end], color=t.highlight if hl else t.grid, linewidth=1.0, zorder=1)
    top_y = axis_y + b.y1
    if mode == 0:  # one line: date, then title (mirrored when written leftwards)
        first, second = (b.x0 + INSET, "left") if b.right else (b.x1 - INSET, "right")
        if b.right:
            date_x, title_x = first, first + date_ws[i] + 0.08
        else:
            title_x = first
            date_x = first - c.width(title, BODY, weights[i]) - 0.08 - date_ws[i]
        ax.text(date_x, top_y, date_texts[i], fontsize=BODY, fontweight="bold", ha="left", va="top",
                color=colour, zorder=4)
        ax.text(title_x, top_y, title, fontsize=BODY, fontweight=weights[i], ha=second if not b.right
                else "left", va="top", color=t.text, zorder=4)
        return
    tx, ha = (b.x0 + INSET, "left") if b.right else (b.x1 - INSET, "right")
    ax.text(tx, top_y, date_texts[i], fontsize=BODY, fontweight="bold", ha=ha, va="top", color=colour,
            zorder=4)
    ax.text(tx, top_y - line, title, fontsize=BODY, fontweight=weights[i], ha=ha, va="top",
            color=t.text, linespacing=1.2, zorder=4)


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

