"""The marking scheme: classification levels and dissemination controls, as data.

A project may declare its organisation's scheme in ``briefgen.yaml`` under
``markings:``; without one, :data:`US_SCHEME` applies (README, "Markings").
Levels are listed lowest first; each has a name (what content writes in
``marking:``), banner text, portion abbreviation and banner colours.
Dissemination controls (``NOFORN``, ``REL TO``) are written in content's
``controls:`` lists; a control declared with ``countries: true`` is followed by
country codes the scheme declares (``REL TO USA, GBR``).

:func:`check_scheme` records what the declarative schema cannot see (names
given twice, a control excluding an undeclared one); :func:`check_markings`
checks every marking and control the content carries against the scheme.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from briefgen.errors import Loc
from briefgen.load.schema import Bool, Checker, Context, FrozenMap, ListOf, Record, Text, fld, suggest
from briefgen.load.yamlsource import YNode, YScalar

_NOLOC = Loc("<defaults>")
_HEX = re.compile(r"[0-9A-Fa-f]{6}")


class HexColour(Checker):
    """A colour as six hex digits, e.g. ``C8102E`` (quote it in YAML when it is all digits)."""

    expected = "a colour as six hex digits, e.g. \"C8102E\""

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        raw = node.raw.strip().removeprefix("#") if isinstance(node, YScalar) else ""
        if not _HEX.fullmatch(raw):
            return self.fail(node, path, ctx)
        return raw.upper()


@dataclass(frozen=True, kw_only=True)
class Level:
    """One classification level of a scheme."""

    name: str = fld(Text(40), doc="what content writes in marking:, e.g. SECRET")
    banner: Optional[str] = fld(Text(80), None, doc="the banner text; default: the name")
    portion: str = fld(Text(12), doc="the portion abbreviation without parentheses, e.g. S")
    colour: str = fld(HexColour(), doc="banner fill colour")
    text_colour: str = fld(HexColour(), "FFFFFF", doc="banner text colour")
    indicator: bool = fld(Bool(), False, doc="true: an output holding a portion at this level carries the "
                                             "briefing's designation indicator (cui:)")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    @property
    def banner_text(self) -> str:
        """The text of a banner at this level (before any controls)."""
        return self.banner or self.name


@dataclass(frozen=True, kw_only=True)
class Control:
    """A dissemination control, e.g. NOFORN, or REL TO followed by country codes."""

    name: str = fld(Text(40), doc="as content writes it in controls:, e.g. NOFORN")
    portion: Optional[str] = fld(Text(12), None, doc="its abbreviation in portion marks, e.g. NF; default: name")
    countries: bool = fld(Bool(), False, doc="true: followed by country codes of the scheme (REL TO USA, GBR)")
    excludes: tuple = fld(ListOf(Text(40)), (), doc="controls this one removes from a banner (NOFORN: REL TO)")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)


@dataclass(frozen=True, kw_only=True)
class MarkingScheme:
    """A project's marking scheme: levels lowest first, dissemination controls, the country codes."""

    levels: tuple = fld(ListOf(Record(Level), min_items=1), doc="classification levels, lowest first")
    controls: tuple = fld(ListOf(Record(Control)), (), doc="dissemination controls, in banner order")
    countries: tuple = fld(ListOf(Text(12)), (), doc="country codes controls such as REL TO may name")
    release_up_to: Optional[str] = fld(Text(40), None, doc="the highest level an audience with releasable_to may "
                                                           "see, whatever the controls; default: any level")
    loc: Loc = _NOLOC
    locs: FrozenMap = field(default_factory=FrozenMap)

    def level(self, name: str) -> Level | None:
        """The level called ``name``, or None."""
        return next((lv for lv in self.levels if lv.name == name), None)

    def level_by_banner(self, text: str) -> Level | None:
        """The level whose banner text is ``text`` (a briefing's ``classification``), or None."""
        return next((lv for lv in self.levels if lv.banner_text == text), None)

    def rank(self, level: Level) -> int:
        """The position of ``level``, lowest 0."""
        return self.levels.index(level)

    def control(self, name: str) -> Control | None:
        """The control called ``name``, or None."""
        return next((c for c in self.controls if c.name == name), None)


def _us_level(name: str, portion: str, colour: str, text_colour: str = "FFFFFF", indicator: bool = False) -> Level:
    return Level(name=name, portion=portion, colour=colour, text_colour=text_colour, indicator=indicator)


# The default for United States use (README, "Markings"): the colours of the banner conventions in common use.
US_SCHEME = MarkingScheme(
    levels=(_us_level("UNCLASSIFIED", "U", "007A33"), _us_level("CUI", "CUI", "502B85", indicator=True),
            _us_level("CONFIDENTIAL", "C", "0033A0"), _us_level("SECRET", "S", "C8102E"),
            _us_level("TOP SECRET", "TS", "FF8C00", "000000")),
    controls=(Control(name="NOFORN", portion="NF", excludes=("REL TO",)), Control(name="REL TO", countries=True)),
    countries=("USA", "AUS", "CAN", "GBR", "NZL"))


def entry_loc(owner: Any, list_field: str, index: int) -> Loc:
    """Where entry ``index`` of ``owner``'s list field ``list_field`` is written (the list's position, or the
    owner's, when the entry's is not known: a record built in code)."""
    return owner.locs.get(f"{list_field}[{index}]", owner.locs.get(list_field, owner.loc))


def check_scheme(ctx: Context, scheme: MarkingScheme, path: str = "markings") -> None:
    """Record in ``ctx`` what makes ``scheme`` unusable beyond its fields: a level name, banner or portion, a
    control name or a country code given twice, a control excluding one the scheme does not declare,
    a ``release_up_to`` that is no level of the scheme."""
    levels = list(enumerate(scheme.levels))
    for what, values in (
            ("level name", [(lv.name, lv.locs.get("name", lv.loc), f"levels[{i}].name") for i, lv in levels]),
            ("banner", [(lv.banner_text, lv.locs.get("banner", lv.loc), f"levels[{i}].banner") for i, lv in levels]),
            ("portion abbreviation", [(lv.portion, lv.locs.get("portion", lv.loc), f"levels[{i}].portion")
                                      for i, lv in levels]),
            ("control name", [(c.name, c.locs.get("name", c.loc), f"controls[{i}].name")
                              for i, c in enumerate(scheme.controls)]),
            ("country code", [(c, entry_loc(scheme, "countries", i), f"countries[{i}]")
                              for i, c in enumerate(scheme.countries)])):
        seen: set[str] = set()
        for value, loc, sub in values:
            if value in seen:
                ctx.error(loc, f"{path}.{sub}", f"{what} {value!r} given twice; expected each once")
            seen.add(value)
    if scheme.release_up_to is not None and scheme.level(scheme.release_up_to) is None:
        levels = [lv.name for lv in scheme.levels]
        ctx.error(scheme.locs.get("release_up_to", scheme.loc), f"{path}.release_up_to",
                  f"unknown level {scheme.release_up_to!r}{suggest(scheme.release_up_to, levels)}; levels are: "
                  f"{', '.join(levels)}")
    names = [c.name for c in scheme.controls]
    for i, control in enumerate(scheme.controls):
        for j, other in enumerate(control.excludes):
            if other not in names:
                ctx.error(entry_loc(control, "excludes", j), f"{path}.controls[{i}].excludes[{j}]",
                          f"unknown control {other!r}{suggest(other, names)}; controls are: {', '.join(names)}")


@dataclass(frozen=True)
class Marking:
    """A portion's marking resolved against a scheme: its level and its controls as (name, countries) pairs."""

    level: Level
    controls: tuple = ()  # of (control name, tuple of country codes; () for a control without countries)


