"""The content model: typed, immutable records of a briefing library.

Each class declares its YAML fields once, with their checkers (see
:mod:`briefgen.load.schema`); the loader converts located YAML into these records
and every record remembers where it came from (``loc``, ``locs``) so later
checks (references, fit) can point at file:line:col.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from briefgen.errors import Loc
from briefgen.load.vocabulary import DEFAULT as DEFAULT_VOCABULARY
from briefgen.load.vocabulary import KINDS, Vocabulary
from briefgen.load.schema import (
    Bool,
    Choice,
    Date,
    DateOrToday,
    FileNamePattern,
    FrozenMap,
    Int,
    ListOf,
    MapOf,
    Number,
    Record,
    Ref,
    Slug,
    Term,
    Text,
    Url,
    all_optional,
    fld,
)

SECTIONS = ("context", "threats", "capabilities", "options", "risks", "decisions")
CHARTS = ("timeline", "threat_overview", "capability_matrix", "options_map", "risk_heatmap")
# The fields an output file name pattern may use (README, "Output file names").
FILE_NAME_FIELDS = ("briefing", "slug", "file_label", "date")
RANKABLE = {
    "threats": ("severity", "likelihood"),
    "capabilities": (),
    "options": ("stance", "deterrence_value", "escalation_risk", "cost"),
    "risks": ("likelihood", "impact"),
}

_NOLOC = Loc("<none>")

AudienceText = MapOf(Text(), "audience")
Emphasis = MapOf(Int(0, 3), "audience")


@dataclass(frozen=True, kw_only=True)
class Point:
    """A fact: its text never changes between audiences; it cites a source id."""

    text: str = fld(Text(2000), doc="the fact, in one or two sentences")
    source: Optional[str] = fld(Ref("sources"), None, doc="id of the source the fact comes from")
    quote: Optional[str] = fld(Text(600), None, doc="a short verbatim quote from that source")
    marking: Optional[str] = fld(Text(40), None, doc="its classification level; default: the briefing's")
    controls: tuple = fld(ListOf(Text(200)), (), doc="dissemination controls, e.g. NOFORN or REL TO USA, GBR")
    quote_marking: Optional[str] = fld(Text(40), None, doc="the quote's level; default: the briefing's")
    quote_controls: tuple = fld(ListOf(Text(200)), (), doc="the quote's dissemination controls")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


Points = ListOf(Record(Point))


@dataclass(frozen=True, kw_only=True)
class ItemImage:
    """A picture shown with an item (a map, a photo): a PNG, JPEG or GIF inside the content folder."""

    path: str = fld(Text(300), doc="path relative to the content folder")
    alt: str = fld(Text(300), doc="alt text: what the picture shows, for screen readers")
    caption: Optional[str] = fld(Text(200), None)
    source: Optional[str] = fld(Ref("sources"), None, doc="id of the source the picture comes from")
    marking: Optional[str] = fld(Text(40), None, doc="its classification level; default: the briefing's")
    controls: tuple = fld(ListOf(Text(200)), (), doc="dissemination controls, e.g. NOFORN or REL TO USA, GBR")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


@dataclass(frozen=True, kw_only=True)
class Item:
    """Fields common to threats, capabilities, options and risks."""

    id: str = fld(Slug(), doc="unique id across the whole library")
    title: str = fld(Text(120), doc="short title, used as slide and heading title")
    summary: str = fld(Text(600), doc="one neutral sentence")
    points: tuple = fld(Points, (), doc="facts, each with a source")
    framing: FrozenMap = fld(AudienceText, FrozenMap(), doc="the 'so what' line per audience")
    emphasis: FrozenMap = fld(Emphasis, FrozenMap(), doc="0 omit, 1 backup, 2 normal, 3 lead, per audience")
    sources: tuple = fld(ListOf(Ref("sources")), (), doc="further source ids (those of points count too)")
    tags: tuple = fld(ListOf(Text(40)), (), doc="free keywords")
    image: Optional[ItemImage] = fld(Record(ItemImage), None, doc="a picture shown with the item")
    marking: Optional[str] = fld(Text(40), None, doc="its classification level; default: the briefing's")
    controls: tuple = fld(ListOf(Text(200)), (), doc="dissemination controls, e.g. NOFORN or REL TO USA, GBR")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    kind = ""  # set by subclasses

    def cited_sources(self) -> tuple[str, ...]:
        """Source ids in order of first citation: points first, then ``sources``."""
        seen: dict[str, None] = {}
        for p in self.points:
            if p.source:
                seen.setdefault(p.source, None)
        for s in self.sources:
            seen.setdefault(s, None)
        return tuple(seen)


@dataclass(frozen=True, kw_only=True)
class Threat(Item):
    """A danger the briefing is about."""

    actor: str = fld(Text(80), doc="who poses it")
    severity: int = fld(Int(1, 5), doc="1-5")
    likelihood: int = fld(Int(1, 5), doc="1-5")
    trend: str = fld(Choice("rising", "steady", "falling"), "steady")
    kind = "threats"


@dataclass(frozen=True, kw_only=True)
class Capability(Item):
    """Something one of the parties (or several together) can do or is building."""

    owner: str = fld(Term("parties", "parties"), doc="the id of a party declared in vocabulary.yaml")
    domain: str = fld(Term("capability_domains", "capability domains"), doc="a domain declared in vocabulary.yaml")
    status: str = fld(Term("capability_statuses", "capability statuses"), doc="a status declared in vocabulary.yaml")
    kind = "capabilities"


@dataclass(frozen=True, kw_only=True)
class Option(Item):
    """A policy option the meeting could choose."""

    category: str = fld(Term("option_categories", "option categories"), doc="declared in vocabulary.yaml")
    stance: int = fld(Int(-2, 2), doc="-2 most conciliatory ... +2 most assertive")
    deterrence_value: int = fld(Int(1, 5))
    escalation_risk: int = fld(Int(1, 5))
    cost: int = fld(Int(1, 5))
    horizon: str = fld(Term("horizons", "horizons"), doc="a horizon declared in vocabulary.yaml")
    mitigates: tuple = fld(ListOf(Ref("risks")), ())
    aggravates: tuple = fld(ListOf(Ref("risks")), ())
    kind = "options"


@dataclass(frozen=True, kw_only=True)
class Risk(Item):
    """Something that could go wrong, with how to watch for it and what lowers it."""

    likelihood: int = fld(Int(1, 5))
    impact: int = fld(Int(1, 5))
    indicators: tuple = fld(ListOf(Text(300)), ())
    mitigations: tuple = fld(ListOf(Ref("options")), ())
    kind = "risks"


ITEM_CLASSES: dict[str, type[Item]] = {"threats": Threat, "capabilities": Capability, "options": Option,
                                       "risks": Risk}


@dataclass(frozen=True, kw_only=True)
class Source:
    """A publication the library is written from."""

    id: str = fld(Slug())
    title: str = fld(Text(300))
    publisher: Optional[str] = fld(Text(120), None)
    author: Optional[str] = fld(Text(200), None, doc="omit when the piece names no author")
    date: str = fld(Date(), doc="YYYY-MM-DD, or YYYY-MM / YYYY when approximate")
    date_approximate: bool = fld(Bool(), False, doc="true when the date is inferred from the text")
    date_note: Optional[str] = fld(Text(300), None, doc="how an approximate date was inferred")
    stance: str = fld(Text(200), doc="the position the piece argues")
    url: Optional[str] = fld(Url(), None)
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    def citation(self) -> str:
        """A one-line reference: author, title, publisher, date."""
        parts = []
        if self.author:
            parts.append(self.author)
        parts.append(f"\u201c{self.title}\u201d")
        if self.publisher:
            parts.append(self.publisher)
        parts.append(("c. " if self.date_approximate else "") + self.date)
        return ", ".join(parts)


@dataclass(frozen=True, kw_only=True)
class Event:
    """A dated event for the strategic-context timeline."""

    id: str = fld(Slug())
    date: str = fld(Date())
    title: str = fld(Text(120))
    summary: Optional[str] = fld(Text(600), None)
    source: str = fld(Ref("sources"))
    date_approximate: bool = fld(Bool(), False)
    tags: tuple = fld(ListOf(Text(40)), ())
    marking: Optional[str] = fld(Text(40), None, doc="its classification level; default: the briefing's")
    controls: tuple = fld(ListOf(Text(200)), (), doc="dissemination controls, e.g. NOFORN or REL TO USA, GBR")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


@dataclass(frozen=True, kw_only=True)
class Focus:
    """What a briefing covers (``include``) or leaves out (``exclude``): items of these kinds, with any of
    these tags, or with these ids."""

    kinds: tuple = fld(ListOf(Choice(*KINDS)), (), doc="threats, capabilities, options, risks")
    tags: tuple = fld(ListOf(Text(40)), (), doc="tags as items give them")
    ids: tuple = fld(ListOf(Slug()), (), doc="item ids")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    def matches(self, item: "Item") -> bool:
        """True if ``item`` is of one of the kinds, has one of the tags or one of the ids."""
        return item.kind in self.kinds or item.id in self.ids or any(t in self.tags for t in item.tags)


@dataclass(frozen=True, kw_only=True)
class Length:
    """How long the meeting slot is: ``minutes``, or the number of ``main_slides`` directly (one of the two)."""

    minutes: Optional[int] = fld(Int(3, 240), None, doc="the slot in minutes: about one main slide a minute")
    main_slides: Optional[int] = fld(Int(1, 200), None, doc="main-body slides after the title and BLUF")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


@dataclass(frozen=True, kw_only=True)
class MemoLength:
    """How long the memo is: ``pages: 1`` a one-page memo; 2 or 3 the full memo (its default length)."""

    pages: int = fld(Int(1, 3), doc="1: BLUF, key judgments, recommendation, decisions on one page")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


@dataclass(frozen=True, kw_only=True)
class CuiIndicator:
    """The CUI designation indicator of a briefing: printed on the title slide and the memo's first page of every
    output holding a portion at a level of the marking scheme that calls for it (CUI)."""

    controlled_by: tuple = fld(ListOf(Text(160), min_items=1), doc="who controls it: the agency, then the office")
    category: str = fld(Text(200), doc="the CUI categories, e.g. OPSEC")
    dissemination: str = fld(Text(200), doc="the limited dissemination control, e.g. FEDCON")
    poc: str = fld(Text(200), doc="point of contact: a name with a phone number or an email address")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    def lines(self) -> tuple[str, ...]:
        """The indicator's lines, as printed."""
        return tuple(f"Controlled by: {who}" for who in self.controlled_by) + (
            f"CUI Category: {self.category}", f"Distribution/Dissemination Control: {self.dissemination}",
            f"POC: {self.poc}")


