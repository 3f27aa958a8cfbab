"""Tests of briefgen.write.pptx.looks: a shape's position, size and formatting as shown, resolved through its
layout, master and theme, so a deck LibreOffice saved looks like the one briefgen wrote and a person's move,
resize or restyle shows."""
from __future__ import annotations

import copy

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.pptx.elements import xml_of
from briefgen.write.pptx.looks import (
    TOLERANCE, LookContext, cell_looks, geometry, paragraph_faces, paragraph_formats, paragraph_looks, same_format,
    same_geometry, same_tokens, shape_look, uniform)
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    target = tmp_path_factory.mktemp("looks") / "hawkish.pptx"
    view = build_view(load_library(shipped_content()).library, "hawkish")
    write_pptx(view, target, OutputOptions(template_dirs=(shipped_templates(),), source_date_epoch=0))
    return target


def _slide(deck, n: int):
    prs = Presentation(str(deck))
    return prs, prs.slides[n]


def test_a_placeholder_with_no_position_of_its_own_is_where_its_layout_puts_it(deck) -> None:
    _, slide = _slide(deck, 6)
    title = slide.shapes.title
    assert xml_of(title).find(f"{{{xml_of(title).nsmap['p']}}}spPr/{A}xfrm") is None
    assert geometry(xml_of(title), LookContext(slide)) == [title.left, title.top, title.width, title.height]
    title.width = Inches(5)  # python-pptx writes the extent alone: the offset still comes from the layout
    assert geometry(xml_of(title), LookContext(slide))[2:] == [Inches(5), title.height]
    assert geometry(xml_of(title), LookContext(slide))[:2] == [title.left, title.top]


def test_positions_closer_than_the_tolerance_are_the_same() -> None:
    assert same_geometry([0, 0, 100, 100], [TOLERANCE, -TOLERANCE, 100, 100])
    assert not same_geometry([0, 0, 100, 100], [TOLERANCE + 1, 0, 100, 100])
    assert not same_geometry([0, 0, 100, 100], [0, 0, 100, 100 + TOLERANCE + 1])
    assert same_geometry(None, None) and not same_geometry(None, [0, 0, 0, 0])
    inch = [914400] * 4  # positions as decks have them: the difference counts, not the size
    assert same_geometry(inch, [914400 + 100, 914400 - 100, 914400, 914400])


def test_an_inherited_format_written_out_looks_the_same(deck) -> None:
    _, slide = _slide(deck, 6)
    context = LookContext(slide)
    title = xml_of(slide.shapes.title)
    before = shape_look(title, context)
    run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    run.font.bold = True  # the title style is bold already, as LibreOffice writes out
    assert shape_look(title, context) == before
    run.font.italic = False
    assert shape_look(title, context) == before
    run.font.size = Pt(40)
    assert shape_look(title, context)["paras"] != before["paras"]


def test_a_scheme_colour_with_a_luminance_change_is_the_rgb_it_shows(deck) -> None:
    _, slide = _slide(deck, 0)
    context = LookContext(slide)
    white = etree.fromstring(f'<a:schemeClr xmlns:a="{A[1:-1]}" val="bg1"><a:lumMod val="85000"/></a:schemeClr>')
    assert context.colour(white) == "d9d9d9"
    assert context.colour(etree.fromstring(f'<a:srgbClr xmlns:a="{A[1:-1]}" val="D9D9D9"/>')) == "d9d9d9"
    alpha = etree.fromstring(f'<a:srgbClr xmlns:a="{A[1:-1]}" val="FF0000"><a:alpha val="50000"/></a:srgbClr>')
    assert context.colour(alpha) == "ff0000[alpha=50000]"


def test_fill_and_outline_are_none_unless_painted(deck) -> None:
    _, slide = _slide(deck, 6)
    body = slide.placeholders[1]
    context = LookContext(slide)
    assert shape_look(xml_of(body), context)["paint"] == "none|none"
    body.fill.solid()
    body.fill.fore_color.rgb = RGBColor(0xFF, 0xF2, 0xCC)
    body.line.color.rgb = RGBColor(0, 0, 0)
    body.line.width = Pt(1)
    assert shape_look(xml_of(body), context)["paint"] == "solid:fff2cc|solid:000000/12700"
    body.fill.background()
    assert shape_look(xml_of(body), context)["paint"] == "none|solid:000000/12700"


def test_a_paragraphs_look_changes_with_a_word_in_bold_not_with_how_its_runs_are_split(deck) -> None:
    _, slide = _slide(deck, 6)
    context = LookContext(slide)
    body = xml_of(slide.placeholders[1])
    p = slide.placeholders[1].text_frame.paragraphs[2]
    before = paragraph_looks(body, context)
    assert uniform(p._p, body, context) is False  # a fact and its source number look different
    first = p.runs[0]
    split = copy.deepcopy(first._r)
    first._r.addnext(split)
    first.text, split.find(f"{A}t").text = first.text[:10], first.text[10:]
    assert paragraph_looks(body, context) == before
    p.runs[1].font.bold = True
    after = paragraph_looks(body, context)
    assert after[2] != before[2] and after[:2] == before[:2] and after[3:] == before[3:]


