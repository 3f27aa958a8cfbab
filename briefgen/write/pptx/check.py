"""Accessibility rules for a written deck, after PowerPoint's Accessibility Checker.

Each rule reads the saved .pptx (never the deck model), so it judges what a reader gets, on any master:
slide titles, unique titles, alt text, table headers and merged cells, reading order, text contrast
against the fill actually behind the text (:mod:`briefgen.write.pptx.appearance`; table cells with their
table style, :mod:`briefgen.write.pptx.table_look`; text on pictures is a warning to look), a text-size floor,
text that fits its box (:mod:`briefgen.write.pptx.fit_check`),
empty placeholders, link text, and the presentation's title and language.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterator

from briefgen.write.contrast import Rgb, contrast_ratio, from_hex, required_ratio, to_hex
from briefgen.write.findings import Finding, Rule, Rules
from briefgen.write.pptx.appearance import (
    FURNITURE_TYPES,
    TITLE_TYPES,
    SlideLook,
    ph_of,
    ph_type,
    q,
    reads_before,
)
from briefgen.write.pptx.elements import xml_of
from briefgen.write.pptx.fit_check import overflows
from briefgen.write.pptx.table_look import cell_style, table_style

MIN_TEXT_PT = 10.0  # the floor: classification banners and footers are 10 pt; nothing on a slide is smaller
BANNER_PREFIX = "Classification Banner"  # the banners briefgen draws: page furniture, like the footer

RULES = Rules(
    Rule("slide-title", "error", "every slide has a title in its title placeholder"),
    Rule("unique-title", "warning", "no two slides have the same title"),
    Rule("alt-text", "error", "every picture, chart, diagram and group has alt text"),
    Rule("table-header", "error", "every table has a header row"),
    Rule("merged-cells", "warning", "no table has merged cells"),
    Rule("title-first", "error", "the title is the first thing read on a slide"),
    Rule("reading-order", "warning", "after the title, shapes are read top to bottom, left to right"),
    Rule("contrast", "error", "text contrast at least 4.5:1 against its fill (3:1 for 18 pt, or 14 pt bold)"),
    Rule("text-over-picture", "warning", "text on a picture: its contrast cannot be measured, so it is looked at"),
    Rule("table-style", "warning", "tables are drawn in a table style whose colours are known"),
    Rule("text-size", "error", f"no text smaller than {MIN_TEXT_PT:g} pt"),
    Rule("fit", "error", "no text runs out of its box (measured as the build fits text)"),
    Rule("empty-placeholder", "warning", "no empty placeholder left on a slide"),
    Rule("link-text", "warning", "link text says where the link goes (not 'click here' or the address)"),
    Rule("document-title", "error", "the presentation's title is set (File > Info > Properties)"),
    Rule("language", "error", "the presentation's language is set"),
)

_VAGUE_LINKS = {"click here", "here", "link", "this link", "more", "read more", "click", "this", "url", "website"}
_GRAPHIC_KINDS = {"chart": "chart", "diagram": "diagram (SmartArt)"}


def check_pptx(path: Path, shown: str) -> list[Finding]:
    """Every accessibility problem of the deck at ``path`` (``shown``: how its path is printed)."""
    from lxml import etree
    from pptx import Presentation
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = Presentation(str(path))
    findings: list[Finding] = []
    cp = prs.core_properties
    if not (cp.title or "").strip():
        findings.append(RULES.finding(shown, "document-title", "the presentation has no title; set it in "
                                                               "File > Info > Properties > Title"))
    if not (cp.language or "").strip():
        findings.append(RULES.finding(shown, "language", "the presentation declares no language; set it "
                                                         "(docProps/core.xml dc:language, e.g. en-US)"))
    master = prs.slide_masters[0]
    try:
        theme_el = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        theme_el = None
    theme = _theme_colors(theme_el)
    table_styles = _table_styles(prs.part)
    titles: dict[str, int] = {}
    for number, slide in enumerate(prs.slides, start=1):
        where = f"slide {number}"
        look = SlideLook(slide, theme, xml_of(prs.part), theme_el)
        title = _title_text(xml_of(slide))
        if title is None:
            findings.append(RULES.finding(shown, "slide-title", "no title placeholder with text; give the slide "
                                                                "a title (it may sit off the slide if hidden)", where))
        else:
            key = " ".join(title.split()).casefold()
            if key in titles:
                findings.append(RULES.finding(shown, "unique-title", f'title "{title}" is also slide '
                                                                     f"{titles[key]}'s; make each title unique", where))
            else:
                titles[key] = number
        findings.extend(f(shown, where) for f in _slide_rules(xml_of(slide), look, table_styles))
    return findings


def _slide_rules(slide: Any, look: SlideLook, table_styles: Any | None = None) -> Iterator[Any]:
    """Findings (as functions of output and place) of one slide."""
    shapes = _top_shapes(slide)
    yield from _alt_text(shapes)
    yield from _tables(shapes)
    yield from _reading_order(shapes, look)
    yield from _text(shapes, look, table_styles)
    yield from _fit(shapes, look)
    yield from _empty_placeholders(shapes)
    yield from _links(slide)


def _later(rule: str, message: str):
    return lambda shown, where: RULES.finding(shown, rule, message, where)


def _top_shapes(slide: Any) -> list:
    tree = slide.find(f"{q('p:cSld')}/{q('p:spTree')}")
    return [el for el in tree if el.tag in (q("p:sp"), q("p:pic"), q("p:graphicFrame"), q("p:grpSp"),
                                             q("p:cxnSp"))] if tree is not None else []


def _name(el: Any) -> str:
    pr = _cnvpr(el)
    return pr.get("name", "") if pr is not None else ""


def _cnvpr(el: Any) -> Any | None:
    for nv in ("p:nvSpPr", "p:nvPicPr", "p:nvGraphicFramePr", "p:nvGrpSpPr", "p:nvCxnSpPr"):
        node = el.find(q(nv))
        if node is not None:
            return node.find(q("p:cNvPr"))
    return None


def _decorative(pr: Any) -> bool:
    """Whether PowerPoint's "Mark as decorative" is set (the a16:decorative extension)."""
    return any(d.get("val") in ("1", "true") for d in pr.iter("{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"))


