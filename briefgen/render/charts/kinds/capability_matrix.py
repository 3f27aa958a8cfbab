"""Capability matrix: owners across (US, Japan, South Korea, trilateral), domains down.

Each capability is a marker (shape and colour by status) with its short title
in its cell; highlighted capabilities get a ring in the highlight colour and a
bold label, backup ones a softer label.  Columns are as wide as their labels
need, as far as the width allows (shortest labels first, so the fewest are
cut); rows grow with their busiest cell; when a column would run out of room,
cells put two or three capabilities on a line with shorter labels.
"""
from __future__ import annotations

from collections import defaultdict

from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from briefgen.render.charts.kinds.canvas import AXIS, BODY, ELLIPSIS, PAD, Canvas, LegendEntry, Markers
from briefgen.render.charts.spec import ChartSpec
from briefgen.render.colors import mix

MARKER = 10.0  # pt
MARKER_X = 0.13  # inches from a column's left edge to its markers' centres
TEXT_OFFSET = 0.3  # inches from a column's left edge to its labels' text
TEXT_MARGIN = 0.08  # inches kept free right of the longest label


def status_styles(c: Canvas) -> dict[str, LegendEntry]:
    """Marker per status: fielded solid circle, in development solid diamond, planned hollow circle."""
    t = c.theme
    return {
        "fielded": LegendEntry("Fielded", "o", t.primary, t.primary, MARKER, 1.0),
        "in development": LegendEntry("In development", "D", t.accent, t.accent, MARKER * 0.85, 1.0),
        "planned": LegendEntry("Planned", "o", t.background, t.primary, MARKER, 1.6),
    }


