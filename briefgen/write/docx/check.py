"""Accessibility rules for a written Word memo, after Word's Accessibility Checker.

Read from the saved .docx: heading levels without skips, alt text on every picture, each table's header
row marked to repeat on every page, footnote references that point at real footnotes, and the
document's title and language.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

from briefgen.write.findings import Finding, Rule, Rules

RULES = Rules(
    Rule("heading-order", "error", "heading levels go down one at a time (no Heading 1 straight to Heading 3)"),
    Rule("alt-text", "error", "every picture has alt text"),
    Rule("table-header", "error", "every table's first row is a header row repeated on each page"),
    Rule("footnotes", "error", "every footnote reference points at a footnote"),
    Rule("document-title", "error", "the document's title is set (File > Info > Properties)"),
    Rule("language", "error", "the document's language is set"),
)

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_DECORATIVE = "{http://schemas.microsoft.com/office/drawing/2017/decorative}decorative"
_HEADING_NAME = re.compile(r"heading ([1-9])", re.I)


def w(tag: str) -> str:
    """A WordprocessingML tag name in lxml's ``{namespace}name`` form."""
    return f"{{{_W}}}{tag}"


def check_docx(path: Path, shown: str) -> list[Finding]:
    """Every accessibility problem of the memo at ``path`` (``shown``: how its path is printed)."""
    import docx

    doc = docx.Document(str(path))
    findings: list[Finding] = []
    cp = doc.core_properties
    if not (cp.title or "").strip():
        findings.append(RULES.finding(shown, "document-title", "the document has no title; set it in "
                                                               "File > Info > Properties > Title"))
    if not (cp.language or "").strip() and not _default_language(doc):
        findings.append(RULES.finding(shown, "language", "the document declares no language; set it "
                                                         "(Review > Language, or docProps/core.xml dc:language)"))
    body = doc.element.body
    findings += [RULES.finding(shown, rule, message) for rule, message in _headings(doc, body)]
    findings += [RULES.finding(shown, rule, message) for rule, message in _pictures(body)]
    findings += [RULES.finding(shown, rule, message) for rule, message in _tables(body)]
    findings += [RULES.finding(shown, rule, message) for rule, message in _footnotes(doc, body)]
    return findings


def _default_language(doc: Any) -> str:
    lang = doc.styles.element.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    return lang.get(w("val"), "") if lang is not None else ""


def _style_levels(doc: Any) -> dict[str, int]:
    """Style id -> heading level (1-9) for every paragraph style that is a heading: an outline level of
    its own or inherited, else a name "Heading N"."""
    styles = {s.get(w("styleId")): s for s in doc.styles.element.iterfind(w("style"))
              if s.get(w("type")) == "paragraph"}

    def level(style_id: str, seen: tuple = ()) -> int | None:
        el = styles.get(style_id)
        if el is None or style_id in seen:
            return None
        outline = el.find(f"{w('pPr')}/{w('outlineLvl')}")
        if outline is not None:
            n = int(outline.get(w("val"), "9"))
            return n + 1 if n < 9 else None
        name = el.find(w("name"))
        m = _HEADING_NAME.fullmatch(name.get(w("val"), "")) if name is not None else None
        if m:
            return int(m.group(1))
        based = el.find(w("basedOn"))
        return level(based.get(w("val")), seen + (style_id,)) if based is not None else None

    return {sid: lvl for sid in styles if (lvl := level(sid)) is not None}


def _headings(doc: Any, body: Any) -> Iterator[tuple[str, str]]:
    levels = _style_levels(doc)
    previous = 0
    for p in body.iter(w("p")):
        ppr = p.find(w("pPr"))
        level = None
        if ppr is not None:
            outline = ppr.find(w("outlineLvl"))
            style = ppr.find(w("pStyle"))
            if outline is not None and int(outline.get(w("val"), "9")) < 9:
                level = int(outline.get(w("val"))) + 1
            elif style is not None:
                level = levels.get(style.get(w("val")))
        if level is None:
            continue
        if level > previous + 1:
            text = "".join(t.text or "" for t in p.iter(w("t")))
            was = f"Heading {previous}" if previous else "the start of the document"
            yield "heading-order", (f'heading "{_clip(text)}" is level {level} after {was}; use Heading '
                                    f"{previous + 1} or add the missing level")
        previous = level


def _pictures(body: Any) -> Iterator[tuple[str, str]]:
    for n, doc_pr in enumerate(body.iter(f"{{{_WP}}}docPr"), start=1):
        if not (doc_pr.get("descr") or "").strip() and not any(
                d.get("val") in ("1", "true") for d in doc_pr.iter(_DECORATIVE)):
            yield "alt-text", (f'picture {n} ("{doc_pr.get("name", "")}") has no alt text; describe what it shows '
                               f"(right-click > View Alt Text)")


def _tables(body: Any) -> Iterator[tuple[str, str]]:
    for n, tbl in enumerate(body.iter(w("tbl")), start=1):
        first = tbl.find(w("tr"))
        if first is None:
            continue
        header = first.find(f"{w('trPr')}/{w('tblHeader')}")
        if header is None or header.get(w("val"), "1") in ("0", "false", "off"):
            cells = ["".join(t.text or "" for t in tc.iter(w("t"))) for tc in first.iter(w("tc"))]
            yield "table-header", (f'table {n} (first row "{_clip(" | ".join(cells))}") has no repeating header '
                                   f"row; select the first row, Table Properties > Row > Repeat as header row")


def _footnotes(doc: Any, body: Any) -> Iterator[tuple[str, str]]:
    refs = [r.get(w("id")) for r in body.iter(w("footnoteReference"))]
    if not refs:
        return
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    try:
        part = doc.part.part_related_by(RT.FOOTNOTES)
        notes = {n.get(w("id")) for n in etree.fromstring(part.blob).iter(w("footnote"))}
    except (KeyError, etree.XMLSyntaxError):
        notes = set()
    missing = sorted({r for r in refs if r not in notes}, key=lambda x: int(x) if x.lstrip("-").isdigit() else 0)
    if missing:
        yield "footnotes", (f"footnote reference(s) {', '.join(missing)} point at no footnote; re-insert them "
                            f"(References > Insert Footnote)")


def _clip(text: str, n: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "\u2026"
