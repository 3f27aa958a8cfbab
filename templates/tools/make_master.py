"""Regenerate the shipped deck master ``templates/pptx/default.pptx``.

Run from anywhere: ``python templates/tools/make_master.py [OUT]``.  It starts
from python-pptx's own default template (theme, table styles, package
skeleton), makes it 16:9 (13.333 x 7.5 in), and rewrites the theme, the slide
master and eight named layouts with lxml:

    Title Slide, Section Header, Title and Content, Two Content,
    Chart, Table, Title Only, Blank

Everything else (the 4:3 layouts, the thumbnail, printer settings, vendor
boilerplate in the document properties) is dropped.  The top and bottom
0.3 in of every layout stay free for the classification banners the deck
writer adds.  Entries are written in a fixed order with a fixed timestamp, so
running the script twice gives the same bytes.
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run from a source checkout: briefgen sits beside templates/

from briefgen.write.ooxml.zip import normalize_zip  # noqa: E402

OUT = HERE.parent / "pptx" / "default.pptx"
EPOCH = 1704067200  # 2024-01-01T00:00:00Z: the master's fixed date

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
XMLNS = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.presentationml"

SLIDE_W, SLIDE_H = 12192000, 6858000  # 13.333 x 7.5 in

# The palette: navy and slate carry the deck, teal marks structure, amber highlights.
PALETTE = {
    "dk1": "1B2433",  # text: near-black navy
    "lt1": "FFFFFF",
    "dk2": "14264A",  # navy: titles, title and section backgrounds
    "lt2": "E8EDF2",  # light slate: table bands, hairlines
    "accent1": "1F3B6E",  # navy blue
    "accent2": "138A84",  # teal
    "accent3": "E3A21A",  # amber: the highlight
    "accent4": "5B6B7F",  # slate
    "accent5": "8FB3D1",  # steel blue
    "accent6": "A83246",  # crimson: risk
    "hlink": "138A84",
    "folHlink": "5B6B7F",
}
FONT = "Calibri"  # headings and body; Carlito is metric-compatible


def emu(inches: float) -> int:
    """Inches to English Metric Units."""
    return int(round(inches * 914400))


# ---------------------------------------------------------------- geometry (inches)
MARGIN_X = 0.6
INSET = 0.1  # default left/right text inset: rules line up with the text, not the box edge
TEXT_X = MARGIN_X + INSET
CONTENT_W = 13.333 - 2 * MARGIN_X
TITLE_BOX = (MARGIN_X, 0.42, CONTENT_W, 0.98)
BODY_TOP = 1.72
BODY_BOX = (MARGIN_X, BODY_TOP, CONTENT_W, 6.5 - BODY_TOP)
FOOTER_Y, FOOTER_H = 6.74, 0.34
FOOTER_BOX = (MARGIN_X, FOOTER_Y, 9.6, FOOTER_H)
SLDNUM_BOX = (13.333 - MARGIN_X - 1.2, FOOTER_Y, 1.2, FOOTER_H)
CHART_BOX = (MARGIN_X, BODY_TOP, CONTENT_W, 4.36)
CAPTION_BOX = (MARGIN_X, 6.12, CONTENT_W, 0.44)
GAP = 0.45
COL_W = (CONTENT_W - GAP) / 2


# ---------------------------------------------------------------- XML builders
def xfrm(box: tuple) -> str:
    """An ``a:xfrm`` for a box (x, y, w, h) in inches."""
    x, y, w, h = box
    return f'<a:xfrm><a:off x="{emu(x)}" y="{emu(y)}"/><a:ext cx="{emu(w)}" cy="{emu(h)}"/></a:xfrm>'


def color(val: str, mods: str = "") -> str:
    """A theme colour reference (``a:schemeClr``) with optional modifiers."""
    return f'<a:schemeClr val="{val}">{mods}</a:schemeClr>'


def rect(sid: int, name: str, box: tuple, fill: str) -> str:
    """A decorative filled rectangle (not a placeholder)."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr/><p:nvPr userDrawn="1"/></p:nvSpPr>'
            f'<p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill>{fill}</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p>'
            f'</p:txBody></p:sp>')