@dataclass(frozen=True, kw_only=True)
class Briefing:
    """A briefing (one meeting): its metadata, the per-audience BLUF and recommendation, what it covers and
    how long it is.  content/briefing.yaml is the library's default briefing; briefings/NAME.yaml files
    override some of its fields (see :data:`BriefingOverride`)."""

    title: str = fld(Text(160))
    subtitle: Optional[str] = fld(Text(200), None)
    date: str = fld(DateOrToday(), doc="YYYY-MM-DD, or today (the day of the build)")
    classification: str = fld(Text(80), doc="banner text of the level of unmarked portions, e.g. UNCLASSIFIED")
    max_marking: Optional[str] = fld(Text(40), None, doc="the highest level a portion may carry; default: the "
                                                         "classification's")
    cui: Optional[CuiIndicator] = fld(Record(CuiIndicator), None, doc="the CUI designation indicator; required when "
                                                                      "a portion is at a level that calls for it")
    portion_marks: bool = fld(Bool(), False, doc="true: every paragraph, bullet, table row and caption starts with "
                                                 "its portion mark, e.g. (S//NF); every portion then needs its own "
                                                 "marking")
    organisation: str = fld(Text(160))
    memo_from: str = fld(Text(160), key="from")
    memo_for: str = fld(Text(200), key="for")
    subject: Optional[str] = fld(Text(200), None)
    author: Optional[str] = fld(Text(160), None)
    bluf: FrozenMap = fld(AudienceText, doc="bottom line up front, per audience")
    recommendation: FrozenMap = fld(AudienceText, doc="the recommendation, per audience")
    decisions: FrozenMap = fld(MapOf(ListOf(Text(300)), "audience"), FrozenMap(),
                               doc="decisions sought / next steps, per audience")
    audiences: tuple = fld(ListOf(Slug()), (), doc="audiences it is built for; empty: briefgen.yaml's")
    include: Optional[Focus] = fld(Record(Focus), None, doc="only items of these kinds, tags or ids")
    exclude: Optional[Focus] = fld(Record(Focus), None, doc="no items of these kinds, tags or ids")
    sections: Optional[tuple] = fld(ListOf(Choice(*SECTIONS)), None, doc="which sections, in which order")
    length: Optional[Length] = fld(Record(Length), None, doc="the slot: {minutes: N} or {main_slides: N}")
    memo: Optional[MemoLength] = fld(Record(MemoLength), None, doc="{pages: 1} for a one-page memo")
    agenda: bool = fld(Bool(), True, doc="an agenda slide after the BLUF")
    dividers: bool = fld(Bool(), True, doc="a divider slide before each section")
    backup: bool = fld(Bool(), True, doc="backup slides; false: listed in the last slide's notes")
    sources_slide: bool = fld(Bool(), True, key="sources", doc="a sources slide at the end")
    file_name: Optional[str] = fld(FileNamePattern(FILE_NAME_FIELDS), None, doc="output file name pattern")
    formats: Optional[tuple] = fld(ListOf(Text(20)), None, doc="the formats it is built in (names checked against "
                                   "the writers' list by whoever loads it); default: briefgen.yaml's")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


