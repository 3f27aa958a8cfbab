"""Write the memo as a Word document built on a reference .docx.

The memo's Markdown (``memo/memo.md.j2``) is parsed with markdown-it and its
token stream walked into the reference document (the shipped
``memo/reference.docx`` or the user's own), whose styles, page setup and
headers apply.  Sources become real footnotes; the classification marking
is in every header and footer with page numbers; the package is written
once with fixed zip dates, so the same input (and ``SOURCE_DATE_EPOCH``)
gives the same bytes.
"""
from __future__ import annotations

from pathlib import Path

from docx.document import Document

from briefgen.atomic import atomic_write
from briefgen.errors import Loc, Problem, TemplateError, display_path
from briefgen.render.memo.compose import render_memo
from briefgen.render.memo.figures import memo_figures
from briefgen.render.memo.parse import memo_parser
from briefgen.render.memo.pictures import memo_pictures
from briefgen.tailor.view import BriefView
from briefgen.write.docx.build import DocxBuilder
from briefgen.write.docx.package import package_entries
from briefgen.write.docx.page import mark_pages
from briefgen.write.docx.properties import memo_epoch, set_properties
from briefgen.write.docx.reference import open_reference
from briefgen.write.docx.styles import Styles
from briefgen.write.ooxml.zip import write_zip
from briefgen.write.registry import OutputOptions, guard_output

REFERENCE = "memo/reference.docx"


def reference_path(options: OutputOptions) -> Path:
    """The reference .docx to build on: the user's own, else the first ``memo/reference.docx`` in the
    template folders (the project's, then the shipped one)."""
    if options.reference_docx is not None:
        return Path(options.reference_docx)
    for folder in options.template_dirs:
        candidate = Path(folder) / REFERENCE
        if candidate.is_file():
            return candidate
    raise TemplateError([Problem(Loc(REFERENCE), "reference docx", "not found in any template folder")])


def build_docx(view: BriefView, options: OutputOptions) -> tuple[Document, list[Problem]]:
    """The memo of ``view`` as a python-docx Document (not yet saved), and warnings."""
    ref = reference_path(options)
    doc = open_reference(ref)
    figures = memo_figures(view, options.chart_cache, "png", lambda kind, fmt: f"chart-{kind}.{fmt}")
    pictures = memo_pictures(view, lambda item_id, ext: f"picture-{item_id}.{ext}")
    markdown = render_memo(view, options.template_dirs, figures.charts, page_marking=False,
                           pictures=pictures.figures)
    # Only our own charts and pictures verified at load time are embedded: any other image address in
    # the Markdown is shown as its description, never read.
    images = {**figures.images, **pictures.images}
    tokens = memo_parser(images).parse(markdown)
    styles = Styles(doc, display_path(ref))
    widths = {fig.src: fig.width for fig in [*figures.charts.values(), *pictures.figures.values()]}
    builder = DocxBuilder(doc, styles, images, widths)
    builder.build(tokens)
    mark_pages(doc, view.classification, styles)
    set_properties(doc, view, options.source_date_epoch)
    return doc, list(figures.warnings) + builder.warnings


def write_docx(view: BriefView, target: Path, options: OutputOptions) -> list[Problem]:
    """Write the DOCX memo of ``view`` to ``target``; return warnings."""
    target = Path(target)
    guard_output(target, options)
    doc, warnings = build_docx(view, options)
    epoch = memo_epoch(view, options.source_date_epoch)

    def produce(tmp: Path) -> None:
        write_zip(tmp, package_entries(doc), epoch)

    guard_output(target, options)
    atomic_write(target, produce)
    return warnings
