"""Where each paragraph of a Word memo came from: recorded when the memo is written, read back from any memo.

The memo is composed from a Markdown template, so a paragraph may show several content fields at once (an
item's title, its "so what" framing and the quote of one of its facts) beside text briefgen composes (headings,
the memo header, rating words).  When the memo is written, :func:`memo_record` reads its blocks back (each body
paragraph, each table row: :func:`memo_blocks`) and records, per block, the fields whose text it shows
verbatim (:func:`briefgen.write.memo_origins.block_record`, shared with the Markdown and HTML memos); the build keeps
that record in the manifest.  ``briefgen trace`` reads the blocks of the memo as it is
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
from briefgen.tailor.view import BriefView
from briefgen.write.memo_origins import CELL_SEPARATOR, block_record


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
    content fields it shows and the item it is about (:func:`briefgen.write.memo_origins.block_record`)."""
    return block_record(memo_blocks(doc), view)
