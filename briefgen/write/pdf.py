"""Write the memo as PDF: the DOCX memo converted by LibreOffice (headless) to a tagged PDF.

The DOCX is built in a temporary folder, converted there with a throw-away
LibreOffice profile and a timeout (:mod:`briefgen.office`), and the PDF
moved over the target atomically.  Without LibreOffice the build of this
one format fails with a one-line MissingToolError; other formats go on.
"""
from __future__ import annotations

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
    return warnings
