"""The XML behind python-pptx objects: every reach past python-pptx's public API is one of these functions.

python-pptx keeps its lxml elements in private attributes (``_element``,
``_p``, ``_spTree`` …) and offers no setter for much of what the deck needs
(a slide's shape tree, a table's grid, a paragraph's runs).  Naming each
reach here keeps the rest of the writer on public ground, and leaves one
module to check when python-pptx changes.
"""
from __future__ import annotations

import datetime
from contextlib import contextmanager
from typing import Any, Iterator

from pptx.chart.data import CategoryChartData, XyChartData
from pptx.chart.xlsx import CategoryWorkbookWriter, XyWorkbookWriter
from xlsxwriter import Workbook


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


def relate_under(part: Any, rid: str, reltype: str, target: Any, is_external: bool = False) -> None:
    """Relate ``part`` to ``target`` (a part, or an address when ``is_external``) under the relationship id
    ``rid``: python-pptx's ``relate_to`` takes the first free id, but a copied part's XML names its relationships
    by the ids of the part it was copied from."""
    from pptx.opc.constants import RELATIONSHIP_TARGET_MODE
    from pptx.opc.package import _Relationship

    rels = part.rels
    mode = RELATIONSHIP_TARGET_MODE.EXTERNAL if is_external else RELATIONSHIP_TARGET_MODE.INTERNAL
    rels._rels[rid] = _Relationship(rels._base_uri, rid, reltype, mode, target)


def content_types_xml(parts: tuple) -> bytes:
    """The ``[Content_Types].xml`` python-pptx's package writer makes for ``parts``."""
    from pptx.opc.oxml import serialize_part_xml
    from pptx.opc.serialized import _ContentTypesItem

    return serialize_part_xml(_ContentTypesItem.xml_for(parts))


def chart_space(chart: Any) -> Any:
    """The ``c:chartSpace`` element of a chart (the root of its chart part)."""
    return chart._chartSpace


def add_shape_xml(shapes: Any, element: Any) -> Any:
    """Add a shape made as XML (``element``, parsed by ``pptx.oxml.parse_xml``) to ``shapes`` (a slide's or a
    group's) as python-pptx adds one: before the tree's extension list, the group's extent refitted; returns
    the python-pptx shape."""
    shape_tree(shapes).insert_element_before(element, "p:extLst")
    shapes._recalculate_extents()
    return shapes._shape_factory(element)


def next_shape_id(shapes: Any) -> int:
    """The id python-pptx would give the next shape added to ``shapes``: one more than the largest on the slide."""
    return shapes._next_shape_id


def hold_group_extents(group_shapes: Any) -> None:
    """Stop python-pptx refitting a group's extent after every shape added to ``group_shapes`` (a group's
    shapes); :func:`fit_group_extents` fits it once, when the group is complete."""
    group_shapes._recalculate_extents = lambda: None  # shadows the method until the group is complete


def fit_group_extents(group_shapes: Any) -> None:
    """Fit a group's extent to its shapes once, after :func:`hold_group_extents`."""
    del group_shapes._recalculate_extents
    group_shapes._recalculate_extents()


class _DatedWorkbook:
    """A chart's embedded workbook dated ``created`` instead of now, so the same deck gives the same bytes."""

    created: datetime.datetime

    @contextmanager
    def _open_worksheet(self, xlsx_file: Any) -> Iterator[tuple]:
        workbook = Workbook(xlsx_file, {"in_memory": True})
        workbook.set_properties({"created": self.created})
        worksheet = workbook.add_worksheet()
        yield workbook, worksheet
        workbook.close()


class _DatedCategoryWriter(_DatedWorkbook, CategoryWorkbookWriter):
    pass


class _DatedXyWriter(_DatedWorkbook, XyWorkbookWriter):
    pass


class _DatedCategoryData(CategoryChartData):
    def __init__(self, created: datetime.datetime, number_format: str):
        super().__init__(number_format)
        self._created = created

    @property
    def _workbook_writer(self) -> Any:
        writer = _DatedCategoryWriter(self)
        writer.created = self._created
        return writer


class _DatedXyData(XyChartData):
    def __init__(self, created: datetime.datetime, number_format: str):
        super().__init__(number_format)
        self._created = created

    @property
    def _workbook_writer(self) -> Any:
        writer = _DatedXyWriter(self)
        writer.created = self._created
        return writer


def dated_category_data(created: datetime.datetime, number_format: str = "General") -> CategoryChartData:
    """Category chart data whose embedded workbook is dated ``created`` (python-pptx dates it now)."""
    return _DatedCategoryData(created, number_format)


def dated_xy_data(created: datetime.datetime, number_format: str = "General") -> XyChartData:
    """XY chart data whose embedded workbook is dated ``created`` (python-pptx dates it now)."""
    return _DatedXyData(created, number_format)
