"""Tests of briefgen.render.charts.for_view: one chart spec per chart hint, with the data each chart needs."""
from __future__ import annotations

import dataclasses

import pytest

from briefgen.errors import BuildError
from briefgen.load.schema import FrozenMap
from briefgen.load.library import load_library
from briefgen.render.charts.for_view import chart_specs
from briefgen.render.charts.spec import ChartTheme
from briefgen.tailor.tailor import tailor
from briefgen.tailor.view import BriefView, ChartHint, Section, ViewEvent, ViewItem
from tests.support.paths import FIXTURES


@pytest.fixture(scope="module")
def library():
    """The charts-basic fixture library."""
    return load_library(FIXTURES / "charts-basic").library


@pytest.fixture(scope="module")
def neutral(library) -> BriefView:
    """The neutral audience's view of charts-basic: every chart, items in main body and backup."""
    return tailor(library, library.audiences["neutral"])


def _only(view: BriefView, kind: str, highlight: tuple = ()) -> BriefView:
    return dataclasses.replace(view, charts=(ChartHint(kind, highlight),))


def _with_items(view: BriefView, kind: str, items: tuple) -> BriefView:
    """``view`` with ``items`` as the main body of section ``kind`` and none of that kind in backup."""
    return dataclasses.replace(
        view, sections=tuple(Section(s.key, s.title, items) if s.key == kind else s for s in view.sections),
        backup=tuple(i for i in view.backup if i.kind != kind))


@pytest.mark.parametrize("kind, title, x_label, y_label", [
    ("timeline", "Strategic context timeline", "Date", ""),
    ("threat_overview", "Threats by severity and likelihood", "Severity", "Likelihood"),
    ("capability_matrix", "Capabilities by owner and domain", "Owner", "Domain"),
    ("options_map", "Policy options: deterrence value against escalation risk", "Deterrence value", "Escalation risk"),
    ("risk_heatmap", "Risks by likelihood and impact", "Likelihood", "Impact")])
def test_each_chart_has_its_neutral_title_and_axis_labels(neutral, kind, title, x_label, y_label):
    (spec,) = chart_specs(_only(neutral, kind))
    assert (spec.kind, spec.title, spec.x_label, spec.y_label) == (kind, title, x_label, y_label)
    assert spec.size == (10.0, 4.8) and spec.theme == ChartTheme()


@pytest.mark.parametrize("chart, kind, x, y", [("threat_overview", "threats", "severity", "likelihood"),
                                               ("options_map", "options", "deterrence_value", "escalation_risk"),
                                               ("risk_heatmap", "risks", "likelihood", "impact")])
def test_scatter_points_are_the_main_items_then_the_backup_items_with_their_numbers(neutral, library, chart, kind,
                                                                                    x, y):
    (spec,) = chart_specs(_only(neutral, chart))
    main = [v.id for v in neutral.section(kind).items]
    backup = [v.id for v in neutral.backup if v.kind == kind]
    assert main and backup
    assert [p.id for p in spec.points] == main + backup
    assert [p.role for p in spec.points] == [v.role for v in neutral.section(kind).items] + ["backup"] * len(backup)
    items = {i.id: i for i in library.items(kind)}
    assert [(p.label, p.x, p.y, p.group) for p in spec.points] == [
        (items[i].title, getattr(items[i], x), getattr(items[i], y), "") for i in main + backup]


def test_capability_points_are_owner_domain_and_status(neutral, library):
    (spec,) = chart_specs(_only(neutral, "capability_matrix"))
    owners = {"US": "US", "JP": "Japan", "ROK": "South Korea", "trilateral": "Trilateral"}
    caps = {c.id: c for c in library.capabilities}
    assert [(p.id, p.x, p.y, p.group) for p in spec.points] == [
        (p.id, owners[caps[p.id].owner], caps[p.id].domain, caps[p.id].status) for p in spec.points]
    assert len(spec.points) == len(caps)
    assert spec.categories == (
        ("owner", ("US", "Japan", "South Korea", "Trilateral")),
        ("domain", ("command and control", "exercises", "maritime", "missile defense", "space and ISR", "strike")),
        ("status", ("fielded", "in development", "planned")))