def test_a_table_is_placed_by_its_position_and_width_only(deck) -> None:
    prs = Presentation(str(deck))
    frame = next(s for slide in prs.slides for s in slide.shapes if s.has_table)
    slide = next(slide for slide in prs.slides if frame in list(slide.shapes))
    assert geometry(xml_of(frame), LookContext(slide)) == [frame.left, frame.top, frame.width, 0]


def test_a_groups_place_is_the_box_its_members_cover(deck) -> None:
    prs = Presentation(str(deck))
    pairs = [(slide, s) for slide in prs.slides for s in slide.shapes if s.shape_type == 6]  # groups
    slide, group = pairs[0]
    members = [(m.left, m.top, m.left + m.width, m.top + m.height) for m in group.shapes]
    off = xml_of(group).find(f"{{{xml_of(group).nsmap['p']}}}grpSpPr/{A}xfrm")
    ch_off = off.find(f"{A}chOff")
    sx = int(off.find(f"{A}ext").get("cx")) / int(off.find(f"{A}chExt").get("cx"))
    left = group.left + (min(m[0] for m in members) - int(ch_off.get("x"))) * sx
    box = geometry(xml_of(group), LookContext(slide))
    assert box[0] == round(left)
    assert box[2] == round((max(m[2] for m in members) - min(m[0] for m in members)) * sx)


NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')


def _el(xml: str):
    """An element of the given DrawingML / PresentationML text (the namespaces declared on it)."""
    name_end = next(i for i, c in enumerate(xml) if c in " />")
    return etree.fromstring(xml[:name_end] + f" {NS}" + xml[name_end:])


def _sp(ph: str = "", xfrm: str = "", paras: str = "", sppr_extra: str = "") -> str:
    """A slide shape: an optional placeholder tag, position, extra shape properties and text paragraphs."""
    body = f"<p:txBody><a:bodyPr/>{paras}</p:txBody>" if paras else ""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="9" name="s"/><p:cNvSpPr/><p:nvPr>{ph}</p:nvPr></p:nvSpPr>'
            f"<p:spPr>{xfrm}{sppr_extra}</p:spPr>{body}</p:sp>")


def _xfrm_xml(x: int, y: int, cx: int, cy: int, ch: str = "") -> str:
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/>{ch}</a:xfrm>'


@pytest.fixture(scope="module")
def context(deck):
    return LookContext(_slide(deck, 6)[1])


def test_theme_colours_follow_the_masters_colour_map_and_system_colours_their_last_value(context) -> None:
    assert context.colour(_el('<a:schemeClr val="tx1"/>')) == context.scheme["dk1"] == "1b2433"
    assert context.colour(_el('<a:schemeClr val="bg1"/>')) == "ffffff"
    assert context.colour(_el('<a:schemeClr val="accent2"/>')) == "138a84"
    assert context.colour(_el('<a:schemeClr val="phClr"/>')) == "phClr"  # no slot of that name
    assert context.colour(_el('<a:sysClr val="windowText" lastClr="0A0B0C"/>')) == "0a0b0c"
    assert context.colour(_el('<a:sysClr val="WINDOW"/>')) == "window"
    assert context.colour(_el("<a:srgbClr/>")) == ""
    assert context.colour_default() == "1b2433"


def test_luminance_changes_are_applied_within_black_and_white_other_modifiers_named_in_order(context) -> None:
    assert context.colour(_el('<a:srgbClr val="000000"><a:lumMod val="75000"/><a:lumOff val="25000"/>'
                              "</a:srgbClr>")) == "404040"
    assert context.colour(_el('<a:srgbClr val="FFFFFF"><a:lumMod val="50000"/></a:srgbClr>')) == "808080"
    assert context.colour(_el('<a:srgbClr val="808080"><a:lumOff val="90000"/></a:srgbClr>')) == "ffffff"
    assert context.colour(_el('<a:srgbClr val="808080"><a:lumOff val="-90000"/></a:srgbClr>')) == "000000"
    assert context.colour(_el('<a:srgbClr val="FF0000"><a:lumMod val="100000"/><a:lumOff val="0"/>'
                              "</a:srgbClr>")) == "ff0000"
    assert context.colour(_el('<a:srgbClr val="GG0000"><a:lumMod val="50000"/></a:srgbClr>')) == (
        "gg0000[lumMod=50000,lumOff=0]")
    assert context.colour(_el('<a:schemeClr val="phClr"><a:lumMod val="50000"/></a:schemeClr>')) == "phClr"
    assert context.colour(_el('<a:srgbClr val="FF0000"><a:satMod val="120000"/><a:alpha val="50000"/>'
                              "</a:srgbClr>")) == "ff0000[alpha=50000,satMod=120000]"
    assert context.colour(_el('<a:srgbClr val="FF0000"><a:alpha/></a:srgbClr>')) == "ff0000[alpha=0]"


