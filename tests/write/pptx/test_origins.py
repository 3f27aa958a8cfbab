"""Shape origins: every generated shape of a shipped deck is named with its origin, the record written with the
deck matches what is read back, and the origins survive an edit by python-pptx and LibreOffice saving the deck."""
from __future__ import annotations

import copy
import subprocess
import uuid
from collections import Counter
from types import SimpleNamespace

import pytest
from lxml import etree
from pptx import Presentation

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.errors import OriginError
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.pptx.elements import xml_of
from briefgen.write.pptx.looks import LookContext, shape_look
from briefgen.write.pptx.origins import (
    NOT_CLAIMS,
    _fields,
    deleted_paragraphs,
    match_paragraphs,
    name_shapes,
    origin_name,
    paragraph_text,
    parse_origin,
    read_deck,
    read_slide,
    recover_placeholders,
    shape_paragraphs,
    slide_keys,
    slide_record,
)
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions


@pytest.fixture(scope="module")
def hawkish_deck(tmp_path_factory):
    """The shipped library's hawkish deck: (view, path, the record the writer returned)."""
    out = tmp_path_factory.mktemp("origins")
    view = build_view(load_library(shipped_content()).library, "hawkish")
    target = out / "hawkish.pptx"
    written = write_pptx(view, target, OutputOptions(template_dirs=(shipped_templates(),), source_date_epoch=0))
    return view, target, written.record


def test_names_carry_and_give_back_an_origin():
    assert origin_name("Title 1", "item:thr-a", "title") == "Title 1 [item:thr-a/title]"
    assert parse_origin("Title 1 [item:thr-a/title]") == ("Title 1", "item:thr-a", "title")
    assert parse_origin("Chart: A [b] [chart:timeline/chart-2]") == ("Chart: A [b]", "chart:timeline", "chart-2")
    assert parse_origin("TextBox 5") is None
    assert parse_origin("Title [no-role]") is None


def test_slide_keys_are_unique_continuations_numbered_and_missing_ones_by_place():
    class S:
        def __init__(self, key):
            self.key = key

    keys = slide_keys([S("bluf"), S("item:a"), S("item:a"), S(None), S("item:a"), S("x/y[z]")])
    assert keys == ["bluf", "item:a", "item:a#2", "slide-4", "item:a#3", "x-y-z-"]


def test_every_generated_shape_of_the_shipped_deck_has_an_origin(hawkish_deck):
    view, target, _ = hawkish_deck
    slides = read_deck(target)
    keys = [s.key for s in slides]
    assert None not in keys and len(set(keys)) == len(keys)
    assert keys[:3] == ["title", "bluf", "agenda"]
    for item in view.sections[1].items:
        assert f"item:{item.id}" in keys
    for slide in slides:
        assert [s.name for s in slide.shapes if s.origin is None] == []
        names = Counter(s.name for s in slide.shapes)
        assert max(names.values()) == 1, f"slide {slide.number}: shape names repeat"
        assert {"banner-top", "banner-bottom"} <= {s.role for s in slide.shapes}
    prs = Presentation(str(target))
    footers = [sh.name for sh in prs.slides[1].shapes if sh.is_placeholder and sh.placeholder_format.idx in (11, 12)]
    assert footers == ["Footer Placeholder", "Slide Number Placeholder"]  # layout furniture: no origin needed