def test_capability_values_outside_the_known_ones_are_added_after_them(neutral):
    first = neutral.section("capabilities").items[0]
    odd = dataclasses.replace(first, id="cap-odd", attrs=(("owner", "NATO"), ("domain", "Air"), ("status", "retired")))
    (spec,) = chart_specs(_only(_with_items(neutral, "capabilities", (first, odd)), "capability_matrix"))
    assert [(p.x, p.y, p.group) for p in spec.points][1] == ("NATO", "Air", "retired")
    assert dict(spec.categories) == {"owner": ("US", "Japan", "South Korea", "Trilateral", "NATO"),
                                     "domain": ("command and control", "Air"),  # declared first, then the rest
                                     "status": ("fielded", "in development", "planned", "retired")}


@pytest.mark.parametrize("size, shown", [((10.0, 4.8), 20), ((8.0, 4.5), 16), ((8.0, 2.25), 8), ((6.5, 2.3), 6),
                                         ((2.0, 2.0), 5), ((30.0, 9.0), 20)])
def test_a_timeline_labels_about_two_events_per_inch_of_width_fewer_when_short(neutral, size, shown):
    events = tuple(ViewEvent(f"ev-{i:02d}", f"{2000 + i}-01-01", False, f"Event {i}", None, "src", None)
                   for i in range(25))
    (spec,) = chart_specs(_only(dataclasses.replace(neutral, events=events), "timeline"), size=size)
    assert [p.id for p in spec.points] == [f"ev-{i:02d}" for i in range(25 - shown, 25)]
    assert spec.size == size


def test_highlights_are_the_hints_ids_that_are_in_the_chart_in_hint_order(neutral):
    (spec,) = chart_specs(_only(neutral, "options_map", ("opt-hotline", "opt-nowhere", "opt-planning")))
    assert spec.highlight == ("opt-hotline", "opt-planning")


def test_a_chart_without_data_is_left_out_and_the_others_keep_their_order(neutral):
    empty = _with_items(_with_items(neutral, "threats", ()), "options", ())
    assert [s.kind for s in chart_specs(dataclasses.replace(empty, events=()))] == [
        "capability_matrix", "risk_heatmap"]
    no_caps = _with_items(neutral, "capabilities", ())
    assert [s.kind for s in chart_specs(no_caps)] == ["timeline", "threat_overview", "options_map", "risk_heatmap"]


def test_an_unknown_chart_kind_is_a_build_error(neutral):
    with pytest.raises(BuildError) as exc:
        chart_specs(_only(neutral, "pie"))
    assert exc.value.lines() == ["chart: unknown kind 'pie'"]


@pytest.mark.parametrize("chart, kind, field", [("threat_overview", "threats", "likelihood"),
                                                ("options_map", "options", "escalation_risk"),
                                                ("risk_heatmap", "risks", "impact")])
def test_a_value_that_is_not_a_number_is_a_build_error_naming_item_and_field(neutral, chart, kind, field):
    item: ViewItem = neutral.section(kind).items[0]
    bad = dataclasses.replace(item, attrs=tuple((k, "high" if k == field else v) for k, v in item.attrs))
    with pytest.raises(BuildError) as exc:
        chart_specs(_only(_with_items(neutral, kind, (bad,)), chart))
    assert exc.value.lines() == [f"chart: {kind} {item.id!r}: {field}: expected a number, got 'high'"]


@pytest.mark.parametrize("chart, kind", [("threat_overview", "threats"), ("capability_matrix", "capabilities"),
                                         ("options_map", "options"), ("risk_heatmap", "risks")])
def test_every_item_chart_highlights_the_hints_ids(neutral, chart, kind):
    first = next(i.id for i in neutral.all_items() if i.kind == kind)
    (spec,) = chart_specs(_only(neutral, chart, (first, "nowhere")))
    assert spec.highlight == (first,)


def test_every_chart_is_drawn_in_the_theme_given(neutral):
    theme = ChartTheme(font="DejaVu Sans", accent="#123456")
    specs = chart_specs(neutral, theme=theme)
    assert len(specs) == 5 and all(s.theme is theme for s in specs)


def test_alt_text_names_an_option_in_the_librarys_words(neutral):
    rated = {"deterrence_value": 1, "escalation_risk": 5}  # none combines high value with low risk
    far = tuple(dataclasses.replace(i, attrs=tuple((k, rated.get(k, v)) for k, v in i.attrs))
                for i in neutral.section("options").items)
    v = _with_items(neutral, "options", far)
    named = dataclasses.replace(v.vocabulary.kind("options"), singular="course of action", plural="courses of action")
    words = dataclasses.replace(v.vocabulary, kinds=FrozenMap({**v.vocabulary.kinds, "options": named}))
    (spec,) = chart_specs(_only(dataclasses.replace(v, vocabulary=words), "options_map"))
    assert "No course of action combines high" in spec.alt_text
