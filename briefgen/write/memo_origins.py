"""Where each block of a memo came from: the record the memo writers keep, and the blocks of a Markdown or HTML memo.

Every memo (Word, Markdown, HTML) is composed from one Markdown template, so a block (a paragraph, a list item,
a heading, a table row, a note) may show several content fields at once (an item's title, its "so what"
framing, the quote of one of its facts) beside text briefgen composes (headings, the memo header, rating words).
When a memo is written, its writer reads the blocks of what it emits back and :func:`block_record` records, per
block, the fields whose text it shows verbatim; the build keeps that record in the manifest.  ``briefgen trace``
reads the blocks of the memo as it is now (edited by hand) with the same reader and pairs them with the record by
text.  The Word memo's blocks are read by :mod:`briefgen.write.docx.origins`; this module reads the Markdown memo
(:func:`markdown_blocks`, parsed by markdown-it as the writers parse it) and the HTML memo (:func:`html_blocks`,
with the standard library's parser).  A block's text is what a reader sees, whitespace runs made one space:
Markdown's marks are gone, a footnote is its number (adjacent ones separated by a comma, as the memo shows
them), pictures and charts show no text.  No marks are added to the memo: its bytes stay what they were.
"""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from briefgen.errors import Loc, OriginError, Problem, display_path
from briefgen.render.memo.parse import memo_parser
from briefgen.tailor.view import BriefView, ViewItem

CELL_SEPARATOR = " | "  # between the cells of a table row, as one block
# The HTML elements whose text is one block (text directly inside an element that holds others is a block too).
HTML_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "body", "caption", "dd", "div", "dt",
                         "figcaption", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "main", "nav",
                         "p", "pre", "section", "tr"})
HTML_CELLS = frozenset({"td", "th"})
HTML_HIDDEN = frozenset({"head", "script", "style", "template"})  # their text is not shown
HTML_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                       "wbr"})
BACK_LINK = "backref"  # the class of a note's link back to its citation: "↩︎", not text of the note


def squash(text: str) -> str:
    """``text`` with every run of whitespace made one space, and none at either end."""
    return " ".join(text.split())


def block_record(blocks: list[str], view: BriefView) -> dict:
    """What a memo written from ``view`` shows, for the manifest: its ``blocks`` and, per block, the content fields
    it shows (``ITEM.title``, ``ITEM.framing``, ``ITEM.points[N]`` for a fact whose quote it gives,
    ``briefing.bluf``, ``briefing.recommendation``, ``briefing.decisions[N]``) and the item it is about (the one
    whose title it starts with)."""
    items = [item for section in view.sections for item in section.items]
    fields, about = [], []
    for text in blocks:
        item = next((i for i in items if text.startswith(i.title)), None)
        fields.append(_item_fields(text, item) + _briefing_fields(text, view))
        about.append(item.id if item is not None else None)
    return {"paras": list(blocks), "fields": fields, "items": about}


def _shows(text: str, value: str) -> bool:
    """Whether the block ``text`` shows ``value`` (spacing aside)."""
    return bool(value.strip()) and squash(value) in squash(text)


def _item_fields(text: str, item: ViewItem | None) -> list[str]:
    """The fields of ``item`` (the item a block starts with) the block's ``text`` shows."""
    if item is None:
        return []
    out = [f"{item.id}.title"]
    if item.framing and _shows(text, item.framing):
        out.append(f"{item.id}.framing")
    out.extend(f"{item.id}.points[{n}]" for n, p in enumerate(item.points) if p.quote and _shows(text, p.quote))
    return out


def _briefing_fields(text: str, view: BriefView) -> list[str]:
    """The briefing's fields (this audience's BLUF, recommendation, decisions) the block's ``text`` shows."""
    out = []
    if view.bluf and _shows(text, view.bluf):
        out.append("briefing.bluf")
    if view.recommendation and _shows(text, view.recommendation):
        out.append("briefing.recommendation")
    out.extend(f"briefing.decisions[{n}]" for n, d in enumerate(view.decisions) if d and squash(text) == squash(d))
    return out


