"""Regenerate templates/memo/reference.docx, the Word document memos take their styles from.

Run from the repository root:  python templates/tools/make_reference_docx.py

It starts from python-docx's blank document, strips what a shipped template
should not carry (thumbnail, custom XML, python-docx's core properties),
sets a US Letter portrait page (1-inch side, 0.8-inch top and bottom margins) and a clean style set
(Calibri 11 Normal, Title, Heading 1-2, List Bullet, List Number, List
Continue, Caption, footnote styles, a "Memo Table" table style) and writes a
short sample body showing each style.  The memo writer clears that body.
The output is byte-for-byte reproducible.
"""
from __future__ import annotations

import datetime
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

import docx  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.oxml.parser import OxmlElement  # noqa: E402
from docx.shared import Inches, Pt, RGBColor  # noqa: E402

from briefgen.write.ooxml.zip import normalize_zip  # noqa: E402

OUT = REPO / "templates" / "memo" / "reference.docx"
FIXED = datetime.datetime(2024, 1, 1)
EPOCH = 1704067200  # 2024-01-01T00:00:00Z
FONT = "Calibri"
INK = RGBColor(0x1A, 0x1A, 0x1A)
ACCENT = RGBColor(0x1F, 0x38, 0x64)
MUTED = RGBColor(0x59, 0x59, 0x59)

DROP_RELS = ("thumbnail", "customXml", "stylesWithEffects")

APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           "<Application>briefgen</Application><DocSecurity>0</DocSecurity></Properties>")

MEMO_TABLE = f"""
<w:style {nsdecls("w")} w:type="table" w:customStyle="1" w:styleId="MemoTable">
  <w:name w:val="Memo Table"/>
  <w:basedOn w:val="TableNormal"/>
  <w:uiPriority w:val="40"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="8" w:space="0" w:color="1F3864"/>
      <w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F3864"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFC5CE"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="43" w:type="dxa"/><w:left w:w="86" w:type="dxa"/>
      <w:bottom w:w="43" w:type="dxa"/><w:right w:w="86" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/><w:color w:val="1F3864"/></w:rPr>
    <w:tcPr>
      <w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="1F3864"/></w:tcBorders>
      <w:shd w:val="clear" w:color="auto" w:fill="E8ECF2"/>
    </w:tcPr>
  </w:tblStylePr>
</w:style>
"""


def set_font(rpr_owner, name: str = FONT) -> None:
    """Set all four rFonts slots to ``name`` and drop theme fonts (which would win over them)."""
    rpr = rpr_owner.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_owner.append(rpr) if rpr_owner.tag != qn("w:style") else rpr_owner.get_or_add_rPr()
        rpr = rpr_owner.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)


def paragraph_style(doc, name: str, size: float, *, bold: bool = False, italic: bool = False,
                    color: RGBColor = INK, before: float = 0, after: float = 6, keep_next: bool = False,
                    line: float | None = None):
    """Restyle (or create) a paragraph style."""
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
    set_font(style.element)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = color
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.keep_with_next = keep_next
    if line is not None:
        fmt.line_spacing = line
    ppr = style.element.pPr
    if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
        ppr.remove(ppr.find(qn("w:pBdr")))
    return style


