"""Masters and reference documents of other organisations, generated for the tests (no hand-made binaries).

Each :class:`MasterCase` writes a deck master with python-pptx and lxml and says how a project maps
briefgen's layouts onto it (``layouts:`` in ``briefgen.yaml``); each :class:`ReferenceCase` writes a
reference ``.docx`` with python-docx.  The matrix tests build every shipped audience on each one.

Masters: the shipped one; python-pptx's default 4:3; a 16:9 master with renamed layouts and large type;
a master whose Title Slide has only a title; a master with zero-height placeholders (which ``templates
check`` and the build must refuse by name).  References: the shipped one; python-docx's default; a serif
12 pt body with narrow margins.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from briefgen.resources import shipped_templates

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"

RENAMED = {"Title Slide": "Cover", "Section Header": "Divider", "Title and Content": "Text",
           "Two Content": "Two Columns", "Chart": "Graph", "Table": "Grid", "Title Only": "Heading Only",
           "Blank": "Empty"}
LARGE_TYPE = 4 / 3  # the large-type master's sizes against the shipped one's (18 pt body text becomes 24 pt)


@dataclass(frozen=True)
class MasterCase:
    """A generated deck master and the ``layouts:`` mapping a project gives for it."""

    name: str
    make: Callable[[Path], None]
    layouts: dict = field(default_factory=dict)
    usable: bool = True  # False: templates check and the build must refuse it

    def write(self, folder: Path) -> Path:
        """The master written as ``folder/NAME.pptx``."""
        path = folder / f"{self.name}.pptx"
        self.make(path)
        return path


@dataclass(frozen=True)
class ReferenceCase:
    """A generated reference .docx."""

    name: str
    make: Callable[[Path], None]

    def write(self, folder: Path) -> Path:
        """The reference document written as ``folder/NAME.docx``."""
        path = folder / f"{self.name}.docx"
        self.make(path)
        return path


# ------------------------------------------------------------------ masters
def _shipped_master(path: Path) -> None:
    shutil.copyfile(shipped_templates() / "pptx" / "default.pptx", path)


def _python_pptx_default(path: Path) -> None:
    from pptx import Presentation

    Presentation().save(str(path))


def _edited_shipped(path: Path, edit: Callable) -> None:
    from pptx import Presentation

    prs = Presentation(str(shipped_templates() / "pptx" / "default.pptx"))
    edit(prs)
    prs.save(str(path))


def _renamed_large_type(path: Path) -> None:
    def edit(prs) -> None:
        for layout in prs.slide_layouts:
            layout.name = RENAMED.get(layout.name, layout.name)
        for part in [prs.slide_master, *prs.slide_layouts]:  # text styles, placeholders' own sizes
            for el in part.element.iter(f"{{{_A}}}defRPr"):
                if el.get("sz") and int(el.get("sz")) >= 1400:  # not the banners', footers' small type
                    el.set("sz", str(round(int(el.get("sz")) * LARGE_TYPE / 100) * 100))
    _edited_shipped(path, edit)


def _title_only_title_slide(path: Path) -> None:
    def edit(prs) -> None:
        layout = prs.slide_layouts.get_by_name("Title Slide")
        for ph in list(layout.placeholders):
            if ph.placeholder_format.idx != 0:
                ph.element.getparent().remove(ph.element)
    _edited_shipped(path, edit)


def _zero_height(path: Path) -> None:
    def edit(prs) -> None:
        for name in ("Title and Content", "Two Content"):
            for ph in prs.slide_layouts.get_by_name(name).placeholders:
                if ph.placeholder_format.idx in (1, 2):
                    ph.height = 0
    _edited_shipped(path, edit)


MASTERS = (
    MasterCase("shipped", _shipped_master),
    MasterCase("python-pptx-4x3", _python_pptx_default, {"Chart": "Title Only", "Table": "Title Only"}),
    MasterCase("renamed-16x9-large-type", _renamed_large_type, dict(RENAMED)),
    MasterCase("title-only-title-slide", _title_only_title_slide),
    MasterCase("zero-height-placeholders", _zero_height, usable=False),
)
BUILDABLE_MASTERS = tuple(m for m in MASTERS if m.usable)


# ------------------------------------------------------------------ reference documents
def _shipped_reference(path: Path) -> None:
    shutil.copyfile(shipped_templates() / "memo" / "reference.docx", path)


def _python_docx_default(path: Path) -> None:
    from docx import Document

    Document().save(str(path))


def _serif_narrow(path: Path) -> None:
    from docx import Document
    from docx.shared import Inches, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    for section in doc.sections:
        section.left_margin = section.right_margin = Inches(0.6)
        section.top_margin = section.bottom_margin = Inches(0.6)
    doc.save(str(path))


REFERENCES = (
    ReferenceCase("shipped", _shipped_reference),
    ReferenceCase("python-docx-default", _python_docx_default),
    ReferenceCase("serif-12pt-narrow", _serif_narrow),
)