def _master_box(deck, kind: str) -> list:
    prs = Presentation(str(deck))
    ph = next(p for p in prs.slide_master.placeholders if p.placeholder_format.type == kind)
    return [ph.left, ph.top, ph.width, ph.height]


def test_a_placeholder_the_layout_lacks_is_placed_by_the_masters_placeholder_of_its_kind(deck, context) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER
    P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

    def kinds(ph: str) -> list:
        return [sp.find(f"./*/{P}nvPr/{P}ph").get("type", "body") for sp in context.inherited(_el(_sp(ph)))]

    assert kinds('<p:ph type="ftr" idx="77"/>') == ["ftr", "ftr"]
    assert kinds('<p:ph type="sldNum" idx="77"/>') == ["sldNum", "sldNum"]
    assert kinds('<p:ph type="ctrTitle" idx="77"/>')[-1] == "title"
    assert kinds('<p:ph type="pic" idx="77"/>') == ["body"]  # the master's body placeholder, by kind
    assert kinds('<p:ph idx="77"/>') == ["body", "body"]  # no type is a body placeholder: the layout's, the master's
    ftr = context.inherited(_el(_sp('<p:ph type="ftr" idx="77"/>')))[1]
    box = ftr.find(f"{P}spPr/{A}xfrm")
    assert _master_box(deck, PP_PLACEHOLDER.FOOTER)[:2] == [int(box.find(f"{A}off").get(k)) for k in "xy"]
    assert geometry(_el(_sp('<p:ph type="ctrTitle"/>')), context)[2:] == geometry(
        _el(_sp('<p:ph type="title"/>')), context)[2:]
    assert geometry(_el(_sp('<p:ph type="pic" idx="4242"/>')), context) == geometry(
        _el(_sp('<p:ph idx="4242"/>')), context)  # another kind takes the body's place
    assert geometry(_el(_sp()), context) is None  # neither a position nor a placeholder
    assert geometry(_el(_sp(xfrm='<a:xfrm><a:off x="1" y="2"/></a:xfrm>')), context) is None


def test_a_placeholder_is_matched_by_its_index_before_its_kind(context) -> None:
    P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    layout_phs = [(ph.get("type", "body"), ph.get("idx")) for ph in context.layout.iter(f"{P}ph")]
    body_idx = next(idx for kind, idx in layout_phs if kind == "body")
    by_index = context.inherited(_el(_sp(f'<p:ph type="title" idx="{body_idx}"/>')))
    assert by_index[0].find(f"./*/{P}nvPr/{P}ph").get("idx") == body_idx
    by_kind = context.inherited(_el(_sp('<p:ph type="title" idx="9999"/>')))
    assert [sp.find(f"./*/{P}nvPr/{P}ph").get("type") for sp in by_kind] == ["title", "title"]
    assert context.inherited(_el(_sp())) == []
    assert context.text_style(_el(_sp())).tag == f"{P}otherStyle"
    assert context.text_style(_el(_sp('<p:ph type="ctrTitle"/>'))).tag == f"{P}titleStyle"
    assert context.text_style(_el(_sp('<p:ph idx="1"/>'))).tag == f"{P}bodyStyle"


def _group(members: str, ch: str = '<a:chOff x="0" y="0"/><a:chExt cx="500" cy="1000"/>',
           xfrm: bool = True) -> str:
    place = _xfrm_xml(100, 200, 1000, 2000, ch) if xfrm else ""
    return (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="2" name="g"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f"<p:grpSpPr>{place}</p:grpSpPr>{members}</p:grpSp>")


MEMBERS = _sp(xfrm=_xfrm_xml(50, 100, 100, 100)) + _sp(xfrm=_xfrm_xml(150, 300, 100, 100))


def test_a_groups_box_is_its_members_scaled_from_child_to_slide_coordinates(context) -> None:
    assert geometry(_el(_group(MEMBERS)), context) == [200, 400, 400, 600]
    shifted = '<a:chOff x="10" y="20"/><a:chExt cx="500" cy="1000"/>'
    assert geometry(_el(_group(MEMBERS, shifted)), context) == [180, 360, 400, 600]
    assert geometry(_el(_group(MEMBERS, "")), context) == [150, 300, 200, 300]  # child space is the group's
    zero = '<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/>'
    assert geometry(_el(_group(MEMBERS, zero)), context) == [150, 300, 200, 300]
    assert geometry(_el(_group("")), context) == [100, 200, 1000, 2000]
    assert geometry(_el(_group(MEMBERS, xfrm=False)), context) is None
    unplaced = _sp() + '<p:pic><p:nvPicPr/><p:spPr>' + _xfrm_xml(0, 0, 10, 10) + "</p:spPr></p:pic>"
    assert geometry(_el(_group(unplaced)), context) == [100, 200, 20, 20]
    nested = _group(MEMBERS, "")  # a member group's box in its own parent's child space
    assert geometry(_el(_group(nested, "")), context) == [250, 500, 200, 300]


