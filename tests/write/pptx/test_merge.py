"""Tests of briefgen.write.pptx.merge: a rebuilt deck merged with the deck a person edited (scripted with
python-pptx: retitle, add a slide, add a shape, delete a slide, edit a fact, edit notes; and a deck saved by
LibreOffice), checked slide by slide in the merged deck, with its report and its Open XML validity."""
from __future__ import annotations

import copy
import io
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.pptx.merge import CONFLICT_MARKER, merge_deck
from briefgen.write.pptx.origins import read_deck, read_slide
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions

OLD_TITLE = "North Korean missiles reach all three"
NEW_TITLE = "North Korean missiles reach all three allies"
OLD_FACT = "Pyongyang has launched medium-range ballistic missiles"
NEW_FACT = "Pyongyang has fired medium-range ballistic missiles"


def _build(content: Path, target: Path) -> dict:
    view = build_view(load_library(content).library, "hawkish")
    return write_pptx(view, target, OutputOptions(template_dirs=(shipped_templates(),), source_date_epoch=0)).record


@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict:
    """base: the hawkish deck as first built, with its record; ours: built again after the content changed one
    item's title and one of its facts (thr-dprk-missiles, slide 7) and nothing else."""
    root = tmp_path_factory.mktemp("merge")
    shutil.copytree(shipped_content(), root / "content")
    base_record = _build(root / "content", root / "base.pptx")
    threats = root / "content" / "threats.yaml"
    text = threats.read_text()
    assert text.count(f"title: {OLD_TITLE}\n") == 1 and text.count(OLD_FACT) == 1
    threats.write_text(text.replace(f"title: {OLD_TITLE}\n", f"title: {NEW_TITLE}\n").replace(OLD_FACT, NEW_FACT))
    ours_record = _build(root / "content", root / "ours.pptx")
    return {"base": root / "base.pptx", "record": base_record, "ours": root / "ours.pptx", "ours_record": ours_record}


def _edited(base: Path, edit) -> bytes:
    prs = Presentation(str(base))
    edit(prs)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def _merged(decks: dict, theirs: bytes, tmp_path: Path):
    ours = tmp_path / "ours.pptx"
    shutil.copyfile(decks["ours"], ours)
    prs, report = merge_deck(ours, theirs, decks["record"])
    prs.save(str(tmp_path / "merged.pptx"))
    return read_deck(tmp_path / "merged.pptx"), report, Presentation(str(tmp_path / "merged.pptx"))


def _texts(slide) -> dict:
    return {s.role: list(s.paras) for s in slide.shapes if s.role}


def _audit(path: Path) -> list[str]:
    audit = pytest.importorskip("openxml_audit", reason="the Open XML validator is in the test extra")
    return [e.description for e in audit.validate_pptx(str(path)).errors]


def test_an_untouched_deck_merges_to_the_new_build(decks, tmp_path):
    merged, report, _ = _merged(decks, decks["base"].read_bytes(), tmp_path)
    assert not report.changed and report.lines() == []
    assert [_texts(s) for s in merged] == [_texts(s) for s in read_deck(decks["ours"])]
    assert merged[6].shape("title").paras == (NEW_TITLE,)


def test_a_retitle_is_kept_and_the_new_title_goes_to_the_notes(decks, tmp_path):
    def retitle(prs):
        prs.slides[6].shapes.title.text_frame.paragraphs[0].runs[0].text = "Missiles over three capitals"

    merged, report, prs = _merged(decks, _edited(decks["base"], retitle), tmp_path)
    assert merged[6].shape("title").paras == ("Missiles over three capitals",)
    body = merged[6].shape("body").paras
    assert any(p.startswith(NEW_FACT) for p in body)  # the body was not touched: regenerated
    assert report.lines() == [
        'conflict: slide 7 "Missiles over three capitals": the title of thr-dprk-missiles changed in the content '
        "after you edited it; your text kept, the new text is in the slide's notes",
        "kept your 1 edited shape(s)"]
    notes = prs.slides[6].notes_slide.notes_text_frame.text.split("\n")
    assert notes[-3:] == [CONFLICT_MARKER, "[title]", NEW_TITLE]
    assert notes[0].startswith("Talking points: ")  # the generated notes stay above the marker


def test_an_edited_fact_is_kept_without_conflict_when_its_content_did_not_change(decks, tmp_path):
    def edit_fact(prs):
        prs.slides[8].placeholders[1].text_frame.paragraphs[2].runs[0].text = "Fewer than 50 warheads."

    merged, report, prs = _merged(decks, _edited(decks["base"], edit_fact), tmp_path)
    assert merged[8].key == "item:thr-dprk-nuclear"
    assert merged[8].shape("body").paras[2] == "Fewer than 50 warheads. [5]"
    assert report.conflicts == [] and report.lines() == ["kept your 1 edited shape(s)"]
    assert CONFLICT_MARKER not in prs.slides[8].notes_slide.notes_text_frame.text


def test_added_slides_and_shapes_are_kept_where_they_were(decks, tmp_path):
    def add(prs):
        box = prs.slides[6].shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1))
        box.name = "My note"
        box.text_frame.text = "Ask J2 for the latest count"
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        slide.shapes.title.text = "Questions"
        slide.notes_slide.notes_text_frame.text = "Leave five minutes."
        ids = prs.slides._sldIdLst
        added = ids[-1]
        ids.remove(added)
        ids.insert(3, added)  # after the agenda

    merged, report, prs = _merged(decks, _edited(decks["base"], add), tmp_path)
    assert [s.key for s in merged[:5]] == ["title", "bluf", "agenda", None, "chart:timeline"]
    assert merged[3].shapes[0].paras == ("Questions",)
    assert prs.slides[3].notes_slide.notes_text_frame.text == "Leave five minutes."
    assert prs.slides[3].slide_layout.name == "Title Only"
    note = [s for s in merged[7].shapes if s.name == "My note"]
    assert [s.paras for s in note] == [("Ask J2 for the latest count",)] and note[0].origin is None
    assert merged[7].shape("title").paras == (NEW_TITLE,)  # untouched: regenerated
    assert report.lines() == ["kept your 1 added shape(s), 1 added slide(s)"]
    assert len(merged) == len(read_deck(decks["ours"])) + 1
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_deleted_slide_stays_deleted_and_is_reported(decks, tmp_path):
    def delete(prs):
        ids = prs.slides._sldIdLst
        ids.remove(ids[7])  # "Risk of force against Taiwan"

    merged, report, _ = _merged(decks, _edited(decks["base"], delete), tmp_path)
    keys = [s.key for s in merged]
    assert "item:thr-taiwan-force" not in keys and keys[6:8] == ["item:thr-dprk-missiles", "item:thr-dprk-nuclear"]
    assert report.deleted == ["item:thr-taiwan-force"]
    assert report.lines() == ["kept deleted: item:thr-taiwan-force (briefgen build --force brings them back)"]
    assert _audit(tmp_path / "merged.pptx") == []


def test_notes_a_person_wrote_are_kept(decks, tmp_path):
    def notes(prs):
        prs.slides[1].notes_slide.notes_text_frame.text = "Open with the map, not the text."

    _, _, prs = _merged(decks, _edited(decks["base"], notes), tmp_path)
    kept = prs.slides[1].notes_slide.notes_text_frame.text.split("\n")
    # the BLUF slide's generated notes name the items the brief leads with, and one of their titles changed:
    # the person's notes stay first, the new generated notes follow under the conflict marker
    assert kept[:3] == ["Open with the map, not the text.",
                        "=== briefgen: the content changed after you edited this slide; the new generated text: ===",
                        "[notes]"]
    assert any(NEW_TITLE in line for line in kept[3:])


