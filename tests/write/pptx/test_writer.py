"""End to end: the shipped library written as three decks, opened again with python-pptx."""
from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.util import Emu

from briefgen.commands.plan import build_view
from briefgen.errors import BuildError, TemplateError
from briefgen.load.library import load_library
from briefgen.render.deck.fit import font_stand_in
from briefgen.render.deck.model import LAYOUTS
from briefgen.render.filters import longdate
from briefgen.resources import shipped_content, shipped_templates
from briefgen.write.pptx.draw import BANNER_HEIGHT_PT
from briefgen.write.pptx.writer import write_pptx
from briefgen.write.registry import OutputOptions
from tests.support.paths import FIXTURES, REPO

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
AUDIENCES = ("dovish", "hawkish", "neutral")
EPOCH = 1700000000
REPO = REPO


@pytest.fixture(scope="module")
def library():
    return load_library(shipped_content()).library


@pytest.fixture(scope="module")
def options(tmp_path_factory):
    cache = tmp_path_factory.mktemp("chart-cache")
    return OutputOptions(template_dirs=(shipped_templates(),), chart_cache=cache, source_date_epoch=EPOCH)


@pytest.fixture(scope="module")
def built(library, options, tmp_path_factory):
    out = tmp_path_factory.mktemp("decks")
    result = {}
    for name in AUDIENCES:
        view = build_view(library, name)
        target = out / name / "brief.pptx"
        warnings = write_pptx(view, target, options)
        result[name] = (view, target, warnings, Presentation(str(target)))
    return result


def _texts(slide) -> list[str]:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return out


def _title(slide) -> str:
    return slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""


def _base(title: str) -> str:
    return re.sub(r" \(cont\., \d+ of \d+\)$", "", title)


@pytest.mark.parametrize("name", AUDIENCES)
def test_writes_without_warnings(built, name):
    assert built[name][2] == []


@pytest.mark.parametrize("name", AUDIENCES)
def test_titles_in_the_audience_order(built, name):
    view, _, _, prs = built[name]
    titles = [_title(s) for s in prs.slides]
    assert titles[:3] == [view.title, "Bottom line up front", "Agenda"]
    assert _base(titles[-1]) == "Sources"
    bases = [_base(t) for t in titles]
    expected = [s.title for s in view.sections] + [i.title for s in view.sections for i in s.items]
    expected_order = [s.title for s in view.sections]
    assert [bases.index(t) for t in expected_order] == sorted(bases.index(t) for t in expected_order)
    for t in expected:
        assert t in bases
    kinds = list(dict.fromkeys(i.kind for i in view.backup))
    items = [i.title for s in view.sections for i in s.items] + [f"Backup: {KIND_NAMES[k]}" for k in kinds]
    firsts = [bases.index(t) for t in items]
    assert firsts == sorted(firsts)
    assert any(re.search(r" \(cont\., 2 of [23]\)$", t) for t in titles)


KIND_NAMES = {"threats": "Threats", "capabilities": "Capabilities", "options": "Options", "risks": "Risks"}
BEFORE = {"dovish": 86, "hawkish": 83, "neutral": 86}  # slides when every backup item had a slide of its own


@pytest.mark.parametrize("name", AUDIENCES)
def test_decks_stay_short(built, name):
    slides = len(built[name][3].slides)
    assert slides <= 45 and slides < BEFORE[name] * 0.6