def test_the_record_names_each_paragraphs_content_field(hawkish_deck):
    view, target, record = hawkish_deck
    slides = {s["key"]: s for s in record["slides"]}
    item = view.sections[1].items[0]
    shown = slides[f"item:{item.id}"]
    assert shown["item"] == item.id
    title, body = shown["shapes"][0], shown["shapes"][1]
    assert (title["role"], title["placeholder"], title["paras"], title["fields"]) == \
        ("title", "title", [item.title], [f"{item.id}.title"])
    assert body["role"] == "body" and body["placeholder"] == "other"
    assert body["fields"] == [None, f"{item.id}.framing"] + [f"{item.id}.points[{n}]" for n in range(len(item.points))]
    assert body["paras"][1] == item.framing
    assert body["paras"][2] == f"{item.points[0].text} [{item.points[0].ref}]"
    bluf = slides["bluf"]["shapes"][1]
    assert bluf["paras"][0] == view.bluf and bluf["fields"][0] == "briefing.bluf"
    assert bluf["fields"][bluf["paras"].index(view.recommendation)] == "briefing.recommendation"
    assert bluf["fields"][-len(view.decisions):] == [f"briefing.decisions[{n}]" for n in range(len(view.decisions))]
    assert [s["role"] for s in slides["chart:timeline"]["shapes"]] == ["title", "chart", "caption"]


def test_the_record_is_what_reading_the_deck_gives(hawkish_deck):
    _, target, record = hawkish_deck
    for slide, recorded in zip(read_deck(target), record["slides"], strict=True):
        assert slide.key == recorded["key"]
        got = [(s.role, list(s.paras)) for s in slide.shapes if s.role not in ("banner-top", "banner-bottom")]
        assert got == [(r["role"], r["paras"]) for r in recorded["shapes"]]


def test_a_duplicated_or_pasted_shape_has_no_origin(hawkish_deck):
    _, target, _ = hawkish_deck
    prs = Presentation(str(target))
    slide, other = prs.slides[1]._element, prs.slides[2]._element
    tree = slide.find(".//{*}spTree")
    title = tree.find("{*}sp")
    tree.append(copy.deepcopy(title))  # Ctrl+D
    tree.append(copy.deepcopy(other.find(".//{*}spTree/{*}sp")))  # pasted from the agenda slide
    read = read_slide(slide, 2)
    assert read.key == "bluf"
    assert [s.origin for s in read.shapes if s.name == "Title 1 [bluf/title]"] == ["bluf/title", None]
    assert [s.origin for s in read.shapes if s.name == "Title 1 [agenda/title]"] == [None]


def test_an_edited_fact_pairs_with_the_fact_it_was():
    recorded = {"paras": ["meta", "so what", "fact one [1]", "fact two [2]"],
                "fields": [None, "a.framing", "a.points[0]", "a.points[1]"]}
    now = ("meta", "so what", "fact one, as edited [1]", "a line of my own", "fact two [2]")
    assert match_paragraphs(recorded, now) == [(None, "meta"), ("a.framing", "so what"),
                                               ("a.points[0]", "fact one [1]"), (None, None),
                                               ("a.points[1]", "fact two [2]")]
    assert deleted_paragraphs(recorded, now) == []
    assert deleted_paragraphs(recorded, ("meta", "fact two [2]")) == [("a.framing", "so what"),
                                                                     ("a.points[0]", "fact one [1]")]


# Slides written here as XML, as a deck holds them, for the quick tests below.
NS = ('xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"')


def text_shape(name: str, *paras: str, ph: str | None = None, ph_type: str | None = None, body: bool = True) -> str:
    """A ``p:sp`` named ``name`` with one run per paragraph; ``ph``: a placeholder (``ph_type`` its type)."""
    kind = f' type="{ph_type}"' if ph_type else ""
    nvpr = f'<p:nvPr><p:ph{kind} idx="{ph}"/></p:nvPr>' if ph is not None else "<p:nvPr/>"
    runs = "".join(f"<a:p><a:r><a:t>{t}</a:t></a:r></a:p>" for t in paras)
    text = f"<p:txBody><a:bodyPr/>{runs}</p:txBody>" if body else ""
    return f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="{name}"/><p:cNvSpPr/>{nvpr}</p:nvSpPr><p:spPr/>{text}</p:sp>'


def picture(name: str) -> str:
    return f'<p:pic><p:nvPicPr><p:cNvPr id="3" name="{name}"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr></p:pic>'


