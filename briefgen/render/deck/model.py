"""The deck as pure presentation data: slides, bullets, tables, notes.

This is what the deck template (``deck.yaml.j2``) describes and what the
pptx writer draws.  Each class declares its YAML fields once (the same
checkers as the content library, so a bad template output gets the same
"expected X, got Y" messages).  Frozen dataclasses, no python-pptx.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from briefgen.errors import Loc
from briefgen.load.schema import INVALID, Bool, Choice, Context, Int, ListOf, Number, Record, Text, convert, fld
from briefgen.load.yamlsource import YNode, YScalar

LAYOUTS = ("Title Slide", "Section Header", "Title and Content", "Two Content", "Chart", "Table", "Title Only",
           "Blank")
STYLES = ("bullet", "lead", "meta", "plain", "heading", "number")
CHART_STYLES = ("native", "picture")  # how a deck draws a chart: PowerPoint's own objects, or a picture
CONT = " (cont., {n} of {total})"  # after a continuation slide's title: n of total slides
ROW_CONT = " (cont.)"  # after the first cell of a table row split across slides, on the part that continues it

_NOLOC = Loc("<deck>")


class _Items(ListOf):
    """A list, where an empty value (``body:`` with nothing under it) means no items."""

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if isinstance(node, YScalar) and node.value() is None and not node.quoted:
            return ()
        return super().__call__(node, path, ctx)


@dataclass(frozen=True, kw_only=True)
class Bullet:
    """One paragraph of a text box: a bullet (by level) or a styled line."""

    text: str = fld(Text(4000))
    level: int = fld(Int(0, 4), 0, doc="outline level: 0 top, 1 sub-bullet ...")
    refs: tuple = fld(ListOf(Int(1, 9999)), (), doc="endnote numbers of the sources behind the text")
    style: str = fld(Choice(*STYLES), "bullet",
                     doc="bullet; lead (the slide's 'so what', bold); meta (small grey line); plain (no bullet); "
                         "heading (column heading); number (numbered list)")
    origin: str | None = fld(Text(200), None,
                             doc="the content field the text comes from: ITEM.framing, ITEM.points[N], briefing.bluf, "
                                 "briefing.recommendation, briefing.decisions[N] (trace, merge and pull use it)")
    loc: Loc = _NOLOC

    def display(self) -> str:
        """The text as drawn: with its source references, e.g. ``... [3, 5]``."""
        return self.text + (f" {ref_label(self.refs)}" if self.refs else "")


def ref_label(refs: tuple) -> str:
    """Endnote numbers as a bracketed label: ``[3]``, ``[3, 5]``."""
    return "[" + ", ".join(str(r) for r in refs) + "]"


@dataclass(frozen=True, kw_only=True)
class TableSpec:
    """A native, editable table: header cells, body rows, relative column widths, marked rows.

    ``notes`` gives each body row its own speaker-note paragraphs: when the
    table continues on a "(cont.)" slide, each slide's notes cover the rows it
    shows.
    """

    columns: tuple = fld(ListOf(Text(200), min_items=1, max_items=12))
    rows: tuple = fld(ListOf(ListOf(Text(1000), min_items=1, max_items=12), max_items=200))
    widths: tuple = fld(ListOf(Number()), (), doc="relative column widths (default: equal)")
    marked: tuple = fld(ListOf(Int(0, 199)), (), doc="indexes of body rows to highlight (e.g. recommended)")
    size: float | None = fld(Number(), None, doc="font size in points (default 16)")
    row_titles: bool = fld(Bool(), False, doc="the first column names each row: drawn bold")
    notes: tuple = fld(ListOf(_Items(Text(20000)), max_items=200), (),
                       doc="speaker notes per body row (a list of paragraphs each), kept with the row")
    loc: Loc = _NOLOC

    def column_fractions(self) -> tuple[float, ...]:
        """Each column's share of the table width."""
        w = [float(x) for x in self.widths] if len(self.widths) == len(self.columns) else [1.0] * len(self.columns)
        total = sum(w) or 1.0
        return tuple(x / total for x in w)