@pytest.mark.parametrize("name", AUDIENCES)
def test_backup_is_a_compact_appendix_with_every_item_and_its_notes(built, name):
    view, _, _, prs = built[name]
    titles = [_title(s) for s in prs.slides]
    divider = titles.index("Backup")
    assert prs.slides[divider].slide_layout.name == "Section Header"
    backup = [(t, s) for t, s in zip(titles, prs.slides) if t.startswith("Backup: ")]
    kinds = list(dict.fromkeys(i.kind for i in view.backup))
    assert list(dict.fromkeys(_base(t) for t, _ in backup)) == [f"Backup: {KIND_NAMES[k]}" for k in kinds]
    assert all(titles.index(t) > divider for t, _ in backup)
    shown: dict[str, tuple] = {}
    for title, slide in backup:
        table = next(sh for sh in slide.shapes if sh.has_table).table
        assert [c.text for c in table.rows[0].cells][-1] == "So what"
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.strip()
        for row in list(table.rows)[1:]:
            cells = [c.text for c in row.cells]
            assert row.cells[0].text_frame.paragraphs[0].runs[0].font.bold
            shown[cells[0]] = (_base(title), cells, notes)
    for item in view.backup:
        assert item.title in shown, item.title  # every backup item is on some backup slide, by title
        title, cells, notes = shown[item.title]
        assert title == f"Backup: {KIND_NAMES[item.kind]}"
        assert cells[-1].startswith(item.framing)
        assert item.title in notes and item.framing in notes
        assert all(p.text in notes for p in item.points)  # the facts stay with the presenter
        if item.pushback:
            assert "Anticipated pushback:" in notes and all(p in notes for p in item.pushback)


@pytest.mark.parametrize("name", AUDIENCES)
def test_layouts_are_the_named_ones(built, name):
    used = {s.slide_layout.name for s in built[name][3].slides}
    assert used <= set(LAYOUTS)
    assert {"Title Slide", "Section Header", "Title and Content", "Two Content", "Chart", "Table"} <= used


@pytest.mark.parametrize("name", AUDIENCES)
def test_speaker_notes_on_every_slide(built, name):
    view, _, _, prs = built[name]
    for n, slide in enumerate(prs.slides, start=1):
        assert slide.has_notes_slide, n
        assert slide.notes_slide.notes_text_frame.text.strip(), n
    notes = {_title(s): s.notes_slide.notes_text_frame.text for s in prs.slides}
    assert notes[view.title].startswith(f"Delivery: {view.delivery}\n")
    item = view.sections[1].items[0]
    assert "Talking points:" in notes[item.title] and "Sources:" in notes[item.title]
    if item.pushback:
        assert "Anticipated pushback:" in notes[item.title]


def _all_notes(prs) -> list[tuple[str, str]]:
    return [(_title(s), s.notes_slide.notes_text_frame.text) for s in prs.slides]


@pytest.mark.parametrize("name", AUDIENCES)
def test_the_delivery_guidance_is_read_once_on_the_title_slide(built, name):
    view, _, _, prs = built[name]
    with_delivery = [title for title, text in _all_notes(prs) if view.delivery in text]
    assert with_delivery == [view.title]


@pytest.mark.parametrize("name", AUDIENCES)
def test_item_notes_do_not_repeat_the_slides_bold_line_and_quote_the_source(built, name):
    view, _, _, prs = built[name]
    notes = dict(_all_notes(prs))
    citations = {s.num: s.citation for s in view.sources}
    quoted = 0
    for section in view.sections:
        for item in section.items:
            text = notes[item.title]
            assert item.framing not in text, item.id  # the slide's lead line is on the slide
            assert f"Talking points: {item.summary}" in text
            for p in item.points:
                if p.quote:
                    quoted += 1
                    assert (f"In the source's words: \u201c{p.quote.strip()}\u201d ([{p.ref}] {citations[p.ref]})"
                            in text), item.id
    assert quoted  # the shipped library's quotes reach the notes


@pytest.mark.parametrize("name", AUDIENCES)
def test_timeline_notes_list_the_dated_events_on_the_slide(built, name):
    view, _, _, prs = built[name]
    slide = next(s for s in prs.slides if _title(s) == view.section("context").title)
    lines = slide.notes_slide.notes_text_frame.text.split("\n")
    chart = next(sh for sh in slide.shapes if sh.name.startswith("Chart"))
    shown = view.events[-20:]  # the shipped master's chart box labels the 20 latest
    assert lines[0] == (f"Talking points: the 20 events on this slide, oldest first "
                        f"({len(view.events) - 20} earlier events are not shown):")
    dated = [line for line in lines if line.startswith("- ")]
    assert dated == [f"- {longdate(e.date, e.approximate)}: {e.title} [{e.ref}]" for e in shown]
    descr = chart._element.find(f".//{{{P}}}cNvPr").get("descr")
    assert descr.startswith(f"Timeline of 20 events from ")  # the chart shows the events the notes list
    earliest = view.events[0]
    assert earliest.title not in "\n".join(lines)  # an event left off the slide is not in its notes