def _graphic_kind(frame: Any) -> str | None:
    data = frame.find(f"{q('a:graphic')}/{q('a:graphicData')}")
    uri = data.get("uri", "") if data is not None else ""
    if uri.endswith("/chart"):
        return "chart"
    if uri.endswith("/diagram"):
        return "diagram"
    return None


def _alt_text(shapes: list) -> Iterator[Any]:
    for el in shapes:
        kind = None
        if el.tag == q("p:pic"):
            kind = "picture"
        elif el.tag == q("p:grpSp"):
            kind = "group"
        elif el.tag == q("p:graphicFrame"):
            kind = _GRAPHIC_KINDS.get(_graphic_kind(el) or "")
        if kind is None:
            continue
        pr = _cnvpr(el)
        if pr is not None and not (pr.get("descr") or "").strip() and not _decorative(pr):
            yield _later("alt-text", f'{kind} "{_name(el)}" has no alt text; describe what it shows '
                                     f"(right-click > View Alt Text)")
        if el.tag == q("p:grpSp"):
            yield from _alt_text([c for c in el if c.tag in (q("p:pic"), q("p:grpSp"), q("p:graphicFrame"))])


def _tables(shapes: list) -> Iterator[Any]:
    for el in shapes:
        tbl = el.find(f"{q('a:graphic')}/{q('a:graphicData')}/{q('a:tbl')}")
        if tbl is None:
            continue
        pr = tbl.find(q("a:tblPr"))
        if pr is None or pr.get("firstRow") not in ("1", "true"):
            yield _later("table-header", f'table "{_name(el)}" has no header row; tick Header Row '
                                         f"(Table Design) and put the column names in the first row")
        merged = sum(1 for tc in tbl.iter(q("a:tc"))
                     if any(tc.get(a) not in (None, "0", "1", "false") for a in ("gridSpan", "rowSpan"))
                     or tc.get("hMerge") in ("1", "true") or tc.get("vMerge") in ("1", "true"))
        if merged:
            yield _later("merged-cells", f'table "{_name(el)}" has {merged} merged cell(s); split them so '
                                         f"each cell sits under one column header")


def _is_furniture(el: Any) -> bool:
    ph = ph_of(el)
    return (ph is not None and ph_type(ph) in FURNITURE_TYPES) or _name(el).startswith(BANNER_PREFIX)


