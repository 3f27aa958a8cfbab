"""The banner of a tailored brief, worked out from the markings of the portions it contains.

A document's banner is the highest level among its portions (the briefing's
own text, BLUF and recommendation included, carries the briefing's
``classification``) with their dissemination controls combined:

- a control without countries (NOFORN) is in the banner when any portion carries it;
- a control with countries (REL TO) is in the banner only when every portion above
  the scheme's lowest level carries it, with the countries all of them name; when
  they name none in common, a control that excludes it (NOFORN) stands instead;
- a control in the banner removes the controls it ``excludes``.

Controls are written in the scheme's order, after the level: ``SECRET//NOFORN``,
``SECRET//REL TO USA, GBR``.  Two audiences' variants of one briefing can
rightly carry different banners, as they show different items.

The same portions decide whether an output carries the briefing's designation
indicator (:func:`designation_indicator`: a portion at a level with
``indicator: true``, CUI), and what an audience declared ``releasable_to``
some countries may be shown at all (:func:`refusal`, :func:`release`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable, Iterable

from briefgen.errors import ContentError, Problem
from briefgen.load.markings import US_SCHEME, Level, Marking, MarkingChecker, MarkingScheme, portions_of
from briefgen.load.model import KINDS, Briefing, Event, Item, Library
from briefgen.load.schema import Context
from briefgen.tailor.view import ViewEvent, ViewItem, ViewPortion

CONTROL_SEPARATOR = "//"
CONTROLS_JOINED_BY = "/"


@dataclass(frozen=True)
class Banner:
    """A document's worked-out marking: its level, its controls as (name, countries) pairs, the banner's
    text and (fill, text) colours."""

    level: Level
    controls: tuple

    @property
    def text(self) -> str:
        """The banner line, e.g. ``SECRET//REL TO USA, GBR``."""
        parts = [name + (" " + ", ".join(countries) if countries else "") for name, countries in self.controls]
        return self.level.banner_text + (CONTROL_SEPARATOR + CONTROLS_JOINED_BY.join(parts) if parts else "")

    @property
    def colors(self) -> tuple[str, str]:
        """(fill, text) hex colours of the banner, from the scheme's level."""
        return self.level.colour, self.level.text_colour


def portion_markings(scheme: MarkingScheme, briefing: Briefing, items: Iterable[Item],
                     events: Iterable[Event]) -> list[Marking]:
    """The marking of every portion of ``items`` and ``events`` (each item, fact, quote, picture, event),
    with the briefing's own text first (at the briefing's classification)."""
    checker = MarkingChecker(Context(), scheme, briefing)
    out = [Marking(checker.default or scheme.levels[0])]
    for owner in (*items, *events):
        for part, mfield, cfield, _ in portions_of(owner, ""):
            out.append(checker.resolve(part, mfield, cfield))
    return out


def combined(scheme: MarkingScheme, markings: list[Marking]) -> Banner:
    """The banner of a document holding portions with these ``markings`` (at least one)."""
    level = max((m.level for m in markings), key=scheme.rank)
    lowest = scheme.levels[0]
    above = [m for m in markings if m.level != lowest]
    chosen: dict[str, tuple] = {}
    for control in scheme.controls:
        if not control.countries:
            if any(control.name in dict(m.controls) for m in markings):
                chosen[control.name] = ()
            continue
        lists = [dict(m.controls).get(control.name) for m in above]
        if not lists or any(c is None for c in lists):
            continue
        common = [code for code in scheme.countries if all(code in c for c in lists)]
        if common:
            chosen[control.name] = tuple(common)
        else:
            chosen.update({c.name: () for c in scheme.controls if control.name in c.excludes})
    excluded = {name for c in scheme.controls if c.name in chosen for name in c.excludes}
    return Banner(level, tuple((c.name, chosen[c.name]) for c in scheme.controls
                               if c.name in chosen and c.name not in excluded))