def test_on_a_master_with_a_smaller_chart_box_the_timeline_notes_follow_the_chart(library, tmp_path):
    """python-pptx's 4:3 master: its chart box labels fewer events, and the notes list those, not 20."""
    Presentation().save(str(tmp_path / "office.pptx"))
    options = OutputOptions(template_dirs=(shipped_templates(),), master=tmp_path / "office.pptx",
                            layouts=(("Chart", "Title Only"), ("Table", "Title Only")), shrink_to_fit=True,
                            source_date_epoch=EPOCH)
    view = build_view(library, "neutral")
    write_pptx(view, tmp_path / "deck.pptx", options)
    prs = Presentation(str(tmp_path / "deck.pptx"))
    slide = next(s for s in prs.slides if _title(s) == view.section("context").title)
    chart = next(sh for sh in slide.shapes if sh.name.startswith("Chart"))
    shown = int(re.match(r"Timeline of (\d+) events", chart._element.find(f".//{{{P}}}cNvPr").get("descr")).group(1))
    dated = [line for line in slide.notes_slide.notes_text_frame.text.split("\n") if line.startswith("- ")]
    assert shown < 20
    assert dated == [f"- {longdate(e.date, e.approximate)}: {e.title} [{e.ref}]" for e in view.events[-shown:]]


@pytest.mark.parametrize("name", AUDIENCES)
def test_chart_notes_are_written_from_the_data(built, name):
    view, _, _, prs = built[name]
    notes = dict(_all_notes(prs))
    threats = view.section("threats")
    text = notes[f"{threats.title} at a glance"]
    top = max(threats.items, key=lambda i: i.attr("severity") * i.attr("likelihood"))
    assert text.startswith(f"Talking points: Highest rated: {top.title} (severity {top.attr('severity')}/5, "
                           f"likelihood {top.attr('likelihood')}/5, {top.attr('trend')})")
    lead = next(i for i in threats.items if i.role == "lead")
    assert f"Why it matters here: {lead.title}: {lead.framing}" in text
    options = notes[f"{view.section('options').title} at a glance"]
    chosen = [i for i in view.section("options").items if i.recommended]
    assert options.startswith("Talking points: Recommended: " + "; ".join(
        f"{i.title} (deterrence {i.attr('deterrence_value')}/5, escalation risk {i.attr('escalation_risk')}/5)"
        for i in chosen) + ".")
    assert view.audience not in text and view.audience_label not in text


@pytest.mark.parametrize("name", AUDIENCES)
def test_the_package_is_consistent_slide_by_slide(built, name):
    """Slides, notes slides and shapes made by copying XML are linked and numbered as python-pptx would."""
    _, target, _, prs = built[name]
    names = zipfile.ZipFile(target).namelist()
    assert len(names) == len(set(names))
    notes_parts = sorted(n for n in names if n.startswith("ppt/notesSlides/notesSlide") and n.endswith(".xml"))
    assert notes_parts == sorted(f"ppt/notesSlides/notesSlide{n}.xml" for n in range(1, len(prs.slides) + 1))
    seen = set()
    for slide in prs.slides:
        notes = slide.notes_slide
        assert notes.part.part_related_by(RT.SLIDE) is slide.part  # each notes slide points back to its slide
        assert notes.part.partname not in seen
        seen.add(notes.part.partname)
        ids = [int(e.get("id")) for e in slide.shapes._spTree.iter() if e.tag.endswith("}cNvPr")]
        assert len(ids) == len(set(ids)), slide.slide_id  # shape ids unique within each slide


