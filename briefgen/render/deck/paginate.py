"""Make a deck's text fit the master's boxes: continue long slides, or say what cannot fit.

Pure: it works on the deck model and plain box geometry (points, read from
the master beforehand) with a :class:`TextMeasurer`.  Long bullet lists and
tables continue on numbered "(cont., 2 of 3)" slides, paginated as a designer
would: a heading or lead never ends a slide, sub-bullets stay with their
parent, the text is balanced between the slides and a continuation holds at
least :data:`MIN_CONTINUED_LINES` lines (:data:`MIN_CONTINUED_ROWS` table rows; where whole rows cannot, a row
is split across two slides at a paragraph, sentence or word, its part on the next slide named "TITLE (cont.)",
and a row taller than a slide is split the same way).
A slide shrinks quietly, down to :data:`NEAR_EMPTY_FLOOR`, when that saves a
continuation; boxes that never continue (titles, subtitles, columns ...) shrink
and wrap quietly down to :data:`FIXED_FLOOR`.  What still cannot fit is a
:class:`BuildError` (``slide 7 "Title": body is 140% of its box``) unless
shrink-to-fit is on; then the box's font is reduced further and a warning says
so, and text that would continue first shrinks (down to
:data:`SHRINK_BEFORE_CONTINUING`) to stay on one slide, as PowerPoint's autofit
would.  Title slides and section dividers never continue: a divider's list
of the section's items keeps as many as fit and says how many more there are.
"""
from __future__ import annotations

import bisect
import heapq
import re
from dataclasses import dataclass, replace
from typing import Callable, Mapping

from briefgen.errors import BuildError, Problem
from briefgen.render.deck.fit import LINE_HEIGHT, Box, LevelStyle, Para, TextMeasurer, scaled
from briefgen.render.deck.model import CONT, ROW_CONT, Bullet, Deck, Slide, TableSpec
from briefgen.render.deck.picture import caption_box, caption_paras
from briefgen.render.deck.styles import CELL_MARGIN_X, CELL_MARGIN_Y, para_style, table_size

Geometry = Mapping[str, Mapping[str, Box]]  # layout name -> box role (title, body, right ...) -> Box
SHRINK_STEPS = tuple(round(1.0 - 0.05 * i, 2) for i in range(1, 11))  # 95% ... 50%
SHRINK_BEFORE_CONTINUING = 0.7  # with shrink-to-fit, text shrinks this far to stay on one slide before continuing
FIXED_FLOOR = 0.6  # a box that never continues (title, subtitle, kicker, caption, a column, a divider's list)
QUIET_STEPS = tuple(s for s in SHRINK_STEPS if s >= FIXED_FLOOR)  # shrinks this far without a word, as autofit does
NEAR_EMPTY_FLOOR = 0.85  # a body shrinks this far without a word when that saves a continuation slide
MIN_CONTINUED_LINES = 3  # a continuation slide holds at least this many lines of text, never a heading alone
MIN_CONTINUED_ROWS = 2  # and a continued table at least this many rows under its repeated header
MIN_SPLIT_LINES = 2  # a table row split across slides keeps at least this many lines on each side of the cut
NEVER_CONTINUED = ("Title Slide", "Section Header")  # a "(cont.)" title slide or divider makes no sense
_MORE = re.compile(r"^and (\d+) more$")
_GLUE = ("lead", "meta", "heading")  # kept with the paragraph that follows
CONT_NOTE = "Continued from the previous slide."


class _TooBig(Exception):
    def __init__(self, ratio: float):
        super().__init__(ratio)
        self.ratio = ratio


@dataclass
class _State:
    out: list
    warnings: list


Measurers = Callable[[str], TextMeasurer]  # font family -> measurer


def paginate(deck: Deck, geometry: Geometry, measure: Measurers, shrink: bool = False) -> tuple[Deck, list]:
    """The deck with every box's text fitting (continuation slides added), and warnings (Problem).

    ``measure`` gives the measurer for a box's font family (``Box.font``)."""
    state = _State([], [])
    errors: list[Problem] = []
    for slide in deck.slides:
        boxes = geometry.get(slide.layout, {})
        try:
            for page in _pages(slide, boxes, measure, shrink, state):
                state.out.append(_fit_title(page, boxes, measure, shrink, state))
        except BuildError as exc:
            errors.extend(exc.problems)
            state.out.append(slide)
    if errors:
        raise BuildError(errors)
    return replace(deck, slides=tuple(state.out)), state.warnings


