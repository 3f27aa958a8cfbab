"""Style lookup for the DOCX memo: by name, with a fallback, one warning listing every missing style, and the
font each style's text is drawn in (to measure table text).

A user's reference .docx may lack a style the memo uses (List Number, a
table style ...); the memo then uses the nearest fallback and the build
says, in one warning, which styles were missing and what it used instead.
"""
from __future__ import annotations

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
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
        self._missing: dict[str, str] = {}  # wanted style -> the fallback used, in the order first met
        self._by_name = {s.name.lower(): s for s in doc.styles if s.name}
        self._paragraph_ids: dict[str, str | None] = {}
        self._default_paragraph: tuple | None = None  # (the default paragraph style or None), once looked up

    @property
    def warnings(self) -> list[Problem]:
        """One warning listing every style the memo wanted and the reference lacks, with what it used instead."""
        if not self._missing:
            return []
        listing = ", ".join(f"{wanted!r} (using {alt!r})" for wanted, alt in self._missing.items())
        plural = "s" if len(self._missing) > 1 else ""
        return [Problem(None, "reference docx", f"{self.source} has no style{plural} {listing}", "warning")]

    def text_font(self, name: str) -> tuple[str, float]:
        """The font family and size (points) text in style ``name`` (or its fallback) is drawn in: the style's
        own, else the styles it is based on, else the document defaults (a theme font read from the theme)."""
        style = self._by_name.get(self.name(name).lower())
        family, size = None, None
        while style is not None and (family is None or size is None):
            family = family or style.font.name
            size = size or (style.font.size.pt if style.font.size is not None else None)
            style = style.base_style
        default_family, default_size = self._defaults()
        return family or default_family, size or default_size

    def _defaults(self) -> tuple[str, float]:
        rpr = self.doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
        sz = rpr.find(qn("w:sz")) if rpr is not None else None
        size = int(sz.get(qn("w:val"))) / 2 if sz is not None and sz.get(qn("w:val"), "").isdigit() else 10.0
        family = fonts.get(qn("w:ascii")) if fonts is not None else None
        if family is None and fonts is not None and fonts.get(qn("w:asciiTheme")):
            family = self._theme_font(major=fonts.get(qn("w:asciiTheme")).startswith("major"))
        return family or "Times New Roman", size

    def _theme_font(self, major: bool) -> str | None:
        from lxml import etree

        try:
            theme = etree.fromstring(self.doc.part.part_related_by(RT.THEME).blob)
        except (KeyError, etree.XMLSyntaxError):
            return None
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        el = theme.find(f".//{{{a}}}fontScheme/{{{a}}}{'majorFont' if major else 'minorFont'}/{{{a}}}latin")
        return el.get("typeface") if el is not None and el.get("typeface") else None

    def has(self, name: str) -> bool:
        """Whether the document defines a style of this name (case-insensitive)."""
        return name.lower() in self._by_name

    def name(self, wanted: str) -> str:
        """``wanted`` if the document has it, else its first available fallback (with one warning)."""
        if self.has(wanted):
            return self._by_name[wanted.lower()].name
        for alt in FALLBACKS.get(wanted, ()) + ("Normal",):
            if self.has(alt):
                self._missing.setdefault(wanted, self._by_name[alt.lower()].name)
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
