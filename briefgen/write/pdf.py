"""Write the read-ahead package as PDF: the memo, the deck, and the deck's notes handout, by LibreOffice.

``SLUG.pdf`` is the DOCX memo converted to a tagged PDF; beside it, ``SLUG-deck.pdf`` is the deck (one page a
slide) and ``SLUG-notes.pdf`` its notes handout (LibreOffice's notes pages: each slide above its speaker notes).
The DOCX and PPTX are built in a temporary folder, converted there with a throw-away LibreOffice profile and
a timeout (:mod:`briefgen.office`), and each PDF moved over its target atomically.  Without LibreOffice the
build of this one format fails with a one-line MissingToolError; other formats go on.  A memo longer than the three
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
from briefgen.office import NOTES_PDF, TAGGED_DECK_PDF, convert_to_pdf, find_soffice
from briefgen.tailor.view import BriefView
from briefgen.write.docx.writer import write_docx
from briefgen.write.registry import OutputOptions, companion_paths, guard_output

MEMO_PAGES = 3  # the memo's promise: two to three pages
MISSING = ("pdf needs LibreOffice: install it (e.g. apt-get install libreoffice-writer) "
           "or build docx/md/html instead")
# The read-ahead package's other files (the registry's companions of pdf: SLUG-deck.pdf, SLUG-notes.pdf), each
# with the LibreOffice export filter that makes it from the deck.
COMPANION_FILTERS = {"deck": TAGGED_DECK_PDF, "notes": NOTES_PDF}


def write_pdf(view: BriefView, target: Path, options: OutputOptions) -> list[Problem]:
    """Write the read-ahead package of ``view``: the memo PDF at ``target``, the deck PDF and the notes handout
    beside it (:func:`briefgen.write.registry.companion_paths`); return warnings (those of the DOCX and the deck they come from)."""
    from briefgen.write.pptx.writer import write_pptx  # python-pptx only when a PDF is built

    target = Path(target)
    others = companion_paths(target, "pdf")
    for path in (target, *others.values()):
        guard_output(path, options)
    if find_soffice() is None:
        raise MissingToolError(MISSING)
    scratch = replace(options, output_dir=None)  # files in a temporary folder
    with tempfile.TemporaryDirectory(prefix="briefgen-pdf-") as tmp:
        work = Path(tmp)
        docx_path = work / f"{target.stem}.docx"
        warnings = list(write_docx(view, docx_path, scratch) or [])
        deck_path = work / f"{target.stem}.pptx"
        warnings += write_pptx(view, deck_path, scratch) or []
        made = {target: convert_to_pdf(docx_path, work / "memo", purpose="pdf", tagged=True)}
        for name, pdf_filter in COMPANION_FILTERS.items():
            made[others[name]] = convert_to_pdf(deck_path, work / name, purpose="pdf", pdf_filter=pdf_filter)
        for dest, pdf in made.items():
            guard_output(dest, options)
            atomic_write(dest, lambda tmp_dest, pdf=pdf: shutil.copyfile(pdf, tmp_dest))
        warnings.extend(page_promise(made[target], options))
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