# A named briefing (briefings/NAME.yaml): any field of Briefing, the rest inherited from the library's.
BriefingOverride = all_optional(Briefing, "BriefingOverride")


SectionTitles = MapOf(Text(80), "section")
Ranking = MapOf(MapOf(Number(), "field"), "kind")


@dataclass(frozen=True, kw_only=True)
class AudienceSpec:
    """An audience profile as written in content/audiences/NAME.yaml (before ``extends`` is applied)."""

    label: str = fld(Text(80), doc="a human name, used in file properties and tools, never on slides")
    description: Optional[str] = fld(Text(400), None)
    extends: Optional[str] = fld(Slug(), None, doc="name of the profile this one inherits from")
    threshold: Optional[int] = fld(Int(1, 3), None, doc="minimum emphasis for the main body (lower goes to backup)")
    default_emphasis: Optional[int] = fld(Int(0, 3), None, doc="emphasis of items that give none for this audience")
    sections: Optional[tuple] = fld(ListOf(Choice(*SECTIONS)), None, doc="section order")
    section_titles: FrozenMap = fld(SectionTitles, FrozenMap())
    ranking: FrozenMap = fld(Ranking, FrozenMap(), doc="per kind: field -> weight of a linear score")
    max_main: Optional[int] = fld(Int(1, 20), None, doc="most items per section in the main body")
    recommend: Optional[int] = fld(Int(0, 10), None, doc="how many top-ranked options to recommend")
    charts: Optional[tuple] = fld(ListOf(Choice(*CHARTS)), None)
    pushback_from: Optional[tuple] = fld(ListOf(Slug()), None,
                                         doc="audiences whose framing the presenter should expect back")
    delivery: Optional[str] = fld(Text(400), None, doc="presenter guidance on tone, for the notes")
    file_label: Optional[str] = fld(Slug(), None, doc="what output file names say of this variant (not "
                                    "inherited); default: the audience's name")
    releasable_to: Optional[tuple] = fld(ListOf(Text(12), min_items=1), None,
                                         doc="country codes of the marking scheme: only portions releasable to "
                                             "every one of them reach this audience's outputs")
    quote_sources: Optional[tuple] = fld(ListOf(Slug()), None, doc="source ids whose words carry most weight "
                                         "with this room, most first: an item's quote from the first of them is "
                                         "the one its memo and notes lead with")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


