"""Speaker notes written from a brief's data: what a chart slide shows and why this room should care, and an
item's verbatim quotes with their sources.

The deck template calls :func:`chart_talking` (as ``talking(kind)``) and :func:`quotes` (as ``quotes(item)``)
through :func:`briefgen.render.filters.view_lookups`; the memo uses ``quotes`` too.  Everything here reads the
tailored view only: which items lead, the framing this room gets, the recommended options.  No text names the
audience profile; a room's emphasis shows only through the items and framing the view already holds for it.
Every word that names a kind of item, a rated field or a capability status comes from the library's vocabulary
(``view.vocabulary``), as it reads inside a sentence, so a library on another topic gets its own words.
"""
from __future__ import annotations

from typing import Callable, Sequence

from briefgen.load.vocabulary import Vocabulary, in_sentence
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


def _scale(vocabulary: Vocabulary, field: str) -> str:
    """What the vocabulary calls a rated field, briefly and inside a sentence: ``deterrence_value`` ->
    ``deterrence``."""
    s = vocabulary.scale(field)
    return in_sentence(s.short or s.name)


def _kind(vocabulary: Vocabulary, kind: str, n: int = 2) -> str:
    """What the vocabulary calls ``n`` items of ``kind``, inside a sentence: ``threat`` or ``threats``."""
    names = vocabulary.kind(kind)
    return in_sentence(names.singular if n == 1 else names.plural)


def _rating(vocabulary: Vocabulary, item: ViewItem, field: str) -> str:
    """A rated field with its value out of 5: ``severity 4/5``."""
    return f"{_scale(vocabulary, field)} {item.attr(field)}/5"


def _backup_count(view: BriefView, kind: str) -> str:
    """How many more items of ``kind`` the brief keeps in backup (nothing when none)."""
    n = sum(1 for i in view.backup if i.kind == kind)
    return f" {n} more {_kind(view.vocabulary, kind, n)} in backup." if n else ""


def _threats(view: BriefView, items: Sequence[ViewItem]) -> str:
    """Talking points of the threat overview: the highest rated, those rising."""
    voc = view.vocabulary
    top = _top(items, lambda i: i.attr("severity") * i.attr("likelihood"))
    rated = "; ".join(f"{i.title} ({_rating(voc, i, 'severity')}, {_rating(voc, i, 'likelihood')}, "
                      f"{i.attr('trend')})" for i in top)
    rising = [i.title for i in items if i.attr("trend") == "rising"]
    trend = f" Rising: {_names(rising)}." if rising else ""
    return f"Highest rated: {rated}.{trend}{_why(items)}{_backup_count(view, 'threats')}"


def _capabilities(view: BriefView, items: Sequence[ViewItem]) -> str:
    """Talking points of the capability matrix: how many of each status."""
    voc = view.vocabulary
    counts: dict[str, int] = {}
    for i in items:
        word = in_sentence(voc.label("capability_statuses", str(i.attr("status"))))
        counts[word] = counts.get(word, 0) + 1
    status = ", ".join(f"{n} {s}" for s, n in counts.items())
    return (f"{len(items)} {_kind(voc, 'capabilities', len(items))} on the slide: {status}.{_why(items)}"
            f"{_backup_count(view, 'capabilities')}")


def _options(view: BriefView, items: Sequence[ViewItem]) -> str:
    """Talking points of the options map: the recommended, and a better-balanced one if there is one."""
    voc = view.vocabulary
    gain, risk = _scale(voc, "deterrence_value"), _scale(voc, "escalation_risk")
    chosen = [i for i in items if i.recommended]
    rated = "; ".join(f"{i.title} ({_rating(voc, i, 'deterrence_value')}, {_rating(voc, i, 'escalation_risk')})"
                      for i in chosen)
    best = _top(items, lambda i: i.attr("deterrence_value") - i.attr("escalation_risk"))[0]
    text = f"Recommended: {rated}." if chosen else f"No {_kind(voc, 'options', 1)} is recommended."
    if best not in chosen:
        text += (f" Best balance of {gain} against {risk} on the map: {best.title} "
                 f"({_rating(voc, best, 'deterrence_value')}, {_rating(voc, best, 'escalation_risk')}).")
    return text + _why(chosen or items) + _backup_count(view, "options")


def _risks(view: BriefView, items: Sequence[ViewItem]) -> str:
    """Talking points of the risk heatmap: the most serious."""
    voc = view.vocabulary
    top = _top(items, lambda i: i.attr("likelihood") * i.attr("impact"))
    rated = "; ".join(f"{i.title} ({_rating(voc, i, 'likelihood')}, {_rating(voc, i, 'impact')})" for i in top)
    return f"Most serious: {rated}.{_why(items)}{_backup_count(view, 'risks')}"


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
    """Each verbatim ``quote`` of ``item``'s facts with its source: ``In the source's words: "..." ([2] citation)``;
    first the one this room is given first (``item.quote``, see :func:`briefgen.tailor.tailor.lead_quote`), then
    the others in the item's order."""
    out = []
    first = () if item.quote is None else (item.points[item.quote],)
    for p in first + tuple(p for n, p in enumerate(item.points) if n != item.quote):
        if p.quote:
            source = f" ([{p.ref}] {citations[p.ref]})" if p.ref in citations else ""
            out.append(f"In the source's words: \u201c{p.quote.strip()}\u201d{source}")
    return out