@pytest.mark.parametrize("name", AUDIENCES)
def test_every_chart_is_drawn_once_with_alt_text(built, name):
    view, _, _, prs = built[name]
    charts = [sh for s in prs.slides for sh in s.shapes if sh.name.startswith("Chart: ")]
    assert len(charts) == len(view.charts)
    for chart in charts:
        descr = chart._element.find(f".//{{{P}}}cNvPr").get("descr")
        assert descr and len(descr) > 20


@pytest.mark.parametrize("name", AUDIENCES)
def test_comparison_table_is_native_with_recommended_rows_marked(built, name):
    view, _, _, prs = built[name]
    slide = next(s for s in prs.slides if _title(s) == "Options compared")
    table = next(sh for sh in slide.shapes if sh.has_table).table
    header = [c.text for c in table.rows[0].cells]
    assert header == ["Option", "Deterrence value", "Escalation risk", "Cost", "Horizon"]
    options = view.section("options").items
    rows = [[c.text for c in r.cells] for r in list(table.rows)[1:]]
    assert [r[0].removeprefix("● ") for r in rows] == [o.title for o in options]
    for row, option in zip(rows, options):
        assert row[0].startswith("● ") == option.recommended
        assert row[1].endswith(f"({option.attr('deterrence_value')})")
        assert row[2].endswith(f"({option.attr('escalation_risk')})")
    marked_fill = {r: table.cell(r + 1, 0).fill.fore_color.theme_color for r in range(len(options))}
    rec = {marked_fill[i] for i, o in enumerate(options) if o.recommended}
    other = {marked_fill[i] for i, o in enumerate(options) if not o.recommended}
    assert len(rec) == 1 and not rec & other


@pytest.mark.parametrize("name", AUDIENCES)
def test_no_audience_name_or_label_on_any_slide(built, name):
    view, _, _, prs = built[name]
    for slide in prs.slides:
        for text in _texts(slide):
            assert view.audience_label not in text
            assert not re.search(rf"\b{re.escape(view.audience)}\b", text, re.I)


@pytest.mark.parametrize("name", AUDIENCES)
def test_classification_banners_top_and_bottom_of_every_slide(built, name):
    view, _, _, prs = built[name]
    height = Emu(int(BANNER_HEIGHT_PT * 12700))
    for slide in prs.slides:
        banners = [sh for sh in slide.shapes if sh.name.startswith("Classification Banner")]
        assert sorted(sh.top for sh in banners) == [0, prs.slide_height - height]
        assert all(sh.text_frame.text == view.classification and sh.width == prs.slide_width for sh in banners)


@pytest.mark.parametrize("name", AUDIENCES)
def test_document_properties(built, name):
    view, target, _, prs = built[name]
    cp = prs.core_properties
    assert cp.title == view.title and cp.subject == view.subject
    assert cp.revision == 1 and cp.created == cp.modified
    assert cp.created == datetime.datetime(2023, 11, 14, 22, 13, 20)  # SOURCE_DATE_EPOCH 1700000000
    for value in (cp.keywords, cp.comments, cp.category, cp.last_modified_by, cp.author):
        assert "python-pptx" not in (value or "")
    with zipfile.ZipFile(target) as z:
        custom = z.read("docProps/custom.xml").decode()
        types = z.read("[Content_Types].xml").decode()
        app = z.read("docProps/app.xml").decode()
    assert f'name="briefgen:audience"><vt:lpwstr>{view.audience}</vt:lpwstr>' in custom
    assert "/docProps/custom.xml" in types
    assert f"<Slides>{len(prs.slides)}</Slides>" in app


def test_decks_differ_in_order_and_framing_as_their_views_say(built):
    titles = {n: [_title(s) for s in built[n][3].slides] for n in AUDIENCES}
    assert titles["hawkish"] != titles["dovish"] != titles["neutral"]
    agendas = {n: [p.text for p in built[n][3].slides[2].shapes.placeholders[1].text_frame.paragraphs]
               for n in AUDIENCES}
    for n in AUDIENCES:
        assert agendas[n] == [s.title for s in built[n][0].sections]
    assert agendas["hawkish"] != agendas["dovish"]
    hv, dv = built["hawkish"][0], built["dovish"][0]
    shared = {i.id for s in hv.sections for i in s.items} & {i.id for s in dv.sections for i in s.items}
    assert shared
    framing = {}
    for n in ("hawkish", "dovish"):
        slides = {_title(s): s for s in built[n][3].slides}
        view = built[n][0]
        for item in (i for s in view.sections for i in s.items if i.id in shared):
            framing[(n, item.id)] = "\n".join(_texts(slides[item.title]))
    assert any(framing[("hawkish", i)] != framing[("dovish", i)] for i in shared)