def lvl(n: int, size: float | None = None, bold: bool | None = None, fill: str | None = None,
        algn: str | None = None, bullet: bool | None = None, marl: float | None = None,
        before: float | None = None, italic: bool = False) -> str:
    """One ``a:lvlNpPr`` of a list style."""
    attrs = ""
    if marl is not None:
        attrs += f' marL="{emu(marl)}" indent="0"'
    if algn:
        attrs += f' algn="{algn}"'
    inner = ""
    if before is not None:
        inner += f'<a:spcBef><a:spcPts val="{int(before * 100)}"/></a:spcBef>'
    if bullet is False:
        inner += "<a:buNone/>"
    rpr = ""
    if size is not None:
        rpr += f' sz="{int(size * 100)}"'
    if bold is not None:
        rpr += f' b="{1 if bold else 0}"'
    if italic:
        rpr += ' i="1"'
    fill_xml = f"<a:solidFill>{fill}</a:solidFill>" if fill else ""
    inner += f"<a:defRPr{rpr}>{fill_xml}</a:defRPr>"
    return f"<a:lvl{n}pPr{attrs}>{inner}</a:lvl{n}pPr>"


def ph(sid: int, name: str, kind: str, idx: int | None, box: tuple | None, prompt: str, lst: str = "",
       anchor: str | None = None, master: bool = False, extra_paras: str = "", sz: str | None = None) -> str:
    """A placeholder shape; ``kind`` is the ph type (title, body, pic ...)."""
    attrs = f' type="{kind}"' if kind != "obj" else ""
    if sz:
        attrs += f' sz="{sz}"'
    if idx is not None:
        attrs += f' idx="{idx}"'
    geom = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>' if master else ""
    sppr = f"<p:spPr>{xfrm(box)}{geom}</p:spPr>" if box else "<p:spPr/>"
    body_attrs = ' lIns="91440" tIns="45720" rIns="91440" bIns="45720" rtlCol="0"' if master else ""
    if anchor:
        body_attrs += f' anchor="{anchor}"'
    if master:
        body_attrs = ' vert="horz"' + body_attrs
    if kind in ("sldNum",):
        para = ('<a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="en-US"/>'
                '<a:t>\u2039#\u203a</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p>')
    elif prompt:
        para = f'<a:p><a:r><a:rPr lang="en-US"/><a:t>{prompt}</a:t></a:r><a:endParaRPr lang="en-US"/></a:p>'
    else:
        para = '<a:p><a:endParaRPr lang="en-US"/></a:p>'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{sid}" name="{name}"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph{attrs}/></p:nvPr></p:nvSpPr>{sppr}'
            f'<p:txBody><a:bodyPr{body_attrs}/><a:lstStyle>{lst}</a:lstStyle>{para}{extra_paras}</p:txBody></p:sp>')


def sptree(shapes: list[str]) -> str:
    """A shape tree holding ``shapes``."""
    return ('<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
            '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>' + "".join(shapes) + "</p:spTree>")


def footer_shapes(start: int, dark: bool = False, footer: bool = True) -> list[str]:
    """Footer text and slide number placeholders of a layout."""
    out = []
    if footer:
        out.append(ph(start, "Footer Placeholder", "ftr", 11, FOOTER_BOX, "", sz="quarter"))
    num_fill = color("bg1", '<a:lumMod val="75000"/>') if dark else None
    lst = lvl(1, fill=num_fill) if num_fill else ""
    out.append(ph(start + 1, "Slide Number Placeholder", "sldNum", 12, SLDNUM_BOX, "", lst=lst, sz="quarter"))
    return out


# ---------------------------------------------------------------- master
def master_xml(layout_rids: list[str]) -> bytes:
    """The slide master: decorations, title/body/footer/number placeholders, text styles."""
    hair = color("tx2", '<a:lumMod val="20000"/><a:lumOff val="80000"/>')
    shapes = [
        # The title zone: a teal tab at the left edge, an amber rule under the title on a slate hairline.
        rect(7, "Title Tab", (0, 0.84, 0.16, 0.52), color("accent2")),
        rect(8, "Title Hairline", (TEXT_X, 1.485, CONTENT_W - 2 * INSET, 0.012), hair),
        rect(9, "Title Rule", (TEXT_X, 1.46, 1.1, 0.06), color("accent3")),
        rect(10, "Footer Hairline", (TEXT_X, 6.68, CONTENT_W - 2 * INSET, 0.012), hair),
        ph(2, "Title Placeholder 1", "title", None, TITLE_BOX, "Click to edit title", anchor="b", master=True),
        ph(3, "Text Placeholder 2", "body", 1, BODY_BOX, "Click to edit text", master=True,
           extra_paras='<a:p><a:pPr lvl="1"/><a:r><a:rPr lang="en-US"/><a:t>Second level</a:t></a:r></a:p>'
                       '<a:p><a:pPr lvl="2"/><a:r><a:rPr lang="en-US"/><a:t>Third level</a:t></a:r></a:p>'),
        ph(5, "Footer Placeholder 4", "ftr", 3, FOOTER_BOX, "", anchor="ctr", master=True, sz="quarter",
           lst=lvl(1, size=10, fill=color("accent4"), algn="l")),
        ph(6, "Slide Number Placeholder 5", "sldNum", 4, SLDNUM_BOX, "", anchor="ctr", master=True, sz="quarter",
           lst=lvl(1, size=11, bold=True, fill=color("tx2"), algn="r")),
    ]
    ids = "".join(f'<p:sldLayoutId id="{2147483649 + i}" r:id="{rid}"/>' for i, rid in enumerate(layout_rids))
    body_levels = "".join(_body_level(n) for n in range(1, 10))
    title_style = ('<p:titleStyle><a:lvl1pPr algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" '
                   'hangingPunct="1"><a:lnSpc><a:spcPct val="90000"/></a:lnSpc><a:spcBef><a:spcPct val="0"/></a:spcBef>'
                   '<a:buNone/><a:defRPr sz="2800" b="1" kern="1200">'
                   f'<a:solidFill>{color("tx2")}</a:solidFill><a:latin typeface="+mj-lt"/>'
                   '<a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr></p:titleStyle>')
    other_levels = "".join(
        f'<a:lvl{n}pPr marL="{(n - 1) * 457200}" algn="l" defTabSz="914400" rtl="0" eaLnBrk="1" latinLnBrk="0" '
        f'hangingPunct="1"><a:defRPr sz="1800" kern="1200"><a:solidFill>{color("tx1")}</a:solidFill>'
        '<a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl'
        f'{n}pPr>' for n in range(1, 10))
    xml = (f'<p:sldMaster {XMLNS}><p:cSld><p:bg><p:bgRef idx="1001"><a:schemeClr val="bg1"/></p:bgRef></p:bg>'
           f'{sptree(shapes)}</p:cSld>'
           '<p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" '
           'accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" '
           f'folHlink="folHlink"/><p:sldLayoutIdLst>{ids}</p:sldLayoutIdLst>'
           f'<p:txStyles>{title_style}<p:bodyStyle>{body_levels}</p:bodyStyle>'
           f'<p:otherStyle><a:defPPr><a:defRPr lang="en-US"/></a:defPPr>{other_levels}</p:otherStyle>'
           '</p:txStyles></p:sldMaster>')
    return _serialize(xml)


# Body text: 20 / 17 / 15 pt, teal bullets, a little space before each paragraph.
_BODY = {1: (0.30, 20, "\u2022", 7), 2: (0.68, 17, "\u2013", 3), 3: (1.02, 15, "\u2022", 2)}


def _body_level(n: int) -> str:
    marl, size, char, before = _BODY.get(n, (1.02 + 0.3 * (n - 3), 14, "\u2022", 2))
    ind = -0.30 if n == 1 else -0.26
    bu_clr = color("accent2") if n == 1 else color("accent4")
    txt = color("tx1")
    return (f'<a:lvl{n}pPr marL="{emu(marl)}" indent="{emu(ind)}" algn="l" defTabSz="914400" rtl="0" '
            f'eaLnBrk="1" latinLnBrk="0" hangingPunct="1"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{before * 100}"/></a:spcBef><a:buClr>{bu_clr}</a:buClr>'
            f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/><a:defRPr sz="{size * 100}" kern="1200">'
            f'<a:solidFill>{txt}</a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/>'
            f'<a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>')


# ---------------------------------------------------------------- layouts
def layout_xml(name: str, shapes: list[str], bg: str | None = None, show_master: bool = True,
               kind: str | None = None) -> bytes:
    """A named layout; ``show_master=False`` hides the master's decorations (title and section slides)."""
    bg_xml = (f"<p:bg><p:bgPr><a:solidFill>{bg}</a:solidFill><a:effectLst/></p:bgPr></p:bg>" if bg else "")
    attrs = f' type="{kind}"' if kind else ""
    attrs += ' preserve="1"'
    if not show_master:
        attrs += ' showMasterSp="0"'
    xml = (f'<p:sldLayout {XMLNS}{attrs}><p:cSld name="{name}">{bg_xml}{sptree(shapes)}</p:cSld>'
           '<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>')
    return _serialize(xml)


def layouts() -> list[tuple[str, bytes]]:
    """The eight layouts, in the order they appear in PowerPoint's layout gallery."""
    white = color("bg1")
    steel = color("accent5")
    out = []

    # Title Slide: navy, title over an amber rule, subtitle, then date and organisation.
    out.append(("Title Slide", layout_xml("Title Slide", [
        rect(2, "Side Panel", (11.2, 0, 2.133, 7.5), color("tx2", '<a:lumMod val="85000"/><a:lumOff val="15000"/>')),
        rect(3, "Side Stripe", (11.12, 0, 0.08, 7.5), color("accent2")),
        rect(4, "Title Rule", (0.8 + INSET, 3.66, 1.4, 0.07), color("accent3")),
        ph(5, "Title 1", "ctrTitle", None, (0.8, 1.1, 9.8, 2.4), "Briefing title", anchor="b",
           lst=lvl(1, size=40, bold=True, fill=white, algn="l")),
        ph(6, "Subtitle 2", "subTitle", 1, (0.8, 3.9, 9.8, 1.15), "Subtitle", anchor="t",
           lst=lvl(1, size=20, fill=steel, algn="l", bullet=False, marl=0, before=0)),
        ph(7, "Text Placeholder 3", "body", 13, (0.8, 5.3, 9.8, 1.3), "Date and organisation", anchor="b",
           lst=lvl(1, size=14, fill=color("bg1", '<a:lumMod val="85000"/>'), bullet=False, marl=0, before=2)),
    ], bg=color("tx2"), show_master=False, kind="title")))

    # Section Header: navy panel with the section number, title and what the section covers.
    out.append(("Section Header", layout_xml("Section Header", [
        rect(2, "Section Panel", (0, 0, 4.3, 7.5), color("tx2")),
        rect(3, "Panel Stripe", (4.3, 0, 0.08, 7.5), color("accent2")),
        rect(4, "Title Rule", (5.0 + INSET, 3.93, 1.2, 0.06), color("accent3")),
        ph(5, "Section Number", "body", 13, (0.8, 2.3, 3.2, 1.6), "01", anchor="b",
           lst=lvl(1, size=72, bold=True, fill=color("accent3"), bullet=False, marl=0, before=0)),
        ph(6, "Title 1", "title", None, (5.0, 1.9, 7.733, 1.9), "Section title", anchor="b",
           lst=lvl(1, size=36, bold=True)),
        ph(7, "Text Placeholder 2", "body", 1, (5.0, 4.15, 7.733, 2.35), "What this section covers", anchor="t",
           lst=lvl(1, size=16, fill=color("accent4"), bullet=False, marl=0, before=4)),
    ] + footer_shapes(8, footer=False), show_master=False, kind="secHead")))

    out.append(("Title and Content", layout_xml("Title and Content", [
        ph(2, "Title 1", "title", None, None, "Click to edit title"),
        ph(3, "Content Placeholder 2", "obj", 1, BODY_BOX, "Click to edit text"),
    ] + footer_shapes(4), kind="obj")))

    left = (MARGIN_X, BODY_TOP, COL_W, BODY_BOX[3])
    right = (MARGIN_X + COL_W + GAP, BODY_TOP, COL_W, BODY_BOX[3])
    out.append(("Two Content", layout_xml("Two Content", [
        ph(2, "Title 1", "title", None, None, "Click to edit title"),
        ph(3, "Content Placeholder 2", "obj", 1, left, "Left column", sz="half"),
        ph(4, "Content Placeholder 3", "obj", 2, right, "Right column", sz="half"),
    ] + footer_shapes(5), kind="twoObj")))

    caption = lvl(1, size=13, italic=True, fill=color("accent4"), bullet=False, marl=0, before=0)
    out.append(("Chart", layout_xml("Chart", [
        ph(2, "Title 1", "title", None, None, "Click to edit title"),
        ph(3, "Chart Placeholder 2", "pic", 13, CHART_BOX, "Chart"),
        ph(4, "Caption Placeholder 3", "body", 14, CAPTION_BOX, "Caption", anchor="t", lst=caption),
    ] + footer_shapes(5))))

    out.append(("Table", layout_xml("Table", [
        ph(2, "Title 1", "title", None, None, "Click to edit title"),
        ph(3, "Table Placeholder 2", "tbl", 13, CHART_BOX, "Table"),
        ph(4, "Caption Placeholder 3", "body", 14, CAPTION_BOX, "Caption", anchor="t", lst=caption),
    ] + footer_shapes(5))))

    out.append(("Title Only", layout_xml("Title Only", [
        ph(2, "Title 1", "title", None, None, "Click to edit title"),
    ] + footer_shapes(3), kind="titleOnly")))

    out.append(("Blank", layout_xml("Blank", footer_shapes(2), kind="blank")))
    return out


