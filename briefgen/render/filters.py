"""The filters and functions every template gets: the deck, the memo (Markdown and HTML page), the diff page
and the preview.

:func:`briefgen.render.environment.make_environment` registers :data:`FILTERS`
and :data:`GLOBALS` in every environment; :func:`view_lookups` gives the
lookups that belong to one tailored brief (``titles``, ``citations``), which
the deck and the memo are rendered with.  The README's "Template filters and functions"
table lists them; a template a user exported earlier keeps working, since
every name it could use is still given, with the same meaning.

Most of them return plain text (escaped like any value where the template
escapes); ``refs``, ``autolink`` and ``figure`` return Markdown markup on
purpose, for the memo.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any, Iterable

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from briefgen.load.vocabulary import DEFAULT as DEFAULT_VOCABULARY
from briefgen.load.vocabulary import Vocabulary, in_sentence
from briefgen.render.memo.text import escape_md
from briefgen.render.talking import chart_talking, quotes
from briefgen.tailor.view import BriefView

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_ARTICLES = {"The", "A", "An"}


def _vocabulary(context: Context) -> Vocabulary:
    """The vocabulary of the brief being rendered (the generic defaults where there is none: the diff page)."""
    found = context.get("vocabulary")
    return found if isinstance(found, Vocabulary) else DEFAULT_VOCABULARY


@pass_context
def level(context: Context, value: int, scale: str | None = None) -> str:
    """A 1-5 rating in the vocabulary's words: 4 -> ``High`` (``scale``: a rated field with words of its own)."""
    return _vocabulary(context).word(value, scale)


@pass_context
def rated(context: Context, value: int, scale: str | None = None) -> str:
    """A 1-5 rating in words with its number: 4 -> ``High (4)``."""
    return f"{_vocabulary(context).word(value, scale)} ({value})"


@pass_context
def horizon(context: Context, value: str, form: str = "span") -> str:
    """An option's horizon from the vocabulary: how long (``near`` -> ``Under 1 year``), with ``form="term"`` its
    label and length (``Near (< 1 yr)``), with ``form="label"`` its label (``Near``)."""
    h = _vocabulary(context).horizon(value)
    return {"term": h.term, "label": h.label}.get(form, h.length)


@pass_context
def owner(context: Context, code: str, form: str = "name") -> str:
    """A party's name from the vocabulary: ``A`` -> ``Country A``; ``form="short"``: the chart column's."""
    party = _vocabulary(context).party(code)
    return party.short_name if form == "short" else party.name


@pass_context
def term(context: Context, value: str, vocabulary: str) -> str:
    """How the vocabulary shows a word of one of its lists: ``"fielded"|term("capability_statuses")`` ->
    ``Fielded`` (lists: option_categories, capability_domains, capability_statuses, horizons)."""
    return _vocabulary(context).label(vocabulary, value)


@pass_context
def scale(context: Context, name: str, short: bool = False) -> str:
    """What the vocabulary calls a rated field: ``scale("deterrence_value")`` -> ``Deterrence value``;
    ``short=True``: its short name (``Deterrence``)."""
    s = _vocabulary(context).scale(name)
    return (s.short or s.name) if short else s.name


@pass_context
def kind_name(context: Context, kind: str, singular: bool = False) -> str:
    """What the vocabulary calls an item kind: ``kind_name("threats")`` -> ``Threats``; ``singular=True``:
    ``Threat``."""
    names = _vocabulary(context).kind(kind)
    return names.singular if singular else names.plural


def longdate(value: str, approximate: bool = False) -> str:
    """``2024-09-16`` as ``16 September 2024``; ``2024-09`` as ``September 2024``; ``c.`` when approximate."""
    parts = str(value).split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 3:
            datetime.date(*nums)
            text = f"{nums[2]} {_MONTHS[nums[1] - 1]} {nums[0]}"
        elif len(nums) == 2:
            text = f"{_MONTHS[nums[1] - 1]} {nums[0]}"
        else:
            text = str(nums[0])
    except (ValueError, IndexError):
        text = str(value)
    return ("c. " if approximate else "") + text


def lower_first(text: str) -> str:
    """``Russia occupies ...`` stays; ``The Geneva summit`` -> ``the Geneva summit``: lower-cases a
    leading article only when the second letter is lower case (so acronyms and names like ``U.N.`` stay)."""
    text = str(text)
    if len(text) > 1 and text[0].isupper() and text[1].islower() and text.split()[0] in _ARTICLES:
        return text[0].lower() + text[1:]
    return text