def test_an_unplaced_table_has_no_geometry(context) -> None:
    frame = ('<p:graphicFrame><p:nvGraphicFramePr/><a:graphic><a:graphicData><a:tbl/></a:graphicData>'
             "</a:graphic></p:graphicFrame>")
    assert geometry(_el(frame), context) is None
    placed = frame.replace("<a:graphic>", '<p:xfrm><a:off x="5" y="6"/><a:ext cx="7" cy="8"/></p:xfrm><a:graphic>')
    assert geometry(_el(placed), context) == [5, 6, 7, 0]


def test_paint_is_the_nearest_fill_and_outline_a_zero_width_line_none(context) -> None:
    def paint(extra: str, ph: str = "") -> str:
        return shape_look(_el(_sp(ph, _xfrm_xml(0, 0, 1, 1), sppr_extra=extra)), context)["paint"]

    red = '<a:solidFill><a:srgbClr val="FF0000"/></a:solidFill>'
    assert paint(red + f"<a:ln>{red}</a:ln>") == "solid:ff0000|solid:ff0000"
    assert paint(red + f'<a:ln w="0">{red}</a:ln>') == "solid:ff0000|none"
    assert paint(f'<a:ln w="0"><a:gradFill/></a:ln>') == "none|none"
    assert paint("<a:gradFill/><a:ln><a:pattFill/></a:ln>") == "gradFill|pattFill"
    assert paint("<a:solidFill/>") == "solidFill|none"
    assert paint('<a:prstGeom prst="rect"/>' + red) == "solid:ff0000|none"
    assert paint("<a:ln/>") == "none|none"


def _paras(context, *paras: str, ph: str = '<p:ph idx="1"/>') -> list:
    return paragraph_looks(_el(_sp(ph, paras="".join(paras))), context)


def test_a_runs_look_reads_true_and_false_as_one_and_zero_and_its_level_from_the_list_style(context) -> None:
    assert _paras(context, '<a:p><a:r><a:rPr b="true" i="false"/><a:t>x</a:t></a:r></a:p>') == _paras(
        context, '<a:p><a:r><a:rPr b="1"/><a:t>x</a:t></a:r></a:p>')
    assert _paras(context, '<a:p><a:r><a:rPr b="1"/><a:t>x</a:t></a:r></a:p>') != _paras(
        context, "<a:p><a:r><a:t>x</a:t></a:r></a:p>")
    level2 = '<a:p><a:pPr lvl="1"/><a:r><a:t>x</a:t></a:r></a:p>'  # the body style's level 2 is 17 pt
    assert _paras(context, level2) == _paras(context, '<a:p><a:r><a:rPr sz="1700"/><a:t>x</a:t></a:r></a:p>')
    assert _paras(context, '<a:p><a:pPr/><a:r><a:t>x</a:t></a:r></a:p>') == _paras(
        context, '<a:p><a:r><a:rPr sz="2000"/><a:t>x</a:t></a:r></a:p>')
    para_default = '<a:p><a:pPr><a:defRPr sz="1100"/></a:pPr><a:r><a:t>x</a:t></a:r></a:p>'
    assert _paras(context, para_default) == _paras(context, '<a:p><a:r><a:rPr sz="1100"/><a:t>x</a:t></a:r></a:p>')
    other = "<a:p><a:r><a:t>x</a:t></a:r></a:p>"  # a text box takes the 18 pt "other" style
    assert _paras(context, other, ph="") == _paras(context, '<a:p><a:r><a:rPr sz="1800"/><a:t>x</a:t></a:r></a:p>')
    blue = '<a:solidFill><a:srgbClr val="1B2433"/></a:solidFill>'
    assert _paras(context, f"<a:p><a:r><a:rPr>{blue}</a:rPr><a:t>x</a:t></a:r></a:p>") == _paras(context, other)
    empty_fill = "<a:p><a:r><a:rPr><a:solidFill/></a:rPr><a:t>x</a:t></a:r></a:p>"
    assert _paras(context, empty_fill) == _paras(context, other)


def test_line_breaks_and_fields_are_their_own_spans_and_other_children_are_ignored(context) -> None:
    joined = _paras(context, "<a:p><a:r><a:t>ab</a:t></a:r></a:p>")
    assert _paras(context, "<a:p><a:r><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r></a:p>") == joined
    broken = "<a:p><a:r><a:t>a</a:t></a:r><a:br/><a:r><a:t>b</a:t></a:r></a:p>"
    assert _paras(context, broken) != joined
    # a break shows no text, so its own formatting changes nothing
    assert _paras(context, broken.replace("<a:br/>", '<a:br><a:rPr b="1" sz="900"/></a:br>')) == _paras(context, broken)
    assert _paras(context, '<a:p><a:r><a:t>a</a:t></a:r><a:fld id="1" type="slidenum"><a:t>b</a:t></a:fld></a:p>') \
        != joined
    assert _paras(context, '<a:p><a:pPr/><a:r><a:t>ab</a:t></a:r><a:endParaRPr sz="900"/></a:p>') == joined
    assert _paras(context, "<a:p><a:r></a:r><a:r><a:t>ab</a:t></a:r></a:p>") == joined
    assert len(_paras(context, "<a:p/>", "<a:p/>", "<a:p/>")) == 3
    assert paragraph_looks(_el(_sp(xfrm=_xfrm_xml(0, 0, 1, 1))), context) == []