def test_a_duplicated_slide_is_the_persons_and_the_original_stays_generated(decks, tmp_path):
    def duplicate(prs):
        source = prs.slides[6]
        copy_ = prs.slides.add_slide(source.slide_layout)
        tree = copy_.shapes._spTree
        for el in list(tree.iter_shape_elms()):
            tree.remove(el)
        import copy as copy_module

        for el in source.shapes._spTree.iter_shape_elms():
            tree.append(copy_module.deepcopy(el))

    merged, report, _ = _merged(decks, _edited(decks["base"], duplicate), tmp_path)
    assert merged[6].shape("title").paras == (NEW_TITLE,)
    assert merged[-1].key is None and report.added_slides == 1
    assert read_slide(merged[-1].element, 0).shapes[0].paras == (OLD_TITLE,)


@pytest.mark.needs("soffice")
def test_a_deck_saved_by_libreoffice_merges_like_the_original(decks, tmp_path):
    def retitle(prs):
        prs.slides[6].shapes.title.text_frame.paragraphs[0].runs[0].text = "Missiles over three capitals"

    edited = tmp_path / "edited.pptx"
    edited.write_bytes(_edited(decks["base"], retitle))
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pptx",
                    "--outdir", str(tmp_path / "lo"), str(edited)], check=True, capture_output=True, timeout=600)
    merged, report, _ = _merged(decks, (tmp_path / "lo" / "edited.pptx").read_bytes(), tmp_path)
    assert merged[6].shape("title").paras == ("Missiles over three capitals",)
    assert [c[2] for c in report.conflicts] == ["title"] and report.kept == [("item:thr-dprk-missiles", "title")]
    assert report.added_slides == 0 and report.added_shapes == 0 and report.deleted == []
    assert _audit(tmp_path / "merged.pptx") == []


@pytest.mark.needs("soffice", "pdftotext")
def test_libreoffice_renders_a_merged_deck_one_page_per_slide(decks, tmp_path):
    def add(prs):
        box = prs.slides[6].shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1))
        box.text_frame.text = "Ask J2 for the latest count"
        prs.slides.add_slide(prs.slide_layouts[6]).shapes.title.text = "Questions"

    merged, _, _ = _merged(decks, _edited(decks["base"], add), tmp_path)
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "pdf"), str(tmp_path / "merged.pptx")], check=True,
                   capture_output=True, timeout=600)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "pdf" / "merged.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == len(merged)
    assert "Ask J2 for the latest count" in pages[6] and NEW_TITLE in pages[6]
    assert "Questions" in pages[len(merged) - 1]


def _shape(prs, slide: int, role: str):
    return next(s for s in prs.slides[slide].shapes if s.name.endswith(f"/{role}]"))


def _box(shape) -> tuple:
    return shape.left, shape.top, shape.width, shape.height


def test_a_moved_title_takes_the_new_text_where_the_person_put_it(decks, tmp_path):
    def move(prs):
        title = prs.slides[6].shapes.title
        title.left, title.top, title.width, title.height = Inches(2), Inches(1.5), Inches(8), Inches(1)

    merged, report, prs = _merged(decks, _edited(decks["base"], move), tmp_path)
    assert merged[6].shape("title").paras == (NEW_TITLE,)
    assert _box(_shape(prs, 6, "title")) == (Inches(2), Inches(1.5), Inches(8), Inches(1))
    assert report.looks == [("item:thr-dprk-missiles", "title")] and report.conflicts == []
    assert report.lines() == ["kept your 1 moved, resized or restyled shape(s)"]
    assert CONFLICT_MARKER not in prs.slides[6].notes_slide.notes_text_frame.text
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_resized_shape_whose_content_did_not_change_is_kept_as_the_person_left_it(decks, tmp_path):
    def resize(prs):
        body = prs.slides[8].placeholders[1]
        body.width, body.height = Inches(6), Inches(4.5)

    merged, report, prs = _merged(decks, _edited(decks["base"], resize), tmp_path)
    body = _shape(prs, 8, "body")
    assert (body.width, body.height) == (Inches(6), Inches(4.5))
    assert merged[8].shape("body").paras == read_deck(decks["ours"])[8].shape("body").paras
    assert report.looks == [("item:thr-dprk-nuclear", "body")]


def test_a_recoloured_body_takes_the_new_facts_in_the_persons_fill(decks, tmp_path):
    def recolour(prs):
        body = prs.slides[6].placeholders[1]
        body.fill.solid()
        body.fill.fore_color.rgb = RGBColor(0xFF, 0xF2, 0xCC)

    merged, report, prs = _merged(decks, _edited(decks["base"], recolour), tmp_path)
    assert merged[6].shape("body").paras == read_deck(decks["ours"])[6].shape("body").paras
    assert any(p.startswith(NEW_FACT) for p in merged[6].shape("body").paras)
    assert _shape(prs, 6, "body").fill.fore_color.rgb == RGBColor(0xFF, 0xF2, 0xCC)
    assert report.looks == [("item:thr-dprk-missiles", "body")] and report.conflicts == []
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_title_set_larger_takes_the_new_title_in_the_persons_size(decks, tmp_path):
    def enlarge(prs):
        prs.slides[6].shapes.title.text_frame.paragraphs[0].runs[0].font.size = Pt(40)

    merged, report, prs = _merged(decks, _edited(decks["base"], enlarge), tmp_path)
    runs = prs.slides[6].shapes.title.text_frame.paragraphs[0].runs
    assert [(r.text, r.font.size) for r in runs] == [(NEW_TITLE, Pt(40))]
    assert report.looks == [("item:thr-dprk-missiles", "title")] and report.restyled == []


def test_a_word_set_in_bold_in_a_fact_whose_content_changed_is_a_conflict(decks, tmp_path):
    def bold_a_word(prs):
        body = prs.slides[6].placeholders[1].text_frame
        p = next(p for p in body.paragraphs if p.text.startswith(OLD_FACT))
        first = p.runs[0]
        rest = first.text[len("Pyongyang has launched "):]
        first.text = "Pyongyang has launched "
        bold = copy.deepcopy(first._r)
        first._r.addnext(bold)
        bold.find(qn("a:t")).text = rest
        p.runs[1].font.bold = True

    theirs = tmp_path / "theirs.pptx"
    theirs.write_bytes(_edited(decks["base"], bold_a_word))
    merged, report, prs = _merged(decks, theirs.read_bytes(), tmp_path)
    assert merged[6].shape("body").paras == read_deck(theirs)[6].shape("body").paras
    fact = next(p for p in prs.slides[6].placeholders[1].text_frame.paragraphs if p.text.startswith(OLD_FACT))
    assert [r.font.bold for r in fact.runs][:2] == [None, True]
    assert merged[6].shape("title").paras == (NEW_TITLE,)  # the title was not touched: regenerated
    assert report.lines() == [
        f'conflict: slide 7 "{OLD_TITLE}": the body of thr-dprk-missiles changed in the content after you restyled '
        "it; your shape kept as it was, the new text is in the slide's notes"]
    notes = prs.slides[6].notes_slide.notes_text_frame.text.split("\n")
    assert notes[notes.index(CONFLICT_MARKER) + 1] == "[body]"
    assert any(line.startswith(NEW_FACT) for line in notes[notes.index(CONFLICT_MARKER):])
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_word_set_in_bold_where_the_content_did_not_change_is_kept(decks, tmp_path):
    def bold_a_word(prs):
        p = prs.slides[8].placeholders[1].text_frame.paragraphs[2]
        p.runs[0].font.bold = True

    theirs = _edited(decks["base"], bold_a_word)
    merged, report, prs = _merged(decks, theirs, tmp_path)
    assert prs.slides[8].placeholders[1].text_frame.paragraphs[2].runs[0].font.bold is True
    assert report.looks == [("item:thr-dprk-nuclear", "body")] and report.restyled == []