def designation_indicator(library: Library, briefing: Briefing, items: Iterable[Item],
                          events: Iterable[Event]) -> tuple[str, ...]:
    """The lines of the briefing's designation indicator (``cui``) when a portion of ``items``, ``events`` or the
    briefing's own text is at a level that calls for it (CUI), else ().  ContentError when the briefing gives
    none (the loader refuses such a library; this guards one built otherwise)."""
    scheme = library.markings or US_SCHEME
    needed = [m.level.name for m in portion_markings(scheme, briefing, items, events) if m.level.indicator]
    if not needed:
        return ()
    if briefing.cui is None:
        raise ContentError([Problem(briefing.loc, "briefing.cui", f"missing: a portion is {needed[0]}, which calls "
                                    f"for the designation indicator: add cui: {{controlled_by, category, "
                                    f"dissemination, poc}}")])
    return briefing.cui.lines()


def document_banner(library: Library, briefing: Briefing, items: Iterable[Item], events: Iterable[Event]) -> Banner:
    """The banner of ``briefing`` tailored to show ``items`` and ``events`` of ``library``: the highest marking
    of its portions with their controls combined, in the library's scheme."""
    scheme = library.markings or US_SCHEME
    return combined(scheme, portion_markings(scheme, briefing, items, events))


# Releasability: what an audience declared ``releasable_to: [countries]`` may be shown.
#
# A portion reaches such an audience only when it is releasable to every one of its countries:
# - its level is at most the scheme's ``release_up_to`` (when the scheme gives one);
# - it carries no control that excludes a control with countries (NOFORN, which excludes REL TO);
# - every control with countries it carries (REL TO) names each of the audience's countries;
# - above the scheme's lowest level, it carries such a control: classified content is released only explicitly.


def refusal(scheme: MarkingScheme, marking: Marking, countries: Iterable[str]) -> str | None:
    """Why a portion marked ``marking`` may not be released to all of ``countries`` (``NOFORN``, ``REL TO lacks
    KOR``, ``SECRET without REL TO``, ``TOP SECRET above SECRET``), or None when it may."""
    limit = scheme.level(scheme.release_up_to) if scheme.release_up_to else None
    if limit is not None and scheme.rank(marking.level) > scheme.rank(limit):
        return f"{marking.level.name} above {limit.name}"
    releasing = {c.name for c in scheme.controls if c.countries}
    barring = {c.name for c in scheme.controls if not c.countries and releasing & set(c.excludes)}
    for name, _ in marking.controls:
        if name in barring:
            return name
    released_by = False
    for name, codes in marking.controls:
        if name in releasing:
            missing = [code for code in countries if code not in codes]
            if missing:
                return f"{name} lacks {', '.join(missing)}"
            released_by = True
    if not released_by and marking.level != scheme.levels[0]:
        return f"{marking.level.name} without {' or '.join(sorted(releasing)) or 'a release control'}"
    return None


@dataclass(frozen=True)
class Withheld:
    """What a release left out, each as (what, why): ``items`` by id; ``facts``, ``quotes`` as ``id.points[i]``;
    ``pictures`` by item id; ``events`` by id."""

    countries: tuple
    items: tuple = ()
    facts: tuple = ()
    quotes: tuple = ()
    pictures: tuple = ()
    events: tuple = ()

    def __bool__(self) -> bool:
        return bool(self.items or self.facts or self.quotes or self.pictures or self.events)

    def line(self) -> str:
        """One line saying how many portions were withheld and why, e.g. ``withheld, not releasable to JPN, KOR:
        1 item (NOFORN), 2 facts (REL TO lacks KOR: 2)``."""
        parts = []
        for what, found in (("item", self.items), ("fact", self.facts), ("quote", self.quotes),
                            ("picture", self.pictures), ("event", self.events)):
            if found:
                reasons = {}
                for _, why in found:
                    reasons[why] = reasons.get(why, 0) + 1
                because = ", ".join(f"{why}: {n}" if n > 1 else why for why, n in reasons.items())
                parts.append(f"{len(found)} {what}{'s' if len(found) > 1 else ''} ({because})")
        return f"withheld, not releasable to {', '.join(self.countries)}: " + ("; ".join(parts) or "nothing")


@dataclass(frozen=True)
class Release:
    """A library as an audience with ``releasable_to`` may see it, and what was withheld from it."""

    library: Library
    withheld: Withheld


