"""Options map: deterrence value (x) against escalation risk (y), numbered points and a key.

Options sharing a cell are spread into a small grid around it (by index, so
the same spec always looks the same); numbers in the markers refer to the key
on the right, where recommended options are bold.  The best and worst
quadrants are tinted and every quadrant is named in its corner.
"""
from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from briefgen.render.charts.kinds.canvas import (
    AXIS,
    BADGE,
    BODY,
    PAD,
    Arrangement,
    Canvas,
    arrange,
    badge_styles,
    key_columns,
    number_key,
    point_badges,
    point_legend,
)
from briefgen.render.charts.spec import ChartSpec
from briefgen.render.colors import mix


def draw(fig: Figure, spec: ChartSpec) -> None:
    """Draw the options map of ``spec`` on ``fig``."""
    c = Canvas(fig, spec)
    t = c.theme
    styles = badge_styles(c)
    legend, backup = point_legend(c, spec, "Recommended", spec.label_of("options"))
    top = c.header(legend + [backup], draw=False)

    left, bottom = PAD + 0.62, PAD + 0.55
    plot_h = top - bottom
    band = c.line_height() + 0.04  # for the quadrant names above 5 and below 1
    key_w = min(4.2, max(2.4, 0.4 * c.w))
    plot_w = c.w - left - key_w - 0.3 - PAD
    cell_h = (plot_h - 2 * band - 0.3) / 5
    placed = arrange(c, spec, (plot_w - 0.4) / 5, cell_h, top - PAD, "options")
    top = c.header(legend + [backup] * any(spec.points[i].role == "backup" for i in placed.shown))
    if key_columns(c, len(placed.shown), top - PAD)[0] > 1:
        # A key in columns needs the width more than the plot does: keep only what the markers need.
        key_w = max(key_w, c.w - left - max(_unit_width(spec, placed) * 5.6, 0.36 * c.w) - 0.3 - PAD)
        plot_w = c.w - left - key_w - 0.3 - PAD
    ax = c.axes(left, bottom, plot_w, plot_h)
    # Room beyond the 1-5 range, in inches: the widest spread of markers, plus the band for the quadrant names.
    spread_x = max(abs(dx) for dx, _ in placed.offsets.values()) + BADGE / 72 / 2 + 0.08
    spread_y = max(abs(dy) for _, dy in placed.offsets.values()) + BADGE / 72 / 2 + 0.06
    x_lim = _limits(plot_w, spread_x)
    y_lim = _limits(plot_h, spread_y + band)
    ax.set_xlim(*x_lim)
    ax.set_ylim(*y_lim)
    _draw_quadrants(c, ax, x_lim, y_lim, plot_w, plot_h)
    _draw_scales(ax, t.grid)

    per_x = (x_lim[1] - x_lim[0]) / plot_w  # data units per inch
    per_y = (y_lim[1] - y_lim[0]) / plot_h
    entries = point_badges(ax, spec, placed, styles, per_x, per_y)
    number_key(c, c.w - PAD - key_w, PAD, key_w, top - PAD, entries, placed.note)


def _unit_width(spec: ChartSpec, placed: Arrangement) -> float:
    """The width in inches one score step needs so that the markers ``placed`` keeps apart do not touch:
    each cell's widest spread, and each pair of side-by-side cells' spreads together."""
    half: dict[tuple, float] = {}
    for i in placed.shown:
        key = (spec.points[i].x, spec.points[i].y)
        half[key] = max(half.get(key, 0.0), abs(placed.offsets[i][0]) + BADGE / 72 / 2)
    return max([2 * h + 0.1 for h in half.values()]
               + [h + half[(x + 1, y)] + 0.06 for (x, y), h in half.items() if (x + 1, y) in half])


def _draw_quadrants(c: Canvas, ax: Axes, x_lim: tuple[float, float], y_lim: tuple[float, float], plot_w: float,
                    plot_h: float) -> None:
    """The shaded quadrants, the lines through 3, and each corner's name ("High deterrence, low risk")."""
    t = c.theme
    ax.add_patch(Rectangle((3, y_lim[0]), x_lim[1] - 3, 3 - y_lim[0], facecolor=mix(t.accent, t.background, 0.86),
                           edgecolor="none", zorder=0))
    ax.add_patch(Rectangle((x_lim[0], 3), 3 - x_lim[0], y_lim[1] - 3, facecolor=mix(t.muted, t.background, 0.8),
                           edgecolor="none", zorder=0))
    ax.axvline(3, color=t.grid, linewidth=1.2, zorder=1)
    ax.axhline(3, color=t.grid, linewidth=1.2, zorder=1)
    inset_x = 0.06 * (x_lim[1] - x_lim[0]) / plot_w
    inset_y = 0.04 * (y_lim[1] - y_lim[0]) / plot_h
    width = plot_w / 2 - 0.15
    for x, y, ha, va, det, risk in ((x_lim[0] + inset_x, y_lim[1] - inset_y, "left", "top", "Low", "high"),
                                    (x_lim[1] - inset_x, y_lim[1] - inset_y, "right", "top", "High", "high"),
                                    (x_lim[0] + inset_x, y_lim[0] + inset_y, "left", "bottom", "Low", "low"),
                                    (x_lim[1] - inset_x, y_lim[0] + inset_y, "right", "bottom", "High", "low")):
        text = f"{det} deterrence, {risk} risk"
        if c.width(text) > width:
            text = f"{det} det., {risk} risk"
        ax.text(x, y, c.fit(text, width, 1, BODY, "normal"), fontsize=BODY, style="italic", color=c.soft_text,
                ha=ha, va=va, zorder=2)


def _draw_scales(ax: Axes, grid: str) -> None:
    """Ticks 1-5 on both axes, the axis titles, and frame lines in the ``grid`` colour."""
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.tick_params(labelsize=BODY, length=0, pad=4)
    ax.set_xlabel("Deterrence value (1 low \u2013 5 high)", fontsize=AXIS, labelpad=6)
    ax.set_ylabel("Escalation risk (1 low \u2013 5 high)", fontsize=AXIS, labelpad=6)
    for spine in ax.spines.values():
        spine.set_color(grid)


def _limits(length: float, margin: float) -> tuple[float, float]:
    """Axis limits that show 1-5 with ``margin`` inches beyond each end, on an axis ``length`` inches long."""
    margin = min(margin, length * 0.3)
    span = 4 / (1 - 2 * margin / length)
    pad = (span - 4) / 2
    return 1 - pad, 5 + pad
