"""How many pages a memo has as LibreOffice lays it out, and the warning when it runs past its promise.

The memo promises two to three pages (MEMO_PAGES), or the briefing's ``memo: {pages: N}``; a reference document
with larger type or wider margins holds less on a page.  Used by the PDF writer (:mod:`briefgen.write.pdf`) and,
after a build writes .docx memos, by :mod:`briefgen.commands.pages`.  Light to import: no python-docx.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from briefgen.errors import Problem
from briefgen.office import convert_all_to_pdf
from briefgen.tailor.view import BriefView

MEMO_PAGES = 3  # the memo's promise: two to three pages


def memo_promise(view: BriefView) -> int:
    """How many pages the memo of ``view`` may have: the briefing's ``memo: {pages: N}``, else MEMO_PAGES."""
    return view.memo_pages or MEMO_PAGES


def pages_warning(pages: int, promise: int, reference: Path | None) -> list[Problem]:
    """A warning, with the page count, when a memo of ``pages`` pages is longer than ``promise`` (``reference``:
    the reference document its styles come from, None for the shipped one)."""
    if pages <= promise:
        return []
    which = f"the reference document {Path(reference).name}" if reference else "its reference"
    return [Problem(None, "pages", f"the memo is {pages} pages, more than the {promise} it should be; with "
                                   f"{which}'s type and margins a page holds less: shorten the brief, or use "
                                   f"smaller type or narrower margins", severity="warning")]


def count_pages(memos: list[Path]) -> list[int]:
    """How many pages each of ``memos`` (.docx) has as LibreOffice lays it out, with one LibreOffice run for all of
    them (each is copied to a temporary folder under a name of its own first: memos of two briefings may share a
    name).  Raises MissingToolError without LibreOffice, BuildError when it cannot convert one."""
    with tempfile.TemporaryDirectory(prefix="briefgen-pages-") as tmp:
        work = Path(tmp)
        copies = [work / f"memo-{n}.docx" for n in range(len(memos))]
        for memo, copy in zip(memos, copies):
            shutil.copyfile(memo, copy)
        pdfs = convert_all_to_pdf(copies, work / "pdf", purpose="counting the memo's pages")
        return [pdf_page_count(pdf) for pdf in pdfs]


def pdf_page_count(pdf: Path) -> int:
    """How many pages the PDF has (its page tree's count, read without a PDF library)."""
    data = Path(pdf).read_bytes()
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    return max(counts, default=0) or len(re.findall(rb"/Type\s*/Page\b", data))
