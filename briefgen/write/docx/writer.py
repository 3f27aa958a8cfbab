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
from typing import Any

from docx.document import Document

from briefgen.atomic import atomic_write
from briefgen.errors import Loc, Problem, TemplateError, display_path
from briefgen.render.memo.assemble import assemble_memo
from briefgen.render.memo.parse import memo_parser
from briefgen.tailor.view import BriefView
from briefgen.write.docx.build import DocxBuilder
from briefgen.write.docx.chart_scale import chart_scale, chart_widths
from briefgen.write.docx.origins import memo_record
from briefgen.write.docx.package import package_entries
from briefgen.write.docx.page import mark_pages
from briefgen.write.docx.reference import open_reference
from briefgen.write.docx.styles import Styles
from briefgen.write.ooxml.properties import MEMO_CATEGORY, NewPart, document_epoch, set_properties
from briefgen.write.ooxml.zip import write_zip
from briefgen.write.registry import OutputOptions, Written, guard_output

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
    memo = assemble_memo(view, options.template_dirs, options.chart_cache, lambda kind, fmt: f"chart-{kind}.{fmt}",
                         lambda item_id, ext: f"picture-{item_id}.{ext}", page_marking=False)
    # Only our own charts and pictures verified at load time are embedded: any other image address in
    # the Markdown is shown as its description, never read.
    images = memo.images
    tokens = memo_parser(images).parse(memo.markdown)
    styles = Styles(doc, display_path(ref))
    charts = {fig.src for fig in memo.figures.charts.values()}
    builder = DocxBuilder(doc, styles, images, chart_widths(doc, memo.widths, charts, chart_scale(doc, styles)))
    builder.build(tokens)
    mark_pages(doc, view.classification, styles, view.banner_colors)
    package = doc.part.package
    set_properties(doc.core_properties, package, _new_part(package), view, MEMO_CATEGORY, options.source_date_epoch)
    return doc, memo.warnings + builder.warnings


def _new_part(package: Any) -> NewPart:
    """Makes python-docx parts of ``package`` (for the document properties)."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    return lambda name, content_type, blob: Part(PackURI(name), content_type, blob, package)


def write_docx(view: BriefView, target: Path, options: OutputOptions) -> list[Problem]:
    """Write the DOCX memo of ``view`` to ``target``; return warnings, with the record of what each paragraph
    shows (:func:`briefgen.write.docx.origins.memo_record`, for ``briefgen trace``)."""
    target = Path(target)
    guard_output(target, options)
    doc, warnings = build_docx(view, options)
    epoch = document_epoch(view, options.source_date_epoch)

    def produce(tmp: Path) -> None:
        write_zip(tmp, package_entries(doc), epoch)

    guard_output(target, options)
    atomic_write(target, produce)
    return Written(warnings, record={"memo": memo_record(doc, view)})
