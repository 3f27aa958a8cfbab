"""The deck model and its template: one template, audience differences only from the BriefView."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from pptx import Presentation

from briefgen.commands.plan import build_view
from briefgen.errors import BriefgenError, TemplateError
from briefgen.load.library import load_library
from briefgen.load.schema import Context
from briefgen.load.yamlsource import parse_text
from briefgen.render.deck.fit import measurer_for
from briefgen.render.deck.model import LAYOUTS, Bullet, deck_from_node
from briefgen.render.deck.paginate import paginate
from briefgen.render.deck.render import DECK_TEMPLATE, render_deck
from briefgen.resources import shipped_content, shipped_templates
from briefgen.tailor.tailor import tailor
from briefgen.write.pptx.master import layout_boxes
from tests.support.generated_library import libraries

AUDIENCES = ("dovish", "hawkish", "neutral")


@pytest.fixture(scope="module")
def library():
    result = load_library(shipped_content())
    assert sorted(result.library.audiences) == list(AUDIENCES)
    return result.library


@pytest.fixture(scope="module")
def decks(library):
    out = {}
    for name in AUDIENCES:
        view = build_view(library, name)
        out[name] = (view, render_deck(view, [shipped_templates()]).deck)
    return out


def _write_template(tmp_path, text: str):
    (tmp_path / "pptx").mkdir()
    (tmp_path / "pptx" / "deck.yaml.j2").write_text(text, encoding="utf-8")
    return [tmp_path, shipped_templates()]


def test_deck_from_yaml_with_defaults():
    node = parse_text('slides:\n  - layout: "Table"\n    title: "T"\n    table:\n      columns: ["A", "B"]\n'
                      '      rows: [["1", "2"]]\n      marked: [0]\n    body:\n      - {text: "x", refs: [3, 5]}\n',
                      "<test>")
    ctx = Context()
    deck = deck_from_node(node, ctx)
    assert ctx.problems == []
    slide = deck.slides[0]
    assert slide.layout == "Table" and slide.notes == () and slide.chart is None
    assert slide.table.column_fractions() == (0.5, 0.5)
    assert slide.body[0] == Bullet(text="x", refs=(3, 5), loc=slide.body[0].loc)
    assert slide.body[0].display() == "x [3, 5]"


def test_table_row_notes_must_match_the_rows():
    node = parse_text('slides:\n  - layout: "Table"\n    table:\n      columns: ["A"]\n      rows: [["1"], ["2"]]\n'
                      '      row_titles: true\n      notes: [["one"]]\n', "<test>")
    ctx = Context()
    assert deck_from_node(node, ctx) is None
    assert [str(p) for p in ctx.problems] == [
        "<test>:4:7: slides[0].table.notes: expected 2 entries (one per row), got 1"]


def test_table_rows_must_match_the_columns():
    node = parse_text('slides:\n  - layout: "Table"\n    table:\n      columns: ["A", "B"]\n      rows: [["1"]]\n',
                      "<test>")
    ctx = Context()
    assert deck_from_node(node, ctx) is None
    assert [str(p) for p in ctx.problems] == [
        "<test>:4:7: slides[0].table.rows[0]: expected 2 cells (one per column), got 1"]


def test_a_misspelt_key_points_at_the_template_line(library, tmp_path):
    dirs = _write_template(tmp_path, 'slides:\n  - layout: "Title Slide"\n    title: {{ view.title | tojson }}\n'
                                     '  - layout: "Title and Content"\n    titel: "Agenda"\n')
    with pytest.raises(TemplateError) as err:
        render_deck(build_view(library, "neutral"), dirs)
    (line,) = err.value.lines()
    assert re.match(r".*deck\.yaml\.j2:5:1: slides\[1\]\.titel: unknown field \(did you mean 'title'\?\) "
                    r"\(rendered line 5: titel: \"Agenda\"\)$", line), line


def test_a_yaml_error_in_the_output_points_at_the_template_line_that_wrote_it(library, tmp_path):
    view = build_view(library, "neutral")
    dirs = _write_template(tmp_path, 'slides:\n  - layout: "Title Slide"\n\n    title: {{ view.title }}: x\n')
    with pytest.raises(TemplateError) as err:
        render_deck(view, dirs)
    (line,) = err.value.lines()
    assert "deck.yaml.j2:4:1: YAML syntax error" in line and "rendered line 4" in line


def test_an_undefined_variable_is_a_template_error_with_its_line(library, tmp_path):
    view = build_view(library, "neutral")
    dirs = _write_template(tmp_path, 'slides:\n  - layout: "Title Slide"\n    title: {{ view.no_such_field }}\n')
    with pytest.raises(TemplateError) as err:
        render_deck(view, dirs)
    assert re.search(r"deck\.yaml\.j2:3:1: template: undefined: .*no_such_field", err.value.lines()[0])


def test_the_shipped_template_never_branches_on_the_audience():
    text = (shipped_templates() / DECK_TEMPLATE).read_text(encoding="utf-8")
    assert not re.search(r"view\.audience", text)
    assert not re.search(r"hawkish|dovish|neutral", text)


@pytest.mark.parametrize("name", AUDIENCES)
def test_deck_structure_follows_the_view(decks, name):
    view, deck = decks[name]
    titles = [s.title for s in deck.slides]
    assert titles[:3] == [view.title, "Bottom line up front", "Agenda"]
    assert [b.text for b in deck.slides[2].body] == [s.title for s in view.sections]
    assert titles[-1] == "Sources"
    assert {s.layout for s in deck.slides} <= set(LAYOUTS)
    # Sections appear in the audience's order, each under its own title.
    positions = [titles.index(s.title) for s in view.sections]
    assert positions == sorted(positions)
    # Main items in section order, each on its own slide; then one compact backup table per kind.
    items = [i.title for s in view.sections for i in s.items]
    item_positions = [titles.index(t) for t in items]
    assert item_positions == sorted(item_positions)
    backup = [t for t in titles if t and t.startswith("Backup: ")]
    kinds = list(dict.fromkeys(i.kind for i in view.backup))
    assert backup == [f"Backup: {KIND_NAMES[k]}" for k in kinds]
    assert titles.index(backup[0]) > max(item_positions)
    assert all(s.notes for s in deck.slides)


KIND_NAMES = {"threats": "Threats", "capabilities": "Capabilities", "options": "Options", "risks": "Risks"}


@pytest.mark.parametrize("name", AUDIENCES)
def test_backup_items_are_rows_with_their_facts_and_pushback_in_the_notes(decks, name):
    view, deck = decks[name]
    tables = {s.title.removeprefix("Backup: "): s.table for s in deck.slides
              if s.title and s.title.startswith("Backup: ")}
    for kind in dict.fromkeys(i.kind for i in view.backup):
        items = [i for i in view.backup if i.kind == kind]
        table = tables[KIND_NAMES[kind]]
        assert table.row_titles and table.columns[-1] == "So what"
        assert [r[0] for r in table.rows] == [i.title for i in items]
        assert len(table.notes) == len(items)
        for item, row, notes in zip(items, table.rows, table.notes):
            assert row[-1].startswith(item.framing)
            text = "\n".join(notes)
            assert item.title in notes[0] and item.framing in text and item.summary in text
            assert all(p.text in text for p in item.points)
            if item.pushback:
                assert "Anticipated pushback:" in text and all(p in text for p in item.pushback)
            assert ("Sources:" in text) == bool(item.refs)


@pytest.mark.parametrize("name", AUDIENCES)
def test_risk_warning_signs_are_one_table_and_in_each_risk_s_notes(decks, name):
    view, deck = decks[name]
    risks = [r for r in view.section("risks").items if r.attr("indicators")]
    table = next(s.table for s in deck.slides if s.title == "Warning signs")
    assert [r[0] for r in table.rows] == [r.title for r in risks]
    by_title = {s.title: s for s in deck.slides}
    for risk, row in zip(risks, table.rows):
        for indicator in risk.attr("indicators"):
            assert indicator in row[1]
            assert indicator in "\n".join(by_title[risk.title].notes)


@pytest.mark.parametrize("name", AUDIENCES)
def test_item_slides_lead_with_the_framing_and_cite_the_facts(decks, name):
    view, deck = decks[name]
    by_title = {s.title: s for s in deck.slides}
    for section in view.sections:
        for item in section.items:
            slide = by_title[item.title]
            leads = [b.text for b in slide.body if b.style == "lead"]
            assert leads == [item.framing]
            facts = [b for b in slide.body if b.style == "bullet" and b.level == 0]
            assert [(b.text, b.refs) for b in facts][:len(item.points)] == \
                [(p.text, (p.ref,) if p.ref else ()) for p in item.points]
            notes = "\n".join(slide.notes)
            assert item.framing not in notes and item.summary in notes  # the lead line is on the slide, once
            assert "Sources:" in notes
            if item.pushback:
                assert "Anticipated pushback:" in notes
                assert all(p in notes for p in item.pushback)
    assert [n for n, slide in enumerate(deck.slides) if any(view.delivery in p for p in slide.notes)] == [0]


def test_audiences_differ_in_order_and_framing_but_not_in_facts(decks):
    (hv, hawk), (dv, dove) = decks["hawkish"], decks["dovish"]
    assert [s.title for s in hv.sections] != [s.title for s in dv.sections]
    agenda = {name: [b.text for b in deck.slides[2].body] for name, (_, deck) in decks.items()}
    assert agenda["hawkish"] != agenda["dovish"]
    hawk_slides = {s.title: s for s in hawk.slides}
    dove_slides = {s.title: s for s in dove.slides}
    shared = [t for t in hawk_slides if t in dove_slides and hawk_slides[t].layout == "Title and Content"
              and any(b.style == "lead" for b in hawk_slides[t].body)]
    assert shared
    differing = 0
    for t in shared:
        h, d = hawk_slides[t], dove_slides[t]
        assert [b.text for b in h.body if b.style == "bullet" and b.level == 0][:2] == \
            [b.text for b in d.body if b.style == "bullet" and b.level == 0][:2]
        differing += [b.text for b in h.body if b.style == "lead"] != [b.text for b in d.body if b.style == "lead"]
    assert differing > 0


@pytest.mark.parametrize("name", AUDIENCES)
def test_no_audience_name_or_label_on_any_slide(decks, name):
    view, deck = decks[name]
    for s in deck.slides:
        texts = [s.title, s.subtitle, s.kicker, s.caption] + [b.text for b in s.body + s.right]
        if s.table:
            texts += list(s.table.columns) + [c for row in s.table.rows for c in row]
        for t in filter(None, texts):
            assert view.audience_label not in t
            assert not re.search(rf"\b{re.escape(view.audience)}\b", t, re.I)


@pytest.mark.parametrize("name", AUDIENCES)
def test_comparison_table_marks_the_recommended_options(decks, name):
    view, deck = decks[name]
    table = next(s.table for s in deck.slides if s.title == "Options compared")
    options = view.section("options").items
    assert table.columns == ("Option", "Deterrence value", "Escalation risk", "Cost", "Horizon")
    assert [r[0].removeprefix("● ") for r in table.rows] == [o.title for o in options]
    assert [options[i].id for i in table.marked] == [o.id for o in options if o.recommended]
    assert all(r[0].startswith("● ") == o.recommended for r, o in zip(table.rows, options))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(libraries())
def test_any_valid_library_renders_and_paginates_or_says_why(lib):
    measure, _ = measurer_for("Calibri")
    boxes = layout_boxes(Presentation(str(shipped_templates() / "pptx" / "default.pptx")), {}, LAYOUTS)
    for name, profile in lib.audiences.items():
        view = tailor(lib, profile)
        try:
            deck = render_deck(view, [shipped_templates()]).deck
            deck, _ = paginate(deck, boxes, lambda family: measure, shrink=True)
        except BriefgenError:
            continue
        for s in deck.slides:
            texts = [s.title, s.subtitle, s.kicker, s.caption] + [b.text for b in s.body + s.right]
            assert not any(t and view.audience_label in t for t in texts)
            assert s.notes