# ---------------------------------------------------------------- theme and package parts
def theme_xml(src: bytes) -> bytes:
    """The default theme with the briefgen palette and Calibri for headings and body."""
    root = etree.fromstring(src)
    root.set("name", "briefgen")
    scheme = root.find(".//a:clrScheme", NS)
    scheme.set("name", "briefgen")
    for child in scheme:
        tag = etree.QName(child).localname
        for old in list(child):
            child.remove(old)
        etree.SubElement(child, f"{{{NS['a']}}}srgbClr", val=PALETTE[tag])
    fonts = root.find(".//a:fontScheme", NS)
    fonts.set("name", "briefgen")
    for latin in fonts.findall("./*/a:latin", NS):
        latin.set("typeface", FONT)
    root.find(".//a:fmtScheme", NS).set("name", "briefgen")
    return DECL + etree.tostring(root, encoding="UTF-8")


def presentation_xml(src: bytes) -> bytes:
    """presentation.xml with a 16:9 (13.333 x 7.5 in) slide size."""
    root = etree.fromstring(src)
    size = root.find("p:sldSz", NS)
    size.attrib.clear()
    size.set("cx", str(SLIDE_W))
    size.set("cy", str(SLIDE_H))
    return DECL + etree.tostring(root, encoding="UTF-8")


def view_props_xml() -> bytes:
    """View settings with guides at the centre of a 16:9 slide."""
    return _serialize(
        f'<p:viewPr {XMLNS}><p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/>'
        '</p:normalViewPr><p:slideViewPr><p:cSldViewPr snapToGrid="0"><p:cViewPr varScale="1">'
        '<p:scale><a:sx n="100" d="100"/><a:sy n="100" d="100"/></p:scale><p:origin x="0" y="0"/></p:cViewPr>'
        '<p:guideLst><p:guide orient="horz" pos="2160"/><p:guide pos="3840"/></p:guideLst></p:cSldViewPr>'
        '</p:slideViewPr><p:gridSpacing cx="76200" cy="76200"/></p:viewPr>')


def core_xml() -> bytes:
    """Core properties with a fixed date and no vendor boilerplate."""
    return _serialize(
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<dc:title>briefgen master</dc:title><dc:creator>briefgen</dc:creator>'
        '<cp:lastModifiedBy>briefgen</cp:lastModifiedBy><cp:revision>1</cp:revision>'
        '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T00:00:00Z</dcterms:modified>'
        '</cp:coreProperties>')


def app_xml() -> bytes:
    """Extended properties: a widescreen presentation with no slides."""
    return _serialize(
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<TotalTime>0</TotalTime><Application>briefgen</Application><PresentationFormat>Widescreen'
        '</PresentationFormat><Slides>0</Slides><Notes>0</Notes><HiddenSlides>0</HiddenSlides>'
        '<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
        '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>')


