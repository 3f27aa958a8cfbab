"""The vocabularies of a library: the words its items use and how outputs show them, declared in
``content/vocabulary.yaml``.

briefgen knows no topic.  The parties that own capabilities, the option categories, the capability domains
and statuses, the horizons, the words of the 1-5 rating scales and each scale's name, and the display names
of the item kinds are data of the library.  Items name a party, category, domain, status or horizon by its
``id``; :func:`check_terms` reports an id nobody declared (at the item's file:line:col, with a did-you-mean)
and, as a warning, a declared id nobody uses.

Parties, option categories and capability domains belong to a topic and have no defaults: a library whose
items use them declares them.  Statuses, horizons, rating words, scale names and kind names have generic
defaults (:data:`DEFAULT`), used for any section the file leaves out (or when there is no file).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Optional

from briefgen.errors import Loc
from briefgen.load.schema import (
    INVALID,
    Checker,
    Colour,
    Context,
    FrozenMap,
    ListOf,
    MapOf,
    Record,
    Text,
    convert,
    fld,
    suggest,
)
from briefgen.load.yamlsource import YMap, YNode, YScalar, YSeq

_NOLOC = Loc("<none>")
KINDS = ("threats", "capabilities", "options", "risks")  # load/model.py imports this list (model needs this module)
# The 1-5 rated fields of the content model: what a scale's name is given for.
SCALES = ("severity", "likelihood", "impact", "deterrence_value", "escalation_risk", "cost")
# Each vocabulary items use: its key in vocabulary.yaml -> (the word for one of its entries, the item field).
TERM_LISTS = {
    "parties": ("party", "capabilities.owner"),
    "option_categories": ("option category", "options.category"),
    "capability_domains": ("capability domain", "capabilities.domain"),
    "capability_statuses": ("capability status", "capabilities.status"),
    "horizons": ("horizon", "options.horizon"),
}


def capitalised(text: str) -> str:
    """``text`` with its first letter upper case and the rest as written: ``space and ISR`` -> ``Space and ISR``."""
    return text[:1].upper() + text[1:]


def in_sentence(text: str) -> str:
    """A label as it reads inside a sentence: ``Deterrence value`` -> ``deterrence value``; a word whose second
    letter is not lower case (``ISR``, ``EU forces``) stays as it is."""
    text = str(text)
    return text[:1].lower() + text[1:] if len(text) == 1 or len(text) > 1 and text[1].islower() else text


@dataclass(frozen=True, kw_only=True)
class Party:
    """A party that owns capabilities: a column of the capability matrix, named in the deck and the memo."""

    id: str = fld(Text(40), doc="what items write in owner:, and the memo's tag for the party")
    name: str = fld(Text(80), doc="the full name, e.g. on a capability's slide")
    short: Optional[str] = fld(Text(40), None, doc="a shorter name for chart columns (default: name)")
    colour: Optional[str] = fld(Colour(), None, doc="#RRGGBB: the party's column heading in the capability matrix")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    @property
    def short_name(self) -> str:
        """The name chart columns show."""
        return self.short or self.name


@dataclass(frozen=True, kw_only=True)
class Word:
    """An option category, capability domain or status: the id items write, and how outputs show it."""

    id: str = fld(Text(80), doc="what items write")
    label: Optional[str] = fld(Text(80), None, doc="how outputs show it (default: the id, first letter capitalised)")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    @property
    def shown(self) -> str:
        """The label, or the id with a capital first letter."""
        return self.label or capitalised(self.id)


class WordOrRecord(Checker):
    """A vocabulary entry written as a bare id (``strike``) or as a mapping (``{id: strike, label: Strike}``)."""

    def __init__(self, cls: type):
        self.cls = cls
        self.expected = "an id or an {id, label} mapping" if cls is Word else "an {id, name} mapping"
        self.plural = "ids or {id, label} mappings" if cls is Word else "{id, name} mappings"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if isinstance(node, YScalar) and self.cls is Word:
            value = Text(80)(node, path, ctx)
            return value if value is INVALID else Word(id=value, loc=node.loc)
        return convert(self.cls, node, path, ctx)


@dataclass(frozen=True, kw_only=True)
class Horizon:
    """An option's horizon: when it pays off."""

    id: str = fld(Text(40), doc="what items write in horizon:")
    label: str = fld(Text(40), doc="its name, e.g. Near")
    length: str = fld(Text(60), doc="how long, in words, e.g. Under 1 year")
    short_length: Optional[str] = fld(Text(30), None, doc="how long, briefly, e.g. < 1 yr (default: length)")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    @property
    def term(self) -> str:
        """The label with its length: ``Near (< 1 yr)``."""
        return f"{self.label} ({self.short_length or self.length})"


