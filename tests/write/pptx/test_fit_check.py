"""The deck's "fit" rule: decks edited with python-pptx so that text runs out of its box, and the exact line
``briefgen check`` prints; text that fits (after autofit, or in a box that grows) is not reported."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Callable

import pytest
from lxml import etree
from pptx import Presentation
from pptx.enum.text import MSO_AUTO_SIZE
from pptx.util import Inches, Pt

from briefgen.write.pptx.check import check_pptx
from tests.support.shipped_outputs import shipped_outputs

TITLE_AND_CONTENT, TITLE_ONLY = 1, 5
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
LONG = ("The alliance's extended deterrence commitments were reaffirmed at Camp David, with a new trilateral "
        "hotline, annual exercises and a shared early-warning data link for North Korean missile launches.")


def deck_with(tmp_path: Path, draw: Callable) -> Path:
    """A titled one-slide deck (Title Only unless ``draw`` adds slides) plus what ``draw(prs, slide)`` adds."""
    prs = Presentation()
    prs.core_properties.title, prs.core_properties.language = "Fit", "en-US"
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = "Fit"
    draw(prs, slide)
    target = tmp_path / "deck.pptx"
    prs.save(target)
    return target


def fit_lines(path: Path) -> list[str]:
    return [str(f) for f in check_pptx(path, "deck.pptx") if f.rule == "fit"]


def text_box(slide, width: float, height: float, text: str, size: float, *, wrap: bool = True,
             name: str = "Note"):
    """A text box that neither grows nor shrinks its text (PowerPoint's "Do not Autofit")."""
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(width), Inches(height))
    box.name = name
    tf = box.text_frame
    tf.word_wrap = wrap
    tf.auto_size = MSO_AUTO_SIZE.NONE
    run = tf.paragraphs[0].add_run()
    run.text, run.font.size = text, Pt(size)
    return box


def test_a_long_paragraph_in_a_small_box(tmp_path: Path) -> None:
    path = deck_with(tmp_path, lambda prs, slide: text_box(slide, 3, 0.8, LONG, 14))
    assert fit_lines(path) == [
        'deck.pptx: slide 1: fit: "Note": its text needs 118 pt of height and the box has 50 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def test_a_font_that_is_not_installed_is_named(tmp_path: Path) -> None:
    def draw(prs, slide):
        box = text_box(slide, 3, 0.8, LONG, 14)
        box.text_frame.paragraphs[0].runs[0].font.name = "Briefgen Missing Sans"

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Note": its text needs 134 pt of height and the box has 50 pt ("The '
        "alliance's extended deterrence comm…\") (measured with DejaVu Sans: Briefgen Missing Sans and its "
        "metric-compatible twins are not installed); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def test_the_same_paragraph_in_a_box_tall_enough_passes(tmp_path: Path) -> None:
    path = deck_with(tmp_path, lambda prs, slide: text_box(slide, 3, 1.8, LONG, 14))
    assert fit_lines(path) == []


def test_a_line_that_does_not_wrap_runs_past_its_box(tmp_path: Path) -> None:
    path = deck_with(tmp_path, lambda prs, slide: text_box(slide, 2, 0.5, "Trilateral hotline opened", 18,
                                                           wrap=False, name="Label"))
    assert fit_lines(path) == [
        'deck.pptx: slide 1: fit: "Label": "Trilateral hotline opened" is 180 pt wide and its box has 130 pt '
        "(wrapping is off); shorten it, widen the box or turn on Wrap text in shape"]


def test_too_many_bullets_for_the_masters_body_placeholder(tmp_path: Path) -> None:
    # Sizes, margins and spacing come from the master's body style (python-pptx's default: 32 pt, then 28 pt).
    def draw(prs, slide):
        body = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
        body.shapes.title.text = "Bullets"
        tf = body.placeholders[1].text_frame
        tf.text = "First point"
        for n in range(2, 11):
            p = tf.add_paragraph()
            p.text, p.level = f"Point {n}", n % 2

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 2: fit: "Content Placeholder 2": its text needs 438 pt of height and the box has 349 pt '
        '("First point"); shorten the text, enlarge the box or move some of it to another slide']


