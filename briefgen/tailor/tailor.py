"""Tailoring: the same library, told to one audience.

``tailor(library, profile)`` is a pure function: it selects items by emphasis,
orders and titles sections, ranks items by the profile's declared score,
picks framing lines and pushback, recommended options, chart highlights and
source numbering.  It is the only place audience-specific decisions are made;
it never changes a fact's text, numbers or source.

Selection: emphasis 0 omits an item; emphasis below the profile's threshold
puts it in backup; at or above it, the item is in its section's main body
(role "lead" at emphasis 3, else "normal") up to ``max_main`` items, the rest
going to backup.  Items of a kind whose section the profile does not show go
to backup, so nothing the audience should see is silently lost.

A briefing (the library's own, or a named one) narrows and sizes this: its
``include`` / ``exclude`` focus leaves items out of the briefing altogether,
its ``sections`` replace the profile's order, and its ``length`` sets a budget
of main-body slides (see :func:`main_budget`): each section first gets its top
item while the budget allows, then the rest is filled by the audience's
priorities (emphasis, then rank); what does not fit goes to backup, a section
whose top item does not fit with its whole section (recorded as such).

An audience that declares ``releasable_to`` is told only what is releasable to
all of its countries (see :func:`released`): the rest is withheld before
anything is selected.
"""
from __future__ import annotations

import datetime
from dataclasses import replace
from typing import Any, Iterable

from briefgen.load.briefings import resolved_date
from briefgen.load.markings import US_SCHEME
from briefgen.load.model import KINDS, AudienceProfile, Briefing, Event, Item, Library
from briefgen.tailor.markings import Release, designation_indicator, document_banner, release, view_portions
from briefgen.tailor.view import (BackupReason, BriefView, ChartHint, Section, ViewEvent, ViewImage, ViewItem,
                                  ViewPoint, ViewSource)

# Which section a chart belongs to: a chart is drawn only when its section is shown.
CHART_SECTION = {
    "timeline": "context",
    "threat_overview": "threats",
    "capability_matrix": "capabilities",
    "options_map": "options",
    "risk_heatmap": "risks",
}

# The chart that shows a kind's items (drawn in the section's main body when the audience shows it).
_KIND_CHART = {kind: chart for chart, kind in CHART_SECTION.items() if kind in KINDS}

# Kind-specific fields carried into the view (facts: identical in every variant).
_ATTRS = {
    "threats": ("actor", "severity", "likelihood", "trend"),
    "capabilities": ("owner", "domain", "status"),
    "options": ("category", "stance", "deterrence_value", "escalation_risk", "cost", "horizon", "mitigates",
                "aggravates"),
    "risks": ("likelihood", "impact", "indicators", "mitigations"),
}


def for_audience(mapping: dict, profile: AudienceProfile) -> Any:
    """The value a per-audience mapping gives this profile: its own, else the nearest ancestor's, else None."""
    for name in profile.chain:
        if name in mapping:
            return mapping[name]
    return None


def emphasis_of(item: Item, profile: AudienceProfile) -> int:
    """How strongly this audience should see ``item``: 0 omit, 1 backup, 2 normal, 3 lead."""
    value = for_audience(item.emphasis, profile)
    return profile.default_emphasis if value is None else value


def score_of(item: Item, profile: AudienceProfile) -> float:
    """The profile's linear ranking score for ``item`` (0 when the profile ranks nothing of its kind)."""
    weights = profile.ranking.get(item.kind, {})
    # ``+ 0.0`` turns -0.0 into 0.0, so snapshots do not flip sign on a zero score.
    return float(sum(w * getattr(item, f) for f, w in sorted(weights.items()))) + 0.0


def rank(items: Iterable[Item], profile: AudienceProfile) -> list[Item]:
    """Order items: lead (emphasis 3) first, then by score, highest first; ties keep library order."""
    indexed = list(enumerate(items))
    indexed.sort(key=lambda p: (emphasis_of(p[1], profile) < 3, -score_of(p[1], profile), p[0]))
    return [i for _, i in indexed]