def rels(entries: list[tuple[str, str, str]]) -> bytes:
    """A relationships part from (id, type, target) triples."""
    body = "".join(f'<Relationship Id="{rid}" Type="{typ}" Target="{target}"/>' for rid, typ, target in entries)
    return _serialize(f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                      f'{body}</Relationships>')


def content_types(n_layouts: int) -> bytes:
    """The [Content_Types].xml of the package."""
    over = [("/ppt/presentation.xml", f"{CT}.presentation.main+xml"),
            ("/ppt/slideMasters/slideMaster1.xml", f"{CT}.slideMaster+xml"),
            ("/ppt/presProps.xml", f"{CT}.presProps+xml"),
            ("/ppt/viewProps.xml", f"{CT}.viewProps+xml"),
            ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
            ("/ppt/tableStyles.xml", f"{CT}.tableStyles+xml")]
    over += [(f"/ppt/slideLayouts/slideLayout{i}.xml", f"{CT}.slideLayout+xml") for i in range(1, n_layouts + 1)]
    over += [("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
             ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    body = ('<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{c}"/>' for p, c in over))
    return _serialize(f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{body}</Types>')


def _serialize(xml: str) -> bytes:
    return DECL + etree.tostring(etree.fromstring(xml), encoding="UTF-8")


def default_template() -> Path:
    """python-pptx's own default template, the starting point."""
    import pptx

    return Path(pptx.__file__).parent / "templates" / "default.pptx"


def build(out: Path = OUT) -> Path:
    """Write the master to ``out`` and return it."""
    with zipfile.ZipFile(default_template()) as src:
        theme = theme_xml(src.read("ppt/theme/theme1.xml"))
        presentation = presentation_xml(src.read("ppt/presentation.xml"))
        pres_props = src.read("ppt/presProps.xml")
        table_styles = src.read("ppt/tableStyles.xml")
    named = layouts()
    layout_rels = [(f"rId{i}", f"{RT}/slideLayout", f"../slideLayouts/slideLayout{i}.xml")
                   for i in range(1, len(named) + 1)]
    parts = [
        ("[Content_Types].xml", content_types(len(named))),
        ("_rels/.rels", rels([("rId1", f"{RT}/officeDocument", "ppt/presentation.xml"),
                              ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                                       "core-properties", "docProps/core.xml"),
                              ("rId3", f"{RT}/extended-properties", "docProps/app.xml")])),
        ("docProps/core.xml", core_xml()),
        ("docProps/app.xml", app_xml()),
        ("ppt/presentation.xml", presentation),
        ("ppt/_rels/presentation.xml.rels", rels([
            ("rId1", f"{RT}/slideMaster", "slideMasters/slideMaster1.xml"),
            ("rId3", f"{RT}/presProps", "presProps.xml"),
            ("rId4", f"{RT}/viewProps", "viewProps.xml"),
            ("rId5", f"{RT}/theme", "theme/theme1.xml"),
            ("rId6", f"{RT}/tableStyles", "tableStyles.xml")])),
        ("ppt/presProps.xml", pres_props),
        ("ppt/viewProps.xml", view_props_xml()),
        ("ppt/tableStyles.xml", table_styles),
        ("ppt/theme/theme1.xml", theme),
        ("ppt/slideMasters/slideMaster1.xml", master_xml([r[0] for r in layout_rels])),
        ("ppt/slideMasters/_rels/slideMaster1.xml.rels",
         rels(layout_rels + [(f"rId{len(named) + 1}", f"{RT}/theme", "../theme/theme1.xml")])),
    ]
    for i, (_, xml) in enumerate(named, start=1):
        parts.append((f"ppt/slideLayouts/slideLayout{i}.xml", xml))
        parts.append((f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels",
                      rels([("rId1", f"{RT}/slideMaster", "../slideMasters/slideMaster1.xml")])))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts:
            dst.writestr(name, data)
    normalize_zip(tmp, EPOCH)  # fixed timestamps: the same script gives the same bytes
    tmp.replace(out)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    print(f"wrote {build(target)}")
