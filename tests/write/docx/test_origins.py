"""Tests of briefgen.write.docx.origins: the blocks of a Word memo read back, and the record of the content fields
each block of a written memo shows."""
from __future__ import annotations

from pathlib import Path

import docx
import pytest

from briefgen.errors import OriginError
from briefgen.write.docx.origins import memo_blocks, memo_record, read_memo
from briefgen.write.docx.writer import write_docx
from tests.support.memo_views import CONTENT, install_fake_charts, options, view_of


@pytest.fixture(autouse=True)
def fake_charts(monkeypatch):
    install_fake_charts(monkeypatch)


@pytest.fixture(scope="module")
def hawkish():
    return view_of(CONTENT, "hawkish")


def test_blocks_are_the_paragraphs_with_text_and_each_table_row_in_body_order() -> None:
    doc = docx.Document()
    doc.add_paragraph("Before")
    doc.add_paragraph("   ")
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    doc.add_paragraph("After")
    assert memo_blocks(doc) == ["Before", "r0c0 | r0c1", "r1c0 | r1c1", "After"]


def test_the_writer_records_each_blocks_fields(tmp_path: Path, hawkish) -> None:
    target = tmp_path / "memo.docx"
    written = write_docx(hawkish, target, options())
    record = written.record["memo"]
    assert record["paras"] == read_memo(target)
    by_text = dict(zip(record["paras"], zip(record["fields"], record["items"])))
    assert by_text[hawkish.bluf] == (["briefing.bluf"], None)
    assert by_text["Bottom line up front"] == ([], None)
    missiles = next(t for t in record["paras"] if t.startswith("North Korean missiles reach all three."))
    assert by_text[missiles] == (["thr-dprk-missiles.title", "thr-dprk-missiles.framing",
                                  "thr-dprk-missiles.points[2]"], "thr-dprk-missiles")
    for n, decision in enumerate(hawkish.decisions):
        assert by_text[decision] == ([f"briefing.decisions[{n}]"], None)
    row = next(t for t in record["paras"] if t.startswith("Draft combined operational plans"))
    assert by_text[row] == (["opt-combined-plans.title"], "opt-combined-plans")
    recommendation = next(t for t in record["paras"] if t.startswith(hawkish.recommendation))
    assert by_text[recommendation] == (["briefing.recommendation"], None)


def test_a_block_not_starting_with_an_items_title_claims_none_of_its_fields(hawkish) -> None:
    item = hawkish.sections[1].items[0]
    doc = docx.Document()
    doc.add_paragraph(f"As said: {item.title}. {item.framing}")
    doc.add_paragraph(f"{item.title}. Something else entirely.")
    doc.add_paragraph(hawkish.decisions[0] + " and more")
    record = memo_record(doc, hawkish)
    assert record["fields"] == [[], [f"{item.id}.title"], []]
    assert record["items"] == [None, item.id, None]


def test_a_file_that_is_no_memo_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    bad = Path("memo.docx")
    bad.write_text("not a memo")
    with pytest.raises(OriginError) as err:
        read_memo(bad)
    assert [str(p) for p in err.value.problems] == [
        f"{bad}: expected a .docx memo, got a file Word could not open either; give a memo briefgen built"]