@pytest.mark.needs("soffice")
def test_an_untouched_deck_saved_by_libreoffice_is_not_restyled_anywhere(decks, tmp_path):
    def move(prs):
        title = prs.slides[8].shapes.title
        title.left, title.top = Inches(2), Inches(1.5)

    saved = {}
    for name, edit in (("untouched", lambda prs: None), ("moved", move)):
        (tmp_path / f"{name}.pptx").write_bytes(_edited(decks["base"], edit))
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pptx",
                    "--outdir", str(tmp_path / "lo"), str(tmp_path / "untouched.pptx"), str(tmp_path / "moved.pptx")],
                   check=True, capture_output=True, timeout=600)
    for name in ("untouched", "moved"):
        saved[name] = (tmp_path / "lo" / f"{name}.pptx").read_bytes()
    merged, report, _ = _merged(decks, saved["untouched"], tmp_path)
    assert report.looks == [] and report.restyled == [] and report.kept == []
    assert [_texts(s) for s in merged] == [_texts(s) for s in read_deck(decks["ours"])]
    merged, report, prs = _merged(decks, saved["moved"], tmp_path)
    assert report.looks == [("item:thr-dprk-nuclear", "title")] and report.kept == []
    title = _shape(prs, 8, "title")
    assert abs(title.left - Inches(2)) <= 360 and abs(title.top - Inches(1.5)) <= 360
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_reports_lines_name_each_conflict_at_its_merged_slide_number_then_what_was_kept() -> None:
    from briefgen.write.pptx.merge import MergeReport

    report = MergeReport(kept=[("a", "title"), ("b", "body")], conflicts=[("a", "Allies", "title", "thr-x")],
                         looks=[("c", "title")], restyled=[("z", "Costs", "body", "opt-y")], numbers={"a": 4},
                         deleted=["d", "e"], added_slides=1, added_shapes=3)
    assert report.lines() == [
        'conflict: slide 4 "Allies": the title of thr-x changed in the content after you edited it; your text kept, '
        "the new text is in the slide's notes",
        'conflict: slide ? "Costs": the body of opt-y changed in the content after you restyled it; your shape kept '
        "as it was, the new text is in the slide's notes",
        "kept your 2 edited shape(s), 1 moved, resized or restyled shape(s), 3 added shape(s), 1 added slide(s)",
        "kept deleted: d, e (briefgen build --force brings them back)"]
    assert report.changed
    assert MergeReport(looks=[("c", "title")]).lines() == ["kept your 1 moved, resized or restyled shape(s)"]
    assert MergeReport(added_slides=2).lines() == ["kept your 2 added slide(s)"]
    assert MergeReport(deleted=["d"]).lines() == ["kept deleted: d (briefgen build --force brings them back)"]
    assert MergeReport().lines() == [] and not MergeReport().changed
    for one in (dict(kept=[1]), dict(deleted=["d"]), dict(added_slides=1), dict(added_shapes=1), dict(looks=[1]),
                dict(restyled=[1])):
        assert MergeReport(**one).changed, one
    assert not MergeReport(conflicts=[1], numbers={"a": 1}).changed  # a conflict is always a kept shape too
    unnumbered = MergeReport(kept=[("q", "title")], conflicts=[("q", "Cuts", "title", "opt-q")], numbers={"a": 1})
    assert unnumbered.lines()[0] == (
        'conflict: slide ? "Cuts": the title of opt-q changed in the content after you edited it; your text kept, '
        "the new text is in the slide's notes")


@pytest.fixture
def blank_slide():
    prs = Presentation(str(shipped_templates() / "pptx" / "default.pptx"))
    return prs.slides.add_slide(prs.slide_layouts[0])


def _notes_after(slide, ours: str, theirs: str, base, conflicts: list) -> str:
    from briefgen.write.pptx.merge import _merge_notes

    if ours:
        slide.notes_slide.notes_text_frame.text = ours
    _merge_notes(slide, ours, theirs, base, conflicts)
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else None


def test_notes_keep_the_persons_text_and_put_new_text_under_the_marker(blank_slide) -> None:
    assert _notes_after(blank_slide, "new", "old", "old", []) == "new"  # not edited: ours
    assert _notes_after(blank_slide, "same", "mine", "same", []) == "mine"  # edited, content unchanged
    assert _notes_after(blank_slide, "new", "mine", "old", []) == f"mine\n{CONFLICT_MARKER}\n[notes]\nnew"
    assert _notes_after(blank_slide, "new", "mine", None, []) == "new"  # no record: ours
    conflicts = [("title", ["New title"]), ("body", ["fact one", "", "fact two"])]
    assert _notes_after(blank_slide, "talk", "talk", "talk", conflicts) == (
        f"talk\n{CONFLICT_MARKER}\n[title]\nNew title\n[body]\nfact one\nfact two")
    assert _notes_after(blank_slide, "talk", "mine", "talk", conflicts[:1]) == (
        f"mine\n{CONFLICT_MARKER}\n[title]\nNew title")


def test_notes_left_alone_are_not_written(blank_slide) -> None:
    assert _notes_after(blank_slide, "", "", "", []) is None  # no notes slide made
    assert _notes_after(blank_slide, "", "", None, [("title", ["T"])]) == f"{CONFLICT_MARKER}\n[title]\nT"


def test_a_copied_part_takes_the_first_free_number_and_its_relations_in_order(blank_slide) -> None:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    from briefgen.write.pptx.merge import _copy_part

    package = blank_slide.part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    assert "/ppt/slides/slide1.xml" in taken
    sheet = Part(PackURI("/ppt/embeddings/sheet7.xlsx"), "application/x-test", package, b"sheet")
    chart = Part(PackURI("/ppt/charts/chart12.xml"), "application/x-test-chart", package, b"<c/>")
    chart.relate_to("https://example.org/x", "http://example.org/ext", is_external=True)
    chart.relate_to(sheet, "http://example.org/package")
    blank_slide.part.relate_to(chart, "http://example.org/chart")
    copied = _copy_part(chart, package)
    assert str(copied.partname) == "/ppt/charts/chart1.xml" and copied.blob == b"<c/>"
    assert copied.content_type == "application/x-test-chart"
    rels = sorted(copied.rels.items())
    assert [r.is_external for _, r in rels] == [True, False]
    assert rels[0][1].target_ref == "https://example.org/x"
    assert str(rels[1][1].target_part.partname) == "/ppt/embeddings/sheet1.xlsx"
    assert rels[1][1].target_part.blob == b"sheet" and rels[1][1].reltype == "http://example.org/package"
    blank_slide.part.relate_to(copied, "http://example.org/chart")
    again = _copy_part(chart, package)  # chart1 is taken now, and sheet1
    assert str(again.partname) == "/ppt/charts/chart2.xml"
    assert str(sorted(again.rels.items())[1][1].target_part.partname) == "/ppt/embeddings/sheet2.xlsx"


def _xml(text: str):
    from lxml import etree

    return etree.fromstring(text.replace(
        ">", ' xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
             'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">', 1))