def table(name: str, rows: list[list[list[str]]]) -> str:
    """A graphic frame holding a table: each row a list of cells, each cell a list of paragraphs."""
    cells = "".join("<a:tr>" + "".join("<a:tc><a:txBody><a:bodyPr/>" + "".join(
        f"<a:p><a:r><a:t>{t}</a:t></a:r></a:p>" for t in cell) + "</a:txBody></a:tc>" for cell in row) + "</a:tr>"
        for row in rows)
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="{name}"/><p:cNvGraphicFramePr/><p:nvPr/>'
            f'</p:nvGraphicFramePr><p:xfrm/><a:graphic><a:graphicData><a:tbl>{cells}</a:tbl></a:graphicData>'
            f'</a:graphic></p:graphicFrame>')


def group(name: str, *members: str) -> str:
    return (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="5" name="{name}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
            f'<p:grpSpPr/>{"".join(members)}</p:grpSp>')


def connector(name: str) -> str:
    return f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="6" name="{name}"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr></p:cxnSp>'


def slide_xml(*shapes: str) -> etree._Element:
    """A ``p:sld`` whose shape tree holds ``shapes`` (after the tree's own properties, as in a deck)."""
    return etree.fromstring(f'<p:sld {NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/>'
                            f'<p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>{"".join(shapes)}</p:spTree></p:cSld></p:sld>')


def names(slide_el: etree._Element) -> list[str]:
    return [el.get("name") for el in slide_el.iter("{*}cNvPr")][1:]  # the shape tree's own first


def banners(key: str) -> list[str]:
    return [text_shape(f"Classification Banner Top [{key}/banner-top]", "SECRET"),
            text_shape(f"Classification Banner Bottom [{key}/banner-bottom]", "SECRET")]


def test_a_name_without_an_origin_gives_none():
    assert parse_origin(None) is None and parse_origin("") is None
    assert parse_origin("[bluf/title]") == ("", "bluf", "title")
    assert parse_origin("Title[bluf/title]") == ("Title", "bluf", "title")
    assert parse_origin("Title 1 [bluf/Title]") is None  # roles are lower case
    assert parse_origin("Title 1 [a/b/title]") is None and parse_origin("Title 1 [bluf/title] copy") is None


def test_a_slide_without_a_key_or_with_an_empty_one_is_keyed_by_its_place():
    class Keyed:
        key = ""

    assert slide_keys([object(), Keyed(), Keyed()]) == ["slide-1", "slide-2", "slide-3"]
    assert slide_keys([]) == []


def test_naming_gives_each_drawn_shape_its_origin_and_further_shapes_of_a_role_a_number():
    slide = slide_xml(text_shape("Title 1", "A"), picture("Chart A"), picture("Chart B"), picture("Chart C"),
                      text_shape("Classification Banner Top", "S"), text_shape("Classification Banner Bottom", "S"),
                      text_shape("TextBox 9", "mine"), text_shape("Classification Banner", "S"))
    tree = slide.find("{*}cSld/{*}spTree")
    title, *charts = tree.findall("{*}sp")[:1] + tree.findall("{*}pic")
    nameless = etree.fromstring(f'<p:cxnSp {NS}><p:nvCxnSpPr><p:cNvPr id="7"/></p:nvCxnSpPr></p:cxnSp>')
    name_shapes(slide, "chart:timeline", {"title": [title], "chart": charts, "line": [nameless]})
    assert names(slide) == ["Title 1 [chart:timeline/title]", "Chart A [chart:timeline/chart]",
                            "Chart B [chart:timeline/chart-2]", "Chart C [chart:timeline/chart-3]",
                            "Classification Banner Top [chart:timeline/banner-top]",
                            "Classification Banner Bottom [chart:timeline/banner-bottom]",
                            "TextBox 9", "Classification Banner"]
    assert nameless[0][0].get("name") == " [chart:timeline/line]"


