"""Run LibreOffice and poppler headless: documents to PDF, PDF pages to PNG.

Used by the PDF memo writer, ``briefgen preview`` and the render tests.  Each
conversion gets a throw-away LibreOffice profile so parallel runs do not
fight over one, and a timeout so a stuck converter cannot hang a build.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from briefgen.errors import BuildError, Loc, MissingToolError, Problem

TIMEOUT_SECONDS = 180
# LibreOffice's PDF export asked for a tagged PDF (structure tree, document language): what screen readers
# and PDF/UA need.  The JSON form of the filter options is understood by LibreOffice 7.4 and later.
TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
# The same for a deck (Impress's PDF export), and a deck's notes handout: each slide above its speaker notes, one
# page a slide (Impress's notes pages, alone).
TAGGED_DECK_PDF = 'pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
NOTES_PDF = ('pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"},'
             '"ExportNotesPages":{"type":"boolean","value":"true"},'
             '"ExportOnlyNotesPages":{"type":"boolean","value":"true"}}')


def find_soffice() -> str | None:
    """The LibreOffice executable on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def require_soffice(purpose: str) -> str:
    """The LibreOffice executable, or MissingToolError saying what to install."""
    exe = find_soffice()
    if exe is None:
        raise MissingToolError(f"{purpose} needs LibreOffice: install it (e.g. apt-get install libreoffice-writer "
                               f"libreoffice-impress) or build pptx/docx/md/html instead")
    return exe


def convert_to_pdf(src: Path, outdir: Path, purpose: str = "PDF output", tagged: bool = False,
                   pdf_filter: str | None = None) -> Path:
    """Convert ``src`` (.pptx/.docx) to ``outdir/<stem>.pdf`` with LibreOffice (``tagged``: a tagged PDF;
    ``pdf_filter``: LibreOffice's export filter with its options, e.g. :data:`NOTES_PDF`); return the PDF's path."""
    return convert_all_to_pdf([src], outdir, purpose, tagged, pdf_filter)[0]


def convert_all_to_pdf(srcs: list[Path], outdir: Path, purpose: str = "PDF output",
                       tagged: bool = False, pdf_filter: str | None = None) -> list[Path]:
    """Convert each of ``srcs`` (.pptx/.docx, distinct file names) to ``outdir/<stem>.pdf`` with one
    LibreOffice run (it starts once: a few seconds saved per file), tagged PDFs if ``tagged`` (or with
    ``pdf_filter``, the export filter and its options); return the PDFs' paths in order."""
    pdfs = [outdir / (Path(src).stem + ".pdf") for src in srcs]
    if len(set(pdfs)) != len(pdfs):
        raise ValueError("convert_all_to_pdf needs sources with distinct names")
    exe = require_soffice(purpose)
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="briefgen-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", pdf_filter or (TAGGED_PDF if tagged else "pdf"), "--outdir", str(outdir), *map(str, srcs)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_SECONDS * len(srcs))
        except subprocess.TimeoutExpired:
            raise BuildError([Problem(Loc(str(srcs[0])), "pdf", f"LibreOffice did not finish within "
                                                                f"{TIMEOUT_SECONDS} s per file")]) from None
    if proc.returncode == -signal.SIGINT:  # Ctrl-C reached LibreOffice too: the user stopped, nothing failed
        raise KeyboardInterrupt
    for src, pdf in zip(srcs, pdfs):
        if proc.returncode != 0 or not pdf.is_file():
            detail = (proc.stderr or proc.stdout).strip().splitlines()
            raise BuildError([Problem(Loc(str(src)), "pdf", "LibreOffice could not convert the file"
                                      + (f": {detail[-1]}" if detail else ""))])
    return pdfs


def pdf_to_pngs(pdf: Path, outdir: Path, dpi: int = 60) -> list[Path]:
    """Render every page of ``pdf`` to ``outdir/page-N.png`` with pdftoppm; return them in page order."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise MissingToolError("preview needs pdftoppm: install poppler-utils (e.g. apt-get install poppler-utils)")
    outdir.mkdir(parents=True, exist_ok=True)
    try:
        proc = subprocess.run([exe, "-r", str(dpi), "-png", str(pdf), str(outdir / "page")], capture_output=True,
                              text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise BuildError([Problem(Loc(str(pdf)), "preview", f"pdftoppm did not finish within "
                                                            f"{TIMEOUT_SECONDS} s")]) from None
    if proc.returncode == -signal.SIGINT:
        raise KeyboardInterrupt
    if proc.returncode != 0:
        detail = proc.stderr.strip().splitlines()
        raise BuildError([Problem(Loc(str(pdf)), "preview", "pdftoppm could not render the PDF"
                                  + (f": {detail[-1]}" if detail else ""))])
    return sorted(outdir.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def pdf_page_texts(pdf: Path, purpose: str = "reading a PDF's pages") -> list[str]:
    """The text of each page of ``pdf`` in order, as pdftotext reads it (poppler)."""
    exe = shutil.which("pdftotext")
    if exe is None:
        raise MissingToolError(f"{purpose} needs pdftotext: install poppler-utils (e.g. apt-get install poppler-utils)")
    try:
        proc = subprocess.run([exe, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        raise BuildError([Problem(Loc(str(pdf)), "pdf", f"pdftotext did not finish within "
                                                        f"{TIMEOUT_SECONDS} s")]) from None
    if proc.returncode != 0:
        detail = proc.stderr.decode(errors="replace").strip().splitlines()
        raise BuildError([Problem(Loc(str(pdf)), "pdf", "pdftotext could not read the PDF"
                                  + (f": {detail[-1]}" if detail else ""))])
    pages = proc.stdout.decode("utf-8", errors="replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages
