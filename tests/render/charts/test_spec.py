"""Tests of briefgen.render.charts.spec, .specs and .alt: chart specs built from tailored views."""
from __future__ import annotations

import dataclasses
import json
import subprocess
import sys

import pytest

from briefgen.errors import BuildError
from briefgen.load.library import load_library
from briefgen.render.charts import ChartSpec, ChartTheme, chart_specs
from briefgen.render.charts.spec import ChartPoint
from briefgen.tailor.tailor import tailor
from briefgen.tailor.view import ChartHint, Section, ViewEvent
from tests.support.paths import FIXTURES

FIXTURE = FIXTURES / "charts-basic"
ALL_KINDS = ["timeline", "threat_overview", "capability_matrix", "options_map", "risk_heatmap"]


@pytest.fixture(scope="module")
def library():
    return load_library(FIXTURE).library


@pytest.fixture(scope="module")
def views(library):
    return {name: tailor(library, library.audiences[name]) for name in ("neutral", "hawkish", "dovish")}


def by_kind(view, **kw) -> dict[str, ChartSpec]:
    return {s.kind: s for s in chart_specs(view, **kw)}


def test_one_spec_per_hint_in_order(views):
    view = views["neutral"]
    assert [h.kind for h in view.charts] == ALL_KINDS
    assert [s.kind for s in chart_specs(view)] == ALL_KINDS
    reordered = dataclasses.replace(view, charts=tuple(reversed(view.charts)))
    assert [s.kind for s in chart_specs(reordered)] == list(reversed(ALL_KINDS))


def test_chart_with_no_data_is_skipped(views):
    view = views["neutral"]
    no_risks = dataclasses.replace(
        view,
        sections=tuple(Section(s.key, s.title, ()) if s.key == "risks" else s for s in view.sections),
        backup=tuple(i for i in view.backup if i.kind != "risks"))
    kinds = [s.kind for s in chart_specs(no_risks)]
    assert "risk_heatmap" not in kinds and len(kinds) == 4
    assert [s.kind for s in chart_specs(dataclasses.replace(view, events=()))] == ALL_KINDS[1:]


def test_specs_carry_main_and_backup_items(views, library):
    view = views["neutral"]
    opts = by_kind(view)["options_map"]
    assert {p.id for p in opts.points} == {o.id for o in library.options}
    roles = {p.id: p.role for p in opts.points}
    assert roles["opt-arms-control"] == "backup"  # emphasis 1 for neutral
    first = opts.points[0]
    option = next(o for o in library.options if o.id == first.id)
    assert (first.x, first.y) == (option.deterrence_value, option.escalation_risk)
    caps = by_kind(view)["capability_matrix"]
    assert caps.category("owner") == ("US", "Japan", "South Korea", "Trilateral")
    assert caps.category("status") == ("fielded", "in development", "planned")
    assert {p.x for p in caps.points} <= set(caps.category("owner"))


def test_titles_and_alt_text_never_name_the_audience(views):
    for view in views.values():
        for spec in chart_specs(view):
            for text in (spec.title, spec.alt_text):
                assert view.audience not in text.lower()
                assert view.audience_label.lower() not in text.lower()


def test_options_alt_text_states_extremes_and_highlights(views, library):
    spec = by_kind(views["hawkish"])["options_map"]
    alt = spec.alt_text
    assert alt.startswith("Scatter of 14 policy options by deterrence value (x, 1-5) against escalation risk (y, 1-5).")
    top = max(o.deterrence_value for o in library.options)
    assert f"({top})" in alt
    for o in library.options:
        if o.deterrence_value == top:
            assert o.title in alt.split("Lowest")[0]
    assert "Lowest escalation risk:" in alt and "Reassurance messaging to Beijing" in alt
    assert "Highlighted as recommended: " in alt
    for oid in views["hawkish"].recommended:
        assert library.item(oid).title in alt.split("Highlighted as recommended: ")[1]


def test_other_alt_texts_describe_their_data(views):
    specs = by_kind(views["neutral"])
    threats = specs["threat_overview"].alt_text
    assert "Highest score, 20: North Korean missile arsenal (severity 5, likelihood 4)." in threats
    assert "Lowest score, 6: Economic coercion against Seoul (severity 2, likelihood 3)." in threats
    assert "Highlighted: North Korean missile arsenal" in threats
    risks = specs["risk_heatmap"].alt_text
    assert "Highest: Security-dilemma spiral with China (likelihood 3, impact 5)" in risks
    assert "Outlined: Security-dilemma spiral with China" in risks
    caps = specs["capability_matrix"].alt_text
    assert "Grid of 13 capabilities" in caps and "7 fielded" in caps and "busiest domain: missile defense (4)" in caps
    timeline = specs["timeline"].alt_text
    assert timeline.startswith("Timeline of 12 events from c. Nov 2015 to Jan 2025")
    assert "c. 2017, Start of a protracted period" in timeline
    assert "4 approximate dates" in timeline


def test_alt_text_groups_ties_by_their_values():
    from briefgen.render.charts import alt

    points = [ChartPoint("a", "A", 3, 5), ChartPoint("b", "B", 5, 3), ChartPoint("c", "C", 3, 5),
              ChartPoint("d", "D", 1, 2, role="backup")]
    text = alt.risk_heatmap(points, ("b",))
    assert "Highest: A and C (likelihood 3, impact 5); B (likelihood 5, impact 3)." in text
    assert "Lowest: D (likelihood 1, impact 2)." in text
    assert "Outlined: B." in text and "Also in backup: D." in text


def test_highlight_follows_the_hint_and_changes_the_spec(views):
    hawk = by_kind(views["hawkish"])["options_map"]
    dove = by_kind(views["dovish"])["options_map"]
    assert hawk.highlight == views["hawkish"].chart("options_map").highlight == views["hawkish"].recommended
    assert hawk.highlight != dove.highlight
    assert {p.id for p in hawk.points} == {p.id for p in dove.points}  # same data, other emphasis
    assert hawk.key() != dove.key()
    assert hawk.is_highlighted(hawk.highlight[0]) and not hawk.is_highlighted(dove.highlight[0])


def test_highlight_ids_outside_the_data_are_dropped(views):
    view = views["neutral"]
    hinted = dataclasses.replace(view, charts=(ChartHint("risk_heatmap", ("no-such-risk", "risk-spiral")),))
    assert chart_specs(hinted)[0].highlight == ("risk-spiral",)


def test_timeline_keeps_the_twenty_most_recent_events(views):
    view = views["neutral"]
    events = tuple(ViewEvent(f"ev-{i:02d}", f"{2000 + i}-01-01", i % 3 == 0, f"Event {i}", None, "src", None)
                   for i in range(25))
    spec = by_kind(dataclasses.replace(view, events=events))["timeline"]
    assert [p.id for p in spec.points] == [f"ev-{i:02d}" for i in range(5, 25)]
    assert "(the 20 most recent of 25)" in spec.alt_text
    assert [p.approximate for p in spec.points] == [i % 3 == 0 for i in range(5, 25)]
    small = by_kind(dataclasses.replace(view, events=events), size=(6.5, 2.3))["timeline"]
    assert 5 <= len(small.points) < 20 and small.points[-1].id == "ev-24"  # a small chart labels fewer


def test_theme_and_size_pass_through(views):
    theme = ChartTheme(primary="112233", highlight="#AABBCC")
    spec = chart_specs(views["neutral"], theme=theme, size=(6.5, 3.5))[0]
    assert spec.theme.primary == "#112233" and spec.theme.highlight == "#aabbcc"
    assert spec.size == (6.5, 3.5) and spec.dpi == 150


def test_bad_theme_colour_is_a_build_error():
    with pytest.raises(BuildError, match="chart theme: accent: expected a colour as #rrggbb, got 'teal'"):
        ChartTheme(accent="teal")


def test_key_is_stable_and_sensitive(views):
    spec = by_kind(views["neutral"])["risk_heatmap"]
    again = by_kind(views["neutral"])["risk_heatmap"]
    assert spec == again and hash(spec) == hash(again) and len({spec, again}) == 1
    assert spec.key() == again.key() and len(spec.key()) == 64 and int(spec.key(), 16) >= 0
    assert dataclasses.replace(spec, theme=ChartTheme(grid="#000000")).key() != spec.key()
    assert dataclasses.replace(spec, size=(8, 4)).key() != spec.key()
    assert dataclasses.replace(spec, show_title=False).key() != spec.key()


def test_key_includes_library_versions(views, monkeypatch):
    import briefgen
    from briefgen.render.charts import spec as spec_module

    spec = by_kind(views["neutral"])["options_map"]
    before = spec.key()
    monkeypatch.setattr(briefgen, "__version__", "99.0")
    assert spec.key() != before
    monkeypatch.undo()
    monkeypatch.setattr(spec_module, "_matplotlib_version", lambda: "0.0.1")
    assert spec.key() != before


