"""Risk heat map: a 5x5 likelihood x impact grid shaded green to red, numbered risks in their cells.

Numbers refer to the key on the right.  Highlighted risks are filled in the
highlight colour with a dark outline and bold in the key; backup risks are
hollow and softer.  Cell shades are fixed (green, amber, red are meanings, not
branding) and pale enough for the markers to stand out.
"""
from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from briefgen.render.charts.kinds.canvas import (
    AXIS,
    BODY,
    PAD,
    Canvas,
    arrange,
    badge_styles,
    number_key,
    point_badges,
    point_legend,
)
from briefgen.render.charts.palette import cell_colour
from briefgen.render.charts.spec import ChartSpec

def draw(fig: Figure, spec: ChartSpec) -> None:
    """Draw the risk heat map of ``spec`` on ``fig``."""
    c = Canvas(fig, spec)
    t = c.theme
    styles = badge_styles(c)
    legend, backup = point_legend(c, spec, "Priority", spec.label_of("risks"))
    top = c.header(legend + [backup], draw=False)

    left, bottom = PAD + 0.62, PAD + 0.55
    grid_h = top - bottom
    # Square when there is height; on a short chart, wider than tall so crowded cells can still hold a row.
    grid_w = min(0.5 * c.w, max(grid_h, min(3.0, 0.45 * c.w)))
    key_left = left + grid_w + 0.45
    placed = arrange(c, spec, grid_w / 5 - 0.04, grid_h / 5 - 0.04, top - PAD, "risks")
    top = c.header(legend + [backup] * any(spec.points[i].role == "backup" for i in placed.shown))
    ax = c.axes(left, bottom, grid_w, grid_h)
    ax.set_xlim(0.5, 5.5)
    ax.set_ylim(0.5, 5.5)
    for lik in range(1, 6):
        for imp in range(1, 6):
            ax.add_patch(Rectangle((lik - 0.5, imp - 0.5), 1, 1, facecolor=cell_colour(lik, imp),
                                   edgecolor=t.background, linewidth=2.5, zorder=0))
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.tick_params(labelsize=BODY, length=0, pad=5)
    ax.set_xlabel("Likelihood (1 low \u2013 5 high)", fontsize=AXIS, labelpad=6)
    ax.set_ylabel("Impact (1 low \u2013 5 high)", fontsize=AXIS, labelpad=6)
    for spine in ax.spines.values():
        spine.set_visible(False)

    entries = point_badges(ax, spec, placed, styles, 5 / grid_w, 5 / grid_h)
    number_key(c, key_left, PAD, c.w - PAD - key_left, top - PAD, entries, placed.note)