def _label(state: _State, slide: Slide) -> str:
    return f'slide {len(state.out) + 1} "{slide.title or slide.layout}"'


def _overflow(state: _State, slide: Slide, role: str, ratio: float) -> BuildError:
    hint = "; shorten it or set shrink_to_fit: true in briefgen.yaml"
    return BuildError([Problem(None, "", f"{_label(state, slide)}: {role} is {ratio:.0%} of its box{hint}")])


def _shrunk(state: _State, slide: Slide, role: str, factor: float) -> None:
    state.warnings.append(Problem(None, "", f"{_label(state, slide)}: {role} text shrunk to {factor:.0%} "
                                            f"to fit its box", severity="warning"))


# ------------------------------------------------------------------ single boxes
def _fit_single(paras_at: Callable[[float], list], box: Box, measurers: Measurers, shrink: bool) -> float:
    """The font scale at which the paragraphs fit ``box`` (1.0 when they fit); _TooBig if none does."""
    measure = measurers(box.font)
    if measure.fits(paras_at(1.0), box):
        return 1.0
    if shrink:
        for step in SHRINK_STEPS:
            if measure.fits(paras_at(step), box):
                return step
    raise _TooBig(measure.ratio(paras_at(1.0), box))


def _fit_role(slide: Slide, role: str, paras_at: Callable[[float], list], box: Box, measure: Measurers,
              shrink: bool, state: _State) -> Slide:
    """Fit one never-continued box: unchanged, shrunk (recorded in ``slide.scales``), or an overflow error.
    Down to FIXED_FLOOR it shrinks (and wraps) quietly, as PowerPoint's autofit would; further only with
    shrink-to-fit, and with a warning."""
    fits = measure(box.font).fits
    quiet = next((f for f in (1.0,) + QUIET_STEPS if fits(paras_at(f), box)), None)
    if quiet is not None:
        return slide if quiet == 1.0 else replace(slide, scales=slide.scales + ((role, quiet),))
    try:
        factor = _fit_single(paras_at, box, measure, shrink)
    except _TooBig as big:
        raise _overflow(state, slide, role, big.ratio) from None
    if factor != 1.0:
        _shrunk(state, slide, role, factor)
        slide = replace(slide, scales=slide.scales + ((role, factor),))
    return slide


def _fit_title(slide: Slide, boxes: Mapping[str, Box], measure: Measurers, shrink: bool,
               state: _State) -> Slide:
    box = boxes.get("title")
    if box is None or not slide.title:
        return slide

    def paras(f: float) -> list[Para]:
        return [Para(slide.title or "", scaled(box.level(0), f))]
    return _fit_role(slide, "title", paras, box, measure, shrink, state)


def _fit_text_roles(slide: Slide, boxes: Mapping[str, Box], measure: Measurers, shrink: bool,
                    state: _State, roles: tuple) -> Slide:
    """Check boxes that are never continued (subtitle, kicker, caption, columns of Two Content)."""
    for role in roles:
        box = boxes.get(role)
        content = _role_bullets(slide, role)
        if box is None or not content:
            continue

        def paras(f: float, content: tuple = content, box: Box = box) -> list[Para]:
            return [Para(b.display(), para_style(b, box, f)) for b in content]
        slide = _fit_role(slide, role, paras, box, measure, shrink, state)
    return slide


def _fit_picture_caption(slide: Slide, area: Box, measure: Measurers, shrink: bool, state: _State) -> Slide:
    """Check a picture's caption fits the foot of the picture box (the picture takes what is left)."""
    text = slide.caption or ""
    return _fit_role(slide, "caption", lambda f: caption_paras(text, area, f), caption_box(area), measure, shrink,
                     state)


def _role_bullets(slide: Slide, role: str) -> tuple:
    if role in ("body", "right"):
        return getattr(slide, role)
    text = getattr(slide, role, None)
    return (Bullet(text=text, style="plain"),) if text else ()


