"""Speaker notes written from a brief's data: what a chart slide shows and why this room should care, and an
item's verbatim quotes with their sources.

The deck template calls :func:`chart_talking` (as ``talking(kind)``) and :func:`quotes` (as ``quotes(item)``)
through :func:`briefgen.render.filters.view_lookups`; the memo uses ``quotes`` too.  Everything here reads the
tailored view only: which items lead, the framing this room gets, the recommended options.  No text names the
audience profile; a room's emphasis shows only through the items and framing the view already holds for it.
"""
from __future__ import annotations

from typing import Callable, Sequence

from briefgen.tailor.view import BriefView, ViewItem

_MAX_NAMED = 3  # items named in one talking point


def _names(labels: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    labels = list(labels)
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _top(items: Sequence[ViewItem], score: Callable[[ViewItem], float]) -> list[ViewItem]:
    """The highest-scoring items, at most :data:`_MAX_NAMED`, ties in the order given."""
    ranked = sorted(enumerate(items), key=lambda p: (-score(p[1]), p[0]))
    return [i for _, i in ranked[:_MAX_NAMED]]


def _why(items: Sequence[ViewItem]) -> str:
    """Why this room should care: the framing of the item the section leads with (this room's "so what")."""
    lead = next((i for i in items if i.role == "lead"), items[0])
    return f" Why it matters here: {lead.title}: {lead.framing}"


def _backup_count(view: BriefView, kind: str, one: str, many: str) -> str:
    n = sum(1 for i in view.backup if i.kind == kind)
    return f" {n} more {one if n == 1 else many} in backup." if n else ""


def _threats(view: BriefView, items: Sequence[ViewItem]) -> str:
    top = _top(items, lambda i: i.attr("severity") * i.attr("likelihood"))
    rated = "; ".join(f"{i.title} (severity {i.attr('severity')}/5, likelihood {i.attr('likelihood')}/5, "
                      f"{i.attr('trend')})" for i in top)
    rising = [i.title for i in items if i.attr("trend") == "rising"]
    trend = f" Rising: {_names(rising)}." if rising else ""
    return f"Highest rated: {rated}.{trend}{_why(items)}{_backup_count(view, 'threats', 'threat', 'threats')}"


def _capabilities(view: BriefView, items: Sequence[ViewItem]) -> str:
    counts: dict[str, int] = {}
    for i in items:
        counts[str(i.attr("status"))] = counts.get(str(i.attr("status")), 0) + 1
    status = ", ".join(f"{n} {s}" for s, n in counts.items())
    return (f"{len(items)} capabilities on the slide: {status}.{_why(items)}"
            f"{_backup_count(view, 'capabilities', 'capability', 'capabilities')}")


def _options(view: BriefView, items: Sequence[ViewItem]) -> str:
    chosen = [i for i in items if i.recommended]
    rated = "; ".join(f"{i.title} (deterrence {i.attr('deterrence_value')}/5, escalation risk "
                      f"{i.attr('escalation_risk')}/5)" for i in chosen)
    best = _top(items, lambda i: i.attr("deterrence_value") - i.attr("escalation_risk"))[0]
    text = f"Recommended: {rated}." if chosen else "No option is recommended."
    if best not in chosen:
        text += (f" Best balance of deterrence against escalation risk on the map: {best.title} "
                 f"(deterrence {best.attr('deterrence_value')}/5, escalation risk {best.attr('escalation_risk')}/5).")
    return text + _why(chosen or items) + _backup_count(view, "options", "option", "options")


def _risks(view: BriefView, items: Sequence[ViewItem]) -> str:
    top = _top(items, lambda i: i.attr("likelihood") * i.attr("impact"))
    rated = "; ".join(f"{i.title} (likelihood {i.attr('likelihood')}/5, impact {i.attr('impact')}/5)" for i in top)
    return f"Most serious: {rated}.{_why(items)}{_backup_count(view, 'risks', 'risk', 'risks')}"


_SECTIONS = {"threat_overview": ("threats", _threats), "capability_matrix": ("capabilities", _capabilities),
             "options_map": ("options", _options), "risk_heatmap": ("risks", _risks)}


def chart_talking(view: BriefView, kind: str) -> str:
    """The talking points of the chart slide of ``kind`` (threat_overview, capability_matrix, options_map,
    risk_heatmap), written from the main-body items its section shows: the highest rated, what the room is
    asked to back, and why it matters to this room (the framing of the item the section leads with).  An empty
    text when the section shows nothing."""
    key, write = _SECTIONS[kind]
    section = view.section(key)
    if section is None or not section.items:
        return ""
    return write(view, section.items)


def quotes(item: ViewItem, citations: dict[int, str]) -> list[str]:
    """Each verbatim ``quote`` of ``item``'s facts with its source: ``In the source's words: "..." ([2] citation)``."""
    out = []
    for p in item.points:
        if p.quote:
            source = f" ([{p.ref}] {citations[p.ref]})" if p.ref in citations else ""
            out.append(f"In the source's words: \u201c{p.quote.strip()}\u201d{source}")
    return out
