"""Hypothesis strategies for generated libraries and audience profiles (model objects built directly).

Audience names look like ``xq0``, ``xq1`` ... and labels like ``XQ Label 0``;
every generated text avoids the letters x and q, so a name or label can appear
in a BriefView only if tailoring puts it there.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import strategies as st

from briefgen.load.model import (
    CHARTS,
    KINDS,
    RANKABLE,
    SECTIONS,
    AudienceProfile,
    Briefing,
    Capability,
    Event,
    Library,
    Option,
    Point,
    Risk,
    Source,
    Threat,
)
from briefgen.load.schema import FrozenMap

TEXT = st.text(alphabet=st.characters(blacklist_characters="xXqQ", blacklist_categories=("Cs", "Cc")),
               min_size=1, max_size=24)
WEIGHTS = st.sampled_from([-2, -1, -0.5, 0, 0.25, 1, 2, 3])
OWNERS = ("A", "B", "alliance")  # generated libraries are on no topic: parties are letters
DATES = st.sampled_from(["2016", "2022-07", "2023-08-18", "2023-09", "2024-05", "2024-10-01"])


def audience_name(i: int) -> str:
    """The name of the i-th generated audience."""
    return f"xq{i}"


def audience_label(i: int) -> str:
    """The label of the i-th generated audience."""
    return f"XQ Label {i}"


def _subset(draw: Any, pool: list, strategy: st.SearchStrategy) -> FrozenMap:
    keys = draw(st.lists(st.sampled_from(pool), unique=True)) if pool else []
    return FrozenMap({k: draw(strategy) for k in keys})


@st.composite
def profiles(draw: Any) -> dict[str, AudienceProfile]:
    """1-4 resolved audience profiles; each may extend an earlier one."""
    n = draw(st.integers(1, 4))
    names = [audience_name(i) for i in range(n)]
    out: dict[str, AudienceProfile] = {}
    for i, name in enumerate(names):
        parent = draw(st.none() | st.sampled_from(names[:i])) if i else None
        chain = (name,) + (out[parent].chain if parent else ())
        ranking = {kind: FrozenMap({f: draw(WEIGHTS) for f in draw(st.lists(st.sampled_from(fields), unique=True))})
                   for kind, fields in RANKABLE.items() if fields and draw(st.booleans())}
        out[name] = AudienceProfile(
            name=name, label=audience_label(i), description="", chain=chain,
            threshold=draw(st.integers(1, 3)), default_emphasis=draw(st.integers(0, 3)),
            sections=tuple(draw(st.lists(st.sampled_from(SECTIONS), unique=True))),
            section_titles=FrozenMap({s: draw(TEXT) for s in SECTIONS}),
            ranking=FrozenMap(ranking), max_main=draw(st.integers(1, 5)), recommend=draw(st.integers(0, 4)),
            charts=tuple(draw(st.lists(st.sampled_from(CHARTS), unique=True))),
            pushback_from=tuple(draw(st.lists(st.sampled_from(names), unique=True))),
            # Presenter-only text may name the audience: the leak test must not look there.
            delivery=f"For {name} ({audience_label(i)}): " + draw(TEXT))
    return out


def _common(draw: Any, iid: str, names: list[str], source_ids: list[str]) -> dict[str, Any]:
    sid = st.sampled_from(source_ids) if source_ids else st.none()
    points = draw(st.lists(st.builds(Point, text=TEXT, source=st.none() | sid, quote=st.none() | TEXT), max_size=3))
    return dict(id=iid, title=draw(TEXT), summary=draw(TEXT), points=tuple(points),
                framing=_subset(draw, names, TEXT), emphasis=_subset(draw, names, st.integers(0, 3)),
                sources=tuple(draw(st.lists(sid, unique=True, max_size=2))) if source_ids else (),
                tags=tuple(draw(st.lists(TEXT, max_size=2))))


@st.composite
def libraries(draw: Any) -> Library:
    """A whole library: sources, events, items of every kind, a briefing and 1-4 audiences."""
    audiences = draw(profiles())
    names = list(audiences)
    n_src = draw(st.integers(0, 5))
    sources = tuple(Source(id=f"src-{i}", title=draw(TEXT), publisher=draw(st.none() | TEXT),
                           author=draw(st.none() | TEXT), date=draw(DATES), date_approximate=draw(st.booleans()),
                           stance=draw(TEXT)) for i in range(n_src))
    sids = [s.id for s in sources]
    events = tuple(Event(id=f"ev-{i}", date=draw(DATES), title=draw(TEXT), summary=draw(st.none() | TEXT),
                         source=draw(st.sampled_from(sids))) for i in range(draw(st.integers(0, 3)) if sids else 0))
    counts = {k: draw(st.integers(0, 6)) for k in KINDS}
    risk_ids = [f"r-{i}" for i in range(counts["risks"])]
    option_ids = [f"o-{i}" for i in range(counts["options"])]
    threats = tuple(Threat(**_common(draw, f"t-{i}", names, sids), actor=draw(TEXT), severity=draw(st.integers(1, 5)),
                           likelihood=draw(st.integers(1, 5)), trend=draw(st.sampled_from(["rising", "steady",
                                                                                            "falling"])))
                    for i in range(counts["threats"]))
    capabilities = tuple(Capability(**_common(draw, f"c-{i}", names, sids), owner=draw(st.sampled_from(OWNERS)),
                                    domain=draw(TEXT), status=draw(st.sampled_from(["fielded", "planned",
                                                                                    "in development"])))
                         for i in range(counts["capabilities"]))
    options = tuple(Option(**_common(draw, oid, names, sids),
                           category=draw(st.sampled_from(["military", "diplomatic", "economic"])),
                           stance=draw(st.integers(-2, 2)), deterrence_value=draw(st.integers(1, 5)),
                           escalation_risk=draw(st.integers(1, 5)), cost=draw(st.integers(1, 5)),
                           horizon=draw(st.sampled_from(["near", "medium", "long"])),
                           mitigates=tuple(draw(st.lists(st.sampled_from(risk_ids), unique=True))) if risk_ids else (),
                           aggravates=tuple(draw(st.lists(st.sampled_from(risk_ids), unique=True))) if risk_ids else ())
                    for oid in option_ids)
    risks = tuple(Risk(**_common(draw, rid, names, sids), likelihood=draw(st.integers(1, 5)),
                       impact=draw(st.integers(1, 5)), indicators=tuple(draw(st.lists(TEXT, max_size=2))),
                       mitigations=tuple(draw(st.lists(st.sampled_from(option_ids), unique=True))) if option_ids else ())
                  for rid in risk_ids)
    briefing = Briefing(title=draw(TEXT), date="2024-11-01", classification="UNCLASSIFIED", organisation=draw(TEXT),
                        memo_from=draw(TEXT), memo_for=draw(TEXT), subject=draw(st.none() | TEXT),
                        bluf=_subset(draw, names, TEXT), recommendation=_subset(draw, names, TEXT),
                        decisions=_subset(draw, names, st.lists(TEXT, max_size=2).map(tuple)))
    return Library(root="generated", briefing=briefing, sources=sources, events=events, threats=threats,
                   capabilities=capabilities, options=options, risks=risks, audiences=FrozenMap(audiences))


# Test oracles, written from the README's rules (not from briefgen/tailor/tailor.py) and in another form.

def inherited(mapping: dict, profile: AudienceProfile) -> Any:
    """Test oracle: "an audience without its own entry uses the nearest profile it extends".

    Walks the chain from the farthest ancestor to the profile itself, each nearer entry replacing the one
    before; None when no profile in the chain has an entry."""
    value = None
    for name in reversed(profile.chain):
        value = mapping.get(name, value)
    return value


def expected_emphasis(item: Any, profile: AudienceProfile) -> int:
    """Test oracle: the emphasis the item gives this audience or its nearest ancestor, else the profile's
    ``default_emphasis`` ("emphasis of items that give none for this audience (or its ancestors)")."""
    given = [item.emphasis[name] for name in profile.chain if name in item.emphasis]
    return (given + [profile.default_emphasis])[0]


def expected_score(item: Any, profile: AudienceProfile) -> float:
    """Test oracle: "per kind, a linear score": each rankable field of the item's kind times its weight
    (a field the profile does not weigh counts 0)."""
    weights = profile.ranking.get(item.kind, {})
    total = 0.0
    for field in RANKABLE[item.kind]:
        total += weights.get(field, 0) * getattr(item, field)
    return total


@st.composite
def briefings_for(draw: Any, lib: Library) -> Briefing:
    """A briefing over ``lib``'s own: maybe a focus (kinds, tags, ids of its items), an order of sections, a
    length in minutes or main slides, and any of the agenda, dividers, backup and sources slides off."""
    from briefgen.load.model import Focus, Length

    items = lib.all_items()
    tags = sorted({t for i in items for t in i.tags})

    def focus() -> Any:
        kinds = tuple(draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=2)))
        tagged = tuple(draw(st.lists(st.sampled_from(tags), unique=True, max_size=2))) if tags else ()
        ids = tuple(draw(st.lists(st.sampled_from([i.id for i in items]), unique=True, max_size=3))) if items else ()
        return Focus(kinds=kinds, tags=tagged, ids=ids) if kinds or tagged or ids else None

    length = draw(st.none() | st.builds(lambda m: Length(minutes=m), st.integers(3, 40))
                  | st.builds(lambda n: Length(main_slides=n), st.integers(1, 30)))
    return replace(lib.briefing, include=focus() if draw(st.booleans()) else None,
                   exclude=focus() if draw(st.booleans()) else None,
                   sections=draw(st.none() | st.lists(st.sampled_from(SECTIONS), unique=True).map(tuple)),
                   length=length, agenda=draw(st.booleans()), dividers=draw(st.booleans()),
                   backup=draw(st.booleans()), sources_slide=draw(st.booleans()))


def in_focus(item: Any, briefing: Briefing) -> bool:
    """Test oracle, from the README: "only items matching `include` (any one of its kinds, tags or ids
    matches), then no item matching `exclude`"."""
    def matches(focus: Any) -> bool:
        return item.kind in focus.kinds or item.id in focus.ids or bool(set(item.tags) & set(focus.tags))

    return (briefing.include is None or matches(briefing.include)) and \
        (briefing.exclude is None or not matches(briefing.exclude))