def test_a_placed_shape_takes_the_persons_shape_properties_and_a_group_their_move_only() -> None:
    from briefgen.write.pptx.merge import _place

    group = ('<p:grpSp><p:nvGrpSpPr/><p:grpSpPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="9"/>'
             "</a:xfrm></p:grpSpPr></p:grpSp>")
    new = _xml(group.format(x=100, y=200, cx=5))
    _place(new, None, _xml(group.format(x=0, y=0, cx=7)), [50, 70, 1, 1], [10, 20, 3, 3])
    off = new.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}/{qn('a:off')}")
    ext = new.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
    assert (off.get("x"), off.get("y"), ext.get("cx")) == ("140", "250", "5")  # moved by 40, 50; not resized
    _place(new, None, _xml(group.format(x=0, y=0, cx=7)), None, [10, 20, 3, 3])
    _place(new, None, _xml(group.format(x=0, y=0, cx=7)), [0, 0, 0, 0], None)
    assert (off.get("x"), off.get("y")) == ("140", "250")
    bare = _xml("<p:grpSp><p:nvGrpSpPr/><p:grpSpPr/></p:grpSp>")
    _place(bare, None, _xml(group.format(x=0, y=0, cx=7)), [50, 70, 1, 1], [10, 20, 3, 3])
    assert bare.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}") is None

    shape = ('<p:sp><p:nvSpPr/><p:spPr><a:xfrm><a:off x="{x}" y="0"/></a:xfrm></p:spPr>'
             "<p:txBody><a:bodyPr/><a:p/></p:txBody></p:sp>")
    new = _xml(shape.format(x=1))
    _place(new, None, _xml(shape.format(x=99)), [99, 0, 0, 0], [1, 0, 0, 0])
    assert [c.tag for c in new] == [qn("p:nvSpPr"), qn("p:spPr"), qn("p:txBody")]
    assert new.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}").get("x") == "99"
    frame = '<p:graphicFrame><p:nvGraphicFramePr/><p:xfrm><a:off x="{x}" y="0"/></p:xfrm></p:graphicFrame>'
    new = _xml(frame.format(x=1))
    _place(new, None, _xml(frame.format(x=7)), [7, 0, 0, 0], [1, 0, 0, 0])
    assert [c.tag for c in new] == [qn("p:nvGraphicFramePr"), qn("p:xfrm")]
    assert new.find(f"{qn('p:xfrm')}/{qn('a:off')}").get("x") == "7"
    lone = _xml("<p:sp><p:nvSpPr/><p:txBody/></p:sp>")
    _place(lone, None, _xml(shape.format(x=5)), [5, 0, 0, 0], [1, 0, 0, 0])
    assert [c.tag for c in lone] == [qn("p:nvSpPr"), qn("p:txBody")]


def test_merge_into_writes_the_merged_deck_only_when_it_differs_and_returns_the_report(decks, tmp_path):
    from briefgen.errors import BuildError
    from briefgen.write.pptx.merge import merge_into

    def retitle(prs):
        prs.slides[6].shapes.title.text_frame.paragraphs[0].runs[0].text = "Missiles over three capitals"

    out = tmp_path / "out"
    out.mkdir()
    target = out / "hawkish.pptx"
    options = OutputOptions(template_dirs=(shipped_templates(),), output_dir=out, project_root=tmp_path)
    shutil.copyfile(decks["ours"], target)
    assert merge_into(target, decks["base"].read_bytes(), decks["record"], 0, options) == []
    assert target.read_bytes() == decks["ours"].read_bytes()  # nothing the person changed: not rewritten
    lines = merge_into(target, _edited(decks["base"], retitle), decks["record"], 0, options)
    assert lines == [
        'conflict: slide 7 "Missiles over three capitals": the title of thr-dprk-missiles changed in the content '
        "after you edited it; your text kept, the new text is in the slide's notes",
        "kept your 1 edited shape(s)"]
    assert read_deck(target)[6].shape("title").paras == ("Missiles over three capitals",)
    first = target.read_bytes()
    shutil.copyfile(decks["ours"], target)
    merge_into(target, _edited(decks["base"], retitle), decks["record"], 0, options)
    assert target.read_bytes() == first  # the deck writer's fixed zip dates
    shutil.copyfile(decks["ours"], target)
    merge_into(target, _edited(decks["base"], retitle), decks["record"], 1767225600, options)
    with zipfile.ZipFile(target) as written:  # dated as SOURCE_DATE_EPOCH says: 2026-01-01
        assert {entry.date_time for entry in written.infolist()} == {(2026, 1, 1, 0, 0, 0)}
    shutil.copyfile(decks["ours"], target)
    outside = OutputOptions(template_dirs=(shipped_templates(),), output_dir=tmp_path / "elsewhere",
                            project_root=tmp_path)
    (tmp_path / "elsewhere").mkdir()
    with pytest.raises(BuildError, match="refusing to write outside the output folder"):
        merge_into(target, _edited(decks["base"], retitle), decks["record"], 0, outside)
    assert target.read_bytes() == decks["ours"].read_bytes()


def test_a_restyled_paragraph_takes_new_text_in_one_run_of_the_persons_look_or_refuses(blank_slide) -> None:
    from types import SimpleNamespace

    from briefgen.write.pptx.looks import LookContext
    from briefgen.write.pptx.merge import _restyle

    def shape(*paras: str):
        body = "".join(f"<a:p>{p}</a:p>" for p in paras)
        return _xml(f"<p:sp><p:nvSpPr/><p:spPr/><p:txBody><a:bodyPr/>{body}</p:txBody></p:sp>")

    def texts(el) -> list:
        return [[(r.get("sz") if r is not None else None) for r in p.iter(qn("a:rPr"))] + [
            "".join(t.text or "" for t in p.iter(qn("a:t")))] for p in el.iter(qn("a:p"))]

    context = LookContext(blank_slide)
    big = '<a:r><a:rPr sz="4000"/><a:t>{}</a:t></a:r>'
    three_runs = big.format("a ") + big.format("b ") + big.format("c")
    theirs = SimpleNamespace(element=shape(three_runs, "<a:r><a:t>x</a:t></a:r>"), paras=("a b c", "x"))
    ours = SimpleNamespace(element=shape("<a:r><a:t>old</a:t></a:r>", "<a:r><a:t>x</a:t></a:r>"),
                           paras=("New text", "x"))
    new = copy.deepcopy(ours.element)
    assert _restyle(new, theirs, ours, ({0}, set()), context)
    assert texts(new) == [["4000", "New text"], ["x"]]  # one run, the person's size
    assert texts(theirs.element)[0] == ["4000", "4000", "4000", "a b c"]  # the person's deck untouched

    mixed = '<a:r><a:rPr sz="4000"/><a:t>a </a:t></a:r><a:r><a:rPr sz="4000" b="1"/><a:t>b</a:t></a:r>'
    theirs = SimpleNamespace(element=shape(mixed, "<a:r><a:t>x</a:t></a:r>"), paras=("a b", "x"))
    new = copy.deepcopy(ours.element)
    assert not _restyle(new, theirs, ours, ({0}, set()), context)  # a word in bold cannot take new text
    same = SimpleNamespace(element=ours.element, paras=("a b", "x"))
    new = copy.deepcopy(same.element)
    assert _restyle(new, theirs, same, ({0}, set()), context)  # the text is theirs: their paragraph as it is
    assert texts(new) == [["4000", "4000", "a b"], ["x"]]

    fewer = SimpleNamespace(element=shape(big.format("New text")), paras=("New text",))
    new = copy.deepcopy(ours.element)
    assert not _restyle(new, fewer, ours, ({0}, set()), context)  # paragraphs added or removed: no paragraph to match
    assert texts(new) == texts(ours.element)


# Typefaces, paragraph formatting (spacing, alignment, indent, bullets) and table cells

def _bullet(paragraph, xml: str | None) -> None:
    """Give a python-pptx paragraph a bullet element (``a:buNone``, ``a:buChar`` …), replacing its own."""
    ppr = paragraph._p.get_or_add_pPr()
    for old in [c for c in ppr if c.tag.rsplit("}", 1)[-1].startswith("bu")]:
        ppr.remove(old)
    if xml is not None:
        ppr.append(etree.fromstring(xml.replace("/>", f' xmlns:a="{qn("a:p")[1:].split("}")[0]}"/>')))


def _bullet_of(paragraph) -> tuple:
    ppr = paragraph._p.find(qn("a:pPr"))
    found = [c for c in ppr if c.tag.rsplit("}", 1)[-1] in ("buNone", "buChar", "buAutoNum")] if ppr is not None \
        else []
    return tuple((c.tag.rsplit("}", 1)[-1], c.get("char") or c.get("type")) for c in found)