# ------------------------------------------------------------------ pagination
def _pages(slide: Slide, boxes: Mapping[str, Box], measure: Measurers, shrink: bool,
           state: _State) -> list[Slide]:
    if slide.subtitle and "subtitle" not in boxes and "body" in boxes:  # no subtitle box: it leads the body
        slide = replace(slide, subtitle=None, body=(Bullet(text=slide.subtitle, style="plain"),) + slide.body)
    two_columns = bool(slide.right) and "right" in boxes
    pictured = slide.image is not None and "right" in boxes  # the picture takes the right column
    fixed = ("subtitle", "kicker") + (() if pictured else ("caption",)) + (("body", "right") if two_columns else ())
    slide = _fit_text_roles(slide, boxes, measure, shrink, state, fixed)
    if slide.layout in NEVER_CONTINUED and slide.body and "body" in boxes:
        if slide.layout == "Section Header":
            slide = _shortened_list(slide, boxes["body"], measure, shrink, state)
        return [_fit_text_roles(slide, boxes, measure, shrink, state, ("body",))]
    if pictured and slide.caption:
        slide = _fit_picture_caption(slide, boxes["right"], measure, shrink, state)
    if slide.table is not None and "table" in boxes:
        return _table_pages(slide, boxes["table"], measure, shrink, state)
    if two_columns or not slide.body or "body" not in boxes:
        return [slide]
    return _body_pages(slide, boxes["body"], measure, shrink, state)


def _shortened_list(slide: Slide, box: Box, measure: Measurers, shrink: bool, state: _State) -> Slide:
    """A divider's list of items cut to what fits its box (at the smallest scale shrink-to-fit allows), the
    last line saying how many more there are; a warning names what was left out."""
    bullets = slide.body
    scales = (1.0,) + (SHRINK_STEPS if shrink else QUIET_STEPS)

    def fits(body: tuple) -> bool:
        return any(measure(box.font).fits([Para(b.display(), para_style(b, box, f)) for b in body], box)
                   for f in scales)

    if fits(bullets):
        return slide
    more = _MORE.match(bullets[-1].text) if bullets else None
    items, hidden = (bullets[:-1], int(more.group(1))) if more else (bullets, 0)
    for keep in range(len(items) - 1, -1, -1):
        left_out = len(items) - keep + hidden
        body = items[:keep] + (replace(items[-1], text=f"and {left_out} more", refs=()),)
        if fits(body):
            state.warnings.append(Problem(None, "", f"{_label(state, slide)}: {len(items) - keep} of its {len(items)} "
                                                    f"listed items left out to fit its box", severity="warning"))
            return replace(slide, body=body)
    return slide  # not even one line fits: the caller reports the overflow


def _blocks(bullets: tuple) -> list[list[int]]:
    """Paragraph indexes grouped so a lead/heading stays with what follows and a bullet with all its sub-bullets."""
    blocks: list[list[int]] = []
    for i, b in enumerate(bullets):
        prev = bullets[i - 1] if i else None
        glued = prev is not None and (prev.style in _GLUE or b.level > 0)
        if glued and blocks:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def _split(paras: list[Para], box: Box, measure: TextMeasurer, blocks: list[list[int]],
           fraction: float = 1.0, breaks: frozenset = frozenset(), sticky: frozenset = frozenset()) -> list[list[int]]:
    """Greedy pages of paragraph indexes filling at most ``fraction`` of the box; _TooBig if one cannot fit.
    A block starting at an index in ``breaks`` always starts a new page; a page broken inside a block never
    ends with a paragraph in ``sticky`` (a heading or lead moves to the next page with what it introduces)."""
    pages: list[list[int]] = []
    cur: list[int] = []

    def fits(idx: list[int]) -> bool:
        return measure.fits([paras[i] for i in idx], box, fraction)

    for block in blocks:
        if cur and block[0] in breaks:
            pages.append(cur)
            cur = []
        if fits(cur + block):
            cur = cur + block
            continue
        if cur and fits(block):
            pages.append(cur)
            cur = list(block)
            continue
        for i in block:  # the block alone is too big: break it between paragraphs
            if fits(cur + [i]):
                cur.append(i)
                continue
            trailing = _trailing(cur, sticky)
            carry = next((trailing[k:] for k in range(len(trailing)) if fits(trailing[k:] + [i])), [])
            if carry:  # headings and leads go over with what they introduce (as many as fit with it)
                if len(carry) < len(cur):
                    pages.append(cur[:-len(carry)])
                cur = carry + [i]
                continue
            if cur:
                pages.append(cur)
            if not fits([i]):
                raise _TooBig(measure.ratio([paras[i]], box) / fraction)
            cur = [i]
    if cur:
        pages.append(cur)
    return pages