def test_a_paragraphs_text_is_its_runs_and_fields_with_line_breaks():
    para = etree.fromstring(f'<a:p {NS}><a:pPr/><a:r><a:rPr/><a:t>Launches </a:t></a:r><a:fld id="x" type="slidenum">'
                            f'<a:t>4</a:t></a:fld><a:br/><a:r><a:t/></a:r><a:r/><a:r><a:t>since 2022</a:t></a:r>'
                            f'<a:endParaRPr/></a:p>')
    assert paragraph_text(para) == "Launches 4\nsince 2022"


def test_a_shapes_paragraphs_text_shape_table_cells_and_none_for_the_rest():
    slide = slide_xml(text_shape("Body", "one", "two"), text_shape("Empty", body=False),
                      table("Options", [[["A"], ["cost", "high"]], [["B"], []]]), picture("Pic"),
                      group("Group", text_shape("Inner", "inside")), connector("Line"))
    tree = slide.find("{*}cSld/{*}spTree")
    shapes = [el for el in tree][2:]
    assert [shape_paragraphs(el) for el in shapes] == [("one", "two"), (), ("A", "cost\nhigh", "B", ""), (), (), ()]


def test_reading_a_slide_keys_it_by_its_banners_and_skips_the_layouts_furniture():
    slide = slide_xml(text_shape("Title 1 [bluf/title]", "Bottom line", ph="0", ph_type="title"),
                      text_shape("Text 2 [bluf/body]", "first", "second", ph="1"),
                      text_shape("Footer 3", "UNCLASSIFIED", ph="11", ph_type="ftr"),
                      text_shape("Number 4", "2", ph="12", ph_type="sldNum"),
                      text_shape("Date 5", "today", ph="10", ph_type="dt"),
                      text_shape("Subtitle 6", "sub", ph="2", ph_type="subTitle"),
                      text_shape("Title 7", "centre", ph="3", ph_type="ctrTitle"),
                      picture("Picture 8"), table("Table 9 [bluf/table]", [[["A"], ["B", "C"]]]),
                      group("Group 10", picture("Inner 11")), connector("Line 12"), *banners("bluf"))
    read = read_slide(slide, 4, "say this")
    assert (read.number, read.key, read.notes, read.element) == (4, "bluf", "say this", slide)
    assert [(s.name, s.key, s.role, s.placeholder, s.paras) for s in read.shapes] == [
        ("Title 1 [bluf/title]", "bluf", "title", "title", ("Bottom line",)),
        ("Text 2 [bluf/body]", "bluf", "body", "other", ("first", "second")),
        ("Subtitle 6", None, None, "other", ("sub",)),
        ("Title 7", None, None, "title", ("centre",)),
        ("Picture 8", None, None, None, ()),
        ("Table 9 [bluf/table]", "bluf", "table", None, ("A", "B\nC")),
        ("Group 10", None, None, None, ()), ("Line 12", None, None, None, ()),
        ("Classification Banner Top [bluf/banner-top]", "bluf", "banner-top", None, ("SECRET",)),
        ("Classification Banner Bottom [bluf/banner-bottom]", "bluf", "banner-bottom", None, ("SECRET",))]
    assert read.shapes[0].element is slide.find("{*}cSld/{*}spTree/{*}sp")
    assert [s.origin for s in read.shapes] == ["bluf/title", "bluf/body", None, None, None, "bluf/table", None, None,
                                               "bluf/banner-top", "bluf/banner-bottom"]
    assert read.shape("body").paras == ("first", "second") and read.shape("chart") is None


def test_the_banners_key_wins_over_the_shapes_pasted_from_another_slide():
    pasted = [text_shape(f"Text {n} [agenda/body-{n}]", "x") for n in range(4)]  # more than the slide's own
    read = read_slide(slide_xml(text_shape("Title 1 [bluf/title]", "t"), *pasted, *banners("bluf")), 2)
    assert read.key == "bluf"
    assert [s.origin for s in read.shapes] == ["bluf/title", None, None, None, None, "bluf/banner-top",
                                               "bluf/banner-bottom"]
    assert read.shape("body-1") is None