@dataclass(frozen=True, kw_only=True)
class AudienceProfile:
    """A resolved audience: ``extends`` applied and defaults filled in."""

    name: str
    label: str
    description: str
    chain: tuple  # this profile's name, then its ancestors', nearest first
    threshold: int
    default_emphasis: int
    sections: tuple
    section_titles: FrozenMap
    ranking: FrozenMap
    max_main: int
    recommend: int
    charts: tuple
    pushback_from: tuple
    delivery: str
    loc: Loc = _NOLOC
    file_label: str = ""  # what output file names say of this variant; "" = the name
    releasable_to: tuple = ()  # country codes: only portions releasable to all of them are shown; () = no limit
    quote_sources: tuple = ()  # source ids whose quotes this room is given first, most first

    @property
    def label_in_file_names(self) -> str:
        """The ``{file_label}`` of output file names: the profile's own, else its name."""
        return self.file_label or self.name


@dataclass(frozen=True, kw_only=True)
class Library:
    """A whole, validated content library."""

    root: str
    briefing: Briefing
    sources: tuple
    events: tuple
    threats: tuple
    capabilities: tuple
    options: tuple
    risks: tuple
    audiences: FrozenMap  # name -> AudienceProfile
    files: tuple = ()  # every file read, relative to root
    vocabulary: Vocabulary = DEFAULT_VOCABULARY  # the words items use and how outputs show them
    images: FrozenMap = field(default_factory=FrozenMap)  # image path as written -> CheckedImage
    markings: Any = None  # the MarkingScheme it was checked against (None: the default, United States conventions)

    def items(self, kind: str) -> tuple:
        """The items of one kind (threats, capabilities, options, risks, sources, events)."""
        return getattr(self, kind)

    def all_items(self) -> tuple:
        """Every threat, capability, option and risk, in kind then library order."""
        return tuple(i for k in KINDS for i in getattr(self, k))

    def source(self, sid: str) -> Source:
        """The source with id ``sid``."""
        for s in self.sources:
            if s.id == sid:
                return s
        raise KeyError(sid)

    def item(self, iid: str) -> Item:
        """The threat, capability, option or risk with id ``iid``."""
        for i in self.all_items():
            if i.id == iid:
                return i
        raise KeyError(iid)