# Libraries with random markings (README, "Markings"): every text a portion shows is a token of its own, so an
# output can be searched for what it must not contain.

MARKED_SCHEME_COUNTRIES = ("USA", "AUS", "CAN", "GBR", "NZL", "JPN", "KOR")
MARKED_LEVELS = ("UNCLASSIFIED", "CUI", "CONFIDENTIAL", "SECRET", "TOP SECRET")
PICTURE = "map.png"  # the picture generated items may show: the test puts it in the library's folder


@st.composite
def _marking(draw: Any) -> dict[str, Any]:
    """A portion's ``marking`` (None: the briefing's) and ``controls``: maybe NOFORN, maybe a REL TO list."""
    controls = []
    if draw(st.integers(0, 4)) == 0:
        controls.append("NOFORN")
    if draw(st.booleans()):
        codes = draw(st.lists(st.sampled_from(MARKED_SCHEME_COUNTRIES), unique=True, min_size=1))
        controls.append("REL TO " + ", ".join(codes))
    return {"marking": draw(st.none() | st.sampled_from(MARKED_LEVELS)), "controls": tuple(controls)}


def _tokens() -> Any:
    """A function giving a new token at each call: ``Wvk0j``, ``Wvk1j`` ... (no token is part of another)."""
    count = iter(range(10 ** 9))
    return lambda: f"Wvk{next(count)}j"


