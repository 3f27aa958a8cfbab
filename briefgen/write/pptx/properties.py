"""Document properties of a written deck: core, extended (app.xml) and custom.

python-pptx covers the core properties; the custom-properties part
(``docProps/custom.xml``, where ``briefgen:audience`` lives) has no API, so it
is written here with lxml as a plain OPC part.  The extended properties left
over from the master (slide counts, part titles) are brought up to date.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Mapping

from lxml import etree

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
EXT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the fixed id of user-defined properties
_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def briefing_datetime(date: str, epoch: int | None) -> dt.datetime:
    """The deck's timestamp: SOURCE_DATE_EPOCH when set, else the briefing date (YYYY[-MM[-DD]]) at midnight UTC."""
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2])


def set_core(prs: Any, *, title: str, subject: str, author: str, when: dt.datetime, language: str) -> None:
    """Set the core properties (``language``: the deck's, as a BCP 47 tag), leaving no python-pptx boilerplate
    behind."""
    cp = prs.core_properties
    cp.title = title
    cp.language = language
    cp.subject = subject
    cp.author = author
    cp.last_modified_by = author
    cp.keywords = ""
    cp.comments = ""
    cp.category = "Briefing deck"
    cp.content_status = ""
    cp.revision = 1
    cp.created = when
    cp.modified = when
    if cp.last_printed is not None:
        cp.last_printed = when


def set_custom(prs: Any, values: Mapping[str, str]) -> None:
    """Write (or update) string custom properties in ``docProps/custom.xml``."""
    from pptx.opc.constants import CONTENT_TYPE as CT
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    package = prs.part.package
    part = _package_part(package, RT.CUSTOM_PROPERTIES)
    root = None
    if part is not None:
        try:
            root = etree.fromstring(part.blob)
        except etree.XMLSyntaxError:
            root = None
    if root is None:
        root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    props = {el.get("name"): el for el in root.findall(f"{{{CUSTOM_NS}}}property")}
    next_pid = max([int(el.get("pid", "1")) for el in props.values()] + [1]) + 1
    for name, value in values.items():
        el = props.get(name)
        if el is None:
            el = etree.SubElement(root, f"{{{CUSTOM_NS}}}property", fmtid=FMTID, pid=str(next_pid), name=name)
            next_pid += 1
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{VT_NS}}}lpwstr").text = value
    blob = _DECL + etree.tostring(root, encoding="UTF-8")
    if part is None:
        part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, package, blob)
        package.relate_to(part, RT.CUSTOM_PROPERTIES)
    else:
        part._blob = blob  # a generic Part keeps its bytes here; python-pptx has no setter


def set_extended(prs: Any, slides: int, notes: int) -> None:
    """Bring docProps/app.xml up to date: slide and notes counts; drop the master's stale part listings."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = _package_part(prs.part.package, RT.EXTENDED_PROPERTIES)
    if part is None:
        return
    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return
    for name in ("HeadingPairs", "TitlesOfParts", "Words", "Paragraphs", "TotalTime"):
        for el in root.findall(f"{{{EXT_NS}}}{name}"):
            root.remove(el)
    for name, value in (("Slides", slides), ("Notes", notes), ("HiddenSlides", 0)):
        el = root.find(f"{{{EXT_NS}}}{name}")
        if el is not None:  # only update: the schema fixes the element order, so none is added
            el.text = str(value)
    part._blob = _DECL + etree.tostring(root, encoding="UTF-8")


def _package_part(package: Any, reltype: str) -> Any | None:
    try:
        return package.part_related_by(reltype)
    except KeyError:
        return None