def _fact(prs, slide: int, start: str):
    return next(p for p in _shape(prs, slide, "body").text_frame.paragraphs if p.text.startswith(start))


def test_a_title_in_another_typeface_takes_the_new_title_in_it_and_keeps_it_where_nothing_changed(decks, tmp_path):
    def typeface(prs):
        for n in (6, 8):
            prs.slides[n].shapes.title.text_frame.paragraphs[0].runs[0].font.name = "Georgia"

    merged, report, prs = _merged(decks, _edited(decks["base"], typeface), tmp_path)
    runs = prs.slides[6].shapes.title.text_frame.paragraphs[0].runs
    assert [(r.text, r.font.name) for r in runs] == [(NEW_TITLE, "Georgia")]
    runs = prs.slides[8].shapes.title.text_frame.paragraphs[0].runs
    assert [(r.text, r.font.name) for r in runs] == [("North Korea's nuclear build-up", "Georgia")]
    assert report.looks == [("item:thr-dprk-missiles", "title"), ("item:thr-dprk-nuclear", "title")]
    assert report.conflicts == [] and report.restyled == []
    assert report.lines() == ["kept your 2 moved, resized or restyled shape(s)"]
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_facts_new_text_takes_the_spacing_the_person_gave_its_paragraph(decks, tmp_path):
    def space(prs):
        p = _fact(prs, 6, OLD_FACT)
        p.space_before, p.space_after, p.line_spacing = Pt(18), Pt(6), 1.5

    merged, report, prs = _merged(decks, _edited(decks["base"], space), tmp_path)
    p = _fact(prs, 6, NEW_FACT)
    assert (p.space_before, p.space_after, p.line_spacing) == (Pt(18), Pt(6), 1.5)
    assert [r.text for r in p.runs] == [read_deck(decks["ours"])[6].shape("body").paras[3][:-4], " [1]"]
    assert p.runs[1].font.color.theme_color is not None  # the source number as briefgen draws it
    others = [q for q in _shape(prs, 6, "body").text_frame.paragraphs if q.text != p.text]
    assert {(q.space_before, q.line_spacing) for q in others[2:]} == {(None, None)}
    assert merged[6].shape("body").paras == read_deck(decks["ours"])[6].shape("body").paras
    assert report.looks == [("item:thr-dprk-missiles", "body")] and report.restyled == []
    assert _audit(tmp_path / "merged.pptx") == []


def test_bullets_switched_off_numbered_or_changed_are_kept_with_the_new_facts(decks, tmp_path):
    bullets = ('<a:buNone/>', '<a:buAutoNum type="arabicPeriod"/>', '<a:buChar char="–"/>')

    def rebullet(prs):
        for p, xml in zip(_shape(prs, 6, "body").text_frame.paragraphs[2:], bullets):
            _bullet(p, xml)

    merged, report, prs = _merged(decks, _edited(decks["base"], rebullet), tmp_path)
    paragraphs = _shape(prs, 6, "body").text_frame.paragraphs
    assert [_bullet_of(p) for p in paragraphs[2:]] == [(("buNone", None),), (("buAutoNum", "arabicPeriod"),),
                                                       (("buChar", "–"),)]
    assert paragraphs[3].text.startswith(NEW_FACT)
    assert [_bullet_of(p) for p in paragraphs[:2]] == [(("buNone", None),)] * 2  # as briefgen draws them
    assert report.looks == [("item:thr-dprk-missiles", "body")] and report.conflicts == []
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_paragraph_in_another_typeface_in_part_whose_content_changed_is_a_conflict(decks, tmp_path):
    def typeface(prs):
        _fact(prs, 6, OLD_FACT).runs[1].font.name = "Georgia"  # the source number only

    theirs = _edited(decks["base"], typeface)
    merged, report, prs = _merged(decks, theirs, tmp_path)
    assert _fact(prs, 6, OLD_FACT).runs[1].font.name == "Georgia"
    assert [c[2] for c in report.restyled] == ["body"] and report.looks == []
    notes = prs.slides[6].notes_slide.notes_text_frame.text.split("\n")
    assert any(line.startswith(NEW_FACT) for line in notes[notes.index(CONFLICT_MARKER):])


def test_a_manifest_without_the_new_keys_merges_as_before(decks, tmp_path):
    def restyle(prs):
        prs.slides[6].shapes.title.text_frame.paragraphs[0].runs[0].font.name = "Georgia"
        _fact(prs, 6, OLD_FACT).space_before = Pt(18)

    old = copy.deepcopy(decks["record"])
    for slide in old["slides"]:
        for shape in slide["shapes"]:
            for key in ("faces", "formats", "cells"):
                del shape["look"][key]
    ours = tmp_path / "ours.pptx"
    shutil.copyfile(decks["ours"], ours)
    prs, report = merge_deck(ours, decks["base"].read_bytes(), old)
    assert not report.changed
    prs, report = merge_deck(ours, _edited(decks["base"], restyle), old)
    assert not report.changed  # typefaces and spacing were not recorded: redrawn, as before
    assert prs.slides[6].shapes.title.text_frame.paragraphs[0].runs[0].font.name is None
    assert _fact(prs, 6, NEW_FACT).space_before is None


@pytest.fixture(scope="module")
def table_decks(tmp_path_factory) -> dict:
    """base: the hawkish deck as first built; ours: built again after one capability's title changed (its row
    of the capabilities table in the backup, slide 40, and its cell of the capability matrix, slide 13)."""
    root = tmp_path_factory.mktemp("merge-tables")
    shutil.copytree(shipped_content(), root / "content")
    record = _build(root / "content", root / "base.pptx")
    capabilities = root / "content" / "capabilities.yaml"
    text = capabilities.read_text()
    assert text.count("title: UN Command-Rear bases in Japan\n") == 1
    capabilities.write_text(text.replace("title: UN Command-Rear bases in Japan\n",
                                         "title: UN Command-Rear bases across Japan\n"))
    _build(root / "content", root / "ours.pptx")
    return {"base": root / "base.pptx", "record": record, "ours": root / "ours.pptx"}


def _table(prs, slide: int):
    return next(s for s in prs.slides[slide].shapes if s.has_table).table


YELLOW = RGBColor(0xFF, 0xF2, 0xCC)