@st.composite
def marked_libraries(draw: Any) -> tuple[Library, str]:
    """A generated library whose items, facts, quotes, pictures and events carry random markings under the default
    scheme (with JPN and KOR among its countries) and whose every shown text is a token of its own; and the name
    of one of its audiences, given a random ``releasable_to``."""
    from briefgen.load.markings import US_SCHEME
    from briefgen.load.model import CuiIndicator, ItemImage

    lib = draw(libraries())
    token = _tokens()
    sources = tuple(replace(s, title=token(), stance=token(), publisher=None, author=None) for s in lib.sources)
    sids = [s.id for s in sources]

    def point(p: Point) -> Point:
        mark, quote_mark = draw(_marking()), draw(_marking())
        return replace(p, text=token(), quote=token() if p.quote is not None else None, **mark,
                       quote_marking=quote_mark["marking"], quote_controls=quote_mark["controls"])

    def item(i: Any) -> Any:
        extra = {"actor": token()} if i.kind == "threats" else {}
        if i.kind == "risks":
            extra["indicators"] = tuple(token() for _ in i.indicators)
        image = None
        if draw(st.booleans()):
            image = ItemImage(path=PICTURE, alt=token(), caption=token(),
                              source=draw(st.none() | st.sampled_from(sids)) if sids else None, **draw(_marking()))
        return replace(i, title=token(), summary=token(), framing=FrozenMap({a: token() for a in i.framing}),
                       points=tuple(point(p) for p in i.points), image=image, **draw(_marking()), **extra)

    kinds = {k: tuple(item(i) for i in lib.items(k)) for k in KINDS}
    events = tuple(replace(e, title=token(), summary=token() if e.summary else None, **draw(_marking()))
                   for e in lib.events)
    name = draw(st.sampled_from(sorted(lib.audiences)))
    countries = tuple(draw(st.lists(st.sampled_from(MARKED_SCHEME_COUNTRIES), unique=True, min_size=1, max_size=3)))
    audiences = dict(lib.audiences, **{name: replace(lib.audiences[name], releasable_to=countries)})
    scheme = replace(US_SCHEME, countries=MARKED_SCHEME_COUNTRIES)
    # The briefing's and the profiles' own words as tokens too (not portions: never withheld), so that no
    # generated text is blank where a deck needs a word.
    per_audience = {a: token() for a in lib.audiences}
    audiences = {a: replace(p, section_titles=FrozenMap({k: token() for k in p.section_titles}), delivery=token())
                 for a, p in audiences.items()}
    briefing = replace(lib.briefing, title=token(), organisation=token(), memo_from=token(), memo_for=token(),
                       subject=None, bluf=FrozenMap(per_audience), recommendation=FrozenMap(per_audience),
                       decisions=FrozenMap({a: (token(),) for a in lib.audiences}), max_marking="TOP SECRET",
                       cui=CuiIndicator(controlled_by=("Agency A", "Office B"), category="OPSEC", dissemination="FEDCON",
                                        poc="Analyst C, 555-0100"))
    return replace(lib, sources=sources, events=events, audiences=FrozenMap(audiences), markings=scheme,
                   briefing=briefing, **kinds), name