def test_text_autofit_has_shrunk_is_measured_at_its_shrunk_size(tmp_path: Path) -> None:
    def draw(prs, slide, scale: str | None):
        box = text_box(slide, 3, 0.8, LONG, 14)
        body_pr = box.text_frame._txBody.find(f"{_A}bodyPr")
        for child in list(body_pr):
            body_pr.remove(child)
        if scale:
            etree.SubElement(body_pr, f"{_A}normAutofit", fontScale=scale, lnSpcReduction="10000")

    shrunk = deck_with(tmp_path, lambda prs, slide: draw(prs, slide, "40000"))
    assert fit_lines(shrunk) == []
    (tmp_path / "unshrunk").mkdir()
    unshrunk = deck_with(tmp_path / "unshrunk", lambda prs, slide: draw(prs, slide, "90000"))
    assert fit_lines(unshrunk) == [
        'deck.pptx: slide 1: fit: "Note": its text needs 82 pt of height and the box has 50 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def test_a_box_that_grows_with_its_text_is_not_reported(tmp_path: Path) -> None:
    def draw(prs, slide):
        box = text_box(slide, 3, 0.8, LONG, 14)
        box.text_frame.auto_size = MSO_AUTO_SIZE.SHAPE_TO_FIT_TEXT

    assert fit_lines(deck_with(tmp_path, draw)) == []


def test_text_in_a_group_is_measured_in_the_groups_scale(tmp_path: Path) -> None:
    # A group drawn at half the size of its children's extent: a box 4 in wide holds 2 in of text.
    def draw(prs, slide):
        group = slide.shapes.add_group_shape()
        group.name = "Callout"
        text_box(group, 4, 1.6, LONG, 14, name="Callout text")
        xfrm = group._element.grpSpPr.find(f"{_A}xfrm")
        ext = xfrm.find(f"{_A}ext")
        ext.set("cx", str(int(ext.get("cx")) // 2))
        ext.set("cy", str(int(ext.get("cy")) // 2))
        group._element.nvGrpSpPr.cNvPr.set("descr", "A callout")

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Callout text": its text needs 185 pt of height and the box has 50 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def test_a_shipped_deck_edited_by_hand_to_overfill_a_box(shipped_decks: Path, tmp_path: Path) -> None:
    edited = tmp_path / "edited.pptx"
    shutil.copy(shipped_outputs(shipped_decks, "pptx")[0], edited)
    prs = Presentation(str(edited))
    subtitle = prs.slides[0].placeholders[1]
    subtitle.text_frame.text = LONG
    subtitle.text_frame.add_paragraph().text = LONG
    prs.save(str(edited))
    assert [str(f) for f in check_pptx(edited, "edited.pptx") if f.rule == "fit"] == [
        'edited.pptx: slide 1: fit: "Subtitle 2 [title/subtitle]": its text needs 144 pt of height and the box has 76 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def test_the_shipped_decks_fit(shipped_decks: Path) -> None:
    for path in shipped_outputs(shipped_decks, "pptx"):
        assert [str(f) for f in check_pptx(path, path.name) if f.rule == "fit"] == []


def test_every_missing_font_of_a_line_is_named_and_a_line_of_forty_characters_is_shown_whole(tmp_path: Path) -> None:
    words = ("Trilateral hotline opened ", "at Camp David!")  # 26 + 14 = 40 characters
    assert len("".join(words)) == 40

    def draw(prs, slide):
        box = text_box(slide, 2, 0.5, words[0], 18, wrap=False, name="Label")
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = words[1], Pt(18)
        box.text_frame.paragraphs[0].runs[0].font.name = "Briefgen Missing Serif"
        run.font.name = "Briefgen Missing Sans"

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Label": "Trilateral hotline opened at Camp David!" is 366 pt wide and its box '
        "has 130 pt (wrapping is off) (measured with DejaVu Sans: Briefgen Missing Sans, Briefgen Missing Serif and "
        "its metric-compatible twins are not installed); shorten it, widen the box or turn on Wrap text in shape"]


def _indented_lines(slide, indent_pt: float, lines: tuple[str, str]):
    """A box 2 in wide (130 pt inside), wrapping off, one 18 pt paragraph indented ``indent_pt`` on its first
    line, its two ``lines`` split by a line break."""
    box = text_box(slide, 2, 1.5, lines[0], 18, wrap=False, name="Label")
    para = box.text_frame.paragraphs[0]
    para._p.get_or_add_pPr().set("indent", str(round(indent_pt * 12700)))
    para.add_line_break()
    run = para.add_run()
    run.text, run.font.size = lines[1], Pt(18)


def test_a_first_line_indent_widens_the_first_line_of_text_that_does_not_wrap(tmp_path: Path) -> None:
    # "Trilateral" is 64 pt: 72 pt further in it ends at 136 pt, past the 130 pt the box has.
    path = deck_with(tmp_path, lambda prs, slide: _indented_lines(slide, 72, ("Trilateral", "hotline opened")))
    assert fit_lines(path) == [
        'deck.pptx: slide 1: fit: "Label": "Trilateral" is 136 pt wide and its box has 130 pt (wrapping is off); '
        "shorten it, widen the box or turn on Wrap text in shape"]


def test_lines_after_a_line_break_start_at_the_margin_not_the_first_line_indent(tmp_path: Path) -> None:
    # "Trilateral hotline" (120 pt) fits the 130 pt box from the margin; 40 pt further in it would not.
    path = deck_with(tmp_path, lambda prs, slide: _indented_lines(slide, 40, ("Camp", "Trilateral hotline")))
    assert fit_lines(path) == []


def test_the_line_after_a_line_break_is_measured_and_named_on_its_own(tmp_path: Path) -> None:
    # "Camp" fits; "Trilateral hotline opened" (180 pt) does not, from the margin.
    path = deck_with(tmp_path, lambda prs, slide: _indented_lines(slide, 0, ("Camp", "Trilateral hotline opened")))
    assert fit_lines(path) == [
        'deck.pptx: slide 1: fit: "Label": "Trilateral hotline opened" is 180 pt wide and its box has 130 pt '
        "(wrapping is off); shorten it, widen the box or turn on Wrap text in shape"]


def test_a_bold_line_that_does_not_wrap_is_measured_bold(tmp_path: Path) -> None:
    def draw(prs, slide):
        box = text_box(slide, 2, 0.5, "Trilateral hotline opened", 18, wrap=False, name="Label")
        box.text_frame.paragraphs[0].runs[0].font.bold = True

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Label": "Trilateral hotline opened" is 184 pt wide and its box has 130 pt '
        "(wrapping is off); shorten it, widen the box or turn on Wrap text in shape"]


def _drop(tag: str):
    """An edit of a group's ``a:xfrm`` that removes its child ``tag`` (the whole transform for "xfrm")."""
    def edit(xfrm):
        target = xfrm if tag == "xfrm" else xfrm.find(f"{_A}{tag}")
        target.getparent().remove(target)
    return edit


def _zero(attr: str):
    """An edit of a group's ``a:xfrm`` that gives its children's extent no width ("cx") or height ("cy")."""
    return lambda xfrm: xfrm.find(f"{_A}chExt").set(attr, "0")


def _unset(attr: str):
    """An edit of a group's ``a:xfrm`` whose children's extent loses its ``attr`` ("cx" or "cy")."""
    return lambda xfrm: xfrm.find(f"{_A}chExt").attrib.pop(attr)


@pytest.mark.parametrize("edit", [_drop("xfrm"), _drop("chExt"), _drop("ext"), _zero("cx"), _zero("cy"),
                                  _unset("cx"), _unset("cy")],
                         ids=["no transform", "no child extent", "no extent", "no child width", "no child height",
                              "child width unset", "child height unset"])
def test_text_in_a_group_whose_scale_is_unknown_is_measured_at_its_own_size(tmp_path: Path, edit) -> None:
    def draw(prs, slide):
        group = slide.shapes.add_group_shape()
        text_box(group, 3, 0.8, LONG, 14, name="Loose text")
        edit(group._element.grpSpPr.find(f"{_A}xfrm"))
        group._element.nvGrpSpPr.cNvPr.set("descr", "A loose group")

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Loose text": its text needs 118 pt of height and the box has 50 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def test_text_in_a_group_inside_a_group_is_measured_in_both_groups_scales(tmp_path: Path) -> None:
    # The outer group halves its children's width only: the inner group's 4 in box is 2 in wide, 1.6 in tall.
    def draw(prs, slide):
        outer = slide.shapes.add_group_shape()
        inner = outer.shapes.add_group_shape()
        text_box(inner, 4, 1.6, LONG, 14, name="Nested text")
        for group in (inner, outer):
            group._element.nvGrpSpPr.cNvPr.set("descr", "A callout")
        ext = outer._element.grpSpPr.find(f"{_A}xfrm").find(f"{_A}ext")
        ext.set("cx", str(int(ext.get("cx")) // 2))

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Nested text": its text needs 185 pt of height and the box has 108 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def test_a_groups_child_extent_of_one_emu_is_a_real_extent(tmp_path: Path) -> None:
    # The group's children are laid out in a space 1 EMU square that the group stretches to 3 in by 0.8 in: the
    # child 1 EMU square is measured as a box of 3 in by 0.8 in, as the same text box on the slide would be.
    def draw(prs, slide):
        group = slide.shapes.add_group_shape()
        box = text_box(group, 3, 0.8, LONG, 14, name="Tiny child")
        for xfrm, (off, ext) in ((box._element.spPr.find(f"{_A}xfrm"), ("off", "ext")),
                                 (group._element.grpSpPr.find(f"{_A}xfrm"), ("chOff", "chExt"))):
            xfrm.find(f"{_A}{off}").attrib.update({"x": "0", "y": "0"})
            xfrm.find(f"{_A}{ext}").attrib.update({"cx": "1", "cy": "1"})
        group._element.grpSpPr.find(f"{_A}xfrm").find(f"{_A}ext").attrib.update({"cx": str(Inches(3)),
                                                                                  "cy": str(Inches(0.8))})
        group._element.nvGrpSpPr.cNvPr.set("descr", "A callout")

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Tiny child": its text needs 118 pt of height and the box has 50 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]


@pytest.mark.parametrize("named", [True, False], ids=["+mj-lt in the title style", "no font named"])
def test_a_title_is_measured_in_the_themes_heading_font(tmp_path: Path, named: bool) -> None:
    # The theme's heading font is not installed (its body font, Calibri, is): the title is measured with the
    # stand-in, and the message names the heading font, whether the master's title style names the heading font
    # ("+mj-lt") or names no font at all.
    def draw(prs, slide):
        _missing_heading_font(prs, named)
        slide.shapes.title.text = LONG

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Title 1": its text needs 422 pt of height and the box has 83 pt ("The '
        "alliance's extended deterrence comm…\") (measured with DejaVu Sans: Briefgen Missing Serif and its "
        "metric-compatible twins are not installed); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def _missing_heading_font(prs, named: bool = True) -> None:
    """Make the theme's heading font one that is not installed; unless ``named``, the master's title style names
    no font (so a title falls back to the theme's heading font)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    part = prs.slide_master.part.part_related_by(RT.THEME)
    head, tail = part.blob.decode("utf-8").split("<a:majorFont>")
    part._blob = (head + "<a:majorFont>" + tail.replace('<a:latin typeface="Calibri"/>',
                                                         '<a:latin typeface="Briefgen Missing Serif"/>', 1)).encode()
    if not named:
        style = prs.slide_master._element.find(f"{_P}txStyles/{_P}titleStyle/{_A}lvl1pPr/{_A}defRPr")
        style.remove(style.find(f"{_A}latin"))


def test_an_empty_paragraph_of_a_title_takes_its_line_in_the_heading_font(tmp_path: Path) -> None:
    # The title's text is set in Calibri (installed: 370 pt alone); its empty second paragraph (a 44 pt line more)
    # names no font, so it is drawn, and measured, in the theme's heading font, which is not installed: the
    # message says so.
    def draw(prs, slide):
        _missing_heading_font(prs, named=False)
        tf = slide.shapes.title.text_frame
        tf.text = LONG
        tf.paragraphs[0].runs[0].font.name = "Calibri"
        tf.add_paragraph()

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Title 1": its text needs 422 pt of height and the box has 83 pt ("The '
        "alliance's extended deterrence comm…\") (measured with DejaVu Sans: Briefgen Missing Serif and its "
        "metric-compatible twins are not installed); shorten the text, enlarge the box or move some of it to "
        "another slide"]


@pytest.mark.parametrize(("bold_words", "need"), [(10, 67), (16, 84)], ids=["40% bold", "59% bold"])
def test_a_wrapping_paragraph_is_wrapped_in_the_weight_most_of_its_letters_have(tmp_path: Path, bold_words: int,
                                                                                 need: int) -> None:
    # In a box 4.5 in wide, LONG at 14 pt wraps to 4 lines set regular and to 5 set bold. Its first
    # ``bold_words`` words are bold: 40% of its letters (wrapped regular), or 59% (wrapped bold).
    words = LONG.split(" ")

    def draw(prs, slide):
        box = text_box(slide, 4.5, 0.3, " ".join(words[:bold_words]) + " ", 14)
        box.text_frame.paragraphs[0].runs[0].font.bold = True
        run = box.text_frame.paragraphs[0].add_run()
        run.text, run.font.size = " ".join(words[bold_words:]), Pt(14)

    assert fit_lines(deck_with(tmp_path, draw)) == [
        f'deck.pptx: slide 1: fit: "Note": its text needs {need} pt of height and the box has 14 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]


def test_bold_written_as_true_is_bold(tmp_path: Path) -> None:
    # b="true" (as other writers than python-pptx spell it) measures as wide as b="1" (184 pt, not 180).
    def draw(prs, slide):
        box = text_box(slide, 2, 0.5, "Trilateral hotline opened", 18, wrap=False, name="Label")
        box.text_frame.paragraphs[0].runs[0]._r.get_or_add_rPr().set("b", "true")

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Label": "Trilateral hotline opened" is 184 pt wide and its box has 130 pt '
        "(wrapping is off); shorten it, widen the box or turn on Wrap text in shape"]


@pytest.mark.parametrize("vert", ["vert", "vert270", "eaVert", "horz"])
def test_vertical_text_is_not_measured(tmp_path: Path, vert: str) -> None:
    def draw(prs, slide):
        box = text_box(slide, 3, 0.8, LONG, 14)
        box.text_frame._txBody.find(f"{_A}bodyPr").set("vert", vert)

    expected = [] if vert != "horz" else [
        'deck.pptx: slide 1: fit: "Note": its text needs 118 pt of height and the box has 50 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]
    assert fit_lines(deck_with(tmp_path, draw)) == expected


def test_space_after_counts_between_paragraphs_not_after_the_last(tmp_path: Path) -> None:
    # Three 14 pt lines (16.8 pt each) and 12 pt after each: 3 x 16.8 + 2 x 12 = 74 pt; the last one's space
    # after is not counted.
    def draw(prs, slide):
        box = text_box(slide, 3, 0.8, "One", 14)
        for text in ("Two", "Three"):
            run = box.text_frame.add_paragraph().add_run()
            run.text, run.font.size = text, Pt(14)
        for para in box.text_frame.paragraphs:
            para.space_after = Pt(12)

    assert fit_lines(deck_with(tmp_path, draw)) == [
        'deck.pptx: slide 1: fit: "Note": its text needs 74 pt of height and the box has 50 pt ("One"); shorten the '
        "text, enlarge the box or move some of it to another slide"]


def test_a_box_whose_runs_are_all_empty_is_not_measured(tmp_path: Path) -> None:
    # A box too small for any line, holding only runs with no text (<a:t/>): nothing to fit.
    def draw(prs, slide):
        box = text_box(slide, 0.2, 0.1, "", 40)
        box.text_frame.add_paragraph().add_run().text = ""

    assert fit_lines(deck_with(tmp_path, draw)) == []


def test_text_whose_size_is_set_nowhere_is_measured_at_18_pt(tmp_path: Path) -> None:
    # No size on the run, in the master's other-text style or in the presentation's default text style: 18 pt,
    # as PowerPoint draws it (the same as the run set to 18 pt).
    def draw(prs, slide, size_nowhere: bool):
        box = text_box(slide, 3, 0.8, LONG, 18)
        if size_nowhere:
            del box.text_frame.paragraphs[0].runs[0]._r.rPr.attrib["sz"]
            for root in (prs.part._element, prs.slide_master._element):
                for props in root.iter(f"{_A}defRPr"):
                    props.attrib.pop("sz", None)

    (tmp_path / "set").mkdir()
    assert fit_lines(deck_with(tmp_path, lambda prs, slide: draw(prs, slide, True))) == fit_lines(
        deck_with(tmp_path / "set", lambda prs, slide: draw(prs, slide, False))) == [
        'deck.pptx: slide 1: fit: "Note": its text needs 194 pt of height and the box has 50 pt ("The '
        "alliance's extended deterrence comm…\"); shorten the text, enlarge the box or move some of it to "
        "another slide"]