def test_restyled_table_cells_take_the_new_text_in_the_persons_formatting(table_decks, tmp_path):
    def restyle(prs):
        table = _table(prs, 39)
        changed, kept = table.cell(2, 0), table.cell(1, 0)
        for cell in (changed, kept):
            cell.fill.solid()
            cell.fill.fore_color.rgb = YELLOW
        changed.text_frame.paragraphs[0].runs[0].font.size = Pt(14)

    merged, report, prs = _merged(table_decks, _edited(table_decks["base"], restyle), tmp_path)
    table = _table(prs, 39)
    changed = table.cell(2, 0)
    assert [(r.text, r.font.size, r.font.bold) for r in changed.text_frame.paragraphs[0].runs] == [
        ("UN Command-Rear bases across Japan", Pt(14), True)]  # the first column is bold
    assert changed.fill.fore_color.rgb == YELLOW and table.cell(1, 0).fill.fore_color.rgb == YELLOW
    assert table.cell(1, 0).text == "U.S. strike and power projection"
    untouched = _table(Presentation(str(table_decks["ours"])), 39).cell(3, 0)._tc  # as briefgen draws them
    assert etree.tostring(table.cell(3, 0)._tc) == etree.tostring(untouched)
    assert merged[39].shape("table").paras == read_deck(table_decks["ours"])[39].shape("table").paras
    assert report.looks == [("backup:capabilities", "table")] and report.restyled == []
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_filled_cell_of_two_looks_takes_the_new_text_and_restyled_text_of_two_looks_is_a_conflict(table_decks,
                                                                                                     tmp_path):
    def fill(prs):
        cell = _table(prs, 12).cell(2, 1)
        assert cell.text == "● UN Command-Rear bases in Japan"
        cell.fill.solid()
        cell.fill.fore_color.rgb = YELLOW

    _, report, prs = _merged(table_decks, _edited(table_decks["base"], fill), tmp_path)
    cell = _table(prs, 12).cell(2, 1)
    assert [r.text for r in cell.text_frame.paragraphs[0].runs] == ["● ", "UN Command-Rear bases across Japan"]
    assert cell.fill.fore_color.rgb == YELLOW and report.looks == [("chart:capability_matrix", "chart")]

    def enlarge(prs):
        for run in _table(prs, 12).cell(2, 1).text_frame.paragraphs[0].runs:
            run.font.size = Pt(14)

    _, report, prs = _merged(table_decks, _edited(table_decks["base"], enlarge), tmp_path)
    cell = _table(prs, 12).cell(2, 1)
    assert cell.text == "● UN Command-Rear bases in Japan"
    assert cell.text_frame.paragraphs[0].runs[1].font.size == Pt(14)
    assert [(c[0], c[2]) for c in report.restyled] == [("chart:capability_matrix", "chart")]
    notes = prs.slides[12].notes_slide.notes_text_frame.text.split("\n")
    assert notes[notes.index(CONFLICT_MARKER) + 1] == "[chart]"
    assert "● UN Command-Rear bases across Japan" in notes


def test_a_restyled_table_whose_rows_changed_is_a_conflict(table_decks, tmp_path):
    def fill(prs):
        cell = _table(prs, 39).cell(1, 0)
        cell.fill.solid()
        cell.fill.fore_color.rgb = YELLOW

    shorter = tmp_path / "shorter.pptx"  # the new build drops the table's last row, as content dropping one does
    prs = Presentation(str(table_decks["ours"]))
    rows = _table(prs, 39)._tbl.findall(qn("a:tr"))
    rows[-1].getparent().remove(rows[-1])
    prs.save(str(shorter))
    merged, report = merge_deck(shorter, _edited(table_decks["base"], fill), table_decks["record"])
    assert _table(merged, 39).cell(1, 0).fill.fore_color.rgb == YELLOW
    assert len(_table(merged, 39).rows) == len(_table(Presentation(str(table_decks["base"])), 39).rows)
    assert [(c[0], c[2]) for c in report.restyled] == [("backup:capabilities", "table")] and report.looks == []
    notes = merged.slides[39].notes_slide.notes_text_frame.text.split("\n")
    assert notes[notes.index(CONFLICT_MARKER) + 1] == "[table]"


@pytest.mark.needs("soffice")
def test_typefaces_spacing_bullets_and_cell_fills_saved_by_libreoffice_are_kept(decks, tmp_path):
    def restyle(prs):
        prs.slides[8].shapes.title.text_frame.paragraphs[0].runs[0].font.name = "Georgia"
        _fact(prs, 6, OLD_FACT).space_before = Pt(18)
        _bullet(_shape(prs, 6, "body").text_frame.paragraphs[4], '<a:buAutoNum type="arabicPeriod"/>')
        cell = _table(prs, 20).cell(1, 1)
        cell.fill.solid()
        cell.fill.fore_color.rgb = YELLOW

    (tmp_path / "restyled.pptx").write_bytes(_edited(decks["base"], restyle))
    profile = tmp_path / f"profile-{uuid.uuid4().hex}"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pptx",
                    "--outdir", str(tmp_path / "lo"), str(tmp_path / "restyled.pptx")], check=True,
                   capture_output=True, timeout=600)
    merged, report, prs = _merged(decks, (tmp_path / "lo" / "restyled.pptx").read_bytes(), tmp_path)
    assert sorted(report.looks) == [("item:thr-dprk-missiles", "body"), ("item:thr-dprk-nuclear", "title"),
                                    ("table:options", "table")]
    assert report.restyled == [] and report.kept == []
    assert {r.font.name for r in _shape(prs, 8, "title").text_frame.paragraphs[0].runs} == {"Georgia"}
    fact = _fact(prs, 6, NEW_FACT)
    assert abs(fact.space_before - Pt(18)) <= 360 and fact.runs[-1].text == " [1]"
    assert _bullet_of(_shape(prs, 6, "body").text_frame.paragraphs[4])[-1] == ("buAutoNum", "arabicPeriod")
    assert str(_table(prs, 20).cell(1, 1).fill.fore_color.rgb) == "FFF2CC"
    assert merged[6].shape("body").paras == read_deck(decks["ours"])[6].shape("body").paras
    assert _audit(tmp_path / "merged.pptx") == []


def test_paragraph_properties_pass_from_the_persons_paragraph_or_go_when_it_has_none() -> None:
    from briefgen.write.pptx.merge import _give_properties

    mine = _xml('<a:p><a:pPr algn="l"/><a:r><a:t>new</a:t></a:r></a:p>')
    _give_properties(mine, _xml('<a:p><a:pPr algn="ctr"><a:buNone/></a:pPr><a:r><a:t>old</a:t></a:r></a:p>'))
    assert [c.tag for c in mine] == [qn("a:pPr"), qn("a:r")] and mine[0].get("algn") == "ctr"
    assert mine[0][0].tag == qn("a:buNone") and mine.findtext(f"{qn('a:r')}/{qn('a:t')}") == "new"
    _give_properties(mine, _xml("<a:p><a:r><a:t>old</a:t></a:r></a:p>"))
    assert [c.tag for c in mine] == [qn("a:r")]


def _frame(*rows: str) -> str:
    return ("<p:graphicFrame><p:nvGraphicFramePr/><a:graphic><a:graphicData><a:tbl>"
            + "".join(f"<a:tr>{r}</a:tr>" for r in rows) + "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>")


def _tc(*paras: str, fill: str = "") -> str:
    return ("<a:tc><a:txBody><a:bodyPr/>" + "".join(f"<a:p>{p}</a:p>" for p in paras) + "</a:txBody>"
            f"<a:tcPr>{fill}</a:tcPr></a:tc>")