def released_by_the_rules(portion: Any, countries: tuple, marking: str = "marking", controls: str = "controls") -> bool:
    """Test oracle, from the README's rules: a portion reaches an audience releasable to ``countries`` when it
    carries no NOFORN, every REL TO it carries names each of them, and, above UNCLASSIFIED (an unmarked portion is
    at the generated briefing's UNCLASSIFIED), it carries a REL TO."""
    level = getattr(portion, marking) or "UNCLASSIFIED"
    given = getattr(portion, controls)
    if "NOFORN" in given:
        return False
    releases = [set(c.removeprefix("REL TO ").split(", ")) for c in given if c.startswith("REL TO ")]
    if any(not set(countries) <= named for named in releases):
        return False
    return level == "UNCLASSIFIED" or bool(releases)


def withheld_texts(lib: Library, countries: tuple) -> set[str]:
    """Test oracle: every token of ``lib`` (from :func:`marked_libraries`) that an audience releasable to
    ``countries`` must never be shown: the texts of withheld items, facts, quotes, pictures and events, and of
    the sources nothing released cites."""
    out: set[str] = set()
    cited: set[str] = set()
    for item in lib.all_items():
        texts = [item.title, item.summary, *item.framing.values(), *getattr(item, "indicators", ())]
        texts += [getattr(item, "actor", "")] if item.kind == "threats" else []
        shown = released_by_the_rules(item, countries)
        if not shown:
            out.update(texts)
        else:
            cited.update(item.sources)
        for p in item.points:
            fact = shown and released_by_the_rules(p, countries)
            out.update([p.text] if not fact else [])
            cited.update([p.source] if fact and p.source else [])
            if p.quote is not None and not (fact and released_by_the_rules(p, countries, "quote_marking",
                                                                            "quote_controls")):
                out.add(p.quote)
        if item.image is not None:
            picture = shown and released_by_the_rules(item.image, countries)
            out.update([] if picture else [item.image.alt, item.image.caption])
            cited.update([item.image.source] if picture and item.image.source else [])
    for event in lib.events:
        if released_by_the_rules(event, countries):
            cited.add(event.source)
        else:
            out.update(t for t in (event.title, event.summary) if t)
    for source in lib.sources:
        if source.id not in cited:
            out.update((source.title, source.stance))
    return out