def position(value: int | None) -> str:
    """A 1-based position, or ``-`` when there is none (an item a side does not show)."""
    return "-" if value is None else str(value)


def refs(value: int | Iterable[int] | None) -> Markup:
    """Footnote references ``[^1][^3]`` for one endnote number or several, ascending (None: nothing).

    Ascending keeps the first citation of each source in the view's numbering order: within one item,
    sources new to the reader always carry higher numbers than those already cited.
    """
    if value is None:
        return Markup("")
    nums = [value] if isinstance(value, int) else sorted({n for n in value if n is not None})
    return Markup("".join(f"[^{int(n)}]" for n in nums))


def autolink(url: str | None) -> Markup:
    """An http(s)/mailto address as a Markdown autolink ``<https://...>``; None gives nothing."""
    if not url:
        return Markup("")
    safe = "".join(c if c not in "<> " else f"%{ord(c):02X}" for c in str(url))
    return Markup(f"<{safe}>")


def figure(chart: Any) -> Markup:
    """A Markdown image with alt text and a caption (the image title): ``![alt](src "caption")``; ``chart``
    is a :class:`briefgen.render.memo.compose.MemoChart` (a chart, or an item's picture)."""
    caption = chart.title.replace("\\", "\\\\").replace('"', '\\"')
    caption = " ".join(caption.split())
    return Markup(f'![{escape_md(chart.alt)}]({chart.src} "{caption}")')


def by_kind(items: Iterable) -> list[tuple[str, list]]:
    """Items grouped by kind, groups and items in the order given (Jinja's groupby would sort)."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.kind, []).append(item)
    return list(groups.items())


def split_events(events: Iterable, recent: int | Iterable[str] = 8) -> tuple[list, list]:
    """(earlier, most recent) events: the ``recent`` latest, or from the first of the events whose ids are
    ``recent`` (those a timeline shows) on; the memo lists or shows those and sums up the rest."""
    events = list(events)
    if isinstance(recent, int):
        cut = max(len(events) - recent, 0)
    else:
        ids = set(recent)
        cut = next((n for n, e in enumerate(events) if e.id in ids), len(events))
    return events[:cut], events[cut:]


class Titles(Mapping):
    """The titles of the items a view shows: a mapping (``titles[id]``, ``id in titles``) and a function
    (``titles(ids)``: the titles of those ids the view shows)."""

    def __init__(self, view: BriefView):
        self._main = {i.id: i.title for s in view.sections for i in s.items}
        self._backup = {i.id: i.title for i in view.backup}
        self._all = {**self._main, **self._backup}

    def __getitem__(self, item_id: str) -> str:
        return self._all[item_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)

    def __call__(self, ids: Iterable[str], limit: int | None = None, main_first: bool = True) -> list[str]:
        """Titles of the items (by id) this view shows, main-body ones first (``main_first=False``: in the
        order of ``ids``), at most ``limit``."""
        ids = list(ids)
        if main_first:
            out = [self._main[i] for i in ids if i in self._main] + [self._backup[i] for i in ids if i in self._backup]
        else:
            out = [self._all[i] for i in ids if i in self._all]
        return out[:limit] if limit else out


def view_lookups(view: BriefView) -> dict[str, Any]:
    """The lookups of one tailored brief every template rendered for it gets: ``titles`` (see
    :class:`Titles`), ``citations`` (source number -> citation), ``vocabulary`` (the library's words, which
    the filters ``level``, ``rated``, ``horizon``, ``owner``, ``term`` and the functions ``scale`` and ``kind_name``
    read), ``talking(kind)`` (a chart slide's talking points written from the data,
    :func:`briefgen.render.talking.chart_talking`) and ``quotes(item)`` (the item's verbatim quotes with their
    sources, :func:`briefgen.render.talking.quotes`)."""
    citations = {s.num: s.citation for s in view.sources}

    def talking(kind: str) -> str:
        return chart_talking(view, kind)

    def item_quotes(item: Any) -> list[str]:
        return quotes(item, citations)

    return {"titles": Titles(view), "citations": citations, "vocabulary": view.vocabulary, "talking": talking,
            "quotes": item_quotes}


FILTERS = {"level": level, "rated": rated, "horizon": horizon, "owner": owner, "term": term, "longdate": longdate,
           "lower_first": lower_first, "in_sentence": in_sentence, "position": position, "refs": refs,
           "autolink": autolink}
GLOBALS = {"figure": figure, "by_kind": by_kind, "split_events": split_events, "scale": scale, "kind_name": kind_name}