def _reading_order(shapes: list, look: SlideLook) -> Iterator[Any]:
    title_at = next((i for i, el in enumerate(shapes) if ph_of(el) is not None and ph_type(ph_of(el)) in TITLE_TYPES),
                    None)
    if title_at is None:
        return
    if title_at > 0:
        first = shapes[0]
        yield _later("title-first", f'"{_name(first)}" is read before the title; move the title to the top of '
                                    f"the reading order (Arrange > Selection Pane: it is read bottom-up there)")
    content = [(el, look.rect(el)) for i, el in enumerate(shapes) if i != title_at and not _is_furniture(el)]
    content = [(el, r) for el, r in content if r is not None]
    for (a, ra), (b, rb) in zip(content, content[1:]):
        if reads_before(rb, ra):
            side = "above" if rb.bottom <= ra.top else "left of"
            yield _later("reading-order", f'"{_name(b)}" is {side} "{_name(a)}" but read after it; reorder '
                                          f"them in the Selection Pane")


def _text(shapes: list, look: SlideLook, table_styles: Any | None = None) -> Iterator[Any]:
    for el in shapes:
        rect = look.rect(el)
        if el.tag == q("p:sp"):
            runs = list(look.text_runs(el))
            if runs:
                fill = look.own_fill(el)
                if fill is None and look.has_picture_fill(el):
                    behind, picture = None, "its own picture fill"
                else:
                    behind = fill if fill else (look.behind(el, rect) if rect is not None else None)
                    picture = look.picture_behind(el, rect) if behind is None and rect is not None else None
                if picture:
                    yield _over_picture(el, runs, picture)
                yield from _judge(_name(el), runs, behind)
        elif el.tag == q("p:graphicFrame"):
            tbl = el.find(f"{q('a:graphic')}/{q('a:graphicData')}/{q('a:tbl')}")
            if tbl is not None:
                yield from _table_text(el, tbl, look, rect, table_styles)
        elif el.tag == q("p:grpSp"):
            yield from _text([c for c in el if c.tag in (q("p:sp"), q("p:grpSp"))], look, table_styles)


def _over_picture(el: Any, runs: list, picture: str) -> Any:
    """The warning for text on a picture: its contrast is not computed (a photograph has no one colour), the
    person is asked to look."""
    return _later("text-over-picture", f'{_name(el)}: "{_clip(runs[0].text)}" sits on {picture}, so its contrast '
                                       f"cannot be measured; check it by eye, or put the text on a solid fill")


def _table_text(frame: Any, tbl: Any, look: SlideLook, rect: Any, table_styles: Any | None) -> Iterator[Any]:
    """Contrast and size of a table's text (the worst cell of each rule): each cell against its own fill, else
    its table style's fill for its place in the table, else what is under the table."""
    under = look.behind(frame, rect) if rect is not None else None
    sheets = [look.presentation.find(q("p:defaultTextStyle"))]
    style_id, style = table_style(tbl, table_styles)
    worst: dict = {}
    unknown_style = False
    for r, tr in enumerate(tbl.findall(q("a:tr"))):
        for c, tc in enumerate(tr.findall(q("a:tc"))):
            body = tc.find(q("a:txBody"))
            if body is None:
                continue
            styled = cell_style(style, tbl, r, c) if style is not None else None
            fill = look.fill_colors(tc.find(q("a:tcPr")))  # [] for the cell's own "No Fill": what is under it
            if fill is None and styled is not None and styled.fill is not None:
                fill = _style_fill(look, styled.fill)
            elif fill is None and style is None and style_id:
                unknown_style = True
                continue  # drawn in a style briefgen does not know: its fill and text colour are unknown
            runs = _cell_runs(look, body, sheets, styled)
            for problem in _judge(f'table "{_name(frame)}"', runs, fill if fill else under, lazy=False):
                worst.setdefault(problem[0], problem)
    for rule, message in worst.values():
        yield _later(rule, message)
    if unknown_style:
        yield _later("table-style", f'table "{_name(frame)}" uses table style {style_id}, which briefgen cannot '
                                    f"read, so the contrast of cells without their own fill is not measured; check "
                                    f"them by eye, or give the cells fills")


def _style_fill(look: SlideLook, fill: Any) -> list | None:
    """The colours of a table style part's fill (``a:fill`` holding a fill, or a theme ``a:fillRef``)."""
    if fill.tag == q("a:fillRef"):
        colour = look.color(fill)
        return [colour] if colour is not None else None
    return look.fill_colors(fill)