def test_new_cell_texts_go_into_the_persons_cells_only_when_the_grid_and_their_runs_allow(blank_slide) -> None:
    from types import SimpleNamespace

    from briefgen.write.pptx.looks import LookContext, cell_looks
    from briefgen.write.pptx.merge import _recell
    from briefgen.write.pptx.origins import shape_paragraphs

    context = LookContext(blank_slide)
    red = '<a:solidFill><a:srgbClr val="FF0000"/></a:solidFill>'
    big = '<a:r><a:rPr sz="4000"/><a:t>{}</a:t></a:r>'

    def shape(xml: str):
        el = _xml(xml)
        return SimpleNamespace(element=el, paras=shape_paragraphs(el), looks=cell_looks(el, context))

    base = shape(_frame(_tc("<a:r><a:t>a</a:t></a:r>") + _tc("<a:r><a:t>b</a:t></a:r>")))
    ours = shape(_frame(_tc("<a:r><a:t>a2</a:t></a:r>") + _tc("<a:r><a:t>b</a:t></a:r>")))
    theirs = shape(_frame(_tc("<a:r><a:t>a</a:t></a:r>", fill=red) + _tc(big.format("b"), fill=red)))
    new = copy.deepcopy(ours.element)
    assert _recell(new, theirs, ours, (theirs.looks, base.looks), context)
    cells = list(new.iter(qn("a:tc")))
    assert shape_paragraphs(new) == ("a2", "b")
    assert all(c.find(f"{qn('a:tcPr')}/{qn('a:solidFill')}") is not None for c in cells)
    assert cells[1].find(f".//{qn('a:rPr')}").get("sz") == "4000"  # unchanged text: the person's cell as it is
    restyled = shape(_frame(_tc(big.format("a") + big.format("!")) + _tc("<a:r><a:t>b</a:t></a:r>")))
    new = copy.deepcopy(ours.element)
    assert _recell(new, restyled, ours, (restyled.looks, base.looks), context)
    assert [r.get("sz") for r in new.iter(qn("a:rPr"))][:1] == ["4000"] and shape_paragraphs(new) == ("a2", "b")
    bold = '<a:r><a:rPr b="1"/><a:t>!</a:t></a:r>'
    mixed = shape(_frame(_tc(big.format("a") + bold) + _tc("<a:r><a:t>b</a:t></a:r>")))
    assert not _recell(copy.deepcopy(ours.element), mixed, ours, (mixed.looks, base.looks), context)
    two = shape(_frame(_tc(big.format("a"), big.format("x")) + _tc("<a:r><a:t>b</a:t></a:r>")))
    assert not _recell(copy.deepcopy(ours.element), two, ours, (two.looks, base.looks), context)  # 2 paragraphs
    wider = shape(_frame(_tc("<a:r><a:t>a</a:t></a:r>", fill=red) + _tc("<a:r><a:t>b</a:t></a:r>") + _tc("")))
    assert not _recell(copy.deepcopy(ours.element), wider, ours, (wider.looks, base.looks), context)
    rows = shape(_frame(_tc("<a:r><a:t>a</a:t></a:r>", fill=red), _tc("<a:r><a:t>b</a:t></a:r>")))
    assert not _recell(copy.deepcopy(ours.element), rows, ours, (rows.looks, base.looks), context)
    assert not _recell(copy.deepcopy(ours.element), theirs, ours, (theirs.looks, base.looks[:1]), context)


# What the survivors of the mutation run showed no test checked

def test_a_conflicts_slide_is_named_by_its_title_else_by_its_key() -> None:
    from briefgen.write.pptx.merge import _title
    from briefgen.write.pptx.origins import ShapeText, SlideShapes

    def title(*paras: str) -> ShapeText:
        return ShapeText("Title 1 [item:x/title]", "item:x", "title", "title", paras)

    assert _title(SlideShapes(7, "item:x", [title("Allies", "and partners")])) == "Allies"
    assert _title(SlideShapes(7, "item:x", [title()])) == "item:x"  # a title with no text body
    assert _title(SlideShapes(7, "item:x", [])) == "item:x"  # the person deleted the title
    assert _title(SlideShapes(7, None, [])) == ""


def _text_shape(*paras: str):
    body = "".join(f"<a:p>{p}</a:p>" for p in paras)
    return _xml(f"<p:sp><p:nvSpPr/><p:spPr/><p:txBody><a:bodyPr/>{body}</p:txBody></p:sp>")


def test_runs_in_two_typefaces_take_new_text_only_from_a_record_without_typefaces(blank_slide) -> None:
    from types import SimpleNamespace

    from briefgen.write.pptx.looks import LookContext
    from briefgen.write.pptx.merge import _restyle

    context = LookContext(blank_slide)
    two_faces = ('<a:r><a:rPr sz="4000"><a:latin typeface="Georgia"/></a:rPr><a:t>a </a:t></a:r>'
                 '<a:r><a:rPr sz="4000"/><a:t>b</a:t></a:r>')
    theirs = SimpleNamespace(element=_text_shape(two_faces), paras=("a b",))
    ours = SimpleNamespace(element=_text_shape("<a:r><a:t>old</a:t></a:r>"), paras=("New text",))
    assert not _restyle(copy.deepcopy(ours.element), theirs, ours, ({0}, set()), context)  # typefaces count
    assert not _restyle(copy.deepcopy(ours.element), theirs, ours, ({0}, set()), context, True)
    new = copy.deepcopy(ours.element)
    assert _restyle(new, theirs, ours, ({0}, set()), context, False)  # an earlier manifest: sizes alone count
    runs = new.findall(f"{qn('p:txBody')}/{qn('a:p')}/{qn('a:r')}")
    assert [(r.findtext(qn("a:t")), r.find(qn("a:rPr")).get("sz")) for r in runs] == [("New text", "4000")]
    assert runs[0].find(f"{qn('a:rPr')}/{qn('a:latin')}").get("typeface") == "Georgia"


def test_a_filled_cell_whose_bullet_font_name_has_a_space_takes_the_new_text(blank_slide) -> None:
    from types import SimpleNamespace

    from briefgen.write.pptx.looks import LookContext, cell_looks
    from briefgen.write.pptx.merge import _recell
    from briefgen.write.pptx.origins import shape_paragraphs

    context = LookContext(blank_slide)

    def shape(xml: str):
        el = _xml(xml)
        return SimpleNamespace(element=el, paras=shape_paragraphs(el), looks=cell_looks(el, context))

    # a bullet in Courier New, then a word in bold: two looks, which only our paragraph as a whole can carry
    para = ('<a:pPr><a:buFont typeface="Courier New"/><a:buChar char="o"/></a:pPr><a:r><a:t>UN </a:t></a:r>'
            '<a:r><a:rPr b="1"/><a:t>{}</a:t></a:r>')
    red = '<a:solidFill><a:srgbClr val="FF0000"/></a:solidFill>'
    base, ours = shape(_frame(_tc(para.format("bases")))), shape(_frame(_tc(para.format("bases across Japan"))))
    theirs = shape(_frame(_tc(para.format("bases"), fill=red)))
    assert " " in theirs.looks[0].split("\t")[1]  # the typeface is in the cell's text look
    new = copy.deepcopy(ours.element)
    assert _recell(new, theirs, ours, (theirs.looks, base.looks), context)
    assert shape_paragraphs(new) == ("UN bases across Japan",)
    assert new.find(f".//{qn('a:tcPr')}/{qn('a:solidFill')}") is not None  # the person's fill
    assert [r.get("b") for r in new.iter(qn("a:rPr"))] == ["1"]  # our runs as they are


def test_a_group_offset_without_x_or_y_moves_from_zero_and_a_shape_the_person_left_unplaced_stays() -> None:
    from briefgen.write.pptx.merge import _place

    group = _xml('<p:grpSp><p:nvGrpSpPr/><p:grpSpPr><a:xfrm><a:off/><a:ext cx="5" cy="9"/></a:xfrm></p:grpSpPr>'
                 "</p:grpSp>")
    _place(group, None, copy.deepcopy(group), [50, 70, 1, 1], [10, 20, 3, 3])
    off = group.find(f"{qn('p:grpSpPr')}/{qn('a:xfrm')}/{qn('a:off')}")
    assert (off.get("x"), off.get("y")) == ("40", "50")
    new = _xml('<p:sp><p:nvSpPr/><p:spPr><a:xfrm><a:off x="1" y="2"/></a:xfrm></p:spPr><p:txBody/></p:sp>')
    _place(new, None, _xml("<p:sp><p:nvSpPr/><p:txBody/></p:sp>"), [5, 0, 0, 0], [1, 0, 0, 0])
    assert [c.tag for c in new] == [qn("p:nvSpPr"), qn("p:spPr"), qn("p:txBody")]
    assert new.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}").attrib == {"x": "1", "y": "2"}


def _png(colour: str) -> io.BytesIO:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (4, 4), colour).save(buf, "PNG")
    buf.seek(0)
    return buf


def _picture_part(slide, picture):
    return slide.part.related_part(picture._element.blip_rId)


