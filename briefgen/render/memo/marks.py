"""Portion marks in the memo's Markdown, when the briefing turns them on.

Every memo format (md, html, docx, pdf) is written from the one Markdown text
(:mod:`briefgen.render.memo.compose`), so the marks are put there once: each
paragraph, list item, section heading, table row (the mark in its first cell,
the header row's too), footnote and figure caption starts with the portion
mark of what it shows (:class:`briefgen.render.deck.markings.PortionMarker`:
the portions whose texts appear in it, at least the briefing's
classification).  The memo's title line (``# MEMORANDUM``), rules and the
classification lines at the top and bottom of the text are page furniture,
like the header and footer, and stay unmarked.
"""
from __future__ import annotations

import re

from briefgen.render.deck.markings import PortionMarker
from briefgen.tailor.view import BriefView

_LIST = re.compile(r"^(\s*(?:[-*+]|\d{1,9}[.)]) )(.*)$")  # "- text", "1. text"
_HEADING = re.compile(r"^(#{2,6} )(.*)$")  # a section heading (the memo's title, "# ...", is furniture)
_FOOTNOTE = re.compile(r"^(\[\^\d+\]: )(.*)$")
_FIGURE = re.compile(r'^(!\[(?:[^\]\\]|\\.)*\]\(\S+ ")((?:[^"\\]|\\.)*)("\))$')  # ![alt](src "caption")
_MARKED = re.compile(r"^\([A-Z0-9 ,/]+\) ")  # a text that starts with a portion mark
_TABLE_RULE = re.compile(r"^\|(\s*:?-+:?\s*\|)+$")
_EMPHASIS = re.compile(r"(?<!\\)[*_]{1,3}")
_ESCAPED = re.compile(r"\\(.)")


def plain(markdown: str) -> str:
    """The text a reader sees of a line of the memo's Markdown: emphasis and escapes taken off."""
    return _ESCAPED.sub(r"\1", _EMPHASIS.sub("", markdown))


def _furniture(line: str, classification: str) -> bool:
    """True for a line that is page furniture: the title, a rule, the classification line, a table's rule."""
    return line.startswith("# ") or line.strip() == "---" or plain(line).strip() == classification \
        or bool(_TABLE_RULE.match(line.strip()))


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(first, end) line ranges of the Markdown blocks: a paragraph runs to the next blank line, a list item,
    table row, heading, footnote or figure is a block of its own line."""
    out: list[tuple[int, int]] = []
    n = 0
    while n < len(lines):
        if not lines[n].strip():
            n += 1
            continue
        end = n + 1
        if not _one_line(lines[n]):
            while end < len(lines) and lines[end].strip() and not _one_line(lines[end]):
                end += 1
        out.append((n, end))
        n = end
    return out


def _one_line(line: str) -> bool:
    return bool(_LIST.match(line) or _HEADING.match(line) or _FOOTNOTE.match(line) or _FIGURE.match(line)
                or line.startswith("|") or line.startswith("# "))


def _marked_line(marker: PortionMarker, line: str, text: str) -> str:
    """``line`` (the first of a block whose reader's text is ``text``) with the block's portion mark."""
    mark = marker.mark(plain(text))
    figure = _FIGURE.match(line)
    if figure:  # a chart's title carries its data's mark already (briefgen.render.charts.for_view.chart_title)
        caption = figure.group(2) if _MARKED.match(figure.group(2)) else f"{mark} {figure.group(2)}"
        return f"{figure.group(1)}{caption}{figure.group(3)}"
    if line.startswith("|"):
        return re.sub(r"^\|\s*", lambda m: f"{m.group(0)}{mark} ", line, count=1)
    for pattern in (_LIST, _HEADING, _FOOTNOTE):
        m = pattern.match(line)
        if m:
            return f"{m.group(1)}{mark} {m.group(2)}"
    return f"{mark} {line}"


def with_portion_marks(markdown: str, view: BriefView) -> str:
    """The memo's ``markdown`` with each block's portion mark when the briefing turns portion marks on
    (``view.portion_marks``); else ``markdown`` as it is."""
    if not view.portion_marks or not view.portions:
        return markdown
    marker = PortionMarker(view)
    lines = markdown.split("\n")
    for first, end in _blocks(lines):
        if not _furniture(lines[first], view.classification):
            lines[first] = _marked_line(marker, lines[first], " ".join(lines[first:end]))
    return "\n".join(lines)