def draw(fig: Figure, spec: ChartSpec) -> None:
    """Draw the capability matrix of ``spec`` on ``fig``."""
    c = Canvas(fig, spec)
    t = c.theme
    styles = status_styles(c)
    statuses = spec.category("status") or tuple(dict.fromkeys(p.group for p in spec.points))
    for s in statuses:
        styles.setdefault(s, LegendEntry(s.capitalize(), "^", t.muted, t.muted, MARKER, 1.0))
    present = [s for s in statuses if any(p.group == s for p in spec.points)]
    legend = [styles[s] for s in present]
    if spec.highlight:
        legend.append(LegendEntry("Priority", "o", t.background, t.highlight, MARKER * 1.5, 2.2))
    top = c.header(legend)

    owners = spec.category("owner") or tuple(dict.fromkeys(p.x for p in spec.points))
    domains = spec.category("domain") or tuple(dict.fromkeys(p.y for p in spec.points))
    cells: dict[tuple, list[int]] = defaultdict(list)
    for i, p in enumerate(spec.points):
        cells[(p.x, p.y)].append(i)

    label_w = min(max(c.width(_cap(d), BODY, "bold") for d in domains) + 0.05, 0.18 * c.w)
    grid_left = PAD + label_w + 0.15
    head_h = AXIS * 1.5 / 72
    avail = top - PAD - head_h
    line = c.line_height()
    # Densest layout that fits: one-line labels, one capability a line, roomy then tight padding; then two or
    # three capabilities a line.  Rows with cut labels then get a second line while there is room.
    tries = []
    for per_line in (1, 2, 3):
        col_ws = _column_widths(c, spec, cells, owners, c.w - PAD - grid_left, per_line)
        text_w = {o: w / per_line - TEXT_OFFSET - TEXT_MARGIN for o, w in zip(owners, col_ws)}
        for gap, pad in ((0.07, 0.12), (0.03, 0.05)):
            lines_of = {d: 1 for d in domains}
            result = _layout(c, spec, cells, owners, domains, lines_of, per_line, text_w, line, gap, pad)
            tries.append((sum(result[2]) > avail, per_line, sum(result[2]), gap, pad, text_w, col_ws, result))
            if not tries[-1][0]:
                break
        if not tries[-1][0]:
            break
    _, per_line, _, gap, pad, text_w, col_ws, (layout, heights, rows) = min(
        tries, key=lambda r: (r[0], r[0] and r[2]))
    col_x = [grid_left + sum(col_ws[:j]) for j in range(len(owners))]
    if per_line == 1:
        def value(d: str) -> tuple:
            # Cut highlighted labels first, then the cheapest: a second line costs as many lines as the
            # row's busiest cell holds.
            cut = [e for o in owners for g in layout.get((o, d), []) for e in g if e[1].endswith(ELLIPSIS)]
            cost = max(len(layout.get((o, d), [])) for o in owners)
            return (-sum(e[2] == "bold" for e in cut), -len(cut) / max(cost, 1), cost, domains.index(d))

        for d in sorted((d for d in domains if value(d)[1] < 0), key=value):
            trial = {**lines_of, d: 2}
            attempt = _layout(c, spec, cells, owners, domains, trial, per_line, text_w, line, gap, pad)
            if sum(attempt[2]) <= avail:
                lines_of, (layout, heights, rows) = trial, attempt
    scale = avail / sum(rows)  # stretch rows to fill the space (or, past three a line, squeeze them)
    row_hs = [h * scale for h in rows]

    ax = c.overlay()
    y_head = top - head_h / 2
    for j, owner in enumerate(owners):
        ax.text(col_x[j] + col_ws[j] / 2, y_head, owner, fontsize=AXIS, fontweight="bold", ha="center",
                va="center_baseline", color=t.text)
    y = top - head_h
    ax.plot([PAD, c.w - PAD], [y, y], color=mix(t.grid, t.text, 0.25), linewidth=1.2)
    band = mix(t.grid, t.background, 0.6)
    rings, markers = Markers(ax, zorder=3), Markers(ax, zorder=4)
    for r, (domain, row_h) in enumerate(zip(domains, row_hs)):
        y0 = y - row_h
        if r % 2 == 1:
            ax.add_patch(Rectangle((PAD, y0), c.w - 2 * PAD, row_h, facecolor=band, edgecolor="none", zorder=0))
        dlines = 2 if row_h >= 2 * line + 0.06 else 1
        ax.text(PAD, y - row_h / 2, c.fit(_cap(domain), label_w, dlines, BODY, "bold"), fontsize=BODY,
                fontweight="bold", ha="left", va="center", color=t.text, linespacing=1.2)
        for j, owner in enumerate(owners):
            groups = layout.get((owner, domain), [])
            g_top = y - row_h / 2 + heights.get((owner, domain), 0) / 2
            for group in groups:
                for slot, (i, text, weight) in enumerate(group):
                    p = spec.points[i]
                    mx = col_x[j] + slot * col_ws[j] / per_line + MARKER_X
                    my = g_top - gap / 2 - line / 2  # centre of the label's first line
                    style = styles[p.group]
                    if weight == "bold":
                        rings.add(mx, my, MARKER * 1.6, "none", t.highlight, 2.2)
                    markers.add(mx, my, style.size, style.face, style.edge, style.linewidth, style.marker)
                    # The top of the text box sits so the first line centres on the marker.
                    ax.text(mx + TEXT_OFFSET - MARKER_X, my + BODY / 72 * 0.62, text, fontsize=BODY, fontweight=weight,
                            ha="left", va="top", color=c.soft_text if p.role == "backup" else t.text,
                            linespacing=1.2, zorder=5)
                g_top -= max(e[1].count("\n") + 1 for e in group) * line + gap
        y = y0
        ax.plot([PAD, c.w - PAD], [y, y], color=t.grid, linewidth=0.8, zorder=1)
    for j in range(len(owners)):
        x = col_x[j] - 0.04
        ax.plot([x, x], [y, top - head_h], color=t.grid, linewidth=0.8, zorder=1)
    rings.draw()
    markers.draw()


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


def _layout(c: Canvas, spec: ChartSpec, cells: dict, owners: tuple, domains: tuple, lines_of: dict, per_line: int,
            text_w: dict, line: float, gap: float, pad: float) -> tuple[dict, dict, list]:
    """Fitted labels per cell in groups of ``per_line`` (``text_w``: label width per owner), each cell's
    height, and each row's height."""
    layout = {}
    for (owner, domain), members in cells.items():
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
    rows = [max([line + gap] + [heights.get((o, d), 0) for o in owners]) + pad for d in domains]
    return layout, heights, rows


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
