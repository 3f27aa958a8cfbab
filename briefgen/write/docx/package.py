"""A python-docx document as the entries of its .docx package, for writing it once, reproducibly.

The counterpart of :mod:`briefgen.write.pptx.package` for memos: the entries
python-docx's own package writer makes, in its order, for
:func:`briefgen.write.ooxml.zip.write_zip`.  This uses python-docx 1.x's package
writer pieces (the content-types item); ``tests/write/docx/test_package.py`` checks
the entries against ``Document.save``.
"""
from __future__ import annotations

from typing import Any, Iterator

from briefgen.write.docx.elements import content_types_xml


def package_entries(doc: Any) -> Iterator[tuple[str, bytes]]:
    """(member name, bytes) of every entry ``doc.save`` would write, in the same order."""
    from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

    package = doc.part.package
    for part in package.parts:
        part.before_marshal()
    parts = list(package.parts)
    yield CONTENT_TYPES_URI.membername, content_types_xml(parts)
    yield PACKAGE_URI.rels_uri.membername, package.rels.xml
    for part in parts:
        yield part.partname.membername, part.blob
        if len(part.rels):
            yield part.partname.rels_uri.membername, part.rels.xml
