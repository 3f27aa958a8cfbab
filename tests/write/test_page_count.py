"""Tests of briefgen.write.page_count: a memo's promise, the warning past it, and pages counted by LibreOffice."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from briefgen.commands.plan import build_view
from briefgen.errors import MissingToolError
from briefgen.load.library import load_library
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.docx.writer import write_docx
from briefgen.write.page_count import MEMO_PAGES, count_pages, memo_promise, pages_warning, pdf_page_count
from briefgen.write.registry import OutputOptions
from tests.support.masters import REFERENCES


@pytest.fixture(scope="module")
def hawkish_view():
    return build_view(load_library(shipped_content()).library, "hawkish")


def test_the_promise_is_three_pages_unless_the_briefing_sets_it(hawkish_view) -> None:
    assert MEMO_PAGES == 3
    assert memo_promise(hawkish_view) == 3
    assert [memo_promise(dataclasses.replace(hawkish_view, memo_pages=n)) for n in (1, 2, 3)] == [1, 2, 3]


def test_a_memo_within_its_promise_gives_no_warning() -> None:
    assert pages_warning(3, 3, None) == [] and pages_warning(1, 2, Path("ours.docx")) == []


def test_a_memo_past_its_promise_says_how_long_it_is_and_what_to_do() -> None:
    assert [str(w) for w in pages_warning(4, 3, Path("refs/ours.docx"))] == [
        "warning: pages: the memo is 4 pages, more than the 3 it should be; with the reference document ours.docx's "
        "type and margins a page holds less: shorten the brief, or use smaller type or narrower margins"]
    (warning,) = pages_warning(2, 1, None)
    assert (warning.severity, warning.field, warning.loc) == ("warning", "pages", None)
    assert warning.message.startswith("the memo is 2 pages, more than the 1 it should be; with its reference's type")


def test_the_page_count_is_read_from_the_pdfs_page_tree(tmp_path: Path) -> None:
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n"
                    b"2 0 obj << /Type /Page >> endobj 3 0 obj << /Type /Page >> endobj\n")
    assert pdf_page_count(pdf) == 2
    pdf.write_bytes(b"1 0 obj << /Count 7 /Kids [] /Type /Pages >> endobj 2 0 obj << /Type /Pages /Count 3 >>")
    assert pdf_page_count(pdf) == 7  # the root page tree counts every page; a subtree counts some
    pdf.write_bytes(b"<< /Type /Page >> << /Type /Page >> << /Type /Page >> << /Type /Pages >>")
    assert pdf_page_count(pdf) == 3


@pytest.mark.needs("soffice", "carlito")
def test_memos_of_one_name_in_two_folders_are_counted_each_in_one_run(hawkish_view, tmp_path: Path) -> None:
    large = next(r for r in REFERENCES if r.name == "serif-12pt-narrow").write(tmp_path)
    memos = []
    for folder, reference in (("shipped", None), ("large", large)):
        memo = tmp_path / folder / "memo.docx"
        memo.parent.mkdir()
        write_docx(hawkish_view, memo, OutputOptions(template_dirs=(shipped_templates(),), reference_docx=reference,
                                                     chart_cache=tmp_path / "cache", source_date_epoch=0))
        memos.append(memo)
    shipped_pages, large_pages = count_pages(memos)
    assert shipped_pages in (2, 3) and large_pages > shipped_pages
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "large", "serif-12pt-narrow.docx", "shipped"]


def test_without_libreoffice_counting_is_a_missing_tool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    memo = tmp_path / "memo.docx"
    memo.write_bytes(b"not looked at")
    with pytest.raises(MissingToolError, match="^counting the memo's pages needs LibreOffice: install it"):
        count_pages([memo])
