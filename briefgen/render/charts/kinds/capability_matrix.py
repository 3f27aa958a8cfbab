"""Capability matrix: owners (the vocabulary's parties) across, domains down.

Each capability is a marker (shape and colour by its status's place in the vocabulary) with its short title
in its cell; highlighted capabilities get a ring in the highlight colour and a
bold label, backup ones a softer label.  Columns are as wide as their labels
need, as far as the width allows (shortest labels first, so the fewest are
cut); rows grow with their busiest cell; when a column would run out of room,
cells put two or three capabilities on a line with shorter labels.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from briefgen.render.charts.kinds.canvas import AXIS, BODY, ELLIPSIS, PAD, Canvas, InchLayer, LegendEntry, Markers
from briefgen.render.charts.spec import ChartSpec
from briefgen.render.colors import mix

MARKER = 10.0  # pt
MARKER_X = 0.13  # inches from a column's left edge to its markers' centres
TEXT_OFFSET = 0.3  # inches from a column's left edge to its labels' text
TEXT_MARGIN = 0.08  # inches kept free right of the longest label


def status_styles(c: Canvas, labels: list[str]) -> list[LegendEntry]:
    """Marker per status, by its place in the vocabulary (most mature first): a solid circle, a solid diamond, a
    hollow circle; ``labels`` name them."""
    t = c.theme
    looks = [("o", t.primary, t.primary, MARKER, 1.0), ("D", t.accent, t.accent, MARKER * 0.85, 1.0),
             ("o", t.background, t.primary, MARKER, 1.6)]
    return [LegendEntry(label, *look) for label, look in zip(labels, looks)]


@dataclass(frozen=True)
class _Matrix:
    """What every layout of one matrix shares: owners (columns), domains (rows), the capabilities in each
    cell (by index into the spec's points), and the grid's measures in inches."""

    c: Canvas
    spec: ChartSpec
    owners: tuple
    domains: tuple
    cells: dict
    label_w: float  # the domain labels' column
    grid_left: float
    head_h: float  # the owner headings' row
    line: float


@dataclass(frozen=True)
class _Fit:
    """One layout of the labels: ``per_line`` capabilities a line, ``gap`` after each line of a cell and
    ``pad`` in each row, label widths and column widths per owner, label lines per domain, and what
    :func:`_layout` made of them (fitted labels per cell, cell heights, row heights)."""

    per_line: int
    gap: float
    pad: float
    text_w: dict
    col_ws: list
    lines_of: dict
    layout: dict
    heights: dict
    rows: list

    def overflows(self, avail: float) -> bool:
        """Whether the rows need more than ``avail`` inches."""
        return sum(self.rows) > avail


def draw(fig: Figure, spec: ChartSpec) -> None:
    """Draw the capability matrix of ``spec`` on ``fig``."""
    c = Canvas(fig, spec)
    styles = _marker_styles(c, spec)
    top = c.header(_legend(c, spec, styles))
    m = _matrix(c, spec)
    avail = top - PAD - m.head_h
    fit = _densest_fit(m, avail)
    if fit.per_line == 1:
        fit = _second_lines(m, fit, avail)
    _draw_grid(m, fit, styles, top, avail)


def _statuses(spec: ChartSpec) -> tuple:
    """The statuses in their fixed order, else as they first appear."""
    return spec.category("status") or tuple(dict.fromkeys(p.group for p in spec.points))


def _marker_styles(c: Canvas, spec: ChartSpec) -> dict[str, LegendEntry]:
    """:func:`status_styles` for the first three statuses ``spec`` names, a muted triangle for any other."""
    t = c.theme
    statuses = _statuses(spec)
    styles = dict(zip(statuses, status_styles(c, [spec.label_of(s) for s in statuses])))
    for s in statuses:
        styles.setdefault(s, LegendEntry(spec.label_of(s), "^", t.muted, t.muted, MARKER, 1.0))
    return styles


def _legend(c: Canvas, spec: ChartSpec, styles: dict[str, LegendEntry]) -> list[LegendEntry]:
    """The legend row: each status some capability has, then the priority ring when any is highlighted."""
    legend = [styles[s] for s in _statuses(spec) if any(p.group == s for p in spec.points)]
    if spec.highlight:
        legend.append(LegendEntry("Priority", "o", c.theme.background, c.theme.highlight, MARKER * 1.5, 2.2))
    return legend


def _matrix(c: Canvas, spec: ChartSpec) -> _Matrix:
    """The owners, domains and cells of ``spec``, and the grid's measures on ``c``."""
    owners = spec.category("owner") or tuple(dict.fromkeys(p.x for p in spec.points))
    domains = spec.category("domain") or tuple(dict.fromkeys(p.y for p in spec.points))
    cells: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(spec.points):
        cells[(p.x, p.y)].append(i)
    label_w = min(max(c.width(spec.label_of(d), BODY, "bold") for d in domains) + 0.05, 0.18 * c.w)
    return _Matrix(c, spec, owners, domains, cells, label_w, PAD + label_w + 0.15, AXIS * 1.5 / 72, c.line_height())


def _fit(m: _Matrix, per_line: int, gap: float, pad: float, text_w: dict, col_ws: list, lines_of: dict) -> _Fit:
    """The labels laid out with these settings."""
    return _Fit(per_line, gap, pad, text_w, col_ws, lines_of, *_layout(m, lines_of, per_line, text_w, gap, pad))


def _densest_fit(m: _Matrix, avail: float) -> _Fit:
    """The first layout that fits ``avail`` inches: one-line labels, one capability a line, roomy then tight
    padding; then two or three capabilities a line.  When none fits, the least tall."""
    tries = []
    for per_line in (1, 2, 3):
        col_ws = _column_widths(m.c, m.spec, m.cells, m.owners, m.c.w - PAD - m.grid_left, per_line)
        text_w = {o: w / per_line - TEXT_OFFSET - TEXT_MARGIN for o, w in zip(m.owners, col_ws)}
        for gap, pad in ((0.07, 0.12), (0.03, 0.05)):
            fit = _fit(m, per_line, gap, pad, text_w, col_ws, {d: 1 for d in m.domains})
            if not fit.overflows(avail):
                return fit
            tries.append(fit)
    return min(tries, key=lambda f: sum(f.rows))


def _second_lines(m: _Matrix, fit: _Fit, avail: float) -> _Fit:
    """``fit`` with a second label line for each row with cut labels, while the rows still fit ``avail``."""
    owners, layout = m.owners, fit.layout

    def value(d: str) -> tuple:
        # Cut highlighted labels first, then the cheapest: a second line costs as many lines as the
        # row's busiest cell holds.
        cut = [e for o in owners for g in layout.get((o, d), []) for e in g if e[1].endswith(ELLIPSIS)]
        cost = max(len(layout.get((o, d), [])) for o in owners)
        return (-sum(e[2] == "bold" for e in cut), -len(cut) / max(cost, 1), cost, m.domains.index(d))

    for d in sorted((d for d in m.domains if value(d)[1] < 0), key=value):
        attempt = _fit(m, fit.per_line, fit.gap, fit.pad, fit.text_w, fit.col_ws, {**fit.lines_of, d: 2})
        if not attempt.overflows(avail):
            fit = attempt
    return fit


def _draw_grid(m: _Matrix, fit: _Fit, styles: dict[str, LegendEntry], top: float, avail: float) -> None:
    """The owner headings, then each domain's row with its capabilities, rows stretched to fill ``avail``."""
    c, t = m.c, m.c.theme
    col_x = [m.grid_left + sum(fit.col_ws[:j]) for j in range(len(m.owners))]
    scale = avail / sum(fit.rows)  # stretch rows to fill the space (or, past three a line, squeeze them)
    row_hs = [h * scale for h in fit.rows]
    ax = c.overlay()
    y_head = top - m.head_h / 2
    for j, owner in enumerate(m.owners):
        ax.text(col_x[j] + fit.col_ws[j] / 2, y_head, owner, fontsize=AXIS, fontweight="bold", ha="center",
                va="center_baseline", color=t.text)
    y = top - m.head_h
    for j, owner in enumerate(m.owners):  # a party's own colour: a bar under its heading
        colour = m.spec.colour_of(owner)
        if colour is not None:
            ax.plot([col_x[j], col_x[j] + fit.col_ws[j] - 0.08], [y + 0.03, y + 0.03], color=colour, linewidth=3.0,
                    solid_capstyle="butt", zorder=2)
    ax.plot([PAD, c.w - PAD], [y, y], color=mix(t.grid, t.text, 0.25), linewidth=1.2)
    band = mix(t.grid, t.background, 0.6)
    rings, markers = Markers(ax, zorder=3), Markers(ax, zorder=4)
    for r, (domain, row_h) in enumerate(zip(m.domains, row_hs)):
        y0 = y - row_h
        _draw_row_label(m, ax, domain, y, row_h, band if r % 2 == 1 else None)
        for j, owner in enumerate(m.owners):
            _draw_cell(m, fit, ax, (rings, markers), styles, (owner, domain), col_x[j], fit.col_ws[j],
                       y - row_h / 2)
        y = y0
        ax.plot([PAD, c.w - PAD], [y, y], color=t.grid, linewidth=0.8, zorder=1)
    for j in range(len(m.owners)):
        x = col_x[j] - 0.04
        ax.plot([x, x], [y, top - m.head_h], color=t.grid, linewidth=0.8, zorder=1)
    rings.draw()
    markers.draw()


def _draw_row_label(m: _Matrix, ax: InchLayer, domain: str, y: float, row_h: float, band: str | None) -> None:
    """A row's background band (when ``band`` is a colour) and its domain label, two lines when it has room."""
    c = m.c
    if band is not None:
        ax.add_patch(Rectangle((PAD, y - row_h), c.w - 2 * PAD, row_h, facecolor=band, edgecolor="none", zorder=0))
    dlines = 2 if row_h >= 2 * m.line + 0.06 else 1
    ax.text(PAD, y - row_h / 2, c.fit(m.spec.label_of(domain), m.label_w, dlines, BODY, "bold"), fontsize=BODY,
            fontweight="bold", ha="left", va="center", color=c.theme.text, linespacing=1.2)


def _draw_cell(m: _Matrix, fit: _Fit, ax: InchLayer, rings_markers: tuple[Markers, Markers],
               styles: dict[str, LegendEntry], cell: tuple, x: float, col_w: float, y_mid: float) -> None:
    """One cell's capabilities, centred on ``y_mid``: a marker (ringed when highlighted) and a label each."""
    c, t, line = m.c, m.c.theme, m.line
    rings, markers = rings_markers
    g_top = y_mid + fit.heights.get(cell, 0) / 2
    for group in fit.layout.get(cell, []):
        for slot, (i, text, weight) in enumerate(group):
            p = m.spec.points[i]
            mx = x + slot * col_w / fit.per_line + MARKER_X
            my = g_top - fit.gap / 2 - line / 2  # centre of the label's first line
            style = styles[p.group]
            if weight == "bold":
                rings.add(mx, my, MARKER * 1.6, "none", t.highlight, 2.2)
            markers.add(mx, my, style.size, style.face, style.edge, style.linewidth, style.marker)
            # The top of the text box sits so the first line centres on the marker.
            ax.text(mx + TEXT_OFFSET - MARKER_X, my + BODY / 72 * 0.62, text, fontsize=BODY, fontweight=weight,
                    ha="left", va="top", color=c.soft_text if p.role == "backup" else t.text,
                    linespacing=1.2, zorder=5)
        g_top -= max(e[1].count("\n") + 1 for e in group) * line + fit.gap


def _column_widths(c: Canvas, spec: ChartSpec, cells: dict, owners: tuple, total: float,
                   per_line: int) -> list[float]:
    """Widths in inches of the owner columns, ``total`` in all.

    Every column gets at least half an equal share (and room for its heading); the rest goes to making
    labels fit on one line, shortest first, so the fewest labels are cut; what is left is shared equally.
    """
    equal = total / len(owners)
    widths = [max(0.5 * equal, c.width(o, AXIS, "bold") + 0.2) for o in owners]
    budget = total - sum(widths)
    if budget <= 0:
        return [equal] * len(owners)
    needs = []
    for j, owner in enumerate(owners):
        for (o, _), members in cells.items():
            if o != owner:
                continue
            for i in members:
                weight = "bold" if spec.is_highlighted(spec.points[i].id) else "normal"
                text = c.width(spec.points[i].label, BODY, weight)
                needs.append((per_line * (text + TEXT_OFFSET + TEXT_MARGIN + 0.01), j))
    for need, j in sorted(needs):
        extra = need - widths[j]
        if 0 < extra <= budget:
            widths[j] = need
            budget -= extra
    return [w + budget / len(owners) for w in widths]


def _layout(m: _Matrix, lines_of: dict, per_line: int, text_w: dict, gap: float,
            pad: float) -> tuple[dict, dict, list]:
    """Fitted labels per cell in groups of ``per_line`` (``text_w``: label width per owner), each cell's
    height, and each row's height."""
    c, spec, line = m.c, m.spec, m.line
    layout = {}
    for (owner, domain), members in m.cells.items():
        groups = []
        for k in range(0, len(members), per_line):
            group = []
            for i in members[k:k + per_line]:
                weight = "bold" if spec.is_highlighted(spec.points[i].id) else "normal"
                group.append((i, c.fit(spec.points[i].label, text_w[owner], lines_of[domain], BODY, weight),
                              weight))
            groups.append(group)
        layout[(owner, domain)] = groups
    heights = {key: sum(max(e[1].count("\n") + 1 for e in g) * line + gap for g in groups)
               for key, groups in layout.items()}
    rows = [max([line + gap] + [heights.get((o, d), 0) for o in m.owners]) + pad for d in m.domains]
    return layout, heights, rows