def release(library: Library, briefing: Briefing, countries: tuple,
            wanted: Callable[[Item], bool] = lambda item: True) -> Release:
    """``library`` without every portion not releasable to all of ``countries``: whole items (their facts,
    quotes, picture with them), single facts, quotes, pictures and events; the links of options and risks to
    withheld items go too.  Facts released keep their text.  ``wanted``: the items the audience would see,
    the only ones whose withheld portions are counted.  ContentError when the briefing's own text (BLUF,
    recommendation, decisions, at its classification) is not releasable: no output could be made."""
    scheme = library.markings or US_SCHEME
    checker = MarkingChecker(Context(), scheme, briefing)
    own = refusal(scheme, Marking(checker.default or scheme.levels[0]), countries)
    if own is not None:
        raise ContentError([Problem(briefing.locs.get("classification", briefing.loc), "briefing.classification",
                                    f"the briefing's own text (BLUF, recommendation, decisions) is not releasable to "
                                    f"{', '.join(countries)} ({own}): lower its classification, or build this "
                                    f"audience from a briefing that is")])
    found: dict[str, list] = {"items": [], "facts": [], "quotes": [], "pictures": [], "events": []}

    def why(owner: Any, mfield: str = "marking", cfield: str = "controls") -> str | None:
        return refusal(scheme, checker.resolve(owner, mfield, cfield), countries)

    kept: dict[str, list] = {}
    for kind in KINDS:
        kept[kind] = []
        for item in library.items(kind):
            record = found if wanted(item) else {k: [] for k in found}
            shown = _released_item(item, why, record)
            if shown is not None:
                kept[kind].append(shown)
    ids = {i.id for items in kept.values() for i in items}
    kept = {kind: [_without_links(i, ids) for i in items] for kind, items in kept.items()}
    events = []
    for event in library.events:
        reason = why(event)
        if reason is None:
            events.append(event)
        else:
            found["events"].append((event.id, reason))
    released = replace(library, events=tuple(events), **{k: tuple(v) for k, v in kept.items()})
    return Release(released, Withheld(tuple(countries), **{k: tuple(v) for k, v in found.items()}))


def _released_item(item: Item, why: Callable[..., str | None], found: dict[str, list]) -> Item | None:
    """``item`` with only its releasable facts, quotes and picture (None when the item itself is withheld),
    recording in ``found`` what was withheld and why."""
    reason = why(item)
    if reason is not None:
        found["items"].append((item.id, reason))
        return None
    points = []
    for i, point in enumerate(item.points):
        reason = why(point)
        if reason is not None:
            found["facts"].append((f"{item.id}.points[{i}]", reason))
            continue
        reason = why(point, "quote_marking", "quote_controls") if point.quote is not None else None
        if reason is not None:
            found["quotes"].append((f"{item.id}.points[{i}]", reason))
            point = replace(point, quote=None, quote_marking=None, quote_controls=())
        points.append(point)
    image = item.image
    reason = why(image) if image is not None else None
    if reason is not None:
        found["pictures"].append((item.id, reason))
        image = None
    return replace(item, points=tuple(points), image=image)


def _without_links(item: Item, ids: set[str]) -> Item:
    """``item`` without its links (an option's ``mitigates``, ``aggravates``; a risk's ``mitigations``) to items
    that are not in ``ids``."""
    links = {f: tuple(i for i in getattr(item, f) if i in ids) for f in ("mitigates", "aggravates", "mitigations")
             if hasattr(item, f)}
    return replace(item, **links) if links else item


def view_portions(library: Library, briefing: Briefing, items: Iterable[ViewItem],
                  events: Iterable[ViewEvent]) -> tuple:
    """The :class:`ViewPortion` of every portion a tailored brief shows, marked in the library's scheme: first the
    briefing's own text (at its classification), then each item's (itself, each fact, each fact's quote, its
    picture) and each event's."""
    scheme = library.markings or US_SCHEME
    checker = MarkingChecker(Context(), scheme, briefing)
    out = [ViewPortion("briefing", "", (checker.default or scheme.levels[0]).name)]
    by_id = {i.id: i for i in library.all_items()} | {e.id: e for e in library.events}
    for shown in (*items, *events):
        for part, mfield, cfield, path in portions_of(by_id[shown.id], ""):
            name = path.lstrip(".") + (".quote" if mfield == "quote_marking" else "")
            marking = checker.resolve(part, mfield, cfield)
            out.append(ViewPortion(shown.id, name, marking.level.name, marking.controls))
    return tuple(out)
