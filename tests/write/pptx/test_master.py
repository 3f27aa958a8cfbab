"""The shipped master and master checks: bad masters get exact, one-line errors, never a KeyError."""
from __future__ import annotations

import importlib.util
import io
import os
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation

from briefgen.errors import TemplateError, display_path
from briefgen.render.deck.model import LAYOUTS
from briefgen.resources import shipped_templates
from briefgen.write.pptx import master as master_mod
from briefgen.write.pptx.master import assign_roles, check_master, layout_boxes, theme_colors
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions
from tests.support.paths import REPO

SHIPPED = shipped_templates() / "pptx" / "default.pptx"
TOOL = REPO / "templates" / "tools" / "make_master.py"
EMU_IN = 914400


def _plain_master() -> Path:
    """python-pptx's own (4:3, Office-named layouts) default template."""
    import pptx

    return Path(pptx.__file__).parent / "templates" / "default.pptx"


def _where(path: Path) -> str:
    return display_path(path)


def test_shipped_master_is_16_9_with_the_eight_named_layouts():
    prs = Presentation(str(SHIPPED))
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert [layout.name for layout in prs.slide_layouts] == list(LAYOUTS)
    assert len(prs.slides) == 0
    assert check_master(SHIPPED) == []


def test_shipped_master_has_no_4_3_or_vendor_leftovers():
    with zipfile.ZipFile(SHIPPED) as z:
        names = set(z.namelist())
        app = z.read("docProps/app.xml").decode()
        core = z.read("docProps/core.xml").decode()
    assert not any("thumbnail" in n or "printerSettings" in n for n in names)
    assert "4:3" not in app and "Widescreen" in app
    assert "python-pptx" not in core and "Steve" not in core
    assert len([n for n in names if n.startswith("ppt/slideLayouts/slideLayout")]) == 8


def test_shipped_master_theme_palette_and_fonts():
    prs = Presentation(str(SHIPPED))
    colors = theme_colors(prs)
    assert colors["dk2"] == "14264A" and colors["accent3"] == "E3A21A"
    boxes = layout_boxes(prs, {}, LAYOUTS)
    assert boxes["Title and Content"]["body"].font == "Calibri"
    assert boxes["Title and Content"]["title"].levels[0].size == 28


def test_placeholders_stay_clear_of_the_banner_zones():
    prs = Presentation(str(SHIPPED))
    for layout in prs.slide_layouts:
        for ph in layout.placeholders:
            assert ph.top >= 0.3 * EMU_IN, (layout.name, ph.name)
            assert ph.top + ph.height <= 7.2 * EMU_IN, (layout.name, ph.name)
            assert ph.left >= 0 and ph.left + ph.width <= prs.slide_width


def test_roles_of_the_shipped_layouts():
    prs = Presentation(str(SHIPPED))
    roles = {layout.name: assign_roles(layout) for layout in prs.slide_layouts}
    assert roles["Two Content"]["body"].left < roles["Two Content"]["right"].left
    assert roles["Section Header"]["kicker"].idx == 13 and roles["Section Header"]["body"].idx == 1
    assert roles["Chart"]["chart"].idx == 13 and roles["Chart"]["caption"].idx == 14
    assert roles["Table"]["table"].idx == 13
    assert {"title", "subtitle", "body"} <= set(roles["Title Slide"])


def test_make_master_regenerates_the_same_bytes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_master", TOOL)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    first = tool.build(tmp_path / "a.pptx").read_bytes()
    second = tool.build(tmp_path / "b.pptx").read_bytes()
    assert first == second == SHIPPED.read_bytes()


# ------------------------------------------------------------------ bad masters
def test_not_a_zip(tmp_path):
    bad = tmp_path / "master.pptx"
    bad.write_text("not a presentation", encoding="utf-8")
    assert [str(p) for p in check_master(bad)] == [
        f"{_where(bad)}: master: expected a PowerPoint .pptx (a zip package), got a file that is not a zip"]


def test_missing_file(tmp_path):
    assert [str(p) for p in check_master(tmp_path / "nope.pptx")] == [
        f"{_where(tmp_path / 'nope.pptx')}: master: expected a .pptx file, got nothing (no such file)"]