def markdown_blocks(markdown: str) -> list[str]:
    """The text of each block of a Markdown memo in the order of its lines: each paragraph, heading, list item's
    paragraph and note with any text, each table row as its cells joined by :data:`CELL_SEPARATOR`."""
    parser = memo_parser()
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # read every link and image, fetch none
    blocks: list[tuple[int, str]] = []  # (the line it starts on, its text)
    row: list[str] | None = None
    line = start = 0
    for token in parser.parse(markdown):
        line = token.map[0] if token.map else line
        if token.type == "tr_open":
            row, start = [], line
        elif token.type == "tr_close" and row is not None:
            blocks.append((start, CELL_SEPARATOR.join(row)))
            row = None
        elif token.type == "inline":
            text = _inline_text(token.children or [])
            if row is not None:
                row.append(text)
            else:
                blocks.append((line, text))
    blocks.sort(key=lambda block: block[0])  # the notes, which markdown-it gives last, where the file has them
    return [text for _, text in blocks if text.strip(" |")]


def _inline_text(children: list[Any]) -> str:
    """The text a reader sees of one inline run of markdown-it tokens: a footnote reference is its number, a run of
    them numbers separated by commas; an image shows none."""
    out = []
    for n, token in enumerate(children):
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.type == "footnote_ref":
            if n and children[n - 1].type == "footnote_ref":
                out.append(",")
            out.append(token.meta["label"])  # every reference has one: the parser reads no inline notes
    return squash("".join(out))


class _HtmlBlocks(HTMLParser):
    """Collects the text of each block of an HTML page, in the order the blocks start."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = []  # each block's cells (one, outside a table row)
        self.open: list[tuple[str, int]] = []  # (tag, index in blocks) of the blocks open, innermost last
        self.hidden: list[str] = []  # the elements open inside a hidden one (its text is skipped)

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self.hidden:
            if tag not in HTML_VOID:
                self.hidden.append(tag)
        elif tag in HTML_HIDDEN or BACK_LINK in (dict(attrs).get("class") or "").split():
            self.hidden.append(tag)
        elif tag in HTML_BLOCKS:
            self.open.append((tag, len(self.blocks)))
            self.blocks.append([])
        elif tag in HTML_CELLS and self.open and self.open[-1][0] == "tr":
            self.blocks[self.open[-1][1]].append("")
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            if self.hidden[-1] == tag:
                self.hidden.pop()
            return
        if tag in HTML_BLOCKS and any(t == tag for t, _ in self.open):
            while self.open.pop()[0] != tag:  # also closes the blocks left open inside it
                pass

    def handle_data(self, data: str) -> None:
        if self.hidden or not self.open:
            return
        cells = self.blocks[self.open[-1][1]]
        if not cells:
            if not data.strip():
                return
            cells.append("")
        cells[-1] += data

    def texts(self) -> list[str]:
        """Each block's text, those with any."""
        out = [CELL_SEPARATOR.join(squash(c) for c in cells) for cells in self.blocks]
        return [b for b in out if b.strip(" |")]


def html_blocks(page: str) -> list[str]:
    """The text of each block of an HTML memo in order: each paragraph, heading, list item, caption, banner and
    other block element with any text of its own, each table row as its cells joined by :data:`CELL_SEPARATOR`;
    the page's head and a note's link back to its citation left out."""
    parser = _HtmlBlocks()
    parser.feed(page)
    parser.close()
    return parser.texts()


# The memos read as text: extension -> (what it is called, its blocks).
TEXT_MEMOS = {".md": ("a Markdown memo", markdown_blocks), ".html": ("an HTML memo", html_blocks)}


def read_text_memo(path: Path) -> list[str]:
    """The blocks of the Markdown or HTML memo at ``path`` (by its extension); OriginError when it cannot be read
    as UTF-8 text."""
    what, blocks = TEXT_MEMOS[Path(path).suffix.lower()]
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        found = "a file that is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else "a file it cannot read"
        raise OriginError([Problem(Loc(display_path(path)), "", f"expected {what}, got {found}; give a memo briefgen "
                                                                "built")]) from None
    return blocks(text)