def test_a_paragraph_is_uniform_only_when_it_is_plain_runs_that_look_alike(context) -> None:
    def is_uniform(p: str) -> bool:
        el = _el(_sp('<p:ph idx="1"/>', paras=p))
        return uniform(el.find(f"{{{el.nsmap['p']}}}txBody/{A}p"), el, context)

    assert is_uniform('<a:p><a:pPr/><a:r><a:t>a</a:t></a:r><a:r><a:rPr b="0"/><a:t>b</a:t></a:r>'
                      '<a:endParaRPr/></a:p>')
    assert not is_uniform('<a:p><a:r><a:t>a</a:t></a:r><a:r><a:rPr b="1"/><a:t>b</a:t></a:r></a:p>')
    assert not is_uniform("<a:p><a:r><a:t>a</a:t></a:r><a:br/><a:r><a:t>b</a:t></a:r></a:p>")
    assert not is_uniform("<a:p><a:pPr/></a:p>")
    assert is_uniform('<a:p><a:pPr lvl="1"/><a:r><a:rPr sz="1700"/><a:t>a</a:t></a:r><a:r><a:t>b</a:t></a:r></a:p>')


def test_the_default_text_colour_without_a_colour_map_is_the_first_dark_and_without_a_theme_none(deck) -> None:
    bare = LookContext(_slide(deck, 6)[1])
    bare.clr_map = {}  # a master with no colour map
    assert bare.colour_default() == "1b2433"
    bare.scheme = {}  # and a theme with no colour scheme
    assert bare.colour_default() == ""


def test_a_placeholders_fill_and_outline_come_from_its_layout_when_it_sets_none(deck) -> None:
    _, slide = _slide(deck, 6)
    context = LookContext(slide)  # this slide's own copy of the layout: painted here only
    P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
    layout_title = context.inherited(_el(_sp('<p:ph type="title"/>')))[0]
    sppr = layout_title.find(f"{P}spPr")
    sppr.append(_el('<a:solidFill><a:srgbClr val="00FF00"/></a:solidFill>'))
    sppr.append(_el('<a:ln w="25400"><a:solidFill><a:srgbClr val="0000FF"/></a:solidFill></a:ln>'))

    def paint(sp: str) -> str:
        return shape_look(_el(sp), context)["paint"]

    title = '<p:ph type="title"/>'
    assert paint(_sp(title)) == "solid:00ff00|solid:0000ff/25400"  # an empty spPr of its own
    assert paint(_sp(title, _xfrm_xml(0, 0, 1, 1), sppr_extra='<a:prstGeom prst="rect"/>')) == (
        "solid:00ff00|solid:0000ff/25400")
    no_sppr = _sp(title).replace("<p:spPr></p:spPr>", "")
    assert "spPr" not in no_sppr and paint(no_sppr) == "solid:00ff00|solid:0000ff/25400"
    assert paint(_sp(title, sppr_extra="<a:ln><a:noFill/></a:ln>")) == "solid:00ff00|none"
    assert paint(_sp(title, sppr_extra="<a:noFill/>")) == "none|solid:0000ff/25400"


def test_a_shapes_look_is_its_geometry_paint_and_paragraph_looks(context) -> None:
    el = _el(_sp(xfrm=_xfrm_xml(1, 2, 3, 4), paras="<a:p><a:r><a:t>x</a:t></a:r></a:p>"))
    assert shape_look(el, context) == {"geometry": [1, 2, 3, 4], "paint": "none|none",
                                       "paras": paragraph_looks(el, context), "faces": [["Calibri"]],
                                       "formats": ["l;0;0;100%;0;0;none;;;"], "cells": []}
    assert len(shape_look(el, context)["paras"]) == 1 and len(shape_look(el, context)["paras"][0]) == 16