def test_a_docx_renamed_pptx(tmp_path):
    import docx

    bad = tmp_path / "master.pptx"
    buf = io.BytesIO()
    docx.Document().save(buf)
    bad.write_bytes(buf.getvalue())
    assert [str(p) for p in check_master(bad)] == [
        f"{_where(bad)}: master: expected a PowerPoint .pptx, got a Word document (.docx) renamed .pptx"]


def test_a_zip_bomb_is_refused_from_the_directory_alone(tmp_path, monkeypatch):
    bad = tmp_path / "master.pptx"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/presentation.xml", b"\0" * (8 * 1024 * 1024))

    def no_open(*args, **kwargs):  # pragma: no cover - the check must not get this far
        raise AssertionError("python-pptx must not open a zip bomb")

    monkeypatch.setattr(master_mod, "_open", no_open)
    (problem,) = check_master(bad)
    assert str(problem).startswith(f"{_where(bad)}: master: ppt/presentation.xml expands ")
    assert str(problem).endswith(":1 (at most 100:1 accepted; refusing to open a possible zip bomb)")


def test_a_package_too_big_uncompressed_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(master_mod, "MAX_TOTAL_BYTES", 1024 * 1024)
    big = tmp_path / "master.pptx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_STORED) as z:
        z.writestr("ppt/media/image1.bin", os.urandom(2 * 1024 * 1024))
    (problem,) = check_master(big)
    assert str(problem) == (f"{_where(big)}: master: expected at most 1 MB uncompressed, got 2 MB "
                            f"(refusing to open a possible zip bomb)")


def test_missing_layouts_say_which_and_what_the_master_has(tmp_path):
    problems = [str(p) for p in check_master(_plain_master())]
    plain = _where(_plain_master())
    has = ("'Title Slide', 'Title and Content', 'Section Header', 'Two Content', 'Comparison', 'Title Only', "
           "'Blank', 'Content with Caption', 'Picture with Caption', 'Title and Vertical Text', "
           "'Vertical Title and Text'")
    assert problems == [
        f"{plain}: layout 'Chart': missing from the master; the master has: {has}; "
        f"map it in briefgen.yaml under layouts: {{Chart: <your layout>}}",
        f"{plain}: layout 'Table': missing from the master; the master has: {has}; "
        f"map it in briefgen.yaml under layouts: {{Table: <your layout>}}"]


def test_a_layouts_mapping_makes_a_foreign_master_usable():
    assert check_master(_plain_master(), {"Chart": "Title Only", "Table": "Content with Caption"}) == []
    problems = [str(p) for p in check_master(_plain_master(), {"Chart": "Graph Page"})]
    assert problems[0].startswith(f"{_where(_plain_master())}: layout 'Graph Page': missing from the master "
                                  f"(mapped from 'Chart'); the master has: 'Title Slide'")


def test_a_layout_without_its_body_placeholder(tmp_path):
    prs = Presentation(str(SHIPPED))
    layout = next(la for la in prs.slide_layouts if la.name == "Title and Content")
    for ph in list(layout.placeholders):
        if ph.placeholder_format.idx == 1:
            ph._element.getparent().remove(ph._element)
    bad = tmp_path / "master.pptx"
    prs.save(str(bad))
    assert [str(p) for p in check_master(bad)] == [
        f"{_where(bad)}: layout 'Title and Content': has no body (text or content) placeholder"]


