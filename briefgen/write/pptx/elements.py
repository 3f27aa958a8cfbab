"""The XML behind python-pptx objects: every reach past python-pptx's public API is one of these functions.

python-pptx keeps its lxml elements in private attributes (``_element``,
``_p``, ``_spTree`` …) and offers no setter for much of what the deck needs
(a slide's shape tree, a table's grid, a paragraph's runs).  Naming each
reach here keeps the rest of the writer on public ground, and leaves one
module to check when python-pptx changes.
"""
from __future__ import annotations

from typing import Any


def xml_of(obj: Any) -> Any:
    """The element behind a python-pptx shape, placeholder, picture, slide, layout, master or notes slide."""
    return obj._element


def paragraph_xml(paragraph: Any) -> Any:
    """The ``a:p`` element of a text paragraph."""
    return paragraph._p


def text_body(text_frame: Any) -> Any:
    """The ``p:txBody`` element of a text frame."""
    return text_frame._txBody


def shape_tree(shapes: Any) -> Any:
    """The ``p:spTree`` element of a slide's or layout's shapes."""
    return shapes._spTree


def table_xml(table: Any) -> Any:
    """The ``a:tbl`` element of a table."""
    return table._tbl


def slide_id_list(slides: Any) -> Any:
    """The ``p:sldIdLst`` element of a presentation's slides, which sets their order."""
    return slides._sldIdLst


def relationships(source: Any) -> Any:
    """The relationships of a package or a part (python-pptx's ``_Relationships``)."""
    return source._rels


def content_types_xml(parts: tuple) -> bytes:
    """The ``[Content_Types].xml`` python-pptx's package writer makes for ``parts``."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    return serialize_part_xml(_ContentTypesItem.xml_for(parts))
