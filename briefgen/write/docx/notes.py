"""Real Word footnotes for the memo's sources (python-docx has no footnote API).

Each source gets one ordinary, auto-numbered footnote at its first
citation; later citations of the same source are a superscript of that
note's number.  Word numbers notes in document order, so they match the
BriefView's source numbers when the template cites sources in the view's
order, as the shipped one does (custom note marks would keep any order but
LibreOffice shows them twice).  The footnotes part (``word/footnotes.xml``) is taken
from the reference document when it has one, else created.
"""
from __future__ import annotations

from typing import Callable

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import OxmlElement
from docx.text.paragraph import Paragraph
from lxml import etree

from briefgen.write.docx.elements import paragraph_xml, set_blob
from briefgen.write.docx.styles import Styles

_EMPTY = (f'<w:footnotes {nsdecls("w", "r")}>'
          '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
          'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
          '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
          'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
          '</w:footnotes>')


class Footnotes:
    """The document's footnotes part, and the notes this memo adds to it."""

    def __init__(self, doc: Document, styles: Styles):
        self.doc = doc
        self.styles = styles
        styles.ensure_note_styles()
        self.part = self._find_or_create_part()
        self.element = parse_xml(self.part.blob)
        for note in self.element.findall(qn("w:footnote")):  # drop the reference document's own notes
            if note.get(qn("w:type")) not in ("separator", "continuationSeparator"):
                self.element.remove(note)
        ids = [int(n.get(qn("w:id"))) for n in self.element.findall(qn("w:footnote"))]
        self._next_id = max([0] + ids) + 1
        self._noted: dict[str, int] = {}
        self._settings()

    def _find_or_create_part(self) -> Part:
        for rel in self.doc.part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                return rel.target_part
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, _EMPTY.encode("utf-8"), self.doc.part.package)
        self.doc.part.relate_to(part, RT.FOOTNOTES)
        return part

    def _settings(self) -> None:
        """Name the separator notes in settings.xml, as Word itself does."""
        settings = self.doc.settings.element
        if settings.find(qn("w:footnotePr")) is not None:
            return
        pr = OxmlElement("w:footnotePr")
        for sep in self.element.findall(qn("w:footnote")):
            if sep.get(qn("w:type")) in ("separator", "continuationSeparator"):
                ref = OxmlElement("w:footnote")
                ref.set(qn("w:id"), sep.get(qn("w:id")))
                pr.append(ref)
        settings.insert_element_before(pr, *_AFTER_FOOTNOTEPR)

    def cite(self, paragraph: Paragraph, label: str, fill: Callable[[Paragraph], None]) -> None:
        """Cite note ``label`` in ``paragraph``: a new footnote (its text written by ``fill``) the first
        time, a superscript of that note's number after that."""
        if label in self._noted:
            self._mark(paragraph_xml(paragraph), str(self._noted[label]))
            return
        note_id = self._next_id
        self._next_id += 1
        self._noted[label] = len(self._noted) + 1
        r = self._mark(paragraph_xml(paragraph), None)
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note_id))
        r.append(ref)

        note = OxmlElement("w:footnote")
        note.set(qn("w:id"), str(note_id))
        p = OxmlElement("w:p")
        note.append(p)
        self.element.append(note)
        ppr = p.get_or_add_pPr()
        style_id = self.styles.style_id("footnote text")
        if style_id:
            ppr.get_or_add_pStyle().val = style_id
        self._mark(p, None).append(OxmlElement("w:footnoteRef"))
        text = Paragraph(p, None)
        text.add_run(" ")
        fill(text)

    def separator(self, paragraph: Paragraph) -> None:
        """A superscript comma between two adjacent note references."""
        self._mark(paragraph_xml(paragraph), ",")

    def number(self, label: str) -> int | None:
        """The number Word shows for the note of ``label`` (None before it is cited)."""
        return self._noted.get(label)

    def _mark(self, p, label: str | None):
        """Append a run styled as a note reference (holding ``label`` as text, if given) to ``p``."""
        r = p.add_r()
        rpr = r.get_or_add_rPr()
        style_id = self.styles.style_id("footnote reference")
        if style_id:
            rstyle = OxmlElement("w:rStyle")
            rstyle.set(qn("w:val"), style_id)
            rpr.insert(0, rstyle)
        va = OxmlElement("w:vertAlign")
        va.set(qn("w:val"), "superscript")
        rpr.append(va)
        if label is not None:
            r.add_t(label)
        return r

    @property
    def count(self) -> int:
        """How many footnotes this memo added."""
        return len(self._noted)

    def finish(self) -> None:
        """Write the notes back into the footnotes part."""
        set_blob(self.part, etree.tostring(self.element, xml_declaration=True, encoding="UTF-8", standalone=True))


# Children of w:settings that come after w:footnotePr (schema order).
_AFTER_FOOTNOTEPR = tuple(f"w:{n}" for n in (
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator"))
