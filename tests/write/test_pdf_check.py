"""The PDF rules: tagged, titled, with a language; read from plain and compressed objects; the PDF memo
briefgen writes passes and an untagged export of the same memo does not."""
from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from briefgen.write.pdf_check import check_pdf
from tests.support.shipped_outputs import shipped_outputs

UNTAGGED = "memo.pdf: tagged: the PDF is not tagged; export it as a tagged PDF (LibreOffice: PDF Options > " \
           "Universal Accessibility or Tagged PDF; briefgen build -f pdf does this)"


def pdf(tmp_path: Path, catalog: bytes, info: bytes = b"<< /Title (Memo) >>", compressed: bool = False) -> Path:
    """A skeleton PDF: its catalog (plain, or inside a compressed object stream) and Info dictionary."""
    body = b"%PDF-1.7\n"
    if compressed:
        data = zlib.compress(b"1 0 " + catalog)
        body += (b"5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
                 % len(data)) + data + b"\nendstream\nendobj\n"
    else:
        body += b"1 0 obj\n" + catalog + b"\nendobj\n"
    body += b"2 0 obj\n" + info + b"\nendobj\ntrailer\n<< /Root 1 0 R /Info 2 0 R >>\n%%EOF\n"
    target = tmp_path / "memo.pdf"
    target.write_bytes(body)
    return target


def lines(path: Path) -> list[str]:
    return [str(f) for f in check_pdf(path, "memo.pdf")]


TAGGED = b"<< /Type /Catalog /Pages 3 0 R /StructTreeRoot 4 0 R /Lang (en-US) /MarkInfo << /Marked true >> >>"


@pytest.mark.parametrize("compressed", [False, True])
def test_a_tagged_titled_pdf_with_a_language_passes(tmp_path: Path, compressed: bool) -> None:
    assert lines(pdf(tmp_path, TAGGED, compressed=compressed)) == []


def test_untagged_without_language_or_title(tmp_path: Path) -> None:
    path = pdf(tmp_path, b"<< /Type /Catalog /Pages 3 0 R >>", info=b"<< /Producer (x) >>")
    assert lines(path) == [
        UNTAGGED,
        "memo.pdf: language: the PDF declares no language (/Lang); set the document's language before exporting",
        "memo.pdf: document-title: the PDF has no title; set the document's title before exporting"]


def test_a_title_in_utf16_counts(tmp_path: Path) -> None:
    assert lines(pdf(tmp_path, TAGGED, info=b"<< /Title <FEFF004D0065006D006F> >>")) == []
    assert lines(pdf(tmp_path, TAGGED, info=b"<< /Title <FEFF> >>")) == [
        "memo.pdf: document-title: the PDF has no title; set the document's title before exporting"]


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "memo.pdf"
    path.write_bytes(b"PK\x03\x04 a zip")
    assert lines(path) == ["memo.pdf: tagged: not a PDF briefgen can read (no document catalog); rebuild it"]


@pytest.mark.needs("soffice")
def test_the_pdf_memo_is_tagged_and_a_plain_export_is_not(shipped_project: Path, tmp_path: Path) -> None:
    from briefgen.office import convert_to_pdf
    from briefgen.write.pdf import write_pdf
    from tests.support.memo_views import CONTENT, options, view_of

    written = tmp_path / "memo.pdf"
    write_pdf(view_of(CONTENT, "neutral"), written, options())
    assert check_pdf(written, "memo.pdf") == []
    plain = convert_to_pdf(shipped_outputs(shipped_project, "docx")[0], tmp_path / "plain")
    assert [str(f) for f in check_pdf(plain, "memo.pdf")] == [UNTAGGED]