def test_same_input_same_bytes(library, options, tmp_path):
    view = build_view(library, "hawkish")
    a, b = tmp_path / "a.pptx", tmp_path / "b.pptx"
    write_pptx(view, a, options)
    write_pptx(view, b, options)
    assert a.read_bytes() == b.read_bytes()


def test_refuses_to_overwrite_its_master(library, tmp_path):
    master = tmp_path / "master.pptx"
    shutil.copy(shipped_templates() / "pptx" / "default.pptx", master)
    before = master.read_bytes()
    opts = OutputOptions(template_dirs=(shipped_templates(),), master=master, inputs=(master,))
    with pytest.raises(BuildError):
        write_pptx(build_view(library, "neutral"), master, opts)
    assert master.read_bytes() == before


def test_cli_builds_a_deck(tmp_path):
    shutil.copytree(shipped_content(), tmp_path / "content",
                    ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH), "PYTHONPATH": str(REPO)}
    run = subprocess.run([sys.executable, "-m", "briefgen", "build", "--audience", "hawkish", "--format", "pptx"],
                         cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr
    decks = list((tmp_path / "out" / "hawkish").glob("*.pptx"))
    assert len(decks) == 1
    assert Presentation(str(decks[0])).slides[0].shapes.title.text_frame.text


def test_templates_check_and_export_commands(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "briefgen", *args], cwd=tmp_path, capture_output=True,
                              text=True, env=env, timeout=120)

    master = shipped_templates() / "pptx" / "default.pptx"
    ok = run("templates", "check", str(master))
    assert ok.returncode == 0, ok.stderr
    *notes, last = ok.stdout.splitlines()
    stand_in = font_stand_in("Calibri")
    shown = os.path.relpath(master, tmp_path)  # as messages show paths: from the working folder
    assert notes == [f"{shown}: slide size: 13.33 x 7.5 in (16:9)"] + ([] if stand_in is None else [
        f"{shown}: font: 'Calibri' is not installed here; text is measured with {stand_in}, which has the same "
        f"character widths"])
    assert re.fullmatch(re.escape(f"ok: {master} has every layout briefgen uses (Title Slide, Section Header, Title "
                                  f"and Content, Two Content, Chart, Table, Title Only, Blank) and every deck builds "
                                  f"cleanly on it (") + r"dovish: \d+ slides; hawkish: \d+ slides; neutral: \d+ slides\)",
                        last), last
    junk = tmp_path / "junk.pptx"
    junk.write_text("junk", encoding="utf-8")
    bad = run("templates", "check", "junk.pptx")
    assert bad.returncode == 3
    assert bad.stderr.strip() == "junk.pptx: master: expected a PowerPoint .pptx (a zip package), got a file " \
                                 "that is not a zip"
    first = run("templates", "export", "tpl")
    assert first.returncode == 0, first.stderr
    exported = ["diff/diff.html.j2", "memo/memo-one-page.md.j2", "memo/memo.html.j2", "memo/memo.md.j2",
                "memo/reference.docx",
                "pptx/deck.yaml.j2", "pptx/default.pptx", "preview/preview.html.j2"]
    assert first.stdout.splitlines() == [f"wrote tpl/{name}" for name in exported] + [
        "8 files; point briefgen.yaml's templates: at tpl to use them"]
    assert sorted(p.relative_to(tmp_path / "tpl").as_posix() for p in (tmp_path / "tpl").rglob("*")
                  if p.is_file()) == exported
    assert (tmp_path / "tpl" / "pptx" / "deck.yaml.j2").is_file()
    assert (tmp_path / "tpl" / "pptx" / "default.pptx").is_file()
    assert not (tmp_path / "tpl" / "tools").exists()
    before = {name: (tmp_path / "tpl" / name).read_bytes() for name in exported}
    (tmp_path / "tpl" / "pptx" / "deck.yaml.j2").write_text("mine", encoding="utf-8")
    again = run("templates", "export", "tpl")
    assert again.returncode == 1
    assert again.stderr.splitlines() == [
        f"tpl/{name}: already exists; refusing to overwrite (nothing was copied)" for name in exported] + ["8 errors"]
    assert (tmp_path / "tpl" / "pptx" / "deck.yaml.j2").read_text(encoding="utf-8") == "mine"
    assert {name: (tmp_path / "tpl" / name).read_bytes() for name in exported if name != "pptx/deck.yaml.j2"} == \
        {name: data for name, data in before.items() if name != "pptx/deck.yaml.j2"}