def test_a_typeface_is_the_nearest_one_named_a_theme_font_the_themes(deck, context) -> None:
    assert context.fonts == {"major": "Calibri", "minor": "Calibri"}
    context = LookContext(_slide(deck, 6)[1])
    context.fonts = {"major": "Heading Face", "minor": "Body Face"}

    def faces(*paras: str, ph: str = '<p:ph idx="1"/>') -> list:
        return paragraph_faces(_el(_sp(ph, paras="".join(paras))), context)

    run = "<a:r>{}<a:t>{}</a:t></a:r>"
    assert faces("<a:p>" + run.format("", "x") + "</a:p>", ph='<p:ph type="title"/>') == [["Heading Face"]]
    assert faces("<a:p>" + run.format("", "x") + "</a:p>") == [["Body Face"]]
    assert faces("<a:p>" + run.format("", "x") + "</a:p>", ph="") == [["Body Face"]]  # the other style's
    georgia = '<a:rPr><a:latin typeface="Georgia"/></a:rPr>'
    major = '<a:rPr><a:latin typeface="+mj-lt"/></a:rPr>'
    assert faces("<a:p>" + run.format(georgia, "a") + run.format("", "b") + run.format(georgia, "c") + "</a:p>",
                 "<a:p/>") == [["Georgia", "Body Face", "Georgia"], []]
    assert faces("<a:p>" + run.format(major, "a") + run.format("", "") + run.format(major, "c") + "</a:p>") == [
        ["Heading Face"]]  # a run with no text shows no typeface
    para_default = '<a:p><a:pPr><a:defRPr><a:latin typeface="Arial"/></a:defRPr></a:pPr>' + run.format("", "x")
    assert faces(para_default + "</a:p>") == [["Arial"]]
    assert context.typeface(None) == context.typeface("") == context.typeface("+mn-lt") == "Body Face"
    assert paragraph_faces(_el(_sp(xfrm=_xfrm_xml(0, 0, 1, 1))), context) == []


def _formats(context, *paras: str, ph: str = '<p:ph idx="1"/>', lst: str = "") -> list:
    el = _el(_sp(ph, paras="".join(paras)))
    if lst:
        el.find(f"{{{el.nsmap['p']}}}txBody/{A}bodyPr").addnext(_el(f"<a:lstStyle>{lst}</a:lstStyle>"))
    return paragraph_formats(el, context)


def test_a_paragraphs_format_is_resolved_through_its_list_styles_and_the_masters_text_style(context) -> None:
    bullet = "l;274320;-274320;100%;88900;0;char:\u2022;138a84;text;Arial"  # the body style's level 1
    assert _formats(context, "<a:p/>") == [bullet]
    assert _formats(context, '<a:p><a:pPr lvl="1"/></a:p>') == ["l;621792;-237744;100%;38100;0;char:\u2013;5b6b7f;"
                                                               "text;Arial"]
    assert _formats(context, "<a:p/>", ph='<p:ph type="title"/>') == ["l;0;0;90%;0;0;none;;;"]
    assert _formats(context, "<a:p/>", ph="") == ["l;0;0;100%;0;0;none;;;"]
    own = ('<a:p><a:pPr algn="ctr" marL="12700" indent="0"><a:lnSpc><a:spcPts val="2400"/></a:lnSpc>'
           '<a:spcBef><a:spcPct val="50000"/></a:spcBef><a:spcAft><a:spcPts val="600"/></a:spcAft><a:buNone/>'
           "</a:pPr></a:p>")
    assert _formats(context, own) == ["ctr;12700;0;304800;50%;76200;none;;;"]
    shape_list = '<a:lvl1pPr marL="5"><a:spcBef><a:spcPct val="0"/></a:spcBef><a:buFontTx/></a:lvl1pPr>'
    assert _formats(context, "<a:p/>", lst=shape_list) == ["l;5;-274320;100%;0;0;char:\u2022;138a84;text;text"]
    assert _formats(context, '<a:p><a:pPr><a:lnSpc><a:spcPct val="90%"/></a:lnSpc><a:spcBef/></a:pPr></a:p>',
                    ph="") == ["l;0;0;90%;0;0;none;;;"]
    assert paragraph_formats(_el(_sp(xfrm=_xfrm_xml(0, 0, 1, 1))), context) == []


def test_a_bullet_is_its_kind_colour_size_and_font(context) -> None:
    def bullet(xml: str) -> str:
        return _formats(context, f"<a:p><a:pPr>{xml}</a:pPr></a:p>")[0].split(";", 6)[6]

    assert bullet("") == "char:\u2022;138a84;text;Arial"
    assert bullet('<a:buAutoNum type="arabicPeriod"/>') == "auto:arabicPeriod:1;138a84;text;Arial"
    assert bullet('<a:buAutoNum type="romanLcParenR" startAt="3"/>') == "auto:romanLcParenR:3;138a84;text;Arial"
    assert bullet('<a:buBlip/>') == "picture;138a84;text;Arial"
    assert bullet('<a:buClrTx/><a:buSzPct val="75000"/><a:buFont typeface="+mj-lt"/><a:buChar char="-"/>') == (
        "char:-;text;75%;Calibri")
    assert bullet('<a:buClr><a:srgbClr val="FF0000"/></a:buClr><a:buSzPts val="1200"/><a:buFontTx/>') == (
        "char:\u2022;ff0000;152400;text")
    assert bullet('<a:buSzPct val="100000"/><a:buClr/>') == "char:\u2022;text;text;Arial"
    assert bullet("<a:buSzTx/><a:buNone/>") == "none;;;"
    # the paragraph's "size follows the text" outranks a list style's percentage
    smaller = '<a:lvl1pPr><a:buSzPct val="75000"/></a:lvl1pPr>'
    assert _formats(context, "<a:p/>", lst=smaller)[0].split(";")[8] == "75%"
    assert _formats(context, "<a:p><a:pPr><a:buSzTx/></a:pPr></a:p>", lst=smaller)[0].split(";")[8] == "text"


