"""Write the read-ahead package as PDF: the memo, the deck, and the deck's notes handout, by LibreOffice.

``SLUG.pdf`` is the DOCX memo converted to a tagged PDF; beside it, ``SLUG-deck.pdf`` is the deck (one page a
slide) and ``SLUG-notes.pdf`` its notes handout (LibreOffice's notes pages: each slide above its speaker notes).
The DOCX and PPTX are built in a temporary folder, converted there with a throw-away LibreOffice profile and
a timeout (:mod:`briefgen.office`), and each PDF moved over its target atomically.  Without LibreOffice the
build of this one format fails with a one-line MissingToolError; other formats go on.  A memo longer than the
pages it promises (three, or the briefing's ``memo: {pages: N}``), as with a reference document with larger type
or wider margins, is a warning with its page count.  (:mod:`briefgen.write.page_count` counts the pages of
the .docx memos a build writes.)
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from briefgen.atomic import atomic_write
from briefgen.errors import MissingToolError, Problem
from briefgen.office import NOTES_PDF, TAGGED_DECK_PDF, convert_to_pdf, find_soffice
from briefgen.tailor.view import BriefView
from briefgen.write.docx.writer import write_docx
from briefgen.write.page_count import MEMO_PAGES, memo_promise, pages_warning, pdf_page_count
from briefgen.write.registry import OutputOptions, Written, companion_paths, guard_output

MISSING = ("pdf needs LibreOffice: install it (e.g. apt-get install libreoffice-writer) "
           "or build docx/md/html instead")
# The read-ahead package's other files (the registry's companions of pdf: SLUG-deck.pdf, SLUG-notes.pdf), each
# with the LibreOffice export filter that makes it from the deck.
COMPANION_FILTERS = {"deck": TAGGED_DECK_PDF, "notes": NOTES_PDF}


def write_pdf(view: BriefView, target: Path, options: OutputOptions) -> list[Problem]:
    """Write the read-ahead package of ``view``: the memo PDF at ``target``, the deck PDF and the notes handout
    beside it (:func:`briefgen.write.registry.companion_paths`); return warnings (those of the DOCX and the deck they
    come from), with the Word memo's record of what each paragraph shows (the PDF shows the same paragraphs: for
    ``briefgen trace``)."""
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
        memo = write_docx(view, docx_path, scratch)
        warnings = list(memo or [])
        deck_path = work / f"{target.stem}.pptx"
        warnings += write_pptx(view, deck_path, scratch) or []
        made = {target: convert_to_pdf(docx_path, work / "memo", purpose="pdf", tagged=True)}
        for name, pdf_filter in COMPANION_FILTERS.items():
            made[others[name]] = convert_to_pdf(deck_path, work / name, purpose="pdf", pdf_filter=pdf_filter)
        for dest, pdf in made.items():
            guard_output(dest, options)
            atomic_write(dest, lambda tmp_dest, pdf=pdf: shutil.copyfile(pdf, tmp_dest))
        warnings.extend(page_promise(made[target], options, memo_promise(view)))
    return Written(warnings, record=getattr(memo, "record", None))


def page_promise(pdf: Path, options: OutputOptions, promise: int = MEMO_PAGES) -> list[Problem]:
    """A warning, with the page count, when the memo's PDF is longer than the ``promise`` pages it may have (the
    reference document's type and margins decide how much a page holds)."""
    return pages_warning(pdf_page_count(pdf), promise, options.reference_docx)
