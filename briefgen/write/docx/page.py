"""Page furniture of the DOCX memo: the classification marking in every header and footer, page numbers.

Headers and footers the reference document already has are kept; the
marking is added as their first (header) or last (footer) line, so it is on
the top and bottom of every page, first and even pages included.
"""
from __future__ import annotations

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import RGBColor
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.text.paragraph import Paragraph

from briefgen.write.docx.elements import paragraph_xml, story_xml
from briefgen.write.docx.styles import Styles


def _field(paragraph: Paragraph, instr: str, placeholder: str) -> None:
    """Append a simple field (PAGE, NUMPAGES) showing ``placeholder`` until the reader updates it."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} ")
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = placeholder
    r.append(t)
    fld.append(r)
    paragraph_xml(paragraph).append(fld)


# What follows <w:shd> in a paragraph's properties (CT_PPr's sequence), so the shading goes where the schema puts it.
_AFTER_SHD = ("w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
              "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind",
              "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
              "w:pPrChange")


def _marking_paragraph(paragraph: Paragraph, marking: str, colors: tuple = ()) -> None:
    """``paragraph`` made the classification line: centred, bold, on the band of the banner's ``colors``
    ((fill, text) hex; none: in the style's)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(marking)
    run.bold = True
    if colors:
        fill, ink = colors
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), fill)
        paragraph_xml(paragraph).get_or_add_pPr().insert_element_before(shading, *_AFTER_SHD)
        run.font.color.rgb = RGBColor.from_string(ink)


def _is_blank(story) -> bool:
    """True when a header or footer holds nothing but empty paragraphs (the reference's placeholder)."""
    if story_xml(story).xpath("./w:tbl|.//w:drawing|.//w:pict|.//w:fldSimple|.//w:instrText"):
        return False
    return not "".join(p.text for p in story.paragraphs).strip()


def _clear_extra(paragraphs: list) -> None:
    for p in paragraphs[1:]:
        paragraph_xml(p).getparent().remove(paragraph_xml(p))


def _mark_header(header, marking: str, styles: Styles, colors: tuple = ()) -> None:
    header.is_linked_to_previous = False
    paras = header.paragraphs
    if paras and _is_blank(header):
        _clear_extra(paras)
        first = paras[0]
    else:
        first = paras[0].insert_paragraph_before() if paras else header.add_paragraph()
    paragraph_xml(first).style = styles.paragraph_style_id("Header")
    _marking_paragraph(first, marking, colors)


def _mark_footer(footer, marking: str, styles: Styles, colors: tuple = ()) -> None:
    footer.is_linked_to_previous = False
    paras = footer.paragraphs
    if paras and _is_blank(footer):
        _clear_extra(paras)
        number = paras[0]
    else:
        number = footer.add_paragraph()
    paragraph_xml(number).style = styles.paragraph_style_id("Footer")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.add_run("Page ")
    _field(number, "PAGE", "1")
    number.add_run(" of ")
    _field(number, "NUMPAGES", "1")
    last = footer.add_paragraph()
    paragraph_xml(last).style = styles.paragraph_style_id("Footer")
    _marking_paragraph(last, marking, colors)


def mark_pages(doc: Document, marking: str, styles: Styles, colors: tuple = ()) -> None:
    """Put ``marking`` at the top and bottom of every page of every section, with page numbers; on a band of
    the banner's ``colors`` ((fill, text) hex, from the marking scheme) when given."""
    odd_even = doc.settings.odd_and_even_pages_header_footer
    for section in doc.sections:
        pairs = [(section.header, section.footer)]
        if section.different_first_page_header_footer:
            pairs.append((section.first_page_header, section.first_page_footer))
        if odd_even:
            pairs.append((section.even_page_header, section.even_page_footer))
        for header, footer in pairs:
            _mark_header(header, marking, styles, colors)
            _mark_footer(footer, marking, styles, colors)