@dataclass(frozen=True, kw_only=True)
class Slide:
    """One slide: the layout it is built on and what goes into that layout's boxes."""

    layout: str = fld(Text(120), doc="briefgen layout name (mapped to the master's by the project settings)")
    key: str | None = fld(Text(120), None, doc="the slide's origin, unique in the deck (e.g. item:ID, bluf, "
                                               "chart:timeline); kept in its shapes' names (default: its position)")
    item: str | None = fld(Text(120), None, doc="id of the item the slide shows: its title is that item's title")
    title: str | None = fld(Text(300), None)
    subtitle: str | None = fld(Text(600), None, doc="title slide subtitle")
    kicker: str | None = fld(Text(40), None, doc="short label, e.g. a section number")
    body: tuple = fld(_Items(Record(Bullet)), (), doc="main text box (left column on Two Content)")
    right: tuple = fld(_Items(Record(Bullet)), (), doc="right column on Two Content")
    chart: str | None = fld(Text(40), None, doc="chart kind (e.g. threat_overview), drawn natively or as a picture")
    chart_style: str | None = fld(Choice(*CHART_STYLES), None,
                                  doc="native (editable chart, table or shapes) or picture; default: the project's "
                                      "deck_charts setting")
    table: TableSpec | None = fld(Record(TableSpec), None)
    image: str | None = fld(Text(120), None, doc="id of an item whose picture to show (in the right column of "
                                                  "Two Content: the body text stays left)")
    caption: str | None = fld(Text(400), None, doc="one line under a chart, table or picture")
    notes: tuple = fld(_Items(Text(20000)), (), doc="speaker notes, one paragraph each")
    loc: Loc = _NOLOC
    continued: bool = False  # a "(cont.)" slide made by pagination
    banner: Any = None  # the slide's worked-out Banner (briefgen.render.deck.markings); None: the document's
    scales: tuple = ()  # (box role, font scale) pairs chosen by shrink-to-fit

    def scale(self, role: str) -> float:
        """The font scale of box ``role`` (title, body, right, table ...): 1.0 unless shrunk to fit."""
        return dict(self.scales).get(role, 1.0)

    def speaker_notes(self) -> tuple:
        """All the slide's note paragraphs: its own, then those of the table rows it shows."""
        rows = self.table.notes if self.table is not None else ()
        return tuple(self.notes) + tuple(p for row in rows for p in row)


@dataclass(frozen=True, kw_only=True)
class Deck:
    """A whole deck: slides in order and the footer text shown on content slides."""

    footer: str | None = fld(Text(200), None)
    slides: tuple = fld(ListOf(Record(Slide), min_items=1, max_items=2000))
    loc: Loc = _NOLOC


def deck_from_node(node: YNode | None, ctx: Context) -> Deck | None:
    """Convert the template's parsed output to a Deck, recording problems in ``ctx``; None if invalid."""
    if node is None:
        ctx.error(None, "", "the deck template rendered nothing (expected a mapping with 'slides')")
        return None
    deck = convert(Deck, node, "", ctx)
    if deck is INVALID:
        return None
    for i, slide in enumerate(deck.slides):
        path = f"slides[{i}]"
        if slide.image is not None and (slide.chart or slide.table is not None or slide.right):
            ctx.error(slide.loc, f"{path}.image", "expected a picture alone in its column, got it with a chart, "
                                                  "table or right column on the same slide")
        if slide.table is not None:
            width = len(slide.table.columns)
            for r, row in enumerate(slide.table.rows):
                if len(row) != width:
                    ctx.error(slide.table.loc, f"{path}.table.rows[{r}]",
                              f"expected {width} cells (one per column), got {len(row)}")
            if slide.table.notes and len(slide.table.notes) != len(slide.table.rows):
                ctx.error(slide.table.loc, f"{path}.table.notes",
                          f"expected {len(slide.table.rows)} entries (one per row), got {len(slide.table.notes)}")
            if slide.table.widths and len(slide.table.widths) != width:
                ctx.error(slide.table.loc, f"{path}.table.widths",
                          f"expected {width} widths (one per column), got {len(slide.table.widths)}")
            if slide.table.size is not None and not 8 <= slide.table.size <= 40:
                ctx.error(slide.table.loc, f"{path}.table.size", f"expected 8 to 40 points, got {slide.table.size}")
            for m in slide.table.marked:
                if m >= len(slide.table.rows):
                    ctx.error(slide.table.loc, f"{path}.table.marked",
                              f"expected row indexes below {len(slide.table.rows)}, got {m}")
    if any(p.severity == "error" for p in ctx.problems):
        return None
    return deck