def _cell_runs(look: SlideLook, body: Any, sheets: list, styled: Any | None) -> list:
    """A cell's runs as drawn: size and weight as the text sets them (else the presentation's defaults), the
    colour its own (else the table style's text colour) and bold when the style makes it so."""
    runs = list(look.runs_in(body, [body], sheets))
    if styled is None or (styled.text_color is None and not styled.bold):
        return runs
    own = list(look.runs_in(body, [body], [], style_color=look.color(styled.text_color)))
    return [replace(run, color=near.color if styled.text_color is not None else run.color,
                    bold=run.bold or styled.bold) for run, near in zip(runs, own)]


def _judge(name: str, runs: list, behind: list[Rgb] | None, lazy: bool = True) -> Iterator[Any]:
    """The contrast and size findings of one shape's runs (the worst run of each): as ``_later`` functions,
    or (``lazy=False``) as (rule, message) pairs."""
    def out(rule: str, message: str):
        return _later(rule, message) if lazy else (rule, message)

    small = [r for r in runs if r.size < MIN_TEXT_PT - 0.01]
    if small:
        r = min(small, key=lambda r: r.size)
        yield out("text-size", f'{name}: "{_clip(r.text)}" is {r.size:g} pt, below the {MIN_TEXT_PT:g} pt floor; '
                               f"enlarge it or cut the text so it fits at that size")
    if not behind:
        return
    failing = []
    for r in runs:
        if r.color is None:
            continue
        ratio, against = min((contrast_ratio(r.color, bg), bg) for bg in behind)
        need = required_ratio(r.size, r.bold)
        if ratio < need - 0.005:
            failing.append((ratio / need, ratio, need, r, against))
    if failing:
        _, ratio, need, r, against = min(failing, key=lambda f: f[0])
        yield out("contrast", f'{name}: "{_clip(r.text)}" ({r.size:g} pt{" bold" if r.bold else ""}) is '
                              f"{to_hex(r.color)} on {to_hex(against)}, contrast {ratio:.2f}:1, needs {need:g}:1; "
                              f"darken the text or lighten the fill (or the reverse)")


def _fit(shapes: list, look: SlideLook) -> Iterator[Any]:
    for overflow in overflows(shapes, look):
        yield _later("fit", overflow.message())


def _clip(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _empty_placeholders(shapes: list) -> Iterator[Any]:
    for el in shapes:
        ph = ph_of(el)
        if ph is None or el.tag != q("p:sp"):
            continue
        body = el.find(q("p:txBody"))
        text = "".join(t.text or "" for t in body.iter(q("a:t"))) if body is not None else ""
        if not text.strip():
            yield _later("empty-placeholder", f'placeholder "{_name(el)}" is empty; delete it or fill it')


def _links(slide: Any) -> Iterator[Any]:
    for r in slide.iter(q("a:r")):
        pr = r.find(q("a:rPr"))
        if pr is None or pr.find(q("a:hlinkClick")) is None:
            continue
        text = " ".join("".join(t.text or "" for t in r.iter(q("a:t"))).split())
        if text.casefold().strip(".:") in _VAGUE_LINKS or re.match(r"(https?://|www\.|mailto:)", text, re.I):
            yield _later("link-text", f'link text "{_clip(text)}" does not say where it goes; use the name of '
                                      f"what it opens")


def _title_text(slide: Any) -> str | None:
    for el in _top_shapes(slide):
        ph = ph_of(el)
        if ph is not None and ph_type(ph) in TITLE_TYPES:
            body = el.find(q("p:txBody"))
            text = " ".join("".join(t.text or "" for t in body.iter(q("a:t"))).split()) if body is not None else ""
            if text:
                return text
    return None


def _table_styles(presentation_part: Any) -> Any | None:
    """The root of the deck's ``ppt/tableStyles.xml`` (None when it has none or it is unreadable)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return etree.fromstring(presentation_part.part_related_by(RT.TABLE_STYLES).blob)
    except (KeyError, etree.XMLSyntaxError):
        return None


def _theme_colors(theme: Any | None) -> dict[str, Rgb]:
    out: dict[str, Rgb] = {}
    scheme = theme.find(f".//{q('a:clrScheme')}") if theme is not None else None
    for slot in scheme if scheme is not None else ():
        srgb, sys_ = slot.find(q("a:srgbClr")), slot.find(q("a:sysClr"))
        value = srgb.get("val") if srgb is not None else sys_.get("lastClr") if sys_ is not None else None
        if value:
            try:
                out[slot.tag.split("}")[1]] = from_hex(value)
            except ValueError:
                continue
    return out


__all__ = ["check_pptx", "RULES", "MIN_TEXT_PT"]
