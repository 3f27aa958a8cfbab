"""Style lookup for the DOCX memo: by name, with a fallback and one warning per missing style.

A user's reference .docx may lack a style the memo uses (List Number, a
table style ...); the memo then uses the nearest fallback and the build
says which style was missing, once.
"""
from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Pt

from briefgen.errors import Problem

# Styles the memo uses, each with its fallbacks, in order.
FALLBACKS = {
    "Title": ("Heading 1", "Normal"),
    "Heading 1": ("Normal",),
    "Heading 2": ("Heading 1", "Normal"),
    "List Bullet": ("List Paragraph", "Normal"),
    "List Bullet 2": ("List Bullet", "Normal"),
    "List Number": ("List Paragraph", "Normal"),
    "List Number 2": ("List Number", "Normal"),
    "List Continue": ("Normal",),
    "Caption": ("Normal",),
    "Memo Table": ("Table Grid", "Normal Table"),
    "Header": ("Normal",),
    "Footer": ("Normal",),
}


class Styles:
    """Resolves style names to style ids in one document, remembering what was missing."""

    def __init__(self, doc: Document, source: str):
        self.doc = doc
        self.source = source
        self.warnings: list[Problem] = []
        self._by_name = {s.name.lower(): s for s in doc.styles if s.name}
        self._warned: set[str] = set()
        self._paragraph_ids: dict[str, str | None] = {}
        self._default_paragraph: tuple | None = None  # (the default paragraph style or None), once looked up

    def has(self, name: str) -> bool:
        """Whether the document defines a style of this name (case-insensitive)."""
        return name.lower() in self._by_name

    def name(self, wanted: str) -> str:
        """``wanted`` if the document has it, else its first available fallback (with one warning)."""
        if self.has(wanted):
            return self._by_name[wanted.lower()].name
        for alt in FALLBACKS.get(wanted, ()) + ("Normal",):
            if self.has(alt):
                if wanted not in self._warned:
                    self._warned.add(wanted)
                    self.warnings.append(Problem(None, "reference docx", f"{self.source} has no style {wanted!r}; "
                                                 f"using {alt!r}", "warning"))
                return self._by_name[alt.lower()].name
        return "Normal"

    def style_id(self, wanted: str) -> str | None:
        """The style id of ``wanted`` (or its fallback), for writing XML directly."""
        name = self.name(wanted)
        style = self._by_name.get(name.lower())
        return style.style_id if style is not None else None

    def paragraph_style_id(self, wanted: str) -> str | None:
        """The id python-docx writes for paragraph style ``wanted`` (or its fallback), as
        ``doc.part.get_style_id`` gives it: None for the default paragraph style.  Looked up once per style;
        python-docx scans every style of the document for the default on each lookup, here it is found once."""
        name = self.name(wanted)
        if name not in self._paragraph_ids:
            if self._default_paragraph is None:
                self._default_paragraph = (self.doc.styles.default(WD_STYLE_TYPE.PARAGRAPH),)
            style = self.doc.styles[name]
            if style.type == WD_STYLE_TYPE.PARAGRAPH and style != self._default_paragraph[0]:
                self._paragraph_ids[name] = style.style_id
            else:  # the default style, or not a paragraph style: python-docx's own answer (or error)
                self._paragraph_ids[name] = self.doc.part.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH)
        return self._paragraph_ids[name]

    def ensure_note_styles(self) -> None:
        """Add "footnote text" and "footnote reference" styles when the document has none."""
        styles = self.doc.styles
        if not self.has("footnote text"):
            s = styles.add_style("footnote text", WD_STYLE_TYPE.PARAGRAPH)
            s.base_style = styles["Normal"]
            s.font.size = Pt(9)
            s.paragraph_format.space_after = Pt(0)
            self._by_name["footnote text"] = s
        if not self.has("footnote reference"):
            s = styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
            s.font.superscript = True
            self._by_name["footnote reference"] = s