def test_the_top_banner_keys_a_slide_whose_bottom_banner_was_deleted_or_pasted_from_another():
    title, top = text_shape("Title 1 [bluf/title]", "t"), banners("bluf")[0]
    pasted = [text_shape(f"Text {n} [agenda/body-{n}]", "x") for n in range(3)]
    assert read_slide(slide_xml(title, *pasted, top), 2).key == "bluf"
    other_bottom = banners("agenda")[1]
    read = read_slide(slide_xml(title, *pasted, top, other_bottom), 2)
    assert read.key == "bluf" and read.shapes[-1].origin is None


def test_a_shape_without_a_name_reads_as_an_empty_name_without_an_origin():
    nameless = '<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="7"/><p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr></p:cxnSp>'
    read = read_slide(slide_xml(nameless, *banners("bluf")), 2)
    assert [(s.name, s.origin) for s in read.shapes] == [("", None), (
        "Classification Banner Top [bluf/banner-top]", "bluf/banner-top"), (
        "Classification Banner Bottom [bluf/banner-bottom]", "bluf/banner-bottom")]

def test_without_banners_a_slide_takes_the_key_most_of_its_shapes_name():
    read = read_slide(slide_xml(text_shape("A [agenda/title]", "t"), text_shape("B [bluf/title]", "t"),
                                text_shape("C [bluf/body]", "b"), text_shape("D [bluf/body]", "copy")), 3)
    assert read.key == "bluf"
    assert [s.origin for s in read.shapes] == [None, "bluf/title", "bluf/body", None]
    assert read_slide(slide_xml(text_shape("TextBox 1", "mine")), 5).key is None


def test_a_slide_a_person_added_has_no_key_and_its_shapes_no_origin():
    read = read_slide(slide_xml(text_shape("Title 1", "mine", ph="0", ph_type="title"), picture("Pic 2")), 7)
    assert (read.number, read.key, read.notes) == (7, None, "")
    assert [(s.key, s.role, s.origin) for s in read.shapes] == [(None, None, None)] * 2
    assert read.shape("title") is None


def test_a_file_that_is_no_deck_is_one_origin_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.pptx").write_text("not a deck")
    with pytest.raises(OriginError) as err:
        read_deck(tmp_path / "notes.pptx")
    assert err.value.lines() == ["notes.pptx: expected a .pptx deck, got a file PowerPoint could not open either; "
                                 "give a deck briefgen built"]
    with pytest.raises(OriginError) as missing:
        read_deck(tmp_path / "gone.pptx")
    assert missing.value.lines()[0].startswith("gone.pptx: expected a .pptx deck")


def test_reading_a_deck_gives_each_slides_number_and_notes(tmp_path):
    prs = Presentation()
    for n in range(3):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.name = origin_name("Title 1", f"s{n}", "title")
        if n != 1:
            slide.notes_slide.notes_text_frame.text = f"notes {n}"
    body = prs.slides[2].notes_slide.notes_placeholder  # a notes page whose notes box was deleted
    xml_of(body).getparent().remove(xml_of(body))
    prs.save(tmp_path / "deck.pptx")
    read = read_deck(tmp_path / "deck.pptx")
    assert [(s.number, s.key, s.notes) for s in read] == [(1, "s0", "notes 0"), (2, "s1", ""), (3, "s2", "")]


def test_each_paragraph_of_a_title_body_and_right_column_has_its_field():
    bullets = (SimpleNamespace(origin=None), SimpleNamespace(origin="a.framing"), SimpleNamespace(origin="a.points[0]"))
    item = SimpleNamespace(item="a", body=bullets, right=bullets[1:])
    assert _fields(item, "title", 1) == ["a.title"]
    assert _fields(item, "title", 2) == [None, None]  # a title on two paragraphs is not the item's title alone
    assert _fields(SimpleNamespace(item=None, body=(), right=()), "title", 1) == [None]
    assert _fields(item, "body", 3) == [None, "a.framing", "a.points[0]"]
    assert _fields(item, "right", 2) == ["a.framing", "a.points[0]"]
    assert _fields(item, "body", 4) == [None] * 4  # drawn otherwise than the model says: no field claimed
    assert _fields(item, "caption", 2) == [None, None]