def styles(doc) -> None:
    """The memo's style set."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    set_font(defaults.find(qn("w:rPrDefault")))
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "259")
    paragraph_style(doc, "Normal", 11, after=3, line=1.0)
    title = paragraph_style(doc, "Title", 20, bold=True, color=ACCENT, after=10)
    title.font.all_caps = False
    rpr = title.element.rPr
    for tag in ("w:kern", "w:spacing"):
        el = rpr.find(qn(tag))
        if el is not None:
            rpr.remove(el)
    paragraph_style(doc, "Heading 1", 13, bold=True, color=ACCENT, before=8, after=2, keep_next=True)
    paragraph_style(doc, "Heading 2", 11, bold=True, color=ACCENT, before=9, after=2, keep_next=True)
    for name in ("List Bullet", "List Number", "List Bullet 2", "List Number 2"):
        paragraph_style(doc, name, 11, after=2, line=1.0)
        ppr = doc.styles[name].element.pPr
        ctx = ppr.find(qn("w:contextualSpacing"))
        if ctx is not None:
            ppr.remove(ctx)
    cont = paragraph_style(doc, "List Continue", 11, after=2)
    cont.paragraph_format.left_indent = Inches(0.25)
    paragraph_style(doc, "Caption", 9, italic=True, color=MUTED, before=0, after=6)
    paragraph_style(doc, "Header", 9, after=0, color=INK)
    paragraph_style(doc, "Footer", 9, after=0, color=INK)
    note = paragraph_style(doc, "footnote text", 9, after=0, color=INK, line=1.0)
    note.base_style = doc.styles["Normal"]
    try:
        ref = doc.styles["footnote reference"]
    except KeyError:
        ref = doc.styles.add_style("footnote reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.superscript = True
    doc.styles.element.append(parse_xml(MEMO_TABLE))


def page(doc) -> None:
    """US Letter portrait, 1-inch side margins, 0.8-inch top and bottom with the marking in between."""
    s = doc.sections[0]
    s.page_width, s.page_height = Inches(8.5), Inches(11)
    s.left_margin = s.right_margin = Inches(1)
    s.top_margin = s.bottom_margin = Inches(0.8)
    s.header_distance = s.footer_distance = Inches(0.35)


def strip(doc) -> None:
    """Remove the thumbnail, custom XML and styles-with-effects parts; reset app and core properties."""
    for owner in (doc.part.package, doc.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in DROP_RELS:
                del owner.rels[rid]
    for rel in doc.part.package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = APP_XML.encode("utf-8")
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/theme"):
            blob = rel.target_part.blob.decode("utf-8")
            blob = re.sub(r'(<a:(?:major|minor)Font>\s*<a:latin typeface=")[^"]*(")', rf"\g<1>{FONT}\g<2>", blob)
            rel.target_part._blob = blob.encode("utf-8")
    props = doc.core_properties
    for child in list(props._element):
        props._element.remove(child)
    props.title = "briefgen memo reference"
    props.author = "briefgen"
    props.last_modified_by = "briefgen"
    props.revision = 1
    props.created = props.modified = FIXED
    settings = doc.settings.element
    for tag in ("w:rsids", "w:proofState", "w:savePreviewPicture", "w:attachedTemplate"):
        el = settings.find(qn(tag))
        if el is not None:
            settings.remove(el)


def sample(doc) -> None:
    """A short body showing each style (the memo writer replaces it)."""
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    doc.add_paragraph("MEMORANDUM", style="Title")
    p = doc.add_paragraph(style="Normal")
    p.add_run("MEMORANDUM FOR: ").bold = True
    p.add_run("Title style above; this is Normal (Calibri 11).")
    doc.add_paragraph("Heading 1: a memo section", style="Heading 1")
    doc.add_paragraph("Body text in the Normal style.", style="Normal")
    doc.add_paragraph("Heading 2: a subsection", style="Heading 2")
    doc.add_paragraph("A bulleted point (List Bullet).", style="List Bullet")
    doc.add_paragraph("A numbered point (List Number).", style="List Number")
    table = doc.add_table(rows=2, cols=3)
    table.style = doc.styles["Memo Table"]
    for i, text in enumerate(("Option", "Deterrence value", "Horizon")):
        table.cell(0, i).text = text
    for i, text in enumerate(("Memo Table style", "High (4)", "Near")):
        table.cell(1, i).text = text
    cap = doc.add_paragraph("Figure caption (Caption style)", style="Caption")
    cap.alignment = WD_ALIGN_PARAGRAPH.CENTER


def main() -> None:
    """Write templates/memo/reference.docx."""
    doc = docx.Document()
    strip(doc)
    page(doc)
    styles(doc)
    sample(doc)
    buf = io.BytesIO()
    doc.save(buf)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(buf.getvalue())
    normalize_zip(OUT, EPOCH)
    print(f"wrote {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
