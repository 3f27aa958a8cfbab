"""Each slide's banner: the highest marking of the portions the slide shows, with their controls combined.

A slide shows a portion (README, "Markings") when

- it is the slide of the portion's item (``item:``): every portion of that item the brief shows, its facts,
  their quotes and its picture (the item's slide carries them in its text and speaker notes);
- it shows the item's picture (``image:``), or a paragraph comes from the portion (``origin:``);
- its chart draws the portion's data: an item chart every item of its kind the brief shows (main body and
  backup), the timeline every event;
- a text of the portion appears in the slide's title, text, table, caption or speaker notes: an item's or
  event's title, whatever its length, an event's date written out with its month ("c. June 2024"), or another of its texts (an item's summary or framing, a fact, a
  quote, a picture's alt text or caption, an event's summary) of at least MIN_MATCH characters (a shorter
  one, such as a framing "Essential.", says too little to tell whose it is).

Every slide also carries the briefing's own classification (its titles, agenda and furniture are the
briefing's text), and the title slide carries the document's banner.  Banners are worked out before long
slides are split, so each "(cont.)" slide carries the banner of the whole slide it continues.
"""
from __future__ import annotations

import dataclasses
from briefgen.render.deck.model import Deck, Slide
from briefgen.render.filters import longdate
from briefgen.load.markings import MarkingScheme
from briefgen.tailor.markings import CONTROL_SEPARATOR, CONTROLS_JOINED_BY, Banner, combined
from briefgen.tailor.view import BriefView, ViewPortion

MIN_MATCH = 20  # characters: a text of a portion other than its title this long marks the slides it appears on
TITLE_LAYOUT = "Title Slide"  # the slide that carries the document's banner
EVENT_CHARTS = ("timeline",)  # charts drawn from the events rather than from one kind of item
_CHART_KIND = {"threat_overview": "threats", "capability_matrix": "capabilities", "options_map": "options",
               "risk_heatmap": "risks"}  # item charts: the kind of item whose data they draw


def slide_texts(slide: Slide) -> tuple[str, ...]:
    """Every string ``slide`` puts on the page or in its speaker notes."""
    texts = [slide.title, slide.subtitle, slide.kicker, slide.caption, *slide.speaker_notes()]
    texts += [b.text for b in (*slide.body, *slide.right)]
    if slide.table is not None:
        texts += [*slide.table.columns, *(cell for row in slide.table.rows for cell in row)]
    return tuple(t for t in texts if t)


def _chart_owners(view: BriefView, chart: str | None) -> set[str]:
    """The ids of the items or events whose data chart ``chart`` draws."""
    if chart in EVENT_CHARTS:
        return {e.id for e in view.events}
    kind = _CHART_KIND.get(chart or "")
    return {i.id for i in view.all_items() if i.kind == kind}


def _origin_portion(origin: str) -> tuple[str, str] | None:
    """(owner, part) of the portion a paragraph's ``origin`` names (``ID.points[N]``, ``ID.framing``), or None
    for the briefing's own text."""
    owner, _, field = origin.partition(".")
    if owner == "briefing" or not field:
        return None
    return owner, field if field.startswith("points[") else ""


def portion_texts(view: BriefView) -> dict[tuple[str, str], tuple[str, ...]]:
    """For each (owner, part) of ``view.portions``, the strings that tell the portion where they appear, as this
    audience sees them: an item's title, summary and framing; a fact's text; a quote; a picture's alt text and
    caption; an event's title, summary and date as written out (with its month: "c. June 2024", not "2024");
    each but a title and a date only when it is at least MIN_MATCH characters."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for item in view.all_items():
        out[item.id, ""] = (item.title, *_telling(item.summary, item.framing))
        for n, point in enumerate(item.points):
            out[item.id, f"points[{n}]"] = _telling(point.text)
            out[item.id, f"points[{n}].quote"] = _telling(point.quote)
        if item.image is not None:
            out[item.id, "image"] = _telling(item.image.alt, item.image.caption)
    for event in view.events:
        date = longdate(event.date, event.approximate)
        out[event.id, ""] = (event.title, *((date,) if " " in date.removeprefix("c. ") else ()),
                             *_telling(event.summary))
    return out


def _telling(*texts: str | None) -> tuple[str, ...]:
    """The ``texts`` long enough to tell whose they are (at least MIN_MATCH characters)."""
    return tuple(t for t in texts if t and len(t) >= MIN_MATCH)


def _portions(view: BriefView, texts: dict, text: str, parts: set, owners: set) -> list[ViewPortion]:
    """The portions of ``view`` shown by ``text`` and the explicit ``parts`` ((owner, part) pairs) and
    ``owners`` (every portion of these), the briefing's own first."""
    return [p for p in view.portions
            if p.owner == "briefing" or p.owner in owners or (p.owner, p.part) in parts
            or any(t in text for t in texts.get((p.owner, p.part), ()))]


