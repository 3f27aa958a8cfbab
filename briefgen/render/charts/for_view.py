"""Chart specs from a BriefView: one spec per chart hint, in the audience's order.

``chart_specs(view)`` turns each ``view.charts`` hint into a :class:`ChartSpec`
holding the data that chart needs (main-body items, then backup items marked
as such), the hint's highlight ids, a neutral title and alt text written from
the data.  A chart with no data is skipped.  Pure; no matplotlib.
"""
from __future__ import annotations

from typing import Any, Callable

from briefgen.errors import BuildError
from briefgen.render.charts import alt
from briefgen.render.deck.markings import chart_mark
from briefgen.render.charts.spec import ChartPoint, ChartSpec, ChartTheme, is_number
from briefgen.load.vocabulary import KINDS, SCALES, in_sentence
from briefgen.tailor.view import BriefView, ChartHint, ViewItem

MAX_EVENTS = 20  # on a full slide; smaller charts show fewer (see _event_limit)


def alt_words(view: BriefView) -> dict[str, str]:
    """The words alt text names kinds and scales with (see :data:`briefgen.render.charts.alt.WORDS`), from the
    library's vocabulary, as they read mid-sentence."""
    v = view.vocabulary
    words = {k: in_sentence(v.kind(k).plural) for k in KINDS}
    words.update({s: in_sentence(v.scale(s).name) for s in SCALES})
    words["option"] = in_sentence(v.kind("options").singular)
    words["deterrence_value_short"] = in_sentence(v.scale("deterrence_value").short or v.scale("deterrence_value").name)
    return words


def chart_title(view: BriefView, kind: str) -> str:
    """A chart's neutral title, in the library's words (kind and scale names from its vocabulary), after the
    portion mark of the data it draws when the briefing turns portion marks on."""
    v = view.vocabulary

    def scale(name: str) -> str:
        return in_sentence(v.scale(name).name)

    titles = {
        "timeline": "Strategic context timeline",
        "threat_overview": f"{v.kind('threats').plural} by {scale('severity')} and {scale('likelihood')}",
        "capability_matrix": f"{v.kind('capabilities').plural} by owner and domain",
        "options_map": f"Policy {in_sentence(v.kind('options').plural)}: {scale('deterrence_value')} against "
                       f"{scale('escalation_risk')}",
        "risk_heatmap": f"{v.kind('risks').plural} by {scale('likelihood')} and {scale('impact')}",
    }
    return f"{chart_mark(view, kind)} {titles[kind]}" if view.portion_marks and view.portions else titles[kind]


def chart_specs(view: BriefView, theme: ChartTheme | None = None,
                size: tuple[float, float] = (10.0, 4.8)) -> list[ChartSpec]:
    """One ChartSpec per ``view.charts`` hint, in that order; charts whose data is empty are left out."""
    theme = theme or ChartTheme()
    out = []
    for hint in view.charts:
        build = _BUILDERS.get(hint.kind)
        if build is None:
            raise BuildError(f"chart: unknown kind {hint.kind!r}")
        spec = build(view, hint, theme, tuple(size))
        if spec is not None:
            out.append(spec)
    return out


def _items(view: BriefView, kind: str) -> list[ViewItem]:
    section = view.section(kind)
    main = list(section.items) if section else []
    return main + [i for i in view.backup if i.kind == kind]


def _number(item: ViewItem, name: str) -> Any:
    value = item.attr(name)
    if not is_number(value):
        raise BuildError(f"chart: {item.kind} {item.id!r}: {name}: expected a number, got {value!r}")
    return value


def _point(item: ViewItem, x: Any, y: Any, group: str = "") -> ChartPoint:
    return ChartPoint(id=item.id, label=item.title, x=x, y=y, group=group, role=item.role)


def _highlight(hint: ChartHint, points: list[ChartPoint]) -> tuple:
    present = {p.id for p in points}
    return tuple(i for i in hint.highlight if i in present)


def timeline_events(view: BriefView, size: tuple = (10.0, 4.8)) -> list:
    """The events a timeline chart of ``size`` (inches) shows: the most recent it can label, oldest first."""
    return list(view.events)[-_event_limit(tuple(size)):]  # the view sorts events by date


def _timeline(view: BriefView, hint: ChartHint, theme: ChartTheme, size: tuple) -> ChartSpec | None:
    events = list(view.events)
    if not events:
        return None
    shown = timeline_events(view, size)
    points = [ChartPoint(id=e.id, label=e.title, x=e.date, approximate=e.approximate) for e in shown]
    return ChartSpec(kind="timeline", title=chart_title(view, "timeline"),
                     alt_text=alt.timeline(points, len(events) - len(shown)),
                     points=tuple(points), highlight=_highlight(hint, points), x_label="Date", theme=theme, size=size)


