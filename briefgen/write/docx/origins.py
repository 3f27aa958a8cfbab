"""Where each paragraph of a Word memo came from: recorded when the memo is written, read back from any memo.

The memo is composed from a Markdown template, so a paragraph may show several content fields at once (an
item's title, its "so what" framing and the quote of one of its facts) beside text briefgen composes (headings,
the memo header, rating words).  When the memo is written, :func:`memo_record` reads its blocks back (each body
paragraph, each table row: :func:`memo_blocks`) and records, per block, the fields whose text it shows
verbatim; the build keeps that record in the manifest.  ``briefgen trace`` reads the blocks of the memo as it is
now (edited in Word, saved by LibreOffice) and pairs them with the record by text, as a deck's paragraphs are
(:func:`briefgen.write.pptx.origins.match_paragraphs`).

Why no marks in the file: the blocks' text is what both Word and LibreOffice keep (a LibreOffice
``--convert-to docx`` round trip gives every block back unchanged), and the record leaves the memo's bytes as
they were.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from briefgen.errors import Loc, OriginError, Problem, display_path
from briefgen.tailor.view import BriefView, ViewItem

CELL_SEPARATOR = " | "  # between the cells of a table row, as one block


def memo_blocks(doc: Any) -> list[str]:
    """The text of each block of a python-docx Document's body in order: each paragraph that shows any text
    (footnote numbers included), each table row as its cells joined by :data:`CELL_SEPARATOR`."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    out = []
    for el in doc.element.body:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "p":
            out.append(Paragraph(el, doc).text)
        elif tag == "tbl":
            out.extend(CELL_SEPARATOR.join(c.text for c in row.cells) for row in Table(el, doc).rows)
    return [b for b in out if b.strip()]


def read_memo(path: Path) -> list[str]:
    """The blocks (:func:`memo_blocks`) of the Word memo at ``path``; OriginError when it is no .docx."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        doc = Document(str(path))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError):
        raise OriginError([Problem(Loc(display_path(path)), "", "expected a .docx memo, got a file Word could not "
                                                                "open either; give a memo briefgen built")]) from None
    return memo_blocks(doc)


def memo_record(doc: Any, view: BriefView) -> dict:
    """What the memo ``doc`` (written from ``view``) shows, for the manifest: its blocks and, per block, the
    content fields it shows (``ITEM.title``, ``ITEM.framing``, ``ITEM.points[N]`` for a fact whose quote it
    gives, ``briefing.bluf``, ``briefing.recommendation``, ``briefing.decisions[N]``) and the item it is about."""
    blocks = memo_blocks(doc)
    items = [item for section in view.sections for item in section.items]
    fields, about = [], []
    for text in blocks:
        item = next((i for i in items if text.startswith(i.title)), None)
        fields.append(_item_fields(text, item) + _briefing_fields(text, view))
        about.append(item.id if item is not None else None)
    return {"paras": blocks, "fields": fields, "items": about}


def _item_fields(text: str, item: ViewItem | None) -> list[str]:
    """The fields of ``item`` (the item a block starts with) the block's ``text`` shows."""
    if item is None:
        return []
    out = [f"{item.id}.title"]
    if item.framing and item.framing in text:
        out.append(f"{item.id}.framing")
    out.extend(f"{item.id}.points[{n}]" for n, p in enumerate(item.points) if p.quote and p.quote.strip() in text)
    return out


def _briefing_fields(text: str, view: BriefView) -> list[str]:
    """The briefing's fields (this audience's BLUF, recommendation, decisions) the block's ``text`` shows."""
    out = []
    if view.bluf and view.bluf in text:
        out.append("briefing.bluf")
    if view.recommendation and view.recommendation in text:
        out.append("briefing.recommendation")
    out.extend(f"briefing.decisions[{n}]" for n, d in enumerate(view.decisions) if d and text.strip() == d.strip())
    return out
