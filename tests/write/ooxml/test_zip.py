"""Tests of briefgen.write.ooxml.zip: packages rewritten with fixed dates, order and compression."""
from __future__ import annotations

import zipfile
from pathlib import Path

from briefgen.write.ooxml.zip import normalize_zip

ENTRIES = [("[Content_Types].xml", b"<Types/>" * 50), ("ppt/slides/slide1.xml", b"<p:sld/>" * 200),
           ("ppt/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8),
           ("ppt/media/photo.JPEG", b"\xff\xd8" * 99)]


def package(path: Path, when: tuple[int, ...] = (2025, 3, 14, 15, 9, 26)) -> Path:
    """A zip like python-pptx writes: every entry deflated and dated ``when`` (the time it was written)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in ENTRIES:
            z.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return path


def test_dates_order_and_content(tmp_path: Path) -> None:
    path = package(tmp_path / "deck.pptx")
    normalize_zip(path, 1767225600)
    with zipfile.ZipFile(path) as z:
        assert [i.filename for i in z.infolist()] == [name for name, _ in ENTRIES]
        assert {i.date_time for i in z.infolist()} == {(2026, 1, 1, 0, 0, 0)}  # 1767225600 in UTC
        assert [z.read(name) for name, _ in ENTRIES] == [data for _, data in ENTRIES]
        assert z.testzip() is None


def test_xml_is_deflated_and_pictures_are_stored(tmp_path: Path) -> None:
    path = package(tmp_path / "deck.pptx")
    normalize_zip(path, None)
    with zipfile.ZipFile(path) as z:
        kinds = {i.filename: i.compress_type for i in z.infolist()}
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}  # no date: the earliest zip has
    assert kinds == {"[Content_Types].xml": zipfile.ZIP_DEFLATED, "ppt/slides/slide1.xml": zipfile.ZIP_DEFLATED,
                     "ppt/media/image1.png": zipfile.ZIP_STORED, "ppt/media/photo.JPEG": zipfile.ZIP_STORED}


def test_the_same_package_written_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    first = package(tmp_path / "a.pptx", (2025, 3, 14, 15, 9, 26))
    second = package(tmp_path / "b.pptx", (2026, 1, 2, 3, 4, 6))  # written at another time
    assert first.read_bytes() != second.read_bytes()
    for path in (first, second):
        normalize_zip(path, 1767225600)
    assert first.read_bytes() == second.read_bytes()
