"""Threat overview: horizontal bars of severity x likelihood (1-25), highest first.

Each bar is labelled with its short title on the left and "severity x
likelihood = score" at its end.  Highlighted threats are in the highlight
colour, main-body threats in the primary colour, backup threats muted (left
out when there is no room for them).
"""
from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from briefgen.load.vocabulary import in_sentence
from briefgen.render.charts.kinds.canvas import AXIS, BODY, PAD, Canvas, LegendEntry
from briefgen.render.charts.spec import ChartPoint, ChartSpec
from briefgen.render.colors import mix


def draw(fig: Figure, spec: ChartSpec) -> None:
    """Draw the threat bars of ``spec`` on ``fig``."""
    c = Canvas(fig, spec)
    t = c.theme
    colours = {"highlight": t.highlight, "normal": t.primary, "backup": mix(t.muted, t.background, 0.35)}
    legend, backup_entry = _legend(spec, colours)
    order = sorted(range(len(spec.points)), key=lambda i: (-spec.points[i].x * spec.points[i].y, i))
    bottom = PAD + 0.55
    rows, has_backup = _rows(c, spec, order, legend, backup_entry, bottom)
    dropped = len(order) - len(rows)
    top = c.header(legend + [backup_entry] * has_backup)
    height = top - bottom
    row_h = height / len(rows)
    lines = max(1, min(2, int((row_h - 0.06) // c.line_height())))

    label_w = min(3.3, 0.33 * c.w)
    value_w = c.width("5 \u00d7 5 = 25") + 0.15
    left = PAD + label_w + 0.15
    plot_w = c.w - left - PAD
    ax = c.axes(left, bottom, plot_w, height)
    x_max = 25 * plot_w / max(plot_w - value_w, 0.5)
    ax.set_xlim(0, x_max)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    bar_h = min(0.7, 0.36 / row_h)  # bars about a third of an inch thick, thinner when rows are tight
    for r, i in enumerate(rows):
        p = spec.points[i]
        _draw_bar(c, ax, p, r, _role(spec, p), colours, bar_h, -0.15 * x_max / plot_w, label_w, lines)
    _draw_scale(ax, spec, t.grid, dropped)


def _role(spec: ChartSpec, p: ChartPoint) -> str:
    """How a threat is drawn: "highlight", "backup" or "normal"."""
    return "highlight" if spec.is_highlighted(p.id) else "backup" if p.role == "backup" else "normal"


def _legend(spec: ChartSpec, colours: dict[str, str]) -> tuple[list[LegendEntry], LegendEntry]:
    """The legend entries (priority when any is highlighted, then the rest), and the backup entry."""
    legend = []
    if spec.highlight:
        legend.append(LegendEntry("Priority", marker="s", face=colours["highlight"], edge=colours["highlight"]))
    plain = spec.label_of("threats")
    legend.append(LegendEntry(f"Other {in_sentence(plain)}" if spec.highlight else plain, marker="s",
                              face=colours["normal"], edge=colours["normal"]))
    return legend, LegendEntry("Backup", marker="s", face=colours["backup"], edge=colours["backup"])


def _rows(c: Canvas, spec: ChartSpec, order: list[int], legend: list[LegendEntry], backup_entry: LegendEntry,
          bottom: float) -> tuple[list[int], bool]:
    """The threats drawn, highest score first, and whether a backup one is among them: all when each gets a
    row of at least a line, else backup threats left out, then the lowest scores."""
    min_row = c.line_height() + 0.08
    rows = order
    has_backup = any(_role(spec, spec.points[i]) == "backup" for i in rows)
    if len(rows) * min_row > c.header(legend + [backup_entry] * has_backup, draw=False) - bottom:
        rows = [i for i in order if _role(spec, spec.points[i]) != "backup"]
        rows = rows[:max(1, int((c.header(legend, draw=False) - bottom) // min_row))]
        has_backup = False
    return rows, has_backup


def _draw_bar(c: Canvas, ax: Axes, p: ChartPoint, r: int, kind: str, colours: dict[str, str], bar_h: float,
              label_x: float, label_w: float, lines: int) -> None:
    """Row ``r``: the threat's bar, its "severity x likelihood = score" at the end, its title on the left."""
    score = p.x * p.y
    ax.barh(r, score, height=bar_h, color=colours[kind], zorder=2)
    weight = "bold" if kind == "highlight" else "normal"
    ink = c.soft_text if kind == "backup" else c.theme.text
    ax.text(score + 0.3, r, f"{_n(p.x)} \u00d7 {_n(p.y)} = {_n(score)}", fontsize=BODY, va="center",
            ha="left", color=ink, fontweight=weight, zorder=3)
    ax.text(label_x, r, c.fit(p.label, label_w, lines, BODY, weight), fontsize=BODY,
            va="center", ha="right", color=ink, fontweight=weight, linespacing=1.1)


def _draw_scale(ax: Axes, spec: ChartSpec, grid: str, dropped: int) -> None:
    """The score axis (0-25, gridlines in ``grid``), its title saying how many threats were left out."""
    ax.set_yticks([])
    ax.set_xticks(range(0, 26, 5))
    ax.tick_params(axis="x", labelsize=BODY, length=0, pad=4)
    ax.grid(axis="x", color=grid, linewidth=0.8, zorder=0)
    more = f"; {dropped} more not shown" if dropped else ""
    ax.set_xlabel(f"{spec.x_label} \u00d7 {in_sentence(spec.y_label)} (each 1\u20135){more}", fontsize=AXIS, labelpad=6,
                  loc="left")
    for name, spine in ax.spines.items():
        spine.set_visible(name == "left")
        spine.set_color(grid)


def _n(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