def test_json_round_trip(views):
    for spec in chart_specs(views["dovish"]):
        data = json.loads(spec.to_json())
        assert data["kind"] == spec.kind and data["theme"]["font"] == "Carlito"
        back = ChartSpec.from_dict(data)
        assert back == spec and back.key() == spec.key()


def test_non_numeric_values_are_build_errors(views):
    with pytest.raises(BuildError, match="chart options_map: opt-x: Deterrence value: expected a number, got 'high'"):
        ChartSpec(kind="options_map", title="t", alt_text="a", points=(ChartPoint("opt-x", "X", "high", 3),),
                  x_label="Deterrence value")
    with pytest.raises(BuildError, match="expected a number, got True"):
        ChartSpec(kind="risk_heatmap", title="t", alt_text="a", points=(ChartPoint("r", "R", True, 3),))
    view = views["neutral"]
    risks = view.section("risks")
    bad = dataclasses.replace(risks.items[0], attrs=(("likelihood", "high"), ("impact", 3)))
    broken = dataclasses.replace(view, sections=tuple(
        Section(s.key, s.title, (bad,) + s.items[1:]) if s.key == "risks" else s for s in view.sections))
    with pytest.raises(BuildError, match=r"chart: risks 'risk-spiral': likelihood: expected a number, got 'high'"):
        chart_specs(broken)


def test_bad_timeline_date_is_a_build_error():
    with pytest.raises(BuildError, match="chart timeline: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got 'soon'"):
        ChartSpec(kind="timeline", title="t", alt_text="a", points=(ChartPoint("e", "E", "soon"),))


def test_unknown_kind_and_bad_size_are_build_errors():
    with pytest.raises(BuildError, match="unknown kind 'pie'"):
        ChartSpec(kind="pie", title="t", alt_text="a")
    with pytest.raises(BuildError, match="size"):
        ChartSpec(kind="timeline", title="t", alt_text="a", size=(0, 4))


def test_importing_charts_does_not_import_matplotlib():
    code = (
        "import sys\n"
        "import briefgen.render.charts\n"
        "from briefgen.render.charts import chart_specs, chart_image, ChartSpec, ChartTheme\n"
        "from briefgen.load.library import load_library\n"
        "from briefgen.tailor.tailor import tailor\n"
        f"lib = load_library({str(FIXTURE)!r}).library\n"
        "specs = chart_specs(tailor(lib, lib.audiences['neutral']))\n"
        "[s.key() for s in specs]\n"
        "assert 'matplotlib' not in sys.modules, sorted(m for m in sys.modules if 'matplotlib' in m)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_library_on_another_topic_names_everything_in_its_own_words():
    lib = load_library(FIXTURES / "library-other-topic").library
    specs = {s.kind: s for s in chart_specs(tailor(lib, lib.audiences["neutral"]))}
    assert [specs[k].title for k in ("threat_overview", "capability_matrix", "options_map", "risk_heatmap")] == [
        "Dangers by gravity and likelihood", "Capabilities by owner and domain",
        "Policy measures: leverage gained against risk of a crisis", "Risks by likelihood and impact"]
    assert (specs["options_map"].x_label, specs["options_map"].y_label) == ("Leverage gained", "Risk of a crisis")
    matrix = specs["capability_matrix"]
    assert matrix.category("owner") == ("Country A", "Country B", "Alliance")
    assert matrix.category("domain") == ("water monitoring", "cyber", "engineering")
    assert matrix.category("status") == ("operational", "trial", "proposed")
    assert (matrix.label_of("trial"), matrix.label_of("cyber")) == ("On trial", "Cyber")
    assert (matrix.colour_of("Country A"), matrix.colour_of("Alliance")) == ("#2E7D32", None)
    assert specs["threat_overview"].alt_text.startswith("Horizontal bars of 3 dangers by gravity \u00d7 likelihood")
    assert "Gravity 5" not in specs["threat_overview"].alt_text and "(gravity 5, likelihood 3)" in \
        specs["threat_overview"].alt_text
    assert specs["options_map"].alt_text.startswith(
        "Scatter of 4 policy measures by leverage gained (x, 1-5) against risk of a crisis (y, 1-5). Highest leverage:")
    assert specs["capability_matrix"].alt_text.startswith("Grid of 4 capabilities by owner (Country A, Country B, "
                                                          "Alliance) and domain (water monitoring, cyber, engineering)")
    assert ChartSpec.from_dict(json.loads(matrix.to_json())) == matrix
