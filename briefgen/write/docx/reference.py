"""Open the reference .docx a memo is built on, refusing anything that is not a sane Word document.

The reference document supplies styles, page setup, headers and footers;
its body is cleared.  A path that is not a zip, a zip that would unpack to
far more than any real template (a zip bomb), or a zip that is not a Word
document is a :class:`TemplateError` in one line.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn

from briefgen.errors import Loc, Problem, TemplateError, display_path
from briefgen.files import not_a_file

MAX_ENTRIES = 2000
MAX_UNPACKED = 64 * 1024 * 1024  # bytes, all entries together
MAX_RATIO = 200  # unpacked / packed, for any entry over 1 MB unpacked


def _fail(path: Path, message: str) -> TemplateError:
    return TemplateError([Problem(Loc(display_path(path)), "reference docx", message)])


def check_reference(path: Path) -> None:
    """Raise TemplateError unless ``path`` is a readable, reasonably sized .docx package."""
    wrong = not_a_file(path)
    if wrong is not None:
        raise _fail(path, "expected a .docx file, got " + ("nothing (no such file)" if wrong == "nothing" else wrong))
    if not zipfile.is_zipfile(path):
        raise _fail(path, "expected a .docx (a zip package), got a file that is not a zip")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _fail(path, f"expected a .docx (a zip package), got a damaged zip ({exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise _fail(path, f"expected at most {MAX_ENTRIES} entries in a .docx, got {len(infos)} (refusing it)")
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise _fail(path, f"expected a .docx unpacking to at most {MAX_UNPACKED // 2**20} MB, got "
                          f"{total / 2**20:.0f} MB (possible zip bomb; refusing it)")
    for i in infos:
        if i.file_size > 2**20 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise _fail(path, f"entry {i.filename!r} unpacks {i.file_size // max(i.compress_size, 1)}x its packed "
                              f"size (possible zip bomb; refusing it)")
    if "[Content_Types].xml" not in names or "word/document.xml" not in names:
        raise _fail(path, "expected a Word document (.docx), got a zip without word/document.xml")


def open_reference(path: Path) -> Document:
    """The reference document at ``path`` with its body emptied (its final section settings kept)."""
    path = Path(path)
    check_reference(path)
    try:
        doc = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for a malformed package
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise _fail(path, f"cannot read it as a Word document: {detail}") from None
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_styles_with_effects(doc)
    return doc


STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _drop_styles_with_effects(doc: Document) -> None:
    """Leave out Word 2010's optional copy of the styles (python-docx's default template has one): the memo
    adds styles (footnotes), and a copy that no longer matches styles.xml is an error to Office's validator.
    Word writes the copy afresh when it saves."""
    for r_id, rel in list(doc.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            doc.part.rels.pop(r_id)
