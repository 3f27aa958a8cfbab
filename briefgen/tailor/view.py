"""BriefView: everything one audience's deck or memo needs, in reading order.

The output of :func:`briefgen.tailor.tailor` and the only input of the
renderers.  Plain frozen data (no python-pptx, no I/O), serialisable to JSON
for golden snapshots.  Fields marked "presenter only" may go in speaker notes
or document properties, never on an audience-facing page.
"""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from briefgen.load.markings import US_SCHEME, Marking, MarkingScheme
from briefgen.load.vocabulary import DEFAULT as DEFAULT_VOCABULARY
from briefgen.load.vocabulary import Vocabulary


@dataclass(frozen=True)
class ViewPoint:
    """A fact as shown in every variant: same text, same source."""

    text: str
    source: str | None  # source id
    ref: int | None  # endnote number of that source in this variant
    quote: str | None = None


@dataclass(frozen=True)
class ViewImage:
    """An item's picture, verified when the library was loaded.

    ``path`` is the resolved file; ``sha256`` its content hash, so a changed
    picture changes the view (and the incremental build rebuilds) and a
    writer can tell the file it reads is still the one that was checked.
    """

    path: str  # absolute, resolved: a writer input, never shown
    alt: str
    caption: str | None
    ref: int | None  # endnote number of the picture's source in this variant
    width: int  # pixels
    height: int
    sha256: str


@dataclass(frozen=True)
class BackupReason:
    """Presenter only: why an item is in backup rather than in its section's main body, as the tailoring engine
    decided it (see :data:`BACKUP_RULES`)."""

    rule: str  # one of BACKUP_RULES
    outranked_by: tuple = ()  # "limit": the id of the last item its section kept, which ranks above it


# Why an item goes to backup: its section is not shown; its emphasis for this room is below the profile's
# threshold; the section limit (max_main) is full of items that rank above it; the briefing's length budget
# took the room; the length budget had no room for its section at all (not even for the section's top item).
BACKUP_RULES = ("section", "emphasis", "limit", "budget", "section_budget")


@dataclass(frozen=True)
class ViewItem:
    """A threat, capability, option or risk as this audience sees it."""

    id: str
    kind: str
    title: str
    summary: str
    framing: str  # the audience's "so what" line (own, inherited, else the summary)
    emphasis: int
    role: str  # "lead", "normal" or "backup"
    points: tuple  # of ViewPoint
    attrs: tuple  # (name, value) pairs of the kind's fields: severity, owner, deterrence_value ...
    refs: tuple  # endnote numbers of every source behind the item
    pushback: tuple  # presenter only: framings the presenter should expect to hear back
    recommended: bool = False
    highlighted: bool = False
    score: float = 0.0
    image: ViewImage | None = None  # the item's picture, if it has one
    why: BackupReason | None = None  # presenter only: for a backup item, why it is not in the main body
    quote: int | None = None  # index in ``points`` of the fact whose quote this room is given first (None: none)

    def attr(self, name: str) -> Any:
        """One of the item's kind-specific fields by name."""
        return dict(self.attrs)[name]


@dataclass(frozen=True)
class ViewEvent:
    """A dated event on the strategic-context timeline."""

    id: str
    date: str
    approximate: bool
    title: str
    summary: str | None
    source: str
    ref: int | None


@dataclass(frozen=True)
class ViewSource:
    """A source cited in this variant, numbered in order of first use."""

    num: int
    id: str
    citation: str
    title: str
    publisher: str | None
    author: str | None
    date: str
    approximate: bool
    url: str | None


@dataclass(frozen=True)
class Section:
    """One body section: its key (threats, options ...), title and main-body items in order."""

    key: str
    title: str
    items: tuple  # of ViewItem


@dataclass(frozen=True)
class ChartHint:
    """Which chart to draw and which item ids it should highlight for this audience."""

    kind: str
    highlight: tuple


@dataclass(frozen=True)
class ViewPortion:
    """The marking of one portion the brief shows.

    ``owner`` is an item or event id (``briefing`` for the briefing's own text), ``part`` says which portion
    of it (``""``: the item or event itself, ``points[N]``, ``points[N].quote``, ``image``); ``level`` names
    its level in the view's marking scheme and ``controls`` are its (control name, country codes) pairs.
    """

    owner: str
    part: str
    level: str
    controls: tuple = ()

    def marking(self, scheme: MarkingScheme) -> Marking:
        """The portion's marking in ``scheme`` (the view's)."""
        return Marking(scheme.level(self.level) or scheme.levels[0], self.controls)


@dataclass(frozen=True)
class BriefView:
    """The tailored brief for one audience."""

    audience: str  # presenter only: file names and document properties
    audience_label: str  # presenter only
    title: str
    subtitle: str | None
    date: str
    classification: str
    organisation: str
    memo_from: str
    memo_for: str
    subject: str
    author: str | None
    bluf: str
    recommendation: str
    recommended: tuple  # option ids, best first
    decisions: tuple  # of str
    sections: tuple  # of Section, in the audience's order (context and decisions included, items empty)
    backup: tuple  # of ViewItem (emphasis below the threshold, or over a section's cap)
    events: tuple  # of ViewEvent, by date
    sources: tuple  # of ViewSource, by number
    charts: tuple  # of ChartHint
    delivery: str  # presenter only
    # What the briefing shows besides the sections (see the briefing file's fields of the same names).
    agenda: bool = True
    dividers: bool = True
    backup_slides: bool = True  # False: backup items are listed in the last slide's notes instead
    sources_slide: bool = True
    memo_pages: int = 0  # the briefing's memo: {pages: N}; 1: a one-page memo (BLUF, key judgments, recommendation,
    # decisions); 2 or 3: the full memo held to that many pages; 0: the full memo (two to three pages)
    main_budget: int | None = None  # presenter only: main-body slides the briefing's length allows (None: no limit)
    vocabulary: Vocabulary = DEFAULT_VOCABULARY  # the library's words: how parties, categories, scales are shown
    banner_colors: tuple = ()  # (fill, text) hex colours of the classification banner, from the marking scheme
    cui_indicator: tuple = ()  # lines of the designation indicator (title slide, memo's first page); () = none
    portions: tuple = ()  # of ViewPortion: the marking of every portion shown, the briefing's own text first
    marking_scheme: MarkingScheme = US_SCHEME  # the scheme the markings belong to (banners of slides combine them)
    portion_marks: bool = False  # every paragraph, bullet, table row, chart title and caption starts with its mark

    def section(self, key: str) -> Section | None:
        """The section with this key, or None when the audience omits it."""
        for s in self.sections:
            if s.key == key:
                return s
        return None

    def all_items(self) -> tuple:
        """Main-body items in order, then backup items."""
        return tuple(i for s in self.sections for i in s.items) + self.backup

    def chart(self, kind: str) -> ChartHint | None:
        """The chart hint of this kind, or None when the audience does not show that chart."""
        for c in self.charts:
            if c.kind == kind:
                return c
        return None

    def to_json(self) -> str:
        """A stable JSON rendering, for snapshots and diffs (the vocabulary without its entries' positions)."""
        data = dataclasses.asdict(self)
        for name in ("vocabulary", "marking_scheme"):
            data[name] = _without_positions(data[name])
        return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _without_positions(data: Any) -> Any:
    """``data`` (plain dicts and lists) without its ``loc`` and ``locs`` entries."""
    if isinstance(data, dict):
        return {k: _without_positions(v) for k, v in data.items() if k not in ("loc", "locs")}
    if isinstance(data, (list, tuple)):
        return [_without_positions(v) for v in data]
    return data