def _trailing(page: list[int], sticky: frozenset) -> list[int]:
    """The paragraphs at the end of ``page`` that must not end it (headings, leads), in order."""
    n = len(page)
    while n and page[n - 1] in sticky:
        n -= 1
    return page[n:]


def _settle(pages: list[list[int]], short: Callable[[list], bool], fits: Callable[[list], bool],
            unit: Callable[[list], int]) -> list[list[int]]:
    """``pages`` with a short last page (below the continuation minimum) topped up from the page before it,
    ``unit(page)`` items at a time from its end, while that page keeps its own minimum and the last one fits."""
    pages = [list(p) for p in pages]
    while len(pages) > 1 and short(pages[-1]):
        prev = pages[-2]
        n = unit(prev)
        rest, moved = prev[:-n], prev[-n:] + pages[-1]
        if not rest or not fits(moved) or (len(pages) > 2 and short(rest)) or len(rest) < len(moved) // 2:
            break
        pages[-2:] = [rest, moved]
    return pages


def _balanced(split: Callable[[float], list]) -> list[list[int]]:
    """The fewest pages, filled as evenly as possible (the smallest fill that needs no extra page)."""
    pages = split(1.0)
    if len(pages) < 2:
        return pages
    for frac in (0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        try:
            trial = split(frac)
        except _TooBig:
            continue
        if len(trial) == len(pages):
            return trial
    return pages


def _with_shrink(attempt: Callable[[float], list], shrink: bool, overflow: Callable[[float], BuildError],
                 short: Callable[[float, list], bool]) -> tuple[float, list, bool]:
    """``attempt(1.0)``; if something cannot fit and shrinking is allowed, smaller scales until one works.  Pages
    that would continue shrink: with shrinking allowed, to one page down to SHRINK_BEFORE_CONTINUING; else (and
    always) to fewer pages down to NEAR_EMPTY_FLOOR, as long as no continuation is left below the minimum
    (``short(factor, pages)``).  Returns the scale, the pages and whether the shrinking deserves a warning."""
    try:
        pages = attempt(1.0)
    except _TooBig as big:
        ratio = big.ratio
    else:
        if len(pages) > 1:
            for step, one_page in _shrink_trials(shrink):
                try:
                    trial = attempt(step)
                except _TooBig:
                    continue
                if len(trial) == 1 if one_page else len(trial) < len(pages) and not short(step, trial):
                    return step, trial, one_page
        return 1.0, pages, False
    if shrink:
        for step in SHRINK_STEPS:
            try:
                return step, attempt(step), True
            except _TooBig:
                continue
    raise overflow(ratio) from None


def _shrink_trials(shrink: bool) -> list[tuple[float, bool]]:
    """The scales to try on pages that would continue, each with whether it must bring them to one page (the
    shrink-to-fit rule, with a warning) or only to fewer pages (quietly, within NEAR_EMPTY_FLOOR)."""
    loud = [(s, True) for s in SHRINK_STEPS if s >= SHRINK_BEFORE_CONTINUING] if shrink else []
    return loud + [(s, False) for s in SHRINK_STEPS if s >= NEAR_EMPTY_FLOOR]


def _continued(slide: Slide, n: int, total: int) -> Slide:
    """Page ``n`` (0-based) of ``total`` made of ``slide``: "(cont., 2 of 3)" after the title from the second."""
    if n == 0:
        return slide
    return replace(slide, title=(slide.title or "") + CONT.format(n=n + 1, total=total), continued=True,
                   notes=(CONT_NOTE,) + tuple(n for n in slide.notes))


def _body_pages(slide: Slide, box: Box, measure: Measurers, shrink: bool, state: _State) -> list[Slide]:
    bullets = slide.body
    blocks = _blocks(bullets)
    headings = frozenset(i for i, b in enumerate(bullets) if b.style == "heading" and i)
    sticky = frozenset(i for i, b in enumerate(bullets) if b.style in _GLUE)
    block_of = {i: n for n, block in enumerate(blocks) for i in block}
    meter = measure(box.font)

    def unit(page: list[int]) -> int:  # the end of the page that moves as one: its last block, else a paragraph
        whole = sum(1 for i in page if block_of[i] == block_of[page[-1]])
        return whole if whole < len(page) else 1 + len(_trailing(page[:-1], sticky))

    def paras_at(factor: float) -> list[Para]:
        return [Para(b.display(), para_style(b, box, factor)) for b in bullets]

    def short_page(paras: list[Para], page: list[int]) -> bool:
        lines = sum(meter.lines(paras[i].text, box.inner_width, paras[i].style) for i in page)
        return lines < MIN_CONTINUED_LINES or all(i in sticky for i in page)

    def short(factor: float, pages: list) -> bool:
        return len(pages) > 1 and short_page(paras_at(factor), pages[-1])

    def attempt(factor: float) -> list[list[int]]:
        paras = paras_at(factor)
        pages = _balanced(lambda frac: _split(paras, box, meter, blocks, frac, sticky=sticky))
        if len(pages) > 1 and headings:  # as few pages, but turning at a heading, reads better
            try:
                at_headings = _split(paras, box, meter, blocks, 1.0, headings, sticky)
            except _TooBig:
                at_headings = []
            if len(at_headings) == len(pages) and not short(factor, at_headings):
                pages = at_headings
        return _settle(pages, lambda page: short_page(paras, page),
                       lambda page: meter.fits([paras[i] for i in page], box), unit)

    factor, pages, loud = _with_shrink(attempt, shrink, lambda ratio: _overflow(state, slide, "body", ratio), short)
    if loud:
        _shrunk(state, slide, "body", factor)
    scales = slide.scales + ((("body", factor),) if factor != 1.0 else ())
    return [_continued(replace(slide, body=tuple(bullets[i] for i in page), scales=scales), n, len(pages))
            for n, page in enumerate(pages)]


# ------------------------------------------------------------------ tables
def _row_height(cells: tuple, fractions: tuple, width: float, measure: TextMeasurer, size: float,
                bold_first: bool, bold_all: bool = False) -> float:
    """Height in points of one table row: its tallest cell's lines, plus the cell margins."""
    tallest = 1
    for c, (text, frac) in enumerate(zip(cells, fractions)):
        style = LevelStyle(size=size, bold=bold_all or (bold_first and c == 0), bullet=False)
        tallest = max(tallest, measure.lines(text, width * frac - 2 * CELL_MARGIN_X, style))
    return tallest * size * LINE_HEIGHT + 2 * CELL_MARGIN_Y


def _header_height(table: TableSpec, width: float, measure: TextMeasurer, size: float) -> float:
    """Height in points of the table's header row, drawn bold."""
    return _row_height(table.columns, table.column_fractions(), width, measure, size, False, True)


def table_row_heights(table: TableSpec, width: float, measure: TextMeasurer, factor: float = 1.0) -> list[float]:
    """Heights in points of the header row and each body row, drawn ``width`` points wide."""
    fractions = table.column_fractions()
    marked = set(table.marked)
    size = table_size(table.size, factor)
    head = _header_height(table, width, measure, size)
    body = [_row_height(row, fractions, width, measure, size, table.row_titles or i in marked)
            for i, row in enumerate(table.rows)]
    return [head] + body


Entry = tuple  # (body row index, the cells shown: the row's own, or a part of them when the row is split)


def _table_pages(slide: Slide, box: Box, measure: Measurers, shrink: bool, state: _State) -> list[Slide]:
    table = slide.table
    assert table is not None
    meter = measure(box.font)

    def short(factor: float, pages: list) -> bool:
        return len(pages) > 1 and len(pages[-1]) < MIN_CONTINUED_ROWS

    def attempt(factor: float) -> list[list[int]]:
        heights = table_row_heights(table, box.width, meter, factor)
        pages = _balanced(lambda frac: _split_rows(heights, box.height, frac))
        return _settle(pages, lambda page: len(page) < MIN_CONTINUED_ROWS,
                       lambda page: heights[0] + sum(heights[i + 1] for i in page) <= box.height, lambda page: 1)

    try:
        factor, pages, loud = _with_shrink(attempt, shrink, lambda r: _overflow(state, slide, "table", r), short)
    except BuildError:  # a row taller than the whole table area: it is split across slides
        split = _rows_split(table, box, meter, 1.0)
        if split is None:
            raise
        (factor, entries), loud = (1.0, split), False
        _warn_lone(state, slide, table, entries, _tall_rows(table, box, meter, 1.0))
    else:
        entries = [[(i, table.rows[i]) for i in page] for page in pages]
        if _lone_continuation(pages):
            factor, entries = _rows_kept_together(table, box, meter, factor, entries, state, slide)
    if loud:
        _shrunk(state, slide, "table", factor)
    scales = slide.scales + ((("table", factor),) if factor != 1.0 else ())
    return [_continued(replace(slide, table=_sub_table(table, page), scales=scales), n, len(entries))
            for n, page in enumerate(entries)]


def _sub_table(table: TableSpec, page: list[Entry]) -> TableSpec:
    """The part of ``table`` one slide shows: its rows (or parts of rows), with their marks and notes."""
    return replace(table, rows=tuple(cells for _, cells in page),
                   marked=tuple(k for k, (i, _) in enumerate(page) if i in table.marked),
                   notes=tuple(table.notes[i] for i, _ in page) if table.notes else ())


def _split_rows(heights: list[float], box_height: float, fraction: float) -> list[list[int]]:
    head, rows = heights[0], heights[1:]
    room = box_height * fraction - head
    pages: list[list[int]] = []
    cur: list[int] = []
    used = 0.0
    for i, h in enumerate(rows):
        if h > box_height - head:
            raise _TooBig((h + head) / box_height)
        if used + h > room and cur:
            pages.append(cur)
            cur, used = [], 0.0
        if h > room:
            raise _TooBig((h + head) / (box_height * fraction))
        cur.append(i)
        used += h
    if cur or not pages:
        pages.append(cur)
    return pages


def _lone_continuation(pages: list[list]) -> bool:
    """Whether a continuation slide of the table holds fewer than MIN_CONTINUED_ROWS rows."""
    return any(len(page) < MIN_CONTINUED_ROWS for page in pages[1:])


def _rows_kept_together(table: TableSpec, box: Box, meter: TextMeasurer, factor: float, entries: list[list[Entry]],
                        state: _State, slide: Slide) -> tuple[float, list[list[Entry]]]:
    """The scale and pages of a table whose continuation would hold a lone row, rows moved between the slides
    so that every continuation holds MIN_CONTINUED_ROWS: at ``factor``, else at the largest quiet scale down
    to NEAR_EMPTY_FLOOR that allows it; else, at ``factor``, with a row split across two slides.  When
    nothing does, the pages as they are, with a warning naming the table and the slide of the lone row."""
    for step in (factor,) + tuple(s for s in SHRINK_STEPS if NEAR_EMPTY_FLOOR <= s < factor):
        heights = table_row_heights(table, box.width, meter, step)
        found = _rows_rebalanced(heights, box.height)
        if found is not None:
            return step, [[(i, table.rows[i]) for i in page] for page in found]
    split = _rows_split(table, box, meter, factor)
    if split is not None and not _lone_pages(split, frozenset()):
        return factor, split
    _warn_lone(state, slide, table, entries)
    return factor, entries


def _warn_lone(state: _State, slide: Slide, table: TableSpec, entries: list[list[Entry]],
               tall: frozenset = frozenset()) -> None:
    """A warning naming the table and its first continuation slide below MIN_CONTINUED_ROWS rows, if any."""
    lone = _lone_pages(entries, tall)
    if not lone:
        return
    lone = lone[0]
    state.warnings.append(Problem(None, "", (
        f'{_label(state, slide)}: the table "{" | ".join(table.columns)}" continues with a single row on its '
        f'slide {lone + 1} of {len(entries)} (a continuation holds at least {MIN_CONTINUED_ROWS} rows; no '
        f'arrangement keeps them together at {NEAR_EMPTY_FLOOR:.0%} type or more, even with a row split '
        f'across slides): shorten its longest rows'), severity="warning"))


def _lone_pages(entries: list[list[Entry]], tall: frozenset) -> list[int]:
    """The continuation slides holding fewer than MIN_CONTINUED_ROWS rows, but for those holding a part of a row
    in ``tall`` (taller than a slide: it can only be shown split, and a part of it is as full as a slide)."""
    return [n for n, page in enumerate(entries) if n and len(page) < MIN_CONTINUED_ROWS and page[0][0] not in tall]


def _tall_rows(table: TableSpec, box: Box, meter: TextMeasurer, factor: float) -> frozenset:
    """The body rows taller than the table's box under its header: they can only be shown split."""
    head, *rows = table_row_heights(table, box.width, meter, factor)
    return frozenset(i for i, h in enumerate(rows) if head + h > box.height)


def _rows_rebalanced(heights: list[float], box_height: float) -> list[list[int]] | None:
    """Pages of consecutive body rows that each fit under the header, every page after the first holding at
    least MIN_CONTINUED_ROWS rows: the fewest pages, then a first page of more than one row, then the least
    filled fullest page (the most even split); None when no such pages exist."""
    head, rows = heights[0], heights[1:]
    best: list = [(0, 0, 0.0, [])] + [None] * len(rows)  # best[i]: (pages, lone first, fullest, pages) of rows[:i]
    for end in range(1, len(rows) + 1):
        for start in range(end):
            fill = head + sum(rows[start:end])
            if best[start] is None or fill > box_height or (start and end - start < MIN_CONTINUED_ROWS):
                continue
            count, lone, fullest, split = best[start]
            trial = (count + 1, lone + (start == 0 and end == 1 < len(rows)), max(fullest, fill),
                     split + [list(range(start, end))])
            if best[end] is None or trial[:3] < best[end][:3]:
                best[end] = trial
    return best[-1][3] if best[-1] is not None else None


# ------------------------------------------------------------------ rows split across slides
_MARKER = re.compile(r"\[[^\[\]\n]*\]")  # a source marker: [3], [1, 3]
_BOUNDARIES = (re.compile(r"\n\s*"), re.compile(r"(?<=[.!?;:])\s+"), re.compile(r"\s+"))  # paragraph, sentence, word


def _cut_points(text: str, pattern: re.Pattern) -> list[int]:
    """Offsets in ``text`` where a part may end at this kind of boundary (the boundary's white space goes with
    neither part): never inside a source marker, nor just before one (a marker stays with what it sources)."""
    markers = [m.span() for m in _MARKER.finditer(text)]
    return [m.start() for m in pattern.finditer(text) if 0 < m.start() and m.end() < len(text)
            and not any(a < m.start() < b for a, b in markers) and not _MARKER.match(text, m.end())]


class _RowCutter:
    """Parts of a table's body rows: the cells from given offsets, cut after a number of lines at the best
    boundary (paragraph, then sentence, then word), measured as the table draws them."""

    def __init__(self, table: TableSpec, width: float, meter: TextMeasurer, factor: float):
        self.table, self.width, self.meter = table, width, meter
        self.fractions = table.column_fractions()
        self.size = table_size(table.size, factor)
        self.cache: dict = {}

    def bold(self, row: int) -> bool:
        """Whether the row's first cell is drawn bold."""
        return self.table.row_titles or row in self.table.marked

    def lines(self, row: int, col: int, text: str) -> int:
        """Lines ``text`` takes in column ``col`` of ``row``."""
        return len(self.line_ends(row, col, text))

    def line_ends(self, row: int, col: int, text: str) -> list[int]:
        """Where each line of ``text`` drawn in column ``col`` of ``row`` ends (offsets into ``text``, after its
        last character that is not white space).  Lines are broken greedily, so a part of ``text`` ending at a
        boundary no later than the end of line k takes at most k lines."""
        key = ("lines", row, col, text)
        if key not in self.cache:
            style = LevelStyle(size=self.size, bold=col == 0 and self.bold(row), bullet=False)
            width = self.width * self.fractions[col] - 2 * CELL_MARGIN_X
            ends, pos = [], 0
            for line in self.meter.wrap(text, width - max(style.margin, style.margin + style.indent), style.size,
                                        style.bold):
                need = sum(len(word) for word in line.split())
                while need:
                    need -= not text[pos].isspace()
                    pos += 1
                ends.append(pos)
            self.cache[key] = ends
        return self.cache[key]

    def cells(self, row: int, start: tuple, end: tuple | None) -> tuple:
        """The cells of ``row`` from offsets ``start`` to ``end`` (None: to the end of the row); a part after
        the first names the row: its first cell, when empty, reads the row's first cell + ROW_CONT."""
        full = self.table.rows[row]
        if end is None and not any(start):
            return full
        part = [text[a:(len(text) if end is None else b)].strip()
                for text, a, b in zip(full, start, end or start)]
        if any(start) and not part[0] and full[0]:
            part[0] = full[0] + ROW_CONT
        return tuple(part)

    def height(self, row: int, cells: tuple) -> float:
        """Height in points of ``cells`` drawn as a row of ``row``."""
        key = (row, cells)
        if key not in self.cache:
            self.cache[key] = _row_height(cells, self.fractions, self.width, self.meter, self.size, self.bold(row))
        return self.cache[key]

    def cut(self, row: int, start: tuple, lines: int) -> tuple | None:
        """Offsets where the part of ``row`` from ``start`` ends after at most ``lines`` lines of each cell (fewer
        than the rest of the row takes); None when no cell can give a part that short."""
        end = tuple(self._cell_cut(row, c, text, a, lines) for c, (text, a) in enumerate(zip(self.table.rows[row],
                                                                                               start)))
        return None if end == start else end

    def _cell_cut(self, row: int, col: int, text: str, start: int, lines: int) -> int:
        """Where the part of one cell from ``start`` ends in ``lines`` lines: the whole rest if it fits, else
        the longest part at a paragraph boundary filling more than half of them, else at a sentence boundary,
        else at a word boundary (``start`` when not even one word fits)."""
        rest = text[start:]
        start, rest = start + len(rest) - len(rest.lstrip()), rest.lstrip()
        ends = self.line_ends(row, col, rest.rstrip())
        if len(ends) <= lines:
            return len(text)
        key = ("points", rest)
        if key not in self.cache:
            self.cache[key] = [_cut_points(rest, pattern) for pattern in _BOUNDARIES]
        for points in self.cache[key]:
            found = next((p for p in reversed(points) if p <= ends[lines - 1]), 0)
            if found and 2 * (bisect.bisect_left(ends, found) + 1) > lines:
                break
        return start + found


def _rows_split(table: TableSpec, box: Box, meter: TextMeasurer, factor: float) -> list[list[Entry]] | None:
    """Pages of the table's rows at ``factor`` where rows may be split across slides (see :class:`_RowCutter`):
    the fewest continuations below MIN_CONTINUED_ROWS (a part of a row taller than a slide may fill one
    alone), then the fewest rows split, the fewest pages, and the least filled fullest slide.  None when some
    row cannot be shown even split (MIN_SPLIT_LINES of its lines do not fit under the header)."""
    cutter = _RowCutter(table, box.width, meter, factor)
    tall = _tall_rows(table, box, meter, factor)
    n = len(table.rows)
    first = (0, (0,) * len(table.rows[0])) if n else (0, ())
    best: dict = {first: ((0, 0, 0, 0.0), [])}  # state -> (cost, pages) of the best pages up to it
    todo = [first]  # states in order: a slide always ends at a later row, or later in the same row
    while todo:
        state = heapq.heappop(todo)
        cost, pages = best[state]
        for page, fill, after in _pages_from(cutter, box.height, state):
            lone = state != first and len(page) < MIN_CONTINUED_ROWS and page[0][0] not in tall
            trial = (cost[0] + lone, cost[1] + any(after[1]), cost[2] + 1, max(cost[3], fill))
            if after not in best:
                heapq.heappush(todo, after)
            if after not in best or trial < best[after][0]:
                best[after] = (trial, pages + [page])
    end = (n, ())
    return best[end][1] if end in best and n else None


def _pages_from(cutter: _RowCutter, box_height: float, state: tuple):
    """Every slide of rows that can start at ``state`` (a row and the offsets in its cells where the slide
    starts): (its entries, its height with the header, the state after it)."""
    rows = cutter.table.rows
    row, start = state
    used = _header_height(cutter.table, cutter.width, cutter.meter, cutter.size)
    entries: list[Entry] = []
    while row < len(rows):
        rest = max(cutter.lines(row, c, text[a:].strip()) for c, (text, a) in enumerate(zip(rows[row], start)))
        seen = None
        for k in range(MIN_SPLIT_LINES, rest - MIN_SPLIT_LINES + 1):  # the slide ends after k lines of this row
            end = cutter.cut(row, start, k)
            if end is None or end == seen:
                continue
            seen, cells = end, cutter.cells(row, start, end)
            height = cutter.height(row, cells)
            if used + height > box_height:
                break
            yield entries + [(row, cells)], used + height, (row, end)
        cells = cutter.cells(row, start, None)
        used += cutter.height(row, cells)
        if used > box_height:
            return
        entries = entries + [(row, cells)]
        row, start = row + 1, (0,) * len(rows[row + 1]) if row + 1 < len(rows) else ()
        yield entries, used, (row, start)