def parse_control(scheme: MarkingScheme, text: str) -> tuple[str, tuple] | str:
    """``text`` as written in ``controls:`` (``NOFORN``, ``REL TO USA, GBR``) as (name, countries), or the
    message saying why the scheme refuses it."""
    names = [c.name for c in scheme.controls]
    control = scheme.control(text)
    if control is not None and not control.countries:
        return control.name, ()
    for c in scheme.controls:
        if c.countries and (text == c.name or text.startswith(c.name + " ")):
            codes = tuple(code.strip() for code in text[len(c.name):].split(",") if code.strip())
            if not codes:
                return f"expected country codes after {c.name!r}, e.g. {c.name} {', '.join(scheme.countries[:2])}"
            unknown = [code for code in codes if code not in scheme.countries]
            if unknown:
                return f"unknown country code {unknown[0]!r} in {text!r}{suggest(unknown[0], scheme.countries)}; " \
                       f"the scheme declares: {', '.join(scheme.countries) or 'none'}"
            return c.name, codes
    if not names:
        return f"unknown control {text!r}: the marking scheme declares no controls"
    return f"unknown control {text!r}{suggest(text.split(' ')[0] if ' ' in text else text, names)}; " \
           f"controls are: {', '.join(names)}"


# The parts of the content that are portions: (owner, marking field, controls field, label for messages).
def portions_of(item: Any, path: str) -> Iterable[tuple[Any, str, str, str]]:
    """Each portion of a threat, capability, option, risk or event with the fields of its marking: the item
    itself, each point (fact), each point's quote and the picture."""
    yield item, "marking", "controls", path
    for i, point in enumerate(getattr(item, "points", ())):
        yield point, "marking", "controls", f"{path}.points[{i}]"
        if point.quote is not None:
            yield point, "quote_marking", "quote_controls", f"{path}.points[{i}]"
    image = getattr(item, "image", None)
    if image is not None:
        yield image, "marking", "controls", f"{path}.image"


class MarkingChecker:
    """Checks every portion's marking and controls against a scheme and a briefing's default and maximum,
    recording each problem in a Context; :meth:`resolve` gives a portion's :class:`Marking`."""

    def __init__(self, ctx: Context, scheme: MarkingScheme, briefing: Any, path: str = "briefing"):
        self.ctx, self.scheme, self.owner = ctx, scheme, path
        self.default = self._briefing_level(briefing, "classification", path, by_banner=True)
        top = self._briefing_level(briefing, "max_marking", path) if getattr(briefing, "max_marking", None) \
            else self.default
        self.maximum = top if top is not None else self.default

    def _briefing_level(self, briefing: Any, name: str, path: str, by_banner: bool = False) -> Level | None:
        value = getattr(briefing, name)
        found = self.scheme.level_by_banner(value) if by_banner else self.scheme.level(value)
        if found is None:
            choices = [lv.banner_text if by_banner else lv.name for lv in self.scheme.levels]
            self.ctx.error(briefing.locs.get(name, briefing.loc), f"{path}.{name}",
                           f"expected one of the marking scheme's {'banners' if by_banner else 'levels'} "
                           f"{', '.join(choices)}, got {value!r}{suggest(value, choices)}")
        return found

    def check(self, owner: Any, marking_field: str, controls_field: str, path: str) -> None:
        """Record every problem of one portion's marking and controls."""
        name = getattr(owner, marking_field)
        loc = owner.locs.get(marking_field, owner.loc)
        if name is not None:
            level = self.scheme.level(name)
            levels = [lv.name for lv in self.scheme.levels]
            if level is None:
                self.ctx.error(loc, f"{path}.{marking_field}", f"unknown marking {name!r}{suggest(name, levels)}; "
                                                               f"levels are: {', '.join(levels)}")
            elif self.maximum is not None and self.scheme.rank(level) > self.scheme.rank(self.maximum):
                self.ctx.error(loc, f"{path}.{marking_field}",
                               f"marking {name!r} is above the maximum of {self.owner}, {self.maximum.name!r}: raise "
                               f"its max_marking or remove this portion")
        for i, text in enumerate(getattr(owner, controls_field)):
            parsed = parse_control(self.scheme, text)
            if isinstance(parsed, str):
                self.ctx.error(entry_loc(owner, controls_field, i), f"{path}.{controls_field}[{i}]", parsed)

    def resolve(self, owner: Any, marking_field: str = "marking", controls_field: str = "controls") -> Marking:
        """The marking of a checked portion: its own level, else the briefing's default."""
        name = getattr(owner, marking_field)
        level = self.scheme.level(name) if name is not None else self.default
        controls = tuple(p for p in (parse_control(self.scheme, t) for t in getattr(owner, controls_field))
                         if not isinstance(p, str))
        return Marking(level or self.scheme.levels[0], controls)