def test_a_slides_record_holds_its_generated_shapes_and_no_banner_or_shape_without_an_origin():
    slide = slide_xml(text_shape("Title 1 [item:a/title]", "Missiles", ph="0", ph_type="title"),
                      text_shape("TextBox 2", "mine"), text_shape("Text 3 [item:a/body]", "lead", "fact", ph="1"),
                      picture("Picture 4 [item:a/picture]"), *banners("item:a"))
    model = SimpleNamespace(item="a", body=(SimpleNamespace(origin=None), SimpleNamespace(origin="a.points[0]")),
                            right=())
    assert slide_record(slide, model, "item:a", "notes") == {
        "key": "item:a", "item": "a", "notes": "notes", "shapes": [
            {"role": "title", "placeholder": "title", "paras": ["Missiles"], "fields": ["a.title"]},
            {"role": "body", "placeholder": "other", "paras": ["lead", "fact"], "fields": [None, "a.points[0]"]},
            {"role": "picture", "placeholder": None, "paras": [], "fields": []}]}


def test_a_slides_record_with_its_context_holds_each_shapes_look(hawkish_deck):
    _, target, record = hawkish_deck
    prs = Presentation(str(target))
    pslide = prs.slides[1]
    context = LookContext(pslide)
    model = SimpleNamespace(item=None, body=(), right=())
    got = slide_record(xml_of(pslide), model, "bluf", context=context)
    assert (got["key"], got["item"], got["notes"]) == ("bluf", None, "")
    read = [s for s in read_slide(xml_of(pslide), 2).shapes if s.role and s.role not in NOT_CLAIMS]
    assert [s["look"] for s in got["shapes"]] == [shape_look(s.element, context) for s in read]
    assert [s["look"] for s in got["shapes"]] == [s["look"] for s in record["slides"][1]["shapes"]]


def test_placeholders_that_lost_their_names_take_the_recorded_roles_in_order():
    slide = read_slide(slide_xml(text_shape("PlaceHolder 1", "t", ph="0", ph_type="title"),
                                 text_shape("PlaceHolder 2", "left", ph="1"),
                                 text_shape("Text [bluf/right]", "right", ph="2"),
                                 text_shape("PlaceHolder 3", "more", ph="3"),
                                 text_shape("TextBox 4", "mine"), *banners("bluf")), 2)
    recorded = {"shapes": [{"role": "title", "placeholder": "title"}, {"role": "subtitle", "placeholder": None},
                           {"role": "body", "placeholder": "other"}, {"role": "right", "placeholder": "other"},
                           {"role": "caption", "placeholder": "other"}]}
    recover_placeholders(slide, recorded)
    assert [(s.name, s.origin) for s in slide.shapes[:5]] == [
        ("PlaceHolder 1", "bluf/title"), ("PlaceHolder 2", "bluf/body"), ("Text [bluf/right]", "bluf/right"),
        ("PlaceHolder 3", "bluf/caption"), ("TextBox 4", None)]


def test_a_title_placeholder_takes_only_a_recorded_title_and_the_others_only_the_rest():
    slide = read_slide(slide_xml(text_shape("PlaceHolder 1", "x", ph="1"),
                                 text_shape("PlaceHolder 2", "t", ph="0", ph_type="title"),
                                 text_shape("PlaceHolder 3", "y", ph="2"), *banners("bluf")), 2)
    recover_placeholders(slide, {"shapes": [{"role": "title", "placeholder": "title"},
                                            {"role": "body", "placeholder": "other"}]})
    assert [s.origin for s in slide.shapes[:3]] == ["bluf/body", "bluf/title", None]