@dataclass(frozen=True, kw_only=True)
class Scale:
    """What a 1-5 rated field is called, and optionally its own words for 1 ... 5."""

    name: str = fld(Text(60), doc="e.g. Deterrence value")
    short: Optional[str] = fld(Text(40), None, doc="a shorter name for a slide's one-line summary (default: name)")
    words: Optional[tuple] = fld(ListOf(Text(40), 5, 5), None, doc="this scale's words for 1 ... 5")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


@dataclass(frozen=True, kw_only=True)
class KindName:
    """How outputs name an item kind."""

    plural: str = fld(Text(40), doc="e.g. Threats")
    singular: str = fld(Text(40), doc="e.g. Threat")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


DEFAULT_WORDS = ("Very low", "Low", "Moderate", "High", "Very high")
DEFAULT_SCALES = FrozenMap({
    "severity": Scale(name="Severity"), "likelihood": Scale(name="Likelihood"), "impact": Scale(name="Impact"),
    "deterrence_value": Scale(name="Deterrence value", short="Deterrence"),
    "escalation_risk": Scale(name="Escalation risk"), "cost": Scale(name="Cost")})
DEFAULT_KINDS = FrozenMap({
    "threats": KindName(plural="Threats", singular="Threat"),
    "capabilities": KindName(plural="Capabilities", singular="Capability"),
    "options": KindName(plural="Options", singular="Option"),
    "risks": KindName(plural="Risks", singular="Risk")})
DEFAULT_STATUSES = (Word(id="fielded"), Word(id="in development"), Word(id="planned"))
DEFAULT_HORIZONS = (Horizon(id="near", label="Near", length="Under 1 year", short_length="< 1 yr"),
                    Horizon(id="medium", label="Medium", length="1-3 years", short_length="1-3 yrs"),
                    Horizon(id="long", label="Long", length="Over 3 years", short_length="> 3 yrs"))


@dataclass(frozen=True, kw_only=True)
class Vocabulary:
    """Every vocabulary of a library, as ``vocabulary.yaml`` declares it (defaults for what it leaves out)."""

    parties: tuple = fld(ListOf(WordOrRecord(Party)), (), doc="who owns capabilities")
    option_categories: tuple = fld(ListOf(WordOrRecord(Word)), (), doc="what kind of option")
    capability_domains: tuple = fld(ListOf(WordOrRecord(Word)), (), doc="rows of the capability matrix")
    capability_statuses: tuple = fld(ListOf(WordOrRecord(Word)), DEFAULT_STATUSES,
                                     doc="most mature first: the first three get a filled, a diamond and an open "
                                         "marker")
    horizons: tuple = fld(ListOf(Record(Horizon)), DEFAULT_HORIZONS, doc="when an option pays off, soonest first")
    rating_words: tuple = fld(ListOf(Text(40), 5, 5), DEFAULT_WORDS, doc="the words for 1 ... 5")
    scales: FrozenMap = fld(MapOf(Record(Scale), "scale"), FrozenMap(), doc="per rated field: its name")
    kinds: FrozenMap = fld(MapOf(Record(KindName), "kind"), FrozenMap(), doc="per item kind: its names")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    def unlocated(self) -> Vocabulary:
        """The same words without their file positions (which depend on the working folder), for a view."""
        def bare(entry: Any) -> Any:
            return replace(entry, loc=_NOLOC, locs=FrozenMap())

        lists = {name: tuple(bare(e) for e in getattr(self, name)) for name in TERM_LISTS}
        return replace(self, scales=FrozenMap({k: bare(v) for k, v in self.scales.items()}),
                       kinds=FrozenMap({k: bare(v) for k, v in self.kinds.items()}), loc=_NOLOC, locs=FrozenMap(),
                       **lists)

    def ids(self, vocabulary: str) -> tuple:
        """The ids one vocabulary (a :data:`TERM_LISTS` key) declares, in order."""
        return tuple(e.id for e in getattr(self, vocabulary))

    def party(self, pid: str) -> Party:
        """The party ``pid`` (an undeclared one named by its id)."""
        return next((p for p in self.parties if p.id == pid), Party(id=pid, name=pid))

    def label(self, vocabulary: str, wid: str) -> str:
        """How outputs show ``wid`` of an option category, domain or status list (or a horizon's label)."""
        for entry in getattr(self, vocabulary):
            if entry.id == wid:
                return entry.label if isinstance(entry, Horizon) else entry.shown
        return capitalised(str(wid))

    def horizon(self, hid: str) -> Horizon:
        """The horizon ``hid`` (an undeclared one named by its id)."""
        return next((h for h in self.horizons if h.id == hid),
                    Horizon(id=hid, label=capitalised(str(hid)), length=capitalised(str(hid))))

    def scale(self, name: str) -> Scale:
        """The scale of the rated field ``name``: declared, else the default, else named after the field."""
        return self.scales.get(name) or DEFAULT_SCALES.get(name) or Scale(name=capitalised(name.replace("_", " ")))

    def word(self, value: Any, scale: str | None = None) -> str:
        """A 1-5 rating in words (the scale's own words if it has them); anything else as it is."""
        words = (self.scale(scale).words if scale else None) or self.rating_words
        return words[value - 1] if isinstance(value, int) and 1 <= value <= 5 else str(value)

    def kind(self, kind: str) -> KindName:
        """The names of an item kind."""
        return self.kinds.get(kind) or DEFAULT_KINDS[kind]


