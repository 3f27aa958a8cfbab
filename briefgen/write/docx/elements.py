"""The XML behind python-docx objects: every reach past python-docx's public API is one of these functions.

python-docx keeps its lxml elements in private attributes (``_p``, ``_r``,
``_tbl`` …) and has no API for much of what the memo needs (footnote
references, hyperlinks, field codes, numbering, cells that keep together).
Naming each reach here keeps the rest of the writer on public ground, and
leaves one module to check when python-docx changes.
"""
from __future__ import annotations

from typing import Any


def paragraph_xml(paragraph: Any) -> Any:
    """The ``w:p`` element of a paragraph."""
    return paragraph._p


def run_xml(run: Any) -> Any:
    """The ``w:r`` element of a run."""
    return run._r


def table_xml(table: Any) -> Any:
    """The ``w:tbl`` element of a table."""
    return table._tbl


def row_xml(row: Any) -> Any:
    """The ``w:tr`` element of a table row."""
    return row._tr


def inline_xml(shape: Any) -> Any:
    """The ``wp:inline`` element of an inline picture."""
    return shape._inline


def story_xml(story: Any) -> Any:
    """The element behind a header, footer or other block container."""
    return story._element


def body_of(doc: Any) -> Any:
    """The document body (python-docx's ``_Body``), the parent a new Paragraph proxy needs."""
    return doc._body


def set_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes of a generic part (one python-docx does not parse); python-docx has no setter."""
    part._blob = blob


def content_types_xml(parts: list) -> bytes:
    """The ``[Content_Types].xml`` python-docx's package writer makes for ``parts``."""
    from docx.opc.pkgwriter import _ContentTypesItem

    return _ContentTypesItem.from_parts(parts).blob
