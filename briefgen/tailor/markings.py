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
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from briefgen.load.markings import US_SCHEME, Level, Marking, MarkingChecker, MarkingScheme, portions_of
from briefgen.load.model import Briefing, Event, Item, Library
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


def document_banner(library: Library, briefing: Briefing, items: Iterable[Item], events: Iterable[Event]) -> Banner:
    """The banner of ``briefing`` tailored to show ``items`` and ``events`` of ``library``: the highest marking
    of its portions with their controls combined, in the library's scheme."""
    scheme = library.markings or US_SCHEME
    return combined(scheme, portion_markings(scheme, briefing, items, events))


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