def check_markings(ctx: Context, scheme: MarkingScheme, briefing: Any, lists: dict[str, Any],
                   paths: dict[int, str], path: str = "briefing") -> None:
    """Record in ``ctx`` every marking problem of the library: the briefing's classification and max_marking
    not levels of ``scheme``; an unknown level, an unknown control, a country the scheme does not declare,
    or a portion above the briefing's maximum, on any item, fact, quote, picture or event; a portion (or the
    briefing's classification) at a level that calls for the designation indicator without the briefing's ``cui``."""
    checker = MarkingChecker(ctx, scheme, briefing, path)
    default = checker.default
    needs_indicator = [(f"{path}.classification", default.name)] if default is not None and default.indicator else []
    for kind, items in lists.items():
        if kind == "sources":
            continue
        for i, item in enumerate(items):
            for owner, mfield, cfield, where in portions_of(item, paths.get(id(item), f"{kind}[{i}]")):
                checker.check(owner, mfield, cfield, where)
                if getattr(briefing, "portion_marks", False) and getattr(owner, mfield) is None:
                    ctx.error(owner.loc, f"{where}.{mfield}", unmarked_message(mfield, checker.default))
                level = scheme.level(getattr(owner, mfield) or "")
                allowed = checker.maximum is None or level is not None and scheme.rank(level) <= scheme.rank(
                    checker.maximum)  # a portion above the maximum is reported as such
                if level is not None and level.indicator and allowed:
                    needs_indicator.append((f"{where}.{mfield}", level.name))
    if needs_indicator and getattr(briefing, "cui", None) is None:
        where, name = needs_indicator[0]
        ctx.error(briefing.loc, f"{path}.cui", f"missing: {where} is {name}, which calls for the "
                  f"designation indicator: add cui: {{controlled_by: [AGENCY, OFFICE], category: ..., "
                  f"dissemination: ..., poc: ...}}")


def unmarked_message(marking_field: str, default: Level | None) -> str:
    """What an unmarked portion is told when its briefing turns portion marks on: all or nothing."""
    example = default.name if default is not None else "LEVEL"
    return f"expected a marking: the briefing turns portion marks on (portion_marks: true), so every item, " \
           f"fact, quote, picture and event gives its own (the briefing's classification does not count); " \
           f"add {marking_field}: {example}, or turn portion marks off"


def check_releasable_to(ctx: Context, scheme: MarkingScheme, specs: dict[str, Any]) -> None:
    """Record each country of an audience profile's ``releasable_to`` that ``scheme`` does not declare, at that
    entry, with a near miss suggested."""
    for name, spec in specs.items():
        for i, code in enumerate(spec.releasable_to or ()):
            if code not in scheme.countries:
                ctx.error(entry_loc(spec, "releasable_to", i), f"audiences.{name}.releasable_to[{i}]",
                          f"unknown country code {code!r}{suggest(code, scheme.countries)}; the marking scheme "
                          f"declares: {', '.join(scheme.countries) or 'none'}")