class _Numberer:
    """Numbers sources in order of first use."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}

    def __call__(self, sid: str | None) -> int | None:
        if sid is None:
            return None
        return self.order.setdefault(sid, len(self.order) + 1)


def _pushback(item: Item, profile: AudienceProfile, library: Library, own: str) -> tuple:
    out = []
    for other in profile.pushback_from:
        other_prof = library.audiences.get(other)
        if other_prof is None:
            continue
        text = for_audience(item.framing, other_prof)
        if text and text != own and text not in out:
            out.append(text)
    return tuple(out)


def _view_item(item: Item, role: str, profile: AudienceProfile, library: Library, num: _Numberer,
               score: float, why: BackupReason | None = None) -> ViewItem:
    framing = for_audience(item.framing, profile) or item.summary
    points = tuple(ViewPoint(p.text, p.source, num(p.source), p.quote) for p in item.points)
    refs = tuple(dict.fromkeys(num(s) for s in item.cited_sources()))
    image = _view_image(item, library, num)
    if image is not None and image.ref is not None and image.ref not in refs:
        refs += (image.ref,)
    return ViewItem(
        id=item.id, kind=item.kind, title=item.title, summary=item.summary, framing=framing,
        emphasis=emphasis_of(item, profile), role=role, points=points,
        attrs=tuple((a, getattr(item, a)) for a in _ATTRS[item.kind]), refs=refs,
        pushback=_pushback(item, profile, library, framing), score=score, image=image, why=why,
        quote=lead_quote(item, profile))


def lead_quote(item: Item, profile: AudienceProfile) -> int | None:
    """Which of ``item``'s facts gives the quote this room hears first (its index; None when no fact has a
    quote): the one whose source comes first in the profile's ``quote_sources``, the sources whose words carry
    most weight with the room; facts from other sources after those, in the item's order."""
    rank = {sid: n for n, sid in enumerate(profile.quote_sources)}
    quoted = [n for n, p in enumerate(item.points) if p.quote]
    if not quoted:
        return None
    return min(quoted, key=lambda n: (rank.get(item.points[n].source, len(rank)), n))


def _view_image(item: Item, library: Library, num: _Numberer) -> ViewImage | None:
    """The item's picture as the view shows it (its source numbered after the item's own), from the
    check made at load time: no file is read here."""
    img = item.image
    if img is None:
        return None
    checked = library.images.get(img.path)
    if checked is None:  # a Library built by hand, without the load-time check: nothing to show
        return None
    return ViewImage(path=checked.path, alt=img.alt, caption=img.caption, ref=num(img.source),
                     width=checked.width, height=checked.height, sha256=checked.sha256)


def section_order(profile: AudienceProfile) -> tuple[str, ...]:
    """The profile's sections in order, each once (a repeated section keeps its first place)."""
    return tuple(dict.fromkeys(profile.sections))


def briefing_sections(profile: AudienceProfile, briefing: Briefing) -> tuple[str, ...]:
    """The sections a briefing shows, in order, each once: its own ``sections``, else the profile's."""
    if briefing.sections is not None:
        return tuple(dict.fromkeys(briefing.sections))
    return section_order(profile)


def in_focus(item: Item, briefing: Briefing) -> bool:
    """True if the briefing covers ``item``: it matches ``include`` (when given) and not ``exclude``."""
    if briefing.include is not None and not briefing.include.matches(item):
        return False
    return briefing.exclude is None or not briefing.exclude.matches(item)


def _select(library: Library, profile: AudienceProfile, shown: tuple[str, ...],
            briefing: Briefing) -> tuple[dict[str, list[Item]], list[Item], dict[str, BackupReason]]:
    """Main-body items per kind, backup items in the order the audience reads the sections, and why each
    backup item is there (by id)."""
    main: dict[str, list[Item]] = {}
    ranked: dict[str, list[Item]] = {}
    why: dict[str, BackupReason] = {}
    kinds = [k for k in shown if k in KINDS] + [k for k in KINDS if k not in shown]
    for kind in kinds:
        ranked[kind] = [i for i in rank(library.items(kind), profile)
                        if emphasis_of(i, profile) > 0 and in_focus(i, briefing)]
        body = [i for i in ranked[kind] if emphasis_of(i, profile) >= profile.threshold] if kind in shown else []
        main[kind] = body[:profile.max_main]
        why.update({i.id: BackupReason("section" if kind not in shown else "emphasis") for i in ranked[kind]
                    if i not in body})
        why.update({i.id: BackupReason("limit", (main[kind][-1].id,)) for i in body[profile.max_main:]})
    budget = main_budget(briefing)
    if budget is not None:
        fitting, no_room = _within_budget(main, shown, profile, briefing, budget)
        why.update({i.id: BackupReason("section_budget" if k in no_room else "budget") for k in main
                    for i in main[k] if i not in fitting[k]})
        main = fitting
    in_main = {i.id for items in main.values() for i in items}
    backup = [i for kind in kinds for i in ranked[kind] if i.id not in in_main]
    return main, backup, why


# Slides before the main body a length does not count: the title slide and the BLUF.
OPENING_SLIDES = 2


