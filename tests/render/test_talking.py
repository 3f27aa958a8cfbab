"""Tests of briefgen.render.talking: chart talking points written from the view's data, and quotes with sources."""
from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.render.talking import chart_talking, quotes
from briefgen.resources import shipped_content
from briefgen.tailor.view import Section, ViewPoint
from tests.support.paths import FIXTURES

AUDIENCES = ("dovish", "hawkish", "neutral")


@pytest.fixture(scope="module")
def views():
    library = load_library(shipped_content()).library
    return {name: build_view(library, name) for name in AUDIENCES}


def _with_section(view, key, items):
    return replace(view, sections=tuple(Section(s.key, s.title, tuple(items)) if s.key == key else s
                                        for s in view.sections))


def test_threat_talking_points_name_the_highest_rated_and_the_lead_framing(views):
    view = views["dovish"]
    items = view.section("threats").items
    text = chart_talking(view, "threat_overview")
    ranked = sorted(items, key=lambda i: -i.attr("severity") * i.attr("likelihood"))[:3]
    assert text.startswith("Highest rated: " + "; ".join(
        f"{i.title} (severity {i.attr('severity')}/5, likelihood {i.attr('likelihood')}/5, {i.attr('trend')})"
        for i in ranked) + ".")
    lead = next(i for i in items if i.role == "lead")
    assert f" Why it matters here: {lead.title}: {lead.framing}" in text
    backup = sum(1 for i in view.backup if i.kind == "threats")
    assert text.endswith(f" {backup} more threats in backup.")


def test_each_room_hears_why_it_should_care_in_its_own_framing(views):
    texts = {name: chart_talking(v, "threat_overview") for name, v in views.items()}
    whys = {name: t.split("Why it matters here: ")[1] for name, t in texts.items()}
    assert len(set(whys.values())) == 3
    for name, text in texts.items():
        assert name not in text.lower() and views[name].audience_label not in text


def test_without_a_lead_item_the_first_item_says_why(views):
    view = views["neutral"]
    items = [replace(i, role="normal") for i in view.section("risks").items]
    text = chart_talking(_with_section(view, "risks", items), "risk_heatmap")
    assert f"Why it matters here: {items[0].title}: {items[0].framing}" in text
    assert text.startswith("Most serious: ")


def test_options_talking_points_name_the_recommended_and_a_better_balanced_option(views):
    view = views["hawkish"]
    items = view.section("options").items
    text = chart_talking(view, "options_map")
    chosen = [i for i in items if i.recommended]
    assert text.startswith("Recommended: " + chosen[0].title + " (deterrence ")
    best = max(items, key=lambda i: i.attr("deterrence_value") - i.attr("escalation_risk"))
    if best not in chosen:
        assert f"Best balance of deterrence against escalation risk on the map: {best.title}" in text
    unrecommended = [replace(i, recommended=False) for i in items]
    text = chart_talking(_with_section(view, "options", unrecommended), "options_map")
    assert text.startswith("No option is recommended.")


def test_capability_talking_points_count_by_status(views):
    view = views["neutral"]
    items = view.section("capabilities").items
    text = chart_talking(view, "capability_matrix")
    fielded = sum(1 for i in items if i.attr("status") == "fielded")
    assert text.startswith(f"{len(items)} capabilities on the slide: ")
    assert f"{fielded} fielded" in text


def test_an_empty_section_has_no_talking_points(views):
    view = _with_section(views["neutral"], "threats", ())
    assert chart_talking(view, "threat_overview") == ""


def test_quotes_carry_their_source_number_and_citation(views):
    view = views["neutral"]
    item = view.section("threats").items[0]
    item = replace(item, points=(ViewPoint("A fact.", "src-a", 2, "  Words as written. "),
                                 ViewPoint("No quote.", "src-a", 2),
                                 ViewPoint("Unsourced.", None, None, "Said somewhere.")))
    assert quotes(item, {2: "Author, \u201cTitle\u201d"}) == [
        "In the source's words: \u201cWords as written.\u201d ([2] Author, \u201cTitle\u201d)",
        "In the source's words: \u201cSaid somewhere.\u201d",
    ]
    assert quotes(replace(item, quote=2), {2: "Author, \u201cTitle\u201d"}) == [  # this room's first, then the rest
        "In the source's words: \u201cSaid somewhere.\u201d",
        "In the source's words: \u201cWords as written.\u201d ([2] Author, \u201cTitle\u201d)",
    ]


@pytest.fixture(scope="module")
def other_topic_views():
    library = load_library(FIXTURES / "library-other-topic").library
    return {name: build_view(library, name) for name in AUDIENCES}


def test_another_topic_library_hears_its_own_vocabulary(other_topic_views):
    dovish, hawkish = other_topic_views["dovish"], other_topic_views["hawkish"]
    threats = chart_talking(dovish, "threat_overview")
    assert threats.startswith("Highest rated: Dry-season flow cut by the new dam (gravity 5/5, likelihood 3/5, "
                              "rising); No shared river data (gravity 3/5, likelihood 4/5, steady).")
    assert threats.endswith(" 1 more danger in backup.")
    capabilities = chart_talking(hawkish, "capability_matrix")
    assert capabilities.startswith("4 capabilities on the slide: 2 operational, 1 on trial, 1 proposed.")
    options = chart_talking(hawkish, "options_map")
    assert options.startswith("Recommended: Trade terms tied to minimum flows (leverage 5/5, crisis risk 4/5); ")
    items = [replace(i, recommended=False) for i in hawkish.section("options").items]
    unrecommended = chart_talking(_with_section(hawkish, "options", items), "options_map")
    assert unrecommended.startswith("No measure is recommended. Best balance of leverage against crisis risk on the "
                                    "map: Drought-year flow plan (leverage 3/5, crisis risk 1/5).")
    texts = [threats, capabilities, options, unrecommended] + [
        chart_talking(v, k) for v in other_topic_views.values()
        for k in ("threat_overview", "capability_matrix", "options_map", "risk_heatmap")]
    for shipped_word in ("severity", "deterrence", "escalation risk", "threat", "option", "fielded",
                         "in development", "planned"):
        assert all(shipped_word not in t.lower() for t in texts), shipped_word