DEFAULT = Vocabulary()


def check_vocabulary(ctx: Context, node: YNode, path: str = "vocabulary") -> None:
    """Record an id declared twice in one list, and a scale or kind that does not exist.  Read from the YAML
    itself, so these are reported in the same run as the file's field errors."""
    entries = node.entries if isinstance(node, YMap) else {}
    for name in TERM_LISTS:
        seq = entries.get(name)
        seen: dict[str, Loc] = {}
        for i, item in enumerate(seq.items if isinstance(seq, YSeq) else ()):
            id_node = item.entries.get("id") if isinstance(item, YMap) else item
            if not isinstance(id_node, YScalar):
                continue
            wid = " ".join(id_node.raw.split())
            where = f"{path}.{name}[{i}]" + (".id" if isinstance(item, YMap) else "")
            if wid in seen:
                ctx.error(id_node.loc, where, f"duplicate id {wid!r} (first declared at {seen[wid]})")
            else:
                seen[wid] = id_node.loc
    for name, allowed in (("scales", SCALES), ("kinds", KINDS)):
        sub = entries.get(name)
        for key, loc in (sub.key_locs.items() if isinstance(sub, YMap) else ()):
            if key not in allowed:
                ctx.error(loc, f"{path}.{name}.{key}",
                          f"unknown {name[:-1]}{suggest(key, allowed)}; expected one of {', '.join(allowed)}")


def check_terms(ctx: Context, vocab: Vocabulary, declared: set[str], path: str = "vocabulary") -> None:
    """Record every word an item uses that its vocabulary does not declare (with a did-you-mean), and warn of
    every word ``vocabulary.yaml`` declares that no item uses.  ``declared``: the vocabularies the file lists
    (the others are defaults, whose unused words are no one's doing)."""
    used: dict[str, set[str]] = {name: set() for name in TERM_LISTS}
    in_file = set(declared)
    for name, value, loc, where in ctx.terms:
        used[name].add(value)
        ids = vocab.ids(name)
        if value in ids:
            continue
        declared.discard(name)  # a word of it is misspelt somewhere: "nobody uses X" would only add noise
        noun = TERM_LISTS[name][0]
        if not ids:
            ctx.error(loc, where, f"unknown {noun} {value!r}: the library declares no {name.replace('_', ' ')}; "
                                  f"list them under '{name}:' in vocabulary.yaml")
        elif name in in_file:
            ctx.error(loc, where, f"unknown {noun} {value!r}{suggest(value, ids)}; declared in vocabulary.yaml: "
                                  f"{', '.join(ids)}")
        else:
            ctx.error(loc, where, f"unknown {noun} {value!r}{suggest(value, ids)}; the built-in ones are "
                                  f"{', '.join(ids)}: declare your own under '{name}:' in vocabulary.yaml")
    for name in TERM_LISTS:
        if name not in declared:
            continue
        for i, entry in enumerate(getattr(vocab, name)):
            if entry.id not in used[name]:
                ctx.warn(entry.locs.get("id", entry.loc), f"{path}.{name}[{i}]",
                         f"{TERM_LISTS[name][0]} {entry.id!r} is declared but no item uses it "
                         f"({TERM_LISTS[name][1]}); remove it or use it")
