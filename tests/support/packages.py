"""What python-pptx and python-docx save, to hold the package writers (``write/pptx/package.py``,
``write/docx/package.py``) to it: the entries of a saved document, and its bytes once normalised."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any, Iterable

from briefgen.write.ooxml.zip import normalize_zip, write_zip

EPOCH = 1_767_225_600  # the zip date both ways of writing are given
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00"
       b"\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")


def saved_entries(document: Any) -> list[tuple[str, bytes]]:
    """(member name, bytes) of every entry ``document.save`` writes, in its order."""
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(buf) as z:
        return [(i.filename, z.read(i)) for i in z.infolist()]


def saved_then_normalised(document: Any, target: Path) -> bytes:
    """The bytes of ``document`` saved at ``target`` by its library, then normalised with ``EPOCH``."""
    document.save(str(target))
    normalize_zip(target, EPOCH)
    return target.read_bytes()


def written(entries: Iterable[tuple[str, bytes]], target: Path) -> bytes:
    """The bytes of ``entries`` written at ``target`` in one pass with ``EPOCH``."""
    write_zip(target, entries, EPOCH)
    return target.read_bytes()
