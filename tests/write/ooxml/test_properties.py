"""Tests of briefgen/write/ooxml/properties.py: decks and memos carry the same document properties."""
from __future__ import annotations

import dataclasses
import datetime
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree
from pptx import Presentation

from briefgen.tailor.view import BriefView
from briefgen.write.docx.writer import write_docx
from briefgen.write.ooxml.properties import (
    AUDIENCE_PROPERTY,
    EXT_NS,
    document_datetime,
    document_epoch,
    read_custom,
    set_core,
    set_custom,
    set_extended,
)
from briefgen.write.pptx.writer import write_pptx
from tests.support.memo_views import CONTENT, options, view_of

EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


@pytest.fixture(scope="module")
def view() -> BriefView:
    return view_of(CONTENT, "hawkish")


@pytest.fixture(scope="module")
def written(view, tmp_path_factory) -> dict[str, Path]:
    """The deck and the memo of ``view``, written under SOURCE_DATE_EPOCH."""
    out = tmp_path_factory.mktemp("docs")
    opts = options(source_date_epoch=EPOCH, chart_cache=out / "cache")
    write_pptx(view, out / "brief.pptx", opts)
    write_docx(view, out / "brief.docx", opts)
    return {"deck": out / "brief.pptx", "memo": out / "brief.docx"}


def _opened(kind: str, path: Path):
    """(core properties, package) of the written file, as python-pptx or python-docx reads it."""
    doc = Presentation(str(path)) if kind == "deck" else docx.Document(str(path))
    return doc.core_properties, doc.part.package


@pytest.mark.parametrize("kind, category", [("deck", "Briefing deck"), ("memo", "Memorandum")])
def test_core_properties_come_from_the_view(written, view, kind: str, category: str) -> None:
    core, _ = _opened(kind, written[kind])
    author = view.author or view.organisation
    assert (core.title, core.subject, core.author, core.last_modified_by) == (view.title, view.subject, author, author)
    assert core.category == category
    assert core.revision == 1
    # python-docx reads the dates as UTC, python-pptx as naive datetimes (also UTC).
    assert {d.tzinfo for d in (core.created, core.modified)} <= {None, datetime.timezone.utc}
    assert {d.replace(tzinfo=None) for d in (core.created, core.modified)} == {datetime.datetime(2023, 11, 14, 22, 13, 20)}
    assert core.language == "en-US"  # what the accessibility checkers ask of a document
    # Nothing the master or reference document carried is left behind.
    assert (core.keywords, core.comments, core.content_status, core.identifier) == ("",) * 4
    assert core.last_printed is None


@pytest.mark.parametrize("kind", ["deck", "memo"])
def test_custom_properties_name_the_audience_and_classification(written, view, kind: str) -> None:
    _, package = _opened(kind, written[kind])
    assert read_custom(package) == {AUDIENCE_PROPERTY: view.audience, "briefgen:audience-label": view.audience_label,
                                    "briefgen:classification": view.classification}
    with zipfile.ZipFile(written[kind]) as z:
        types = etree.fromstring(z.read("[Content_Types].xml"))
        rels = etree.fromstring(z.read("_rels/.rels"))
    overrides = {o.get("PartName"): o.get("ContentType") for o in types if o.get("PartName")}
    assert overrides["/docProps/custom.xml"] == CUSTOM_TYPE
    assert [r.get("Target").lstrip("/") for r in rels if r.get("Type") == CUSTOM_REL] == ["docProps/custom.xml"]


def test_deck_and_memo_differ_only_in_category(written) -> None:
    parts = {}
    for kind, path in written.items():
        with zipfile.ZipFile(path) as z:
            parts[kind] = (z.read("docProps/core.xml").replace(b"Briefing deck", b"Memorandum"),
                           z.read("docProps/custom.xml"))
    assert parts["deck"] == parts["memo"]


def test_dates_come_from_the_epoch_else_the_briefing_date(view) -> None:
    assert document_datetime(view, EPOCH) == datetime.datetime(2023, 11, 14, 22, 13, 20)
    assert document_epoch(view, EPOCH) == EPOCH
    month = dataclasses.replace(view, date="2024-03")
    assert document_datetime(month, None) == datetime.datetime(2024, 3, 1)
    assert document_epoch(month, None) == 1709251200  # 2024-03-01 00:00 UTC
    assert document_datetime(dataclasses.replace(view, date="2021-07-19"), None) == datetime.datetime(2021, 7, 19)


def test_core_properties_of_the_template_are_dropped(view) -> None:
    prs = Presentation()  # python-pptx's own defaults: "PowerPoint Presentation", "python-pptx"
    prs.core_properties.keywords = "template keywords"
    prs.core_properties.last_printed = datetime.datetime(2020, 1, 1)
    set_core(prs.core_properties, view, "Briefing deck", datetime.datetime(2024, 1, 2))
    core = prs.core_properties
    assert core.keywords == "" and core.last_printed is None
    assert "python-pptx" not in core.last_modified_by and core.title == view.title
    assert core.modified == datetime.datetime(2024, 1, 2)


def _new_docx_part(package):
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    return lambda name, content_type, blob: Part(PackURI(name), content_type, blob, package)


def test_custom_properties_of_the_template_are_kept_and_ours_replaced() -> None:
    doc = docx.Document()
    package = doc.part.package
    assert read_custom(package) == {}
    set_custom(package, {"Company": "ACME", AUDIENCE_PROPERTY: "stale"}, _new_docx_part(package))
    set_custom(package, {AUDIENCE_PROPERTY: "dovish", "briefgen:classification": "SECRET"}, _new_docx_part(package))
    assert read_custom(package) == {"Company": "ACME", AUDIENCE_PROPERTY: "dovish", "briefgen:classification": "SECRET"}
    root = etree.fromstring(package.part_related_by(CUSTOM_REL).blob)
    pids = [p.get("pid") for p in root]
    assert len(set(pids)) == len(pids) == 3 and min(int(p) for p in pids) >= 2  # pid 0 and 1 are reserved


def test_extended_properties_get_counts_and_lose_the_template_listings() -> None:
    prs = Presentation()
    package = prs.part.package
    set_extended(package, {"Slides": 7, "Notes": 7})
    root = etree.fromstring(package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties").blob)
    assert root.find(f"{{{EXT_NS}}}TitlesOfParts") is None and root.find(f"{{{EXT_NS}}}HeadingPairs") is None
    slides = root.find(f"{{{EXT_NS}}}Slides")
    assert slides is not None and slides.text == "7"