def test_formats_are_the_same_when_their_numbers_differ_by_at_most_the_tolerance() -> None:
    assert same_tokens("l;274320;-274320;100%", f"l;{274320 + TOLERANCE};-274320;100%")
    assert not same_tokens("l;274320;-274320;100%", f"l;{274320 + TOLERANCE + 1};-274320;100%")
    assert not same_tokens("l;0", "ctr;0") and not same_tokens("l;0", "l;0;0")
    assert not same_tokens("100%", "90%") and same_tokens(";;", ";;")
    assert same_tokens("solid:ffffff;12700\tl;0", "solid:ffffff;12240\tl;0")  # a tab parts values as ; does
    assert not same_tokens("a\tb", "a;c")
    assert same_format(["l;0", "ctr;5"], ["l;0", "ctr;0"])
    assert not same_format(["l;0", "ctr;5"], ["l;0"]) and not same_format(["l;0"], ["r;0"])
    assert same_format([], [])


CELL = ('<a:tc><a:txBody><a:bodyPr{ins}/><a:p>{ppr}<a:r>{rpr}<a:t>{text}</a:t></a:r></a:p></a:txBody>'
        "<a:tcPr{mar}>{pr}</a:tcPr></a:tc>")


def _table(cells: str, style: str | None = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}") -> str:
    tbl_pr = f"<a:tblPr><a:tableStyleId>{style}</a:tableStyleId></a:tblPr>" if style else "<a:tblPr/>"
    return (f'<p:graphicFrame><p:nvGraphicFramePr/><a:graphic><a:graphicData><a:tbl>{tbl_pr}<a:tr>{cells}</a:tr>'
            "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")


def _cell(text: str = "x", ins: str = "", mar: str = "", pr: str = "", ppr: str = "", rpr: str = "") -> str:
    return CELL.format(text=text, ins=ins, mar=mar, pr=pr, ppr=ppr, rpr=rpr)


def test_a_cells_look_is_its_fill_borders_margins_anchor_and_text(context) -> None:
    def look(cell: str, style: str | None = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}") -> list:
        return cell_looks(_el(_table(cell, style)), context)[0].split("\t")

    frame, text = look(_cell())
    assert frame == "style;solid:ffffff;12700;solid:ffffff;12700;solid:ffffff;12700;solid:ffffff;12700;" \
                    "91440;91440;45720;45720;t"
    assert text.startswith("l;0;0;100%;0;0;none;;;;r")
    written = _cell(ins=' lIns="1" rIns="2" tIns="3" bIns="4"', mar=' marL="5" anchor="ctr"',
                    pr='<a:lnL w="9525"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></a:lnL><a:lnR>'
                       '<a:noFill/></a:lnR><a:lnB/><a:solidFill><a:srgbClr val="FFF2CC"/></a:solidFill>')
    assert look(written)[0] == "solid:fff2cc;solid:ff0000;9525;none;12700;solid:ffffff;12700;style;12700;" \
                               "5;2;3;4;ctr"
    assert look(_cell(), None)[0].startswith("style;none;0;none;0;none;0;none;0;")
    assert look(_cell(), "{OTHER}")[0].startswith("style;style:{OTHER};0;")
    assert look(_cell(pr="<a:noFill/>"))[0].startswith("none;")
    no_tcpr = _table(_cell()).replace("<a:tcPr></a:tcPr>", "")
    assert "tcPr" not in no_tcpr and cell_looks(_el(no_tcpr), context)[0].split("\t")[0] == frame
    assert look(_cell(text=""))[1] != text and look(_cell(text="y"))[1] == text  # the runs' looks, not their text
    assert look(_cell(rpr='<a:rPr sz="1400"/>'))[1] != text
    assert look(_cell(rpr='<a:rPr><a:latin typeface="Georgia"/></a:rPr>'))[1] != text
    assert look(_cell(ppr='<a:pPr algn="ctr"/>'))[1].startswith("ctr;")
    assert cell_looks(_el(_sp(xfrm=_xfrm_xml(0, 0, 1, 1))), context) == []


def test_cells_of_several_runs_and_paragraphs(context) -> None:
    run = '<a:r><a:rPr b="{}"/><a:t>{}</a:t></a:r>'
    two = _table(_cell() + "<a:tc><a:txBody><a:bodyPr/><a:p>" + run.format(1, "a ") + run.format(0, "b")
                 + "</a:p><a:p>" + run.format(0, "c") + "</a:p></a:txBody><a:tcPr/></a:tc>")
    looks = cell_looks(_el(two), context)
    assert len(looks) == 2 and looks[1].split("\t")[1].count(";r") == 2
    merged = two.replace(run.format(1, "a "), run.format(0, "a "))
    assert cell_looks(_el(merged), context)[1] != looks[1]


