"""The DOCX memo: real headings, lists, table, footnotes, marking, alt text, properties, same bytes."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from briefgen.errors import TemplateError
from briefgen.write.docx.writer import write_docx
from briefgen.write.ooxml.properties import read_custom
from tests.support.memo_views import CONTENT, FIXTURES, REPO, install_fake_charts, options, shipped_audiences, view_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}


@pytest.fixture(autouse=True)
def fake_charts(monkeypatch):
    install_fake_charts(monkeypatch)


@pytest.fixture(scope="module")
def neutral():
    return view_of(CONTENT, "neutral")


@pytest.fixture
def built(tmp_path: Path, neutral):
    target = tmp_path / "memo.docx"
    assert write_docx(neutral, target, options()) == []
    return target, docx.Document(str(target))


def _footnotes(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/footnotes.xml"))
    return ["".join(n.itertext()).strip() for n in root.findall(f"{W}footnote")
            if n.get(f"{W}type") not in ("separator", "continuationSeparator")]


def test_headings_lists_and_styles(built, neutral) -> None:
    _, doc = built
    styled = [(p.style.name, p.text) for p in doc.paragraphs]
    assert styled[0] == ("Title", "MEMORANDUM")
    h1 = [t for s, t in styled if s == "Heading 1"]
    assert h1[0] == "Bottom line up front"
    assert [t for t in h1 if t in {s.title for s in neutral.sections}] == [
        s.title for s in neutral.sections
        if s.items or s.key == "context" or (s.key == "decisions" and neutral.decisions)]
    assert "Recommendation" in h1
    bullets = [t for s, t in styled if s == "List Bullet"]
    assert any(t.startswith(neutral.section("threats").items[0].title) for t in bullets)
    numbered = [t for s, t in styled if s == "List Number"]
    assert numbered == list(neutral.decisions)
    header_block = next(p for p in doc.paragraphs if p.text.startswith("MEMORANDUM FOR:"))
    assert f"SUBJECT: {neutral.subject}" in header_block.text
    assert header_block.runs[0].bold


def test_options_table(built, neutral) -> None:
    _, doc = built
    table = doc.tables[0]
    assert table.style.name == "Memo Table"
    assert [c.text for c in table.rows[0].cells] == ["Option", "Deterrence value", "Escalation risk", "Cost",
                                                     "Horizon"]
    items = neutral.section("options").items
    assert len(table.rows) == len(items) + 1
    for row, item in zip(table.rows[1:], items):
        assert row.cells[0].text.startswith(item.title)
        assert row.cells[0].paragraphs[0].runs[0].bold == (True if item.recommended else None)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")
    # The line introducing the table and the header row keep with what follows: neither ends a page alone.
    intro = table._tbl.getprevious()
    assert intro.tag == qn("w:p") and Paragraph(intro, None).text.strip() == "Recommended options are in bold."
    assert intro.xpath("./w:pPr/w:keepNext")
    assert all(c.paragraphs[0].paragraph_format.keep_with_next for c in table.rows[0].cells)
    assert not any(c.paragraphs[0].paragraph_format.keep_with_next for c in table.rows[1].cells)


def test_sources_are_real_footnotes_numbered_as_in_the_view(built, neutral) -> None:
    path, doc = built
    notes = _footnotes(path)
    assert len(notes) == len(neutral.sources)
    for text, source in zip(notes, neutral.sources):
        assert text.startswith(source.citation[:25])
    refs = doc.element.body.xpath(".//w:footnoteReference")
    assert [int(r.get(f"{W}id")) for r in refs] == list(range(1, len(neutral.sources) + 1))
    with zipfile.ZipFile(path) as z:
        assert b"footnotes+xml" in z.read("[Content_Types].xml")


def test_marking_in_every_header_and_footer_with_page_numbers(built, neutral) -> None:
    _, doc = built
    for section in doc.sections:
        assert section.header.paragraphs[0].text == neutral.classification
        assert section.footer.paragraphs[-1].text == neutral.classification
        fields = [f.get(f"{W}instr").strip() for f in section.footer._element.iter(f"{W}fldSimple")]
        assert fields == ["PAGE", "NUMPAGES"]
    assert neutral.classification not in doc.paragraphs[0].text


def test_charts_have_alt_text(built) -> None:
    _, doc = built
    docprs = doc.element.body.xpath(".//wp:docPr")
    assert len(docprs) == 3
    assert all(d.get("descr").startswith("Alt text for the") for d in docprs)
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions == ["Chart of timeline", "Chart of options_map", "Chart of risk_heatmap"]


def test_properties_and_no_audience_on_the_page(built, neutral) -> None:
    _, doc = built
    props = doc.core_properties
    assert props.title == neutral.title and props.subject == neutral.subject
    assert props.author == (neutral.author or neutral.organisation)
    assert props.comments == "" and "python-docx" not in (props.keywords + props.comments + props.author)
    assert props.created.date().isoformat() == neutral.date
    assert read_custom(doc.part.package)["briefgen:audience"] == "neutral"
    body = "\n".join(p.text for p in doc.paragraphs)
    assert neutral.audience_label not in body


def test_same_input_same_bytes(tmp_path: Path, neutral, monkeypatch) -> None:
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(neutral, a, options(source_date_epoch=1700000000))
    write_docx(neutral, b, options(source_date_epoch=1700000000))
    assert a.read_bytes() == b.read_bytes()
    assert docx.Document(str(a)).core_properties.created.year == 2023
    with zipfile.ZipFile(a) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_hostile_text_is_plain_text(tmp_path: Path) -> None:
    target = tmp_path / "memo.docx"
    write_docx(view_of(FIXTURES / "hostile-text", "neutral"), target, options())
    doc = docx.Document(str(target))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "<script>alert('threat')</script>" in text
    assert "[Option two](javascript:alert(10))" in "\n".join(c.text for c in doc.tables[0]._cells)
    with zipfile.ZipFile(target) as z:
        rels = "".join(z.read(n).decode() for n in z.namelist() if n.endswith(".rels"))
    assert "javascript:" not in rels and "evil.example" not in rels


def test_a_users_reference_docx_is_used(tmp_path: Path, neutral) -> None:
    ref = tmp_path / "ours.docx"
    base = docx.Document()
    base.sections[0].header.paragraphs[0].text = "ACME Corp"
    base.add_paragraph("old body text")
    base.save(str(ref))
    target = tmp_path / "memo.docx"
    warnings = write_docx(neutral, target, options(reference_docx=ref))
    assert any("Memo Table" in w.message for w in warnings)  # falls back to Table Grid, says so
    doc = docx.Document(str(target))
    assert "old body text" not in "\n".join(p.text for p in doc.paragraphs)
    header = [p.text for p in doc.sections[0].header.paragraphs]
    assert header == [neutral.classification, "ACME Corp"]
    assert len(_footnotes(target)) == len(neutral.sources)


@pytest.mark.parametrize("make,expect", [
    (lambda p: p.write_text("not a zip"), "not a zip"),
    (lambda p: _zip(p, {"a.txt": b"x"}), "without word/document.xml"),
    (lambda p: _zip(p, {"[Content_Types].xml": b"x", "word/document.xml": b"\0" * (80 * 2**20)}), "zip bomb"),
    (lambda p: _zip(p, {"[Content_Types].xml": b"<x/>", "word/document.xml": b"<x/>"}), "cannot read"),
])
def test_a_bad_reference_docx_is_one_template_error(tmp_path: Path, neutral, make, expect) -> None:
    ref = tmp_path / "bad.docx"
    make(ref)
    target = tmp_path / "memo.docx"
    target.write_bytes(b"previous")
    with pytest.raises(TemplateError) as err:
        write_docx(neutral, target, options(reference_docx=ref))
    assert len(err.value.lines()) == 1 and "\n" not in str(err.value)
    assert expect in str(err.value)
    assert target.read_bytes() == b"previous"


def _zip(path: Path, entries: dict) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


def test_shipped_reference_docx_is_reproducible(tmp_path: Path, monkeypatch) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("mkref", REPO / "templates" / "tools" / "make_reference_docx.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    monkeypatch.setattr(mod, "OUT", tmp_path / "templates" / "memo" / "reference.docx")
    monkeypatch.setattr(mod, "REPO", tmp_path)
    mod.main()
    assert mod.OUT.read_bytes() == (REPO / "templates" / "memo" / "reference.docx").read_bytes(), \
        "templates/memo/reference.docx is stale: run python templates/tools/make_reference_docx.py"
    doc = docx.Document(io.BytesIO(mod.OUT.read_bytes()))
    names = {s.name for s in doc.styles}
    assert {"Title", "Heading 1", "Heading 2", "Normal", "List Bullet", "List Number", "Caption",
            "Memo Table"} <= names
    assert doc.styles["Normal"].font.name == "Calibri"


@pytest.mark.parametrize("audience", shipped_audiences())
def test_every_shipped_audience_builds(tmp_path: Path, audience: str) -> None:
    target = tmp_path / f"{audience}.docx"
    assert write_docx(view_of(CONTENT, audience), target, options()) == []
    assert read_custom(docx.Document(str(target)).part.package)["briefgen:audience"] == audience