def shown_portions(view: BriefView, slide: Slide, texts: dict | None = None) -> list[ViewPortion]:
    """The portions of ``view`` that ``slide`` shows (see the module's docstring), the briefing's own first;
    ``texts``: :func:`portion_texts` of the view, when already known."""
    texts = portion_texts(view) if texts is None else texts
    parts = {(i, "") for i in _chart_owners(view, slide.chart)} | {(slide.image, "image")}
    parts |= {p for p in (_origin_portion(b.origin) for b in (*slide.body, *slide.right) if b.origin) if p}
    return _portions(view, texts, "\n".join(slide_texts(slide)), parts, {slide.item})


def slide_banner(view: BriefView, slide: Slide, texts: dict | None = None) -> Banner | None:
    """The banner of ``slide``: None (the document's) on the title slide and in a view built without portions,
    else the highest marking of the portions the slide shows with their controls combined; ``texts``:
    :func:`portion_texts` of the view, when already known."""
    if slide.layout == TITLE_LAYOUT or not view.portions:
        return None
    scheme = view.marking_scheme
    return combined(scheme, [p.marking(scheme) for p in shown_portions(view, slide, texts)])


def with_slide_banners(deck: Deck, view: BriefView) -> Deck:
    """``deck`` with each slide's :func:`slide_banner`."""
    texts = portion_texts(view)
    return dataclasses.replace(deck, slides=tuple(dataclasses.replace(s, banner=slide_banner(view, s, texts))
                                                  for s in deck.slides))


def portion_mark(scheme: MarkingScheme, banner: Banner) -> str:
    """The portion mark of ``banner``: the level's abbreviation and the controls' (their name when they have
    none), e.g. ``(S//NF)``, ``(C//REL TO USA, GBR)``."""
    controls = []
    for name, countries in banner.controls:
        control = scheme.control(name)
        abbreviation = control.portion if control is not None and control.portion else name
        controls.append(abbreviation + (" " + ", ".join(countries) if countries else ""))
    return "(" + banner.level.portion + (CONTROL_SEPARATOR + CONTROLS_JOINED_BY.join(controls) if controls else "") + ")"


class PortionMarker:
    """Portion marks of the texts of one view: a text's mark is the combined marking of the portions it shows
    (as a slide's banner is worked out: the portions whose texts appear in it, the one its ``origin`` names),
    at least the briefing's classification and, on an item's slide, the item's own marking for a text that
    names no origin (the ratings line, "Mitigated by")."""

    def __init__(self, view: BriefView):
        self.view, self.texts = view, portion_texts(view)

    def mark(self, text: str, origin: str | None = None, item: str | None = None) -> str:
        """The portion mark of ``text`` (a paragraph, a title, a table row, a caption)."""
        named = _origin_portion(origin) if origin else None
        parts = {named} if named is not None else {(item, "")} if item and not origin else set()
        scheme = self.view.marking_scheme
        return portion_mark(scheme, combined(scheme, [p.marking(scheme) for p in
                                                      _portions(self.view, self.texts, text, parts, set())]))

    def marked(self, text: str, origin: str | None = None, item: str | None = None) -> str:
        """``text`` prefixed with its portion mark."""
        return f"{self.mark(text, origin, item)} {text}"


def chart_mark(view: BriefView, kind: str) -> str:
    """The portion mark of chart ``kind``'s title: the combined marking of the items or events it draws (their
    own, not their facts'), at least the briefing's classification."""
    parts = {(owner, "") for owner in _chart_owners(view, kind)}
    scheme = view.marking_scheme
    return portion_mark(scheme, combined(scheme, [p.marking(scheme) for p in view.portions
                                                  if p.owner == "briefing" or (p.owner, p.part) in parts]))


def _marked_slide(marker: PortionMarker, slide: Slide) -> Slide:
    """``slide`` with its title, subtitle, paragraphs, table rows (each row's mark in its first cell, the
    header row's too) and caption prefixed with their portion marks."""
    def text(value: str | None) -> str | None:
        return marker.marked(value, item=slide.item) if value else value

    def bullets(items: tuple) -> tuple:
        return tuple(dataclasses.replace(b, text=marker.marked(b.text, b.origin, slide.item)) for b in items)

    table = slide.table
    if table is not None:
        def row(cells: tuple) -> tuple:
            return (f"{marker.mark(' | '.join(cells), item=slide.item)} {cells[0]}", *cells[1:])
        table = dataclasses.replace(table, columns=row(table.columns), rows=tuple(row(r) for r in table.rows))
    return dataclasses.replace(slide, title=text(slide.title), subtitle=text(slide.subtitle),
                               body=bullets(slide.body), right=bullets(slide.right), table=table,
                               caption=text(slide.caption))


def with_portion_marks(deck: Deck, view: BriefView) -> Deck:
    """``deck`` with every title, paragraph, table row and caption prefixed with its portion mark when the
    briefing turns portion marks on (``view.portion_marks``); else ``deck`` as it is."""
    if not view.portion_marks or not view.portions:
        return deck
    marker = PortionMarker(view)
    return dataclasses.replace(deck, slides=tuple(_marked_slide(marker, s) for s in deck.slides))