@pytest.mark.parametrize("keep_subtitle", [True, False])
def test_a_title_slide_without_a_body_placeholder_keeps_its_lines(tmp_path, keep_subtitle):
    from briefgen.commands.plan import build_view
    from briefgen.load.library import load_library
    from briefgen.resources import shipped_content
    from briefgen.write.pptx.master import EMU_PER_PT

    prs = Presentation(str(SHIPPED))
    layout = next(la for la in prs.slide_layouts if la.name == "Title Slide")
    drop = ("body",) if keep_subtitle else ("body", "subTitle")
    for ph in list(layout.placeholders):
        kind = ph._element.find(f".//{{{master_mod._P}}}nvPr/{{{master_mod._P}}}ph").get("type", "obj")
        if kind in drop:
            ph._element.getparent().remove(ph._element)
    custom = tmp_path / "master.pptx"
    prs.save(str(custom))
    assert check_master(custom) == []
    role = assign_roles(next(la for la in Presentation(str(custom)).slide_layouts if la.name == "Title Slide"))
    assert role["body"].idx is None and role["body"].top > role["title"].top + role["title"].box.height - 1

    view = build_view(load_library(shipped_content()).library, "neutral")
    target = tmp_path / "deck.pptx"
    options = OutputOptions(template_dirs=(shipped_templates(),), master=custom, source_date_epoch=0)
    assert write_pptx(view, target, options) == []
    slide = Presentation(str(target)).slides[0]
    texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
    assert "23 November 2026" in "\n".join(texts) and view.organisation in "\n".join(texts)
    assert any(view.subtitle in t for t in texts)
    box = next(sh for sh in slide.shapes if sh.name == "Text [title/body]")
    assert box.top / EMU_PER_PT >= role["title"].top + role["title"].box.height
    assert box.top + box.height <= prs.slide_height


