"""Write the memo as PDF: the DOCX memo converted by LibreOffice (headless) to a tagged PDF.

The DOCX is built in a temporary folder, converted there with a throw-away
LibreOffice profile and a timeout (:mod:`briefgen.office`), and the PDF
moved over the target atomically.  Without LibreOffice the build of this
one format fails with a one-line MissingToolError; other formats go on.  A memo longer than the three
pages it promises (a reference document with larger type or wider margins) is a warning with its page count.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from briefgen.atomic import atomic_write
from briefgen.errors import MissingToolError, Problem
from briefgen.office import convert_to_pdf, find_soffice
from briefgen.tailor.view import BriefView
from briefgen.write.docx.writer import write_docx
from briefgen.write.registry import OutputOptions, guard_output

MEMO_PAGES = 3  # the memo's promise: two to three pages
MISSING = ("pdf needs LibreOffice: install it (e.g. apt-get install libreoffice-writer) "
           "or build docx/md/html instead")


def write_pdf(view: BriefView, target: Path, options: OutputOptions) -> list[Problem]:
    """Write the PDF memo of ``view`` to ``target``; return warnings (those of the DOCX it comes from)."""
    target = Path(target)
    guard_output(target, options)
    if find_soffice() is None:
        raise MissingToolError(MISSING)
    with tempfile.TemporaryDirectory(prefix="briefgen-pdf-") as tmp:
        work = Path(tmp)
        docx_path = work / f"{target.stem}.docx"
        warnings = write_docx(view, docx_path, replace(options, output_dir=None))  # a scratch file
        pdf = convert_to_pdf(docx_path, work / "pdf", purpose="pdf", tagged=True)
        guard_output(target, options)
        atomic_write(target, lambda dest: shutil.copyfile(pdf, dest))
        warnings.extend(page_promise(pdf, options))
    return warnings


def page_promise(pdf: Path, options: OutputOptions) -> list[Problem]:
    """A warning, with the page count, when the memo is longer than the MEMO_PAGES it promises (the reference
    document's type and margins decide how much a page holds)."""
    pages = pdf_page_count(pdf)
    if pages <= MEMO_PAGES:
        return []
    which = f"the reference document {options.reference_docx.name}" if options.reference_docx else "its reference"
    return [Problem(None, "pages", f"the memo is {pages} pages, more than the {MEMO_PAGES} it should be; with "
                                   f"{which}'s type and margins a page holds less: shorten the brief, or use "
                                   f"smaller type or narrower margins", severity="warning")]


def pdf_page_count(pdf: Path) -> int:
    """How many pages the PDF has (its page tree's count, read without a PDF library)."""
    data = Path(pdf).read_bytes()
    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    return max(counts, default=0) or len(re.findall(rb"/Type\s*/Page\b", data))
