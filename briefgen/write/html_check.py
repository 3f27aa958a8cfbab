"""Structural accessibility rules for an HTML memo or diff page, without a browser.

The page's language and title, a header cell in every data table, alt text on every image, and the
contrast of the colours its own stylesheet sets (each rule's text colour against its own background, or
else the page's; print styles left out, paper being white).  The test suite also runs axe-core on the
shipped pages in a real browser; this is the part ``briefgen check`` can do anywhere.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from briefgen.write.contrast import Rgb, blend, contrast_ratio, css_color, required_ratio, to_hex
from briefgen.write.findings import Finding, Rule, Rules

RULES = Rules(
    Rule("language", "error", "the page declares its language (<html lang>)"),
    Rule("document-title", "error", "the page has a <title>"),
    Rule("table-header", "error", "every data table has header cells (<th>)"),
    Rule("alt-text", "error", "every image has alt text"),
    Rule("contrast", "error", "the stylesheet's text colours reach 4.5:1 against their background (3:1 large)"),
)

WHITE: Rgb = (1.0, 1.0, 1.0)
_BLACK: Rgb = (0.0, 0.0, 0.0)
_PAGE_SELECTORS = ("html", "body", ":root")


def check_html(path: Path, shown: str) -> list[Finding]:
    """Every accessibility problem of the HTML page at ``path`` (``shown``: how its path is printed)."""
    import lxml.html

    # Read with lxml's HTML parser, which copes with any page; huge inline images are only attributes.
    doc = lxml.html.document_fromstring(path.read_bytes())
    findings: list[Finding] = []

    def add(rule: str, message: str) -> None:
        findings.append(RULES.finding(shown, rule, message))

    if not (doc.get("lang") or "").strip():
        add("language", "<html> has no lang attribute; add one, e.g. <html lang=\"en\">")
    titles = doc.xpath("//head/title")
    if not titles or not titles[0].text_content().strip():
        add("document-title", "the page has no <title>; add one naming the document")
    for n, table in enumerate(doc.xpath("//table[not(@role='presentation') and not(@role='none')]"), start=1):
        if not table.xpath(".//th"):
            add("table-header", f"table {n} has no header cells; make its first row <th> cells (in a <thead>)")
    for n, img in enumerate(doc.xpath("//img"), start=1):
        decorative = img.get("role") in ("presentation", "none") or img.get("aria-hidden") == "true"
        if img.get("alt") is None or (not img.get("alt").strip() and not decorative):
            add("alt-text", f"image {n} has no alt text; add an alt attribute describing what it shows")
    css = "\n".join(s.text_content() for s in doc.xpath("//style"))
    for rule, message in _contrast(css):
        add(rule, message)
    return findings


def screen_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """The (selector, declarations) of a stylesheet, without comments, ``@media print`` and ``@page`` blocks;
    custom properties (``var(--x)``) are resolved from ``:root``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = _drop_blocks(css, re.compile(r"@media\s+print|@page|@font-face|@keyframes[^{]*|@supports[^{]*"))
    css = re.sub(r"@media[^{]*\{", "", css)  # other media blocks (screen, all): their rules count; their "}" is dropped below
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        decls = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                decls[name.strip().lower()] = value.strip()
        rules.append((" ".join(selector.split()), decls))
    variables = {k: v for sel, d in rules if sel == ":root" for k, v in d.items() if k.startswith("--")}

    def resolve(value: str) -> str:
        return re.sub(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^)]*))?\)", lambda m: variables.get(m.group(1), m.group(2) or ""),
                      value)

    return [(sel, {k: resolve(v) for k, v in d.items()}) for sel, d in rules]


def _drop_blocks(css: str, start: re.Pattern) -> str:
    out, i = [], 0
    while True:
        m = start.search(css, i)
        if m is None:
            return "".join(out) + css[i:]
        brace = css.find("{", m.end())
        if brace < 0:
            return "".join(out) + css[i:]
        out.append(css[i:m.start()])
        depth, j = 0, brace
        while j < len(css):
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
            if depth == 0:
                break
        i = j


def _background(decls: dict[str, str]) -> tuple[Rgb, float] | None:
    for key in ("background-color", "background"):
        if key in decls:
            value = decls[key]
            first = re.split(r"\s+(?![^(]*\))", value.strip())[0] if key == "background" else value
            return css_color(first)
    return None


def _size_pt(decls: dict[str, str]) -> tuple[float, bool]:
    bold = decls.get("font-weight", "") in ("bold", "bolder", "600", "700", "800", "900")
    size = decls.get("font-size", "")
    font = decls.get("font", "")
    if not size and font:
        bold = bold or bool(re.search(r"\bbold\b|\b[6-9]00\b", font))
        m = re.search(r"([\d.]+)(pt|px)(?:/[\d.]+\w*)?\s", font)
        size = m.group(1) + m.group(2) if m else ""
    m = re.fullmatch(r"([\d.]+)(pt|px)", size.strip())
    if not m:
        return 12.0, bold  # em/rem sizes are relative: judged as normal text (the stricter threshold)
    value = float(m.group(1))
    return (value if m.group(2) == "pt" else value * 0.75), bold


def _contrast(css: str) -> Iterator[tuple[str, str]]:
    rules = screen_rules(css)
    page_fg: Rgb = _BLACK
    page_bgs: list[Rgb] = []
    for selector, decls in rules:
        if selector in _PAGE_SELECTORS or set(selector.split(",")) <= set(_PAGE_SELECTORS):
            colour = css_color(decls.get("color", "")) if "color" in decls else None
            if colour is not None:
                page_fg = colour[0]
            bg = _background(decls)
            if bg is not None and bg[1] > 0:
                page_bgs.append(blend(bg[0], bg[1], WHITE))
    page_bgs = page_bgs or [WHITE]
    for selector, decls in rules:
        fg = css_color(decls["color"]) if "color" in decls else None
        bg = _background(decls)
        if fg is None and bg is None:
            continue
        text = fg[0] if fg is not None else page_fg
        backs = [blend(bg[0], bg[1], b) for b in page_bgs] if bg is not None and bg[1] > 0 else page_bgs
        if fg is not None and fg[1] < 1:
            text = blend(fg[0], fg[1], backs[0])
        size, bold = _size_pt(decls)
        need = required_ratio(size, bold)
        ratio, against = min((contrast_ratio(text, b), b) for b in backs)
        if ratio < need - 0.005:
            yield "contrast", (f"'{selector}' sets text {to_hex(text)} on {to_hex(against)}: contrast "
                               f"{ratio:.2f}:1, needs {need:g}:1; darken the text or lighten the background")
