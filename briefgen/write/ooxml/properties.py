"""Document properties of every OOXML output, decks and memos alike: core, custom, extended, and their dates.

Both writers give their package the same properties, taken from the
BriefView: the core ones (title, subject, author and last modified by,
category, revision, created and modified; whatever the master or reference
document carried there is dropped first, so no template or library
boilerplate survives) and the custom ``briefgen:audience``,
``briefgen:audience-label`` and ``briefgen:classification`` in
``docProps/custom.xml`` (custom properties the template already had are
kept).  Only the category differs: "Briefing deck" or "Memorandum".  Dates
come from ``SOURCE_DATE_EPOCH`` when set, else the briefing date, so the
same input gives the same bytes.  The audience appears in these properties
(and the file name) only, never on a page.

python-pptx and python-docx share the core-properties API; neither has one
for custom properties, so that part is written here with lxml as a plain
OPC part, the library's own ``Part`` made by the ``new_part`` its writer
passes in.  The two private attributes used here are the same in both
libraries (``_core_element``, ``_set_blob``); every other reach past either
library's public API is in ``briefgen/write/pptx/elements.py`` or
``briefgen/write/docx/elements.py``.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Mapping

from lxml import etree

from briefgen.tailor.view import BriefView
from briefgen.write.registry import LANGUAGE

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
EXT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the fixed id of user-defined properties
CUSTOM_PART = "/docProps/custom.xml"
CUSTOM_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
EXTENDED_RELTYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
AUDIENCE_PROPERTY = "briefgen:audience"
DECK_CATEGORY = "Briefing deck"
MEMO_CATEGORY = "Memorandum"
_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Makes a new part of the writer's library: (part name, content type, bytes) -> Part.
NewPart = Callable[[str, str, bytes], Any]


def document_datetime(view: BriefView, epoch: int | None) -> dt.datetime:
    """The timestamp a document carries: ``epoch`` if given, else midnight UTC of the briefing date
    (YYYY[-MM[-DD]])."""
    if epoch is not None:
        return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None)
    parts = [int(p) for p in view.date.split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2])


def document_epoch(view: BriefView, epoch: int | None) -> int:
    """:func:`document_datetime` as seconds since 1970, for the zip entries' dates."""
    return int(document_datetime(view, epoch).replace(tzinfo=dt.timezone.utc).timestamp())


def custom_values(view: BriefView) -> dict[str, str]:
    """The custom properties every document of ``view`` carries: name -> text."""
    return {AUDIENCE_PROPERTY: view.audience, "briefgen:audience-label": view.audience_label,
            "briefgen:classification": view.classification}


def set_properties(core: Any, package: Any, new_part: NewPart, view: BriefView, category: str,
                   epoch: int | None) -> None:
    """Give a document of ``view`` its core properties (``core``: the library's ``core_properties``) and
    custom properties (in ``package``)."""
    set_core(core, view, category, document_datetime(view, epoch))
    set_custom(package, custom_values(view), new_part)


def set_core(core: Any, view: BriefView, category: str, when: dt.datetime) -> None:
    """Drop every core property the template carried, then set title, language (:data:`LANGUAGE`), subject,
    author, last modified by, ``category``, revision 1 and the dates (``when``)."""
    element = _core_element(core)
    for child in list(element):
        element.remove(child)
    author = view.author or view.organisation
    core.title = view.title
    core.language = LANGUAGE
    core.subject = view.subject
    core.author = author
    core.last_modified_by = author
    core.category = category
    core.revision = 1
    core.created = when
    core.modified = when


def set_custom(package: Any, values: Mapping[str, str], new_part: NewPart) -> None:
    """Write (or update) string custom properties in ``docProps/custom.xml``, keeping the others there."""
    part = _related_part(package, CUSTOM_RELTYPE)
    root = _xml(part)
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
        package.relate_to(new_part(CUSTOM_PART, CUSTOM_CONTENT_TYPE, blob), CUSTOM_RELTYPE)
    else:
        _set_blob(part, blob)


def read_custom(package: Any) -> dict[str, str]:
    """The custom properties in ``package`` (name -> text), for tests and tools."""
    root = _xml(_related_part(package, CUSTOM_RELTYPE))
    if root is None:
        return {}
    return {p.get("name"): "".join(p.itertext()) for p in root.findall(f"{{{CUSTOM_NS}}}property")}


def set_extended(package: Any, counts: Mapping[str, int]) -> None:
    """Bring ``docProps/app.xml`` up to date: the ``counts`` it already has (e.g. Slides) get their values; the
    template's stale part listings and word counts are dropped."""
    part = _related_part(package, EXTENDED_RELTYPE)
    root = _xml(part)
    if root is None:
        return
    for name in ("HeadingPairs", "TitlesOfParts", "Words", "Paragraphs", "TotalTime"):
        for el in root.findall(f"{{{EXT_NS}}}{name}"):
            root.remove(el)
    for name, value in counts.items():
        el = root.find(f"{{{EXT_NS}}}{name}")
        if el is not None:  # only update: the schema fixes the element order, so none is added
            el.text = str(value)
    _set_blob(part, _DECL + etree.tostring(root, encoding="UTF-8"))


def _core_element(core: Any) -> Any:
    """The ``cp:coreProperties`` element behind python-pptx's or python-docx's core properties (private in both)."""
    return core._element


def _set_blob(part: Any, blob: bytes) -> None:
    """Replace the bytes of a generic part: both libraries keep them in ``_blob`` and have no setter."""
    part._blob = blob


def _related_part(package: Any, reltype: str) -> Any | None:
    """The package's part of relationship type ``reltype``, or None."""
    try:
        return package.part_related_by(reltype)
    except KeyError:
        return None


def _xml(part: Any | None) -> Any | None:
    """The XML root of ``part``, or None when there is no part or it is not well-formed."""
    if part is None:
        return None
    try:
        return etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return None