def _event_limit(size: tuple) -> int:
    """How many events a timeline of this size can label legibly: about two per inch of width, fewer when short."""
    width, height = size
    return max(5, min(MAX_EVENTS, int(2 * width * min(1.0, height / 4.5))))


def _threats(view: BriefView, hint: ChartHint, theme: ChartTheme, size: tuple) -> ChartSpec | None:
    points = [_point(i, _number(i, "severity"), _number(i, "likelihood")) for i in _items(view, "threats")]
    if not points:
        return None
    hl = _highlight(hint, points)
    v = view.vocabulary
    return ChartSpec(kind="threat_overview", title=chart_title(view, "threat_overview"),
                     alt_text=alt.threat_overview(points, hl, alt_words(view)), points=tuple(points), highlight=hl,
                     x_label=v.scale("severity").name, y_label=v.scale("likelihood").name, theme=theme, size=size,
                     labels=(("threats", v.kind("threats").plural),))


def _capabilities(view: BriefView, hint: ChartHint, theme: ChartTheme, size: tuple) -> ChartSpec | None:
    items = _items(view, "capabilities")
    if not items:
        return None
    v = view.vocabulary
    points = [_point(i, v.party(i.attr("owner")).short_name, i.attr("domain"), i.attr("status")) for i in items]
    owners = tuple(dict.fromkeys([p.short_name for p in v.parties] + [p.x for p in points]))
    used = {p.y for p in points}  # the vocabulary's order; any other domain after them, alphabetically
    domains = tuple([d for d in v.ids("capability_domains") if d in used] +
                    sorted(used - set(v.ids("capability_domains")), key=str.casefold))
    statuses = tuple(dict.fromkeys(list(v.ids("capability_statuses")) + [p.group for p in points]))
    labels = tuple((w, v.label(name, w)) for name, words in (("capability_domains", domains),
                                                             ("capability_statuses", statuses)) for w in words)
    hl = _highlight(hint, points)
    return ChartSpec(kind="capability_matrix", title=chart_title(view, "capability_matrix"),
                     alt_text=alt.capability_matrix(points, hl, owners, domains, statuses, alt_words(view)),
                     points=tuple(points), highlight=hl, x_label="Owner", y_label="Domain",
                     categories=(("owner", owners), ("domain", domains), ("status", statuses)),
                     labels=labels, colours=tuple((p.short_name, p.colour) for p in v.parties if p.colour),
                     theme=theme, size=size)


def _rated_grid(view: BriefView, hint: ChartHint, theme: ChartTheme, size: tuple, *, chart: str, kind: str,
                x: str, y: str) -> ChartSpec | None:
    """The spec of a chart placing the ``kind`` items by two of their ratings, the scales ``x`` and ``y``: the
    options map and the risk heat map."""
    points = [_point(i, _number(i, x), _number(i, y)) for i in _items(view, kind)]
    if not points:
        return None
    hl = _highlight(hint, points)
    v = view.vocabulary
    describe = getattr(alt, chart)
    return ChartSpec(kind=chart, title=chart_title(view, chart), alt_text=describe(points, hl, alt_words(view)),
                     points=tuple(points), highlight=hl, x_label=v.scale(x).name, y_label=v.scale(y).name,
                     theme=theme, size=size, labels=((kind, v.kind(kind).plural),))


def _options(view: BriefView, hint: ChartHint, theme: ChartTheme, size: tuple) -> ChartSpec | None:
    """The options map: each option by its deterrence value (x) and escalation risk (y)."""
    return _rated_grid(view, hint, theme, size, chart="options_map", kind="options", x="deterrence_value",
                       y="escalation_risk")


def _risks(view: BriefView, hint: ChartHint, theme: ChartTheme, size: tuple) -> ChartSpec | None:
    """The risk heat map: each risk by its likelihood (x) and impact (y)."""
    return _rated_grid(view, hint, theme, size, chart="risk_heatmap", kind="risks", x="likelihood", y="impact")


_BUILDERS: dict[str, Callable[[BriefView, ChartHint, ChartTheme, tuple], ChartSpec | None]] = {
    "timeline": _timeline,
    "threat_overview": _threats,
    "capability_matrix": _capabilities,
    "options_map": _options,
    "risk_heatmap": _risks,
}
