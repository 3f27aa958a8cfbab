"""Memos on other organisations' reference documents (tests/support/masters.py), rendered by LibreOffice.

For each reference every shipped audience builds; the memo is valid Open XML; no word of the options table
is broken inside (LibreOffice's PDF holds each whole); the memo keeps its promise of three pages, or the
PDF build says how many pages it has; a missing style is one warning listing every one.
"""
from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

import docx
import pytest

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.docx.writer import write_docx
from briefgen.write.ooxml.validity import check_validity
from briefgen.write.pdf import page_promise, pdf_page_count, write_pdf
from briefgen.write.registry import OutputOptions
from tests.support.masters import REFERENCES

AUDIENCES = ("dovish", "hawkish", "neutral")
CASES = [(r.name, a) for r in REFERENCES for a in AUDIENCES]

pytestmark = pytest.mark.needs("soffice", "pdftotext", "carlito")


def options_for(reference: Path, out: Path) -> OutputOptions:
    """Build options with ``reference`` as the project's reference document."""
    return OutputOptions(template_dirs=(shipped_templates(),), reference_docx=reference, chart_cache=out / "cache",
                         source_date_epoch=0)


@pytest.fixture(scope="module")
def memos(tmp_path_factory):
    """(reference, audience) -> (warnings, memo path, PDF path)."""
    out = tmp_path_factory.mktemp("references")
    library = load_library(shipped_content()).library
    built = {}
    for case in REFERENCES:
        reference = case.write(out)
        for name in AUDIENCES:
            target = out / f"{case.name}-{name}.docx"
            built[(case.name, name)] = (write_docx(build_view(library, name), target, options_for(reference, out)),
                                        target)
    profile = out / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out / "pdf"), *(str(t) for _, t in built.values())],
                   check=True, capture_output=True, timeout=1200)
    return {key: (warnings, memo, out / "pdf" / f"{memo.stem}.pdf") for key, (warnings, memo) in built.items()}


@pytest.mark.parametrize("reference,name", CASES)
def test_the_memo_is_valid_open_xml(memos, reference, name):
    _, memo, _ = memos[(reference, name)]
    assert [str(f) for f in check_validity(memo, memo.name)] == []


@pytest.mark.parametrize("reference,name", CASES)
def test_no_word_of_the_options_table_is_broken(memos, reference, name):
    _, memo, pdf = memos[(reference, name)]
    words = set(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True,
                               timeout=120).stdout.split())
    (table,) = docx.Document(str(memo)).tables
    cells = {w for row in table.rows for cell in row.cells for w in cell.text.split()}
    whole = {w for w in cells if re.fullmatch(r"[A-Za-z]{4,}", w)}  # hyphenated words may turn at the hyphen
    assert whole and whole <= words, sorted(whole - words)


@pytest.mark.parametrize("reference,name", CASES)
def test_the_memo_keeps_its_page_promise_or_says_how_long_it_is(memos, reference, name):
    _, memo, pdf = memos[(reference, name)]
    pages = pdf_page_count(pdf)
    said = [str(w) for w in page_promise(pdf, options_for(memo.parent / f"{reference}.docx", memo.parent))]
    if reference == "shipped":
        assert pages <= 3 and said == []
    else:
        assert said == ([] if pages <= 3 else [
            f"warning: pages: the memo is {pages} pages, more than the 3 it should be; with the reference document "
            f"{reference}.docx's type and margins a page holds less: shorten the brief, or use smaller type or narrower "
            f"margins"])


@pytest.mark.parametrize("reference,name", CASES)
def test_a_missing_style_is_one_warning(memos, reference, name):
    warnings, _, _ = memos[(reference, name)]
    styles = [str(w) for w in warnings if w.field == "reference docx"]
    assert len(styles) == (0 if reference == "shipped" else 1), styles


def test_the_pdf_build_warns_with_the_page_count_on_a_reference_with_larger_type(tmp_path):
    case = next(r for r in REFERENCES if r.name == "serif-12pt-narrow")
    reference = case.write(tmp_path)
    view = build_view(load_library(shipped_content()).library, "hawkish")
    warnings = write_pdf(view, tmp_path / "memo.pdf", options_for(reference, tmp_path))
    pages = pdf_page_count(tmp_path / "memo.pdf")
    assert pages > 3
    assert [str(w) for w in warnings if w.field == "pages"] == [
        f"warning: pages: the memo is {pages} pages, more than the 3 it should be; with the reference document "
        f"serif-12pt-narrow.docx's type and margins a page holds less: shorten the brief, or use smaller type or "
        f"narrower margins"]