def test_a_build_on_a_bad_master_is_a_template_error_listing_every_problem(tmp_path):
    from briefgen.commands.plan import build_view
    from briefgen.load.library import load_library
    from briefgen.resources import shipped_content

    view = build_view(load_library(shipped_content()).library, "neutral")
    target = tmp_path / "out" / "deck.pptx"
    target.parent.mkdir()
    target.write_bytes(b"previous build")
    options = OutputOptions(template_dirs=(shipped_templates(),), master=_plain_master())
    with pytest.raises(TemplateError) as err:
        write_pptx(view, target, options)
    assert len(err.value.problems) == 2
    assert all("missing from the master" in line for line in err.value.lines())
    assert target.read_bytes() == b"previous build"
    bad = tmp_path / "bad.pptx"
    bad.write_text("junk", encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        write_pptx(view, target, OutputOptions(template_dirs=(shipped_templates(),), master=bad))
    assert err.value.lines() == [f"{_where(bad)}: master: expected a PowerPoint .pptx (a zip package), "
                                 f"got a file that is not a zip"]


def test_roles_are_worked_out_once_per_master_across_decks(monkeypatch):
    import hashlib

    from briefgen.write.pptx.master import RoleCache, find_layout

    calls = []

    def counting(layout):
        calls.append(layout.name)
        return assign_roles(layout)

    monkeypatch.setattr(master_mod, "assign_roles", counting)
    monkeypatch.setattr(master_mod, "_SHARED_ROLES", {})
    digest = hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    first = RoleCache(digest)(find_layout(Presentation(str(SHIPPED)), "Title and Content"))
    again = RoleCache(digest)(find_layout(Presentation(str(SHIPPED)), "Title and Content"))  # the next deck
    assert again is first and calls == ["Title and Content"]
    other = RoleCache("another master")(find_layout(Presentation(str(SHIPPED)), "Title and Content"))
    assert other == first and calls == ["Title and Content"] * 2  # a different master is worked out anew
    RoleCache()(find_layout(Presentation(str(SHIPPED)), "Title and Content"))  # no digest: nothing shared
    assert len(calls) == 3


def test_a_master_edited_between_decks_is_read_afresh(tmp_path):
    from briefgen.commands.plan import build_view
    from briefgen.load.library import load_library
    from briefgen.resources import shipped_content

    master = tmp_path / "master.pptx"
    master.write_bytes(SHIPPED.read_bytes())
    view = build_view(load_library(shipped_content()).library, "neutral")
    options = OutputOptions(template_dirs=(shipped_templates(),), master=master, chart_cache=tmp_path / "cache")
    write_pptx(view, tmp_path / "a.pptx", options)
    prs = Presentation(str(master))
    layout = next(lay for lay in prs.slide_layouts if lay.name == "Title and Content")
    body = next(ph for ph in layout.placeholders if ph.placeholder_format.idx == 1)
    body.width = body.width // 2  # a narrower body box: the next deck must fit its text to it
    prs.save(str(master))
    write_pptx(view, tmp_path / "b.pptx", options)
    before, after = (len(Presentation(str(tmp_path / name)).slides) for name in ("a.pptx", "b.pptx"))
    assert after > before  # text paginated against the narrower box: more continuation slides


def test_a_plain_office_master_with_large_type_builds_a_sensible_deck(tmp_path):
    # python-pptx's own 4:3 Office template: 44 pt titles and 32 pt body text, no Chart or Table layout.
    from briefgen.commands.plan import build_view
    from briefgen.load.library import load_library
    from briefgen.resources import shipped_content

    view = build_view(load_library(shipped_content()).library, "hawkish")
    options = OutputOptions(template_dirs=(shipped_templates(),), master=_plain_master(),
                            layouts=(("Chart", "Title Only"), ("Table", "Title Only")), shrink_to_fit=True,
                            chart_cache=tmp_path / "cache")
    warnings = write_pptx(view, tmp_path / "deck.pptx", options)
    slides = Presentation(str(tmp_path / "deck.pptx")).slides
    by_layout = [(s.slide_layout.name, s.shapes.title.text if s.shapes.title else "") for s in slides]
    assert [t for name, t in by_layout if name == "Title Slide"] == [view.title]  # one title slide, not continued
    assert not [t for name, t in by_layout if name == "Section Header" and "(cont." in t]
    titles = [t for _, t in by_layout]
    assert titles[1] == "Bottom line up front"
    shrunk = [str(w) for w in warnings if "text shrunk to" in str(w)]
    assert shrunk and all(int(w.split("shrunk to ")[1].split("%")[0]) >= 50 for w in shrunk)
    footer = [str(w) for w in warnings if str(w).startswith("warning: footer:")]
    assert len(footer) == len(set(footer))  # one warning per master layout, however many names map to it


def test_a_body_the_layout_puts_above_its_title_is_drawn_below_it_in_the_same_space():
    """The Office 4:3 Section Header has its text box (229-347 pt) above its title (347-454 pt)."""
    layout = Presentation().slide_layouts.get_by_name("Section Header")
    placed = {ph.placeholder_format.idx: (ph.top / 12700, ph.height / 12700) for ph in layout.placeholders}
    roles = assign_roles(layout)
    (body_top, body_h), (title_top, title_h) = placed[1], placed[0]
    assert body_top + body_h <= title_top  # as the layout has them
    assert roles["title"].top == body_top and roles["body"].top == body_top + title_h
    assert roles["body"].top + roles["body"].box.height == pytest.approx(title_top + title_h)


def test_a_title_slide_without_room_below_its_subtitle_gets_its_lines_above_the_title():
    prs = Presentation()  # the 4:3 Title Slide's subtitle reaches 444 pt of 540
    title_slide = prs.slide_layouts.get_by_name("Title Slide")
    for ph in list(title_slide.placeholders):
        if ph.placeholder_format.type is not None and ph.placeholder_format.idx in (10, 11, 12):
            ph.element.getparent().remove(ph.element)
    roles = assign_roles(title_slide)
    body, title = roles["body"], roles["title"]
    assert body.idx is None and body.top + body.box.height <= title.top
    assert body.top >= 20.0  # clear of the classification banner


def test_a_placeholder_too_small_for_a_line_is_an_error_naming_it(tmp_path):
    prs = Presentation(str(shipped_templates() / "pptx" / "default.pptx"))
    for ph in prs.slide_layouts.get_by_name("Chart").placeholders:
        if ph.placeholder_format.idx == 14:
            ph.height = 12 * 12700  # a caption 12 pt tall
    prs.save(str(tmp_path / "m.pptx"))
    assert [f"{p.field}: {p.message}" for p in check_master(tmp_path / "m.pptx")] == [
        "layout 'Chart': placeholder 'Caption Placeholder 3' is 874 x 12 pt; expected at least 36 x 18 pt: give it a "
        "size in the master's layout, or delete it"]
