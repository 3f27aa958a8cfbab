"""A python-pptx presentation as the entries of its .pptx package, for writing it once, reproducibly.

``Presentation.save`` stamps every zip entry with the current time, so the
package would have to be read back and rewritten (:func:`briefgen.write.ooxml.zip.normalize_zip`);
taking the entries as python-pptx's own writer makes them, in its order, and
handing them to :func:`briefgen.write.ooxml.zip.write_zip` gives the same bytes in one
pass.  This uses python-pptx 1.0's package writer pieces (the content-types
item, the package and part relationships); ``tests/write/pptx/test_package.py``
checks the entries against ``Presentation.save``.
"""
from __future__ import annotations

from typing import Any, Iterator

from briefgen.write.pptx.elements import content_types_xml, relationships


def package_entries(prs: Any) -> Iterator[tuple[str, bytes]]:
    """(member name, bytes) of every entry ``prs.save`` would write, in the same order."""
    from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI

    package = prs.part.package
    parts = tuple(package.iter_parts())
    yield CONTENT_TYPES_URI.membername, content_types_xml(parts)
    yield PACKAGE_URI.rels_uri.membername, relationships(package).xml
    for part in parts:
        yield part.partname.membername, part.blob
        if relationships(part):
            yield part.partname.rels_uri.membername, part.rels.xml