def test_a_slide_the_person_added_is_copied_with_its_own_pictures_name_and_notes() -> None:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from briefgen.write.pptx.merge import _copy_slide

    ours = Presentation()
    ours_slide = ours.slides.add_slide(ours.slide_layouts[6])
    for colour in ("red", "blue"):  # image1.png, image2.png
        ours_slide.shapes.add_picture(_png(colour), 0, 0)
    theirs = Presentation()
    added = theirs.slides.add_slide(theirs.slide_layouts[5])
    added.shapes.title.text = "Questions"
    picture = added.shapes.add_picture(_png("green"), Inches(1), Inches(2))
    picture.name = "Map [item:thr-x/picture]"  # pasted from a generated slide: its origin is not theirs to keep
    added.notes_slide.notes_text_frame.text = "Leave five minutes."
    sld = _copy_slide(ours, added)
    assert len(ours.slides) == 2 and sld.rId == ours.slides._sldIdLst[-1].rId
    copied = ours.slides[-1]
    assert copied.slide_layout.name == "Title Only" and copied.shapes.title.text == "Questions"
    pictures = [s for s in copied.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert [(p.name, p.left, p.top) for p in pictures] == [("Map", Inches(1), Inches(2))]
    part = _picture_part(copied, pictures[0])
    assert str(part.partname) == "/ppt/media/image3.png" and part.blob == _png("green").getvalue()
    assert part is not _picture_part(added, picture) and picture.name == "Map [item:thr-x/picture]"
    assert [str(_picture_part(ours_slide, p).partname) for p in ours_slide.shapes] == [
        "/ppt/media/image1.png", "/ppt/media/image2.png"]
    assert copied.notes_slide.notes_text_frame.text == "Leave five minutes."


def test_a_copied_slide_takes_its_layout_else_blank_else_the_last_and_no_notes_page_without_notes() -> None:
    from briefgen.write.pptx.elements import xml_of
    from briefgen.write.pptx.merge import _copy_slide

    theirs = Presentation()
    xml_of(theirs.slide_layouts[1]).cSld.set("name", "Two Maps")  # a layout of their own
    added = theirs.slides.add_slide(theirs.slide_layouts[1])
    added.shapes.title.text = "Maps"
    added.notes_slide.notes_text_frame.text = ""  # a notes page with nothing on it
    ours = Presentation()
    names = [layout.name for layout in ours.slide_layouts]
    assert names.index("Blank") not in (1, len(names) - 1, len(names) - 2)
    _copy_slide(ours, added)
    assert ours.slides[-1].slide_layout.name == "Blank" and not ours.slides[-1].has_notes_slide
    assert [s.text_frame.text for s in ours.slides[-1].shapes] == ["Maps", ""]  # its empty body too
    xml_of(ours.slide_layouts[names.index("Blank")]).cSld.set("name", "Empty")
    _copy_slide(ours, added)
    assert ours.slides[-1].slide_layout.name == names[-1]


def test_a_copied_part_keeps_its_relationship_ids_and_the_dots_and_capitals_of_its_name(blank_slide) -> None:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    from briefgen.write.pptx.elements import relate_under
    from briefgen.write.pptx.merge import _copy_part

    package = blank_slide.part.package
    chart = Part(PackURI("/ppt/charts/chart4.xml"), "application/x-test-chart", package, b'<c r:id="rId5"/>')
    sheets = [Part(PackURI(f"/ppt/embeddings/{name}"), "application/x-test", package, name.encode())
              for name in ("budget.2026.xlsx", "MATRIX4.bin", "MATRIX9.bin")]
    # ids with a gap, an id of another tool's making, two parts of one name stem
    for rid, sheet in zip(("rId5", "R8f2a", "rId2"), sheets):
        relate_under(chart, rid, f"http://example.org/{rid}", sheet)
    relate_under(chart, "rId3", "http://example.org/link", "https://example.org/x", is_external=True)
    blank_slide.part.relate_to(chart, "http://example.org/chart")
    copied = _copy_part(chart, package)
    assert str(copied.partname) == "/ppt/charts/chart1.xml" and copied.package is package
    rels = dict(copied.rels.items())
    assert sorted(rels) == ["R8f2a", "rId2", "rId3", "rId5"]
    assert {rid: (rel.reltype, rel.target_ref if rel.is_external else str(rel.target_part.partname))
            for rid, rel in rels.items()} == {
        "rId5": ("http://example.org/rId5", "/ppt/embeddings/budget.1.xlsx"),
        "R8f2a": ("http://example.org/R8f2a", "/ppt/embeddings/MATRIX1.bin"),
        "rId2": ("http://example.org/rId2", "/ppt/embeddings/MATRIX2.bin"),
        "rId3": ("http://example.org/link", "https://example.org/x")}
    assert [rels[rid].target_part.blob for rid in ("rId5", "R8f2a", "rId2")] == [
        b"budget.2026.xlsx", b"MATRIX4.bin", b"MATRIX9.bin"]


def test_links_the_person_made_to_other_slides_point_at_those_slides_in_the_merged_deck(decks, tmp_path):
    def link(prs):
        def box(slide, text: str, target) -> None:
            shape = slide.shapes.add_textbox(Inches(1), Inches(5), Inches(3), Inches(1))
            shape.text_frame.text = text
            shape.click_action.target_slide = target

        box(prs.slides[6], "See the warheads", prs.slides[8])
        box(prs.slides[6], "See Taiwan", prs.slides[7])
        added = prs.slides.add_slide(prs.slide_layouts[6])
        added.shapes.title.text = "Questions"
        box(added, "Back to the bottom line", prs.slides[1])
        ids = prs.slides._sldIdLst
        ids.remove(ids[7])  # then deleted the Taiwan slide

    merged, report, prs = _merged(decks, _edited(decks["base"], link), tmp_path)
    keys = [s.key for s in merged]
    boxes = {s.text_frame.text: s for slide in prs.slides for s in slide.shapes if s.name.startswith("TextBox")}
    assert (keys[1], keys[6], keys[7]) == ("bluf", "item:thr-dprk-missiles", "item:thr-dprk-nuclear")
    assert boxes["See the warheads"].click_action.target_slide.slide_id == prs.slides[7].slide_id
    assert boxes["Back to the bottom line"].click_action.target_slide.slide_id == prs.slides[1].slide_id
    assert boxes["See Taiwan"].click_action.hyperlink.address is None  # its slide is gone: the link, not the text
    assert boxes["See Taiwan"].click_action.target_slide is None
    with zipfile.ZipFile(tmp_path / "merged.pptx") as written:
        slides = [n for n in written.namelist() if n.startswith("ppt/slides/slide")]
    assert len(slides) == len(merged) and report.added_slides == 1 and report.deleted == ["item:thr-taiwan-force"]
    assert _audit(tmp_path / "merged.pptx") == []


def test_a_shape_put_on_a_slide_keeps_a_free_id_and_takes_the_next_free_one_when_its_id_is_taken() -> None:
    from briefgen.write.pptx.merge import _transplant

    source = Presentation()
    theirs = source.slides.add_slide(source.slide_layouts[6])
    taken = theirs.shapes.add_textbox(0, 0, Inches(1), Inches(1))
    free = theirs.shapes.add_textbox(0, Inches(1), Inches(1), Inches(1))
    free._element[0][0].set("id", "40")
    dest = Presentation()
    ours = dest.slides.add_slide(dest.slide_layouts[6])
    for n in range(2):
        ours.shapes.add_textbox(Inches(n), Inches(2), Inches(1), Inches(1))
    assert taken.shape_id in {s.shape_id for s in ours.shapes}
    moved = _transplant(taken._element, theirs, ours)
    assert moved[0][0].get("id") == str(max(s.shape_id for s in ours.shapes if s._element is not moved) + 1)
    kept = _transplant(free._element, theirs, ours)
    assert kept[0][0].get("id") == "40"
    ids = [s.shape_id for s in ours.shapes]
    assert len(ids) == len(set(ids)) == 4