def test_uniform_counts_the_typeface_unless_told_not_to(context) -> None:
    el = _el(_sp('<p:ph idx="1"/>', paras='<a:p><a:r><a:t>a</a:t></a:r><a:r><a:rPr><a:latin typeface="Georgia"/>'
                                          "</a:rPr><a:t>b</a:t></a:r></a:p>"))
    p = el.find(f"{{{el.nsmap['p']}}}txBody/{A}p")
    assert not uniform(p, el, context) and uniform(p, el, context, faces=False)


def test_an_untouched_deck_looks_the_same_and_an_edited_one_shows_its_edits(deck) -> None:
    prs = Presentation(str(deck))
    slide = prs.slides[6]
    context = LookContext(slide)
    title, body = xml_of(slide.shapes.title), xml_of(slide.placeholders[1])
    before = shape_look(title, context), shape_look(body, context)
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.name = "Calibri"  # the theme font, written out
    assert shape_look(title, context) == before[0]
    slide.shapes.title.text_frame.paragraphs[0].runs[0].font.name = "Georgia"
    assert shape_look(title, context)["faces"] == [["Georgia"]] and before[0]["faces"] == [["Calibri"]]
    p = slide.placeholders[1].text_frame.paragraphs[3]
    p.space_before = Pt(7)  # as the body style sets it
    assert shape_look(body, context) == before[1]
    p.space_before = Pt(18)
    after = shape_look(body, context)["formats"]
    assert after[3] != before[1]["formats"][3] and after[:3] == before[1]["formats"][:3]
    assert after[3].split(";")[4] == str(Pt(18))


def test_a_cells_paint_of_another_kind_is_its_kind_and_a_missing_theme_colour_empty(deck) -> None:
    context = LookContext(_slide(deck, 6)[1])

    def frame(cell: str) -> list:
        return cell_looks(_el(_table(cell)), context)[0].split("\t")[0].split(";")

    assert frame(_cell(pr='<a:gradFill><a:gsLst/></a:gradFill>'))[0] == "gradFill"
    assert frame(_cell(pr="<a:gradFill/>"))[0] == "gradFill"
    assert frame(_cell(pr="<a:solidFill/>"))[0] == "solidFill"
    top = '<a:lnT w="25400"><a:solidFill><a:srgbClr val="00FF00"/></a:solidFill></a:lnT>'
    assert frame(_cell(pr=top))[5:7] == ["solid:00ff00", "25400"]  # left, right, then top
    bare = _table(_cell(mar=' marL="7"')).replace("<a:bodyPr/>", "")
    assert "bodyPr" not in bare
    assert cell_looks(_el(bare), context)[0].split("\t")[0].split(";")[9:13] == ["7", "91440", "45720", "45720"]
    del context.scheme["lt1"]  # a theme with no first light colour
    assert frame(_cell())[1] == "solid:"


def test_a_cells_runs_of_one_look_count_once_and_its_bullets_resolve_through_the_theme(context) -> None:
    run = "<a:r><a:t>{}</a:t></a:r>"
    one = cell_looks(_el(_table(_cell(text="ab"))), context)[0]
    two = _table("<a:tc><a:txBody><a:bodyPr/><a:p>" + run.format("a") + run.format("b")
                 + "</a:p></a:txBody><a:tcPr/></a:tc>")
    assert cell_looks(_el(two), context)[0] == one
    bullet = _cell(ppr='<a:pPr><a:buFont typeface="+mj-lt"/><a:buChar char="-"/></a:pPr>')
    assert cell_looks(_el(_table(bullet)), context)[0].split("\t")[1].startswith("l;0;0;100%;0;0;char:-;text;text;"
                                                                                 "Calibri;r")


def test_a_groups_members_may_be_graphic_frames_and_connectors(context) -> None:
    frame = ('<p:graphicFrame><p:nvGraphicFramePr/><p:xfrm><a:off x="50" y="100"/><a:ext cx="100" cy="100"/>'
             "</p:xfrm></p:graphicFrame>")
    connector = f"<p:cxnSp><p:nvCxnSpPr/><p:spPr>{_xfrm_xml(150, 300, 100, 100)}</p:spPr></p:cxnSp>"
    assert geometry(_el(_group(frame + connector)), context) == [200, 400, 400, 600]  # as two shapes would be
    assert geometry(_el(_group(frame)), context) == [200, 400, 200, 200]
    assert geometry(_el(_group(connector)), context) == [400, 800, 200, 200]


def test_the_default_text_colour_follows_where_the_master_maps_tx1(deck) -> None:
    inverted = LookContext(_slide(deck, 6)[1])
    inverted.clr_map = {"tx1": "lt1", "bg1": "dk1"}  # a master that maps text to the light colour
    assert inverted.colour_default() == "ffffff"