def main_budget(briefing: Briefing) -> int | None:
    """How many main-body slides (after the title and BLUF, before backup) the briefing's length allows:
    ``main_slides`` as given; ``minutes`` less the two the title and BLUF take, one slide a minute (at least 1).
    None when the briefing gives no length."""
    length = briefing.length
    if length is None:
        return None
    if length.main_slides is not None:
        return length.main_slides
    return max(1, (length.minutes or 0) - OPENING_SLIDES)


def frame_slides(shown: tuple[str, ...], briefing: Briefing) -> int:
    """The main-body slides the shipped deck template draws whatever the items: the agenda, the timeline of
    the context section and the decisions slide."""
    return int(briefing.agenda) + int("context" in shown) + int("decisions" in shown)


def item_slide_cost(item: Item, chosen: list[Item], profile: AudienceProfile, briefing: Briefing) -> int:
    """The slides ``item`` adds to the main body when ``chosen`` are already in its section: its own slide,
    and with the section's first item the slides the section brings (the shipped template's divider, chart,
    the options' comparison table and recommendation, the risks' mitigations table), and with the first risk
    that has indicators the warning-signs table."""
    cost = 1
    if not chosen:
        cost += int(briefing.dividers) + int(_KIND_CHART[item.kind] in profile.charts)
        cost += {"options": 1 + int(profile.recommend > 0), "risks": 1}.get(item.kind, 0)
    if getattr(item, "indicators", ()) and not any(getattr(i, "indicators", ()) for i in chosen):
        cost += 1
    return cost


def _within_budget(main: dict[str, list[Item]], shown: tuple[str, ...], profile: AudienceProfile,
                   briefing: Briefing, budget: int) -> tuple[dict[str, list[Item]], tuple[str, ...]]:
    """The main-body items that fit ``budget`` slides, and the sections that did not fit at all.

    First every section with main-body items, in the briefing's order, gets its top-ranked item with the slides
    the section brings, while they fit; a section whose top item does not fit is not shown, its items go to
    backup (so a section is never emptied by items of other sections that rank higher).  Then the other
    items by priority: emphasis (highest first), then rank within the section, then section order; an item
    that does not fit is skipped, a later cheaper one may."""
    order = [k for k in shown if main.get(k)]
    used = frame_slides(shown, briefing)
    kept: dict[str, list[Item]] = {k: [] for k in main}
    for kind in order:
        cost = item_slide_cost(main[kind][0], [], profile, briefing)
        if used + cost <= budget:
            kept[kind].append(main[kind][0])
            used += cost
    candidates = sorted(((emphasis_of(i, profile), pos, order.index(k), i) for k in order if kept[k]
                         for pos, i in enumerate(main[k]) if pos), key=lambda c: (-c[0], c[1], c[2]))
    for _, _, _, item in candidates:
        cost = item_slide_cost(item, kept[item.kind], profile, briefing)
        if used + cost <= budget:
            kept[item.kind].append(item)
            used += cost
    return {k: [i for i in main[k] if i in kept[k]] for k in main}, tuple(k for k in order if not kept[k])


def _event_key(ev: Event) -> tuple:
    return (ev.date, ev.id)


