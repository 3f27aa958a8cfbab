"""Tests of briefgen.render.talking: chart talking points written from the view's data, and quotes with sources."""
from __future__ import annotations

from dataclasses import replace

import pytest

from briefgen.commands.plan import build_view
from briefgen.load.library import load_library
from briefgen.render.talking import chart_talking, quotes
from briefgen.resources import shipped_content
from briefgen.tailor.view import Section, ViewItem, ViewPoint
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


def _item(kind: str, title: str, role: str = "normal", recommended: bool = False, **attrs) -> ViewItem:
    """An item of ``kind`` whose framing is its title's, with the rated fields given."""
    return ViewItem(id=title.lower(), kind=kind, title=title, summary=f"{title} in short.", framing=f"{title} matters.",
                    emphasis=2, role=role, points=(), attrs=tuple(attrs.items()), refs=(), pushback=(),
                    recommended=recommended)


def _view(base, key: str, items: list, backup: list):
    return replace(_with_section(base, key, items), backup=tuple(backup))


def test_threat_talking_points_in_full_with_the_lead_after_others(views):
    items = [_item("threats", "Aa", severity=2, likelihood=2, trend="steady"),
             _item("threats", "Bb", "lead", severity=5, likelihood=4, trend="rising"),
             _item("threats", "Cc", severity=4, likelihood=4, trend="rising"),
             _item("threats", "Dd", severity=3, likelihood=5, trend="rising"),
             _item("threats", "Ee", severity=1, likelihood=1, trend="falling")]
    backup = [_item("threats", "Ff"), _item("risks", "Gg"), _item("threats", "Hh")]
    view = _view(views["neutral"], "threats", items, backup)
    assert chart_talking(view, "threat_overview") == (
        "Highest rated: Bb (severity 5/5, likelihood 4/5, rising); Cc (severity 4/5, likelihood 4/5, rising); "
        "Dd (severity 3/5, likelihood 5/5, rising). Rising: Bb, Cc and Dd. Why it matters here: Bb: Bb matters. "
        "2 more threats in backup.")
    one_rising = [replace(i, attrs=tuple((k, "steady" if k == "trend" else v) for k, v in i.attrs)) for i in items[:2]]
    view = _view(views["neutral"], "threats", one_rising + items[2:3], [])
    assert chart_talking(view, "threat_overview") == (
        "Highest rated: Bb (severity 5/5, likelihood 4/5, steady); Cc (severity 4/5, likelihood 4/5, rising); "
        "Aa (severity 2/5, likelihood 2/5, steady). Rising: Cc. Why it matters here: Bb: Bb matters.")
    view = _view(views["neutral"], "threats", one_rising, [])
    assert chart_talking(view, "threat_overview") == (
        "Highest rated: Bb (severity 5/5, likelihood 4/5, steady); Aa (severity 2/5, likelihood 2/5, steady). "
        "Why it matters here: Bb: Bb matters.")


def test_risks_are_ranked_by_likelihood_times_impact(views):
    items = [_item("risks", "Aa", likelihood=5, impact=1), _item("risks", "Bb", likelihood=2, impact=4),
             _item("risks", "Cc", likelihood=3, impact=3), _item("risks", "Dd", "lead", likelihood=1, impact=5)]
    view = _view(views["neutral"], "risks", items, [_item("risks", "Ee"), _item("threats", "Ff")])
    assert chart_talking(view, "risk_heatmap") == (
        "Most serious: Cc (likelihood 3/5, impact 3/5); Bb (likelihood 2/5, impact 4/5); Aa (likelihood 5/5, "
        "impact 1/5). Why it matters here: Dd: Dd matters. 1 more risk in backup.")


def test_one_capability_is_counted_in_the_singular(views):
    items = [_item("capabilities", "Aa", status="fielded")]
    backup = [_item("capabilities", "Bb"), _item("options", "Cc"), _item("capabilities", "Dd"),
              _item("capabilities", "Ee")]
    view = _view(views["neutral"], "capabilities", items, backup)
    assert chart_talking(view, "capability_matrix") == (
        "1 capability on the slide: 1 fielded. Why it matters here: Aa: Aa matters. 3 more capabilities in backup.")
    items += [_item("capabilities", "Ff", status="planned"), _item("capabilities", "Gg", "lead", status="fielded")]
    view = _view(views["neutral"], "capabilities", items, [])
    assert chart_talking(view, "capability_matrix") == (
        "3 capabilities on the slide: 2 fielded, 1 planned. Why it matters here: Gg: Gg matters.")


def test_options_name_their_backup(views):
    items = [_item("options", "Aa", recommended=True, deterrence_value=3, escalation_risk=2),
             _item("options", "Bb", deterrence_value=5, escalation_risk=1)]
    view = _view(views["neutral"], "options", items, [_item("options", "Cc"), _item("risks", "Dd")])
    assert chart_talking(view, "options_map") == (
        "Recommended: Aa (deterrence 3/5, escalation risk 2/5). Best balance of deterrence against escalation risk "
        "on the map: Bb (deterrence 5/5, escalation risk 1/5). Why it matters here: Aa: Aa matters. 1 more option "
        "in backup.")