def test_nothing_is_recovered_without_a_record_or_on_a_slide_a_person_added():
    keyed = read_slide(slide_xml(text_shape("PlaceHolder 1", "t", ph="0", ph_type="title"), *banners("bluf")), 2)
    recover_placeholders(keyed, None)
    assert keyed.shapes[0].origin is None
    added = read_slide(slide_xml(text_shape("PlaceHolder 1", "t", ph="0", ph_type="title")), 3)
    recover_placeholders(added, {"shapes": [{"role": "title", "placeholder": "title"}]})
    assert added.shapes[0].origin is None


def test_paragraphs_replaced_by_fewer_or_more_pair_in_order_and_the_rest_are_deleted_or_added():
    recorded = {"paras": ["meta", "one", "two", "three", "end"], "fields": [None, "a.p[0]", "a.p[1]", "a.p[2]", "a.e"]}
    fewer = ("meta", "ONE", "end")
    assert match_paragraphs(recorded, fewer) == [(None, "meta"), ("a.p[0]", "one"), ("a.e", "end")]
    assert deleted_paragraphs(recorded, fewer) == [("a.p[1]", "two"), ("a.p[2]", "three")]
    more = ("meta", "ONE", "TWO", "THREE", "FOUR", "end")
    assert match_paragraphs(recorded, more) == [(None, "meta"), ("a.p[0]", "one"), ("a.p[1]", "two"),
                                                ("a.p[2]", "three"), (None, None), ("a.e", "end")]
    assert deleted_paragraphs(recorded, more) == []
    assert match_paragraphs(recorded, ()) == [] and deleted_paragraphs(recorded, ()) == list(
        zip(recorded["fields"], recorded["paras"]))


def test_a_paragraph_added_among_many_empty_ones_is_the_persons_and_a_deleted_one_is_named():
    # a shape of hundreds of paragraphs, most of them empty (a large table's empty cells): an empty paragraph is
    # as good an anchor as any other, so the paragraphs after an insertion or deletion still pair one to one
    cells = [""] * 220
    recorded = {"paras": ["Options", *cells], "fields": ["t.title", *(f"t.cell[{n}]" for n in range(220))]}
    now = ("Options", "my note", *cells)
    paired = match_paragraphs(recorded, now)
    assert paired[:3] == [("t.title", "Options"), (None, None), ("t.cell[0]", "")]
    assert paired[2:] == [(f"t.cell[{n}]", "") for n in range(220)]
    assert deleted_paragraphs(recorded, now) == []
    before = {"paras": ["Options", "gone", *cells], "fields": ["t.title", "t.gone", *recorded["fields"][1:]]}
    assert deleted_paragraphs(before, ("Options", *cells)) == [("t.gone", "gone")]
    assert match_paragraphs(before, ("Options", *cells))[1:] == [(f"t.cell[{n}]", "") for n in range(220)]

@pytest.mark.needs("soffice")
def test_origins_survive_libreoffice_saving_the_deck(hawkish_deck, tmp_path):
    _, target, record = hawkish_deck
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    out = tmp_path / "saved"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pptx",
                    "--outdir", str(out), str(target)], check=True, capture_output=True, timeout=600)
    saved = read_deck(out / target.name)
    # LibreOffice renames every placeholder ("PlaceHolder 1"): the banners keep the slide's key
    assert any(s.name == "PlaceHolder 1" for s in saved[1].shapes)
    assert [s.key for s in saved] == [r["key"] for r in record["slides"]]
    for slide, recorded in zip(saved, record["slides"], strict=True):
        recover_placeholders(slide, recorded)
        got = [(s.role, list(s.paras)) for s in slide.shapes if s.role not in ("banner-top", "banner-bottom")]
        assert got == [(r["role"], r["paras"]) for r in recorded["shapes"]], f"slide {slide.number}"