def tailor(library: Library, profile: AudienceProfile, briefing: Briefing | None = None,
           today: datetime.date | None = None) -> BriefView:
    """Build the BriefView of ``library`` for ``profile``, as ``briefing`` (default: the library's own)
    sets it; pure and deterministic, but for a briefing dated ``today``, which takes the day given (default:
    the system's)."""
    b = briefing or library.briefing
    if profile.releasable_to:
        library = released(library, profile, b).library
    shown = briefing_sections(profile, b)
    main, backup_items, why = _select(library, profile, shown, b)
    if b.include is not None or b.exclude is not None or b.length is not None:  # leave out sections it emptied
        shown = tuple(k for k in shown if k not in KINDS or main[k])
    recommended_ids = [o.id for o in main["options"][:profile.recommend]] if "options" in shown else []
    num = _Numberer()
    sections, view_events = _sections(library, profile, shown, main, num)
    backup = tuple(_view_item(i, "backup", profile, library, num, score_of(i, profile), why[i.id])
                   for i in backup_items)

    # A timeline with no event to show (none in the library, or every one withheld) is not drawn.
    charts_shown = [c for c in dict.fromkeys(profile.charts) if CHART_SECTION.get(c, c) in shown
                    and (c != "timeline" or view_events)]
    highlights = {k: v for k, v in _highlights(sections, recommended_ids).items() if k in charts_shown}
    sections = [Section(s.key, s.title, tuple(_mark(v, recommended_ids, highlights) for v in s.items))
                for s in sections]
    backup = tuple(_mark(v, recommended_ids, highlights) for v in backup)

    by_id = {s.id: s for s in library.sources}
    sources = tuple(ViewSource(n, sid, by_id[sid].citation(), by_id[sid].title, by_id[sid].publisher,
                               by_id[sid].author, by_id[sid].date, by_id[sid].date_approximate, by_id[sid].url)
                    for sid, n in num.order.items())
    charts = tuple(ChartHint(kind, tuple(highlights.get(kind, ()))) for kind in charts_shown)
    shown_items, shown_events = _shown(library, sections, backup, view_events)
    banner = document_banner(library, b, shown_items, shown_events)
    return BriefView(
        audience=profile.name, audience_label=profile.label, title=b.title, subtitle=b.subtitle,
        date=resolved_date(b.date, today), classification=banner.text, organisation=b.organisation,
        memo_from=b.memo_from, memo_for=b.memo_for, subject=b.subject or b.title, author=b.author,
        bluf=for_audience(b.bluf, profile) or "", recommendation=for_audience(b.recommendation, profile) or "",
        recommended=tuple(recommended_ids), decisions=tuple(for_audience(b.decisions, profile) or ()),
        sections=tuple(sections), backup=backup, events=view_events, sources=sources, charts=charts,
        delivery=profile.delivery, agenda=b.agenda, dividers=b.dividers, backup_slides=b.backup,
        sources_slide=b.sources_slide, memo_pages=b.memo.pages if b.memo is not None else 0,
        main_budget=main_budget(b), vocabulary=library.vocabulary.unlocated(),
        banner_colors=banner.colors, cui_indicator=designation_indicator(library, b, shown_items, shown_events),
        marking_scheme=library.markings or US_SCHEME, portion_marks=b.portion_marks,
        portions=view_portions(library, b, (*(v for s in sections for v in s.items), *backup), view_events))


def released(library: Library, profile: AudienceProfile, briefing: Briefing | None = None) -> Release:
    """What of ``library`` an audience with ``releasable_to`` may see as ``briefing`` (default: the library's)
    shows it, and what was withheld from the items it would have shown (emphasis above 0, in the briefing's
    focus) and the events (see :func:`briefgen.tailor.markings.release`)."""
    b = briefing or library.briefing
    return release(library, b, profile.releasable_to,
                   lambda item: emphasis_of(item, profile) > 0 and in_focus(item, b))


def _shown(library: Library, sections: Iterable[Section], backup: tuple, events: tuple) -> tuple[list, list]:
    """The library's items and events a view shows (their markings make its banner and designation indicator)."""
    shown = {v.id for s in sections for v in s.items} | {v.id for v in backup}
    event_ids = {e.id for e in events}
    return [i for i in library.all_items() if i.id in shown], [e for e in library.events if e.id in event_ids]


def _sections(library: Library, profile: AudienceProfile, shown: tuple[str, ...], main: dict[str, list[Item]],
              num: _Numberer) -> tuple[list[Section], tuple]:
    """The sections in order with their main-body items, and the events (numbered with the sources when the
    context section is shown, first, as it reads)."""
    events = tuple(sorted(library.events, key=_event_key))
    sections = []
    view_events: tuple = ()
    for key in shown:
        title = profile.section_titles[key]
        if key == "context":
            view_events = tuple(ViewEvent(e.id, e.date, e.date_approximate, e.title, e.summary, e.source,
                                          num(e.source)) for e in events)
            sections.append(Section(key, title, ()))
        elif key in KINDS:
            items = tuple(_view_item(i, "lead" if emphasis_of(i, profile) == 3 else "normal", profile, library,
                                     num, score_of(i, profile)) for i in main[key])
            sections.append(Section(key, title, items))
        else:
            sections.append(Section(key, title, ()))
    if "context" not in shown:
        view_events = tuple(ViewEvent(e.id, e.date, e.date_approximate, e.title, e.summary, e.source, None)
                            for e in events)
    return sections, view_events


def _highlights(sections: list[Section], recommended: list[str]) -> dict[str, list[str]]:
    lead = {s.key: [v.id for v in s.items if v.role == "lead"] for s in sections}
    return {
        "threat_overview": lead.get("threats", []),
        "capability_matrix": lead.get("capabilities", []),
        "options_map": list(recommended),
        "risk_heatmap": lead.get("risks", []),
        "timeline": [],
    }


def _mark(v: ViewItem, recommended: list[str], highlights: dict[str, list[str]]) -> ViewItem:
    hl = any(v.id in ids for ids in highlights.values())
    return replace(v, recommended=v.id in recommended, highlighted=hl)