def test_a_chart_picture_label_no_font_can_draw_is_a_warning_of_the_deck(tmp_path: Path) -> None:
    from matplotlib import font_manager

    if any("CJK" in f.name or "Nanum" in f.name for f in font_manager.fontManager.ttflist):
        pytest.skip("a font with Hangul is installed here")
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid-minimal", content)
    threats = content / "threats.yaml"
    threats.write_text(threats.read_text(encoding="utf-8").replace("title: Missile arsenal",
                                                                   "title: Missile arsenal (킬체인)", 1),
                       encoding="utf-8")
    view = build_view(load_library(content).library, "neutral")
    options = OutputOptions(template_dirs=(shipped_templates(),), chart_cache=tmp_path / "cache",
                            deck_charts="picture")
    warnings = [str(w) for w in write_pptx(view, tmp_path / "deck.pptx", options)]
    assert [w for w in warnings if "no installed font" in w] == [
        "warning: chart threat_overview: no installed font has '인', '체', '킬': the chart shows them as boxes; "
        "install a font that does (e.g. Noto Sans CJK for Korean, Japanese or Chinese)"]


def test_a_layout_no_one_knows_is_blamed_on_the_template_line_that_names_it(library, tmp_path, monkeypatch) -> None:
    """Neither briefgen's, nor mapped, nor in the master: the template misspelt it, the master is not at fault."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates" / "pptx").mkdir(parents=True)
    (tmp_path / "templates" / "pptx" / "deck.yaml.j2").write_text(
        'slides:\n  - layout: "Title Slide"\n    title: {{ view.title | tojson }}\n'
        '{% for s in view.sections %}\n  - layout: "Titel Only"\n    title: {{ s.title | tojson }}\n{% endfor %}\n',
        encoding="utf-8")
    opts = OutputOptions(template_dirs=(tmp_path / "templates", shipped_templates()))
    with pytest.raises(TemplateError) as err:
        write_pptx(build_view(library, "neutral"), tmp_path / "deck.pptx", opts)
    assert err.value.lines() == [
        "templates/pptx/deck.yaml.j2:5:1: slides[1].layout: expected one of briefgen's layouts (Title Slide, "
        "Section Header, Title and Content, Two Content, Chart, Table, Title Only, Blank) or a layout of the master, "
        "got 'Titel Only' (did you mean 'Title Only'?)"]
    assert not (tmp_path / "deck.pptx").exists()


def test_a_layout_name_mapped_in_the_settings_may_be_used(library, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "templates" / "pptx").mkdir(parents=True)
    (tmp_path / "templates" / "pptx" / "deck.yaml.j2").write_text(
        'slides:\n  - layout: "Cover"\n    title: {{ view.title | tojson }}\n', encoding="utf-8")
    opts = OutputOptions(template_dirs=(tmp_path / "templates", shipped_templates()), layouts={"Cover": "Title Only"})
    write_pptx(build_view(library, "neutral"), tmp_path / "deck.pptx", opts)
    assert [s.slide_layout.name for s in Presentation(str(tmp_path / "deck.pptx")).slides] == ["Title Only"]
