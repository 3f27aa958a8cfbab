"""Alt text for charts, written from the data: what the chart shows, its extremes, what is highlighted.

Each function takes the points and highlight ids a spec will carry and returns
one paragraph a screen-reader user can act on.  Pure functions, no matplotlib.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable, Mapping, Sequence

from briefgen.render.charts import dates
from briefgen.render.charts.spec import ChartPoint

_MAX_NAMES = 4
# The words alt text names kinds and scales with, as they read mid-sentence; chart specs pass the library's
# (briefgen.render.charts.for_view.alt_words), these are the built-in ones.
WORDS = {"threats": "threats", "capabilities": "capabilities", "options": "options", "option": "option",
         "risks": "risks", "severity": "severity", "likelihood": "likelihood", "impact": "impact",
         "deterrence_value": "deterrence value", "deterrence_value_short": "deterrence",
         "escalation_risk": "escalation risk"}


def names(labels: Sequence[str], limit: int = _MAX_NAMES) -> str:
    """'A', 'A and B', 'A, B and C'; beyond ``limit`` names, 'A, B, C, D and 2 more'."""
    labels = list(labels)
    if len(labels) > limit:
        return ", ".join(labels[:limit]) + f" and {len(labels) - limit} more"
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _extreme(points: Sequence[ChartPoint], value: Callable[[ChartPoint], float], highest: bool) -> tuple[list, float]:
    best = max(value(p) for p in points) if highest else min(value(p) for p in points)
    return [p.label for p in points if value(p) == best], best


def _highlighted(points: Sequence[ChartPoint], highlight: Sequence[str], what: str = "Highlighted") -> str:
    labels = [p.label for p in points if p.id in highlight]
    return f" {what}: {names(labels, 8)}." if labels else ""


def _backup(points: Sequence[ChartPoint], noun: str) -> str:
    labels = [p.label for p in points if p.role == "backup"]
    # Not "shown muted": a small chart may leave backup items out (and says so in the picture).
    return f" Also in backup: {names(labels)}." if labels else ""


def timeline(points: Sequence[ChartPoint], omitted: int = 0) -> str:
    """Alt text of the strategic-context timeline."""
    first, last = points[0], points[-1]
    text = (f"Timeline of {len(points)} events from {dates.display(first.x, first.approximate)} to "
            f"{dates.display(last.x, last.approximate)}"
            + (f" (the {len(points)} most recent of {len(points) + omitted})" if omitted else "") + ": "
            + "; ".join(f"{dates.display(p.x, p.approximate)}, {p.label}" for p in points) + ".")
    approx = sum(1 for p in points if p.approximate)
    if approx:
        text += f" {approx} approximate date{'s' if approx > 1 else ''} marked \u201cc.\u201d with hollow markers."
    return text


def _by_product(points: Sequence[ChartPoint], highest: bool, x_name: str, y_name: str) -> str:
    """The points with the highest (or lowest) x * y, grouped by their (x, y): "A and B (severity 5, ...)"."""
    best = (max if highest else min)(p.x * p.y for p in points)
    groups: dict[tuple, list[str]] = {}
    for p in points:
        if p.x * p.y == best:
            groups.setdefault((p.x, p.y), []).append(p.label)
    return "; ".join(f"{names(labels)} ({x_name} {_num(x)}, {y_name} {_num(y)})" for (x, y), labels in groups.items())


def threat_overview(points: Sequence[ChartPoint], highlight: Sequence[str], words: Mapping[str, str] = WORDS) -> str:
    """Alt text of the threat bars (severity x likelihood); ``words``: see :data:`WORDS`."""
    hi = max(p.x * p.y for p in points)
    lo = min(p.x * p.y for p in points)
    sev, lik = words["severity"], words["likelihood"]
    text = (f"Horizontal bars of {len(points)} {words['threats']} by {sev} \u00d7 {lik} score (each 1-5, score "
            f"1-25). Highest score, {_num(hi)}: {_by_product(points, True, sev, lik)}. "
            f"Lowest score, {_num(lo)}: {_by_product(points, False, sev, lik)}.")
    return text + _highlighted(points, highlight) + _backup(points, "threats")


def capability_matrix(points: Sequence[ChartPoint], highlight: Sequence[str], owners: Sequence[str],
                      domains: Sequence[str], statuses: Sequence[str], words: Mapping[str, str] = WORDS) -> str:
    """Alt text of the owner x domain capability grid; ``words``: see :data:`WORDS`."""
    by_status = Counter(p.group for p in points)
    by_owner = Counter(p.x for p in points)
    by_domain = Counter(p.y for p in points)
    top_owner = max(by_owner.values())
    top_domain = max(by_domain.values())
    text = (f"Grid of {len(points)} {words['capabilities']} by owner ({', '.join(owners)}) and domain "
            f"({', '.join(domains)}), "
            f"marked by status: " + ", ".join(f"{by_status[s]} {s}" for s in statuses if by_status[s]) + ". "
            f"Most {words['capabilities']}: {names([o for o in owners if by_owner[o] == top_owner])} ({top_owner}); "
            f"busiest domain: {names([d for d in domains if by_domain[d] == top_domain])} ({top_domain}).")
    empty = [o for o in owners if not by_owner[o]]
    if empty:
        text += f" None listed for {names(empty)}."
    return text + _highlighted(points, highlight)


def options_map(points: Sequence[ChartPoint], highlight: Sequence[str], words: Mapping[str, str] = WORDS) -> str:
    """Alt text of the deterrence-value x escalation-risk scatter; ``words``: see :data:`WORDS`."""
    hi_d, hi_d_v = _extreme(points, lambda p: p.x, True)
    lo_r, lo_r_v = _extreme(points, lambda p: p.y, False)
    hi_r, hi_r_v = _extreme(points, lambda p: p.y, True)
    sweet = [p.label for p in points if p.x > 3 and p.y < 3]
    det, esc, short = words["deterrence_value"], words["escalation_risk"], words["deterrence_value_short"]
    text = (f"Scatter of {len(points)} policy {words['options']} by {det} (x, 1-5) against {esc} "
            f"(y, 1-5). Highest {short}: {names(hi_d)} ({_num(hi_d_v)}). "
            f"Lowest {esc}: {names(lo_r)} ({_num(lo_r_v)}). "
            f"Highest {esc}: {names(hi_r)} ({_num(hi_r_v)}). ")
    text += (f"High {short}, low risk: {names(sweet)}." if sweet
             else f"No {words['option']} combines high {short} with low risk.")
    return text + _highlighted(points, highlight, "Highlighted as recommended") + _backup(points, "options")


def risk_heatmap(points: Sequence[ChartPoint], highlight: Sequence[str], words: Mapping[str, str] = WORDS) -> str:
    """Alt text of the 5x5 likelihood x impact heat map; ``words``: see :data:`WORDS`."""
    lik, imp = words["likelihood"], words["impact"]
    text = (f"Heat map of {len(points)} {words['risks']} on a 5\u00d75 grid of {lik} (x, 1-5) and {imp} (y, 1-5), "
            f"cells shaded green (low) to red (high). "
            f"Highest: {_by_product(points, True, lik, imp)}. "
            f"Lowest: {_by_product(points, False, lik, imp)}.")
    return text + _highlighted(points, highlight, "Outlined") + _backup(points, "risks")
