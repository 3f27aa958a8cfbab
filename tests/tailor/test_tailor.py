"""Tests of briefgen.tailor.tailor.

Property-based tests over generated libraries and profiles (tests/support/generated_library.py)
check the guarantees every variant must keep; example tests check the shipped
library and a user's own audience (tests/fixtures/custom-audience); golden
snapshots pin the three shipped BriefViews.  Regenerate the snapshots with:

    python -m pytest tests/test_tailor.py --accept
"""
from __future__ import annotations

import dataclasses
import difflib
import hashlib
import os
import pickle
import re
import shutil
from pathlib import Path
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.commands.listing import list_rows
from briefgen.load.library import load_library
from briefgen.project import load_project
from briefgen.load.model import KINDS, SECTIONS, AudienceProfile, Item, Library
from briefgen.tailor.tailor import emphasis_of, released, tailor
from briefgen.tailor.view import BriefView, ViewItem
from tests.support.generated_library import (briefings_for, expected_emphasis, expected_score, in_focus, inherited,
                                             libraries)
from tests.support.paths import TESTS
from tests.support.shipped_outputs import LIBRARIES, library_content

TESTS = TESTS
CONTENT = TESTS.parent / "content"
GOLDEN = TESTS / "golden"
CUSTOM = TESTS / "fixtures" / "custom-audience"
SHIPPED_AUDIENCES = ("dovish", "hawkish", "neutral")
PRESENTER_ONLY = ("audience", "audience_label", "delivery")  # BriefView fields; ViewItem.pushback too

# Examples per property: 60, or BRIEFGEN_PROPERTY_EXAMPLES (bench/mutation.py sets fewer: each surviving mutant
# runs every property test once).
PROPS = settings(max_examples=int(os.environ.get("BRIEFGEN_PROPERTY_EXAMPLES", "60")), deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def all_views(lib: Library) -> dict[str, BriefView]:
    """Every audience's view of ``lib``."""
    return {name: tailor(lib, prof) for name, prof in lib.audiences.items()}


def facing_strings(view: BriefView) -> Iterator[str]:
    """Every string of the view an audience may read (presenter-only fields left out)."""
    data = dataclasses.asdict(view)
    for key in PRESENTER_ONLY:
        data.pop(key)

    def walk(x: Any) -> Iterator[str]:
        if isinstance(x, dict):
            for k, v in x.items():
                if k != "pushback":
                    yield from walk(v)
        elif isinstance(x, (list, tuple)):
            for v in x:
                yield from walk(v)
        elif isinstance(x, str):
            yield x

    return walk(data)


def kind_attrs(item: Item) -> dict[str, Any]:
    """The kind-specific fields of an item (those a subclass adds to Item)."""
    base = {f.name for f in dataclasses.fields(Item)}
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item) if f.name not in base}


def fact(v: ViewItem) -> tuple:
    """What must be identical wherever an item appears."""
    return (v.kind, v.title, v.summary, dict(v.attrs), tuple((p.text, p.source, p.quote) for p in v.points))


def library_fact(item: Item) -> tuple:
    return (item.kind, item.title, item.summary, kind_attrs(item),
            tuple((p.text, p.source, p.quote) for p in item.points))


def shown_sections(profile: AudienceProfile) -> list[str]:
    return list(dict.fromkeys(profile.sections))


# -- properties over generated libraries ---------------------------------------------------------------------

@PROPS
@given(libraries())
def test_facts_identical_in_every_variant(lib: Library) -> None:
    seen: dict[str, tuple] = {}
    events: dict[str, tuple] = {}
    for view in all_views(lib).values():
        sources = {s.num: s.id for s in view.sources}
        for v in view.all_items():
            assert fact(v) == library_fact(lib.item(v.id))
            assert seen.setdefault(v.id, fact(v)) == fact(v)
            assert {sources[n] for n in v.refs} == set(lib.item(v.id).cited_sources())
        for e in view.events:
            key = (e.date, e.approximate, e.title, e.summary, e.source)
            assert events.setdefault(e.id, key) == key


@PROPS
@given(libraries())
def test_selection_by_emphasis(lib: Library) -> None:
    for name, prof in lib.audiences.items():
        view = tailor(lib, prof)
        shown = shown_sections(prof)
        listed = [v.id for v in view.all_items()]
        assert len(listed) == len(set(listed)), "an item appears twice"
        want = {i.id for i in lib.all_items() if expected_emphasis(i, prof) >= 1}
        assert set(listed) == want  # emphasis >= 1 always shown (main or backup), 0 never
        for s in view.sections:
            assert len(s.items) <= prof.max_main
            for v in s.items:
                e = expected_emphasis(lib.item(v.id), prof)
                assert v.kind == s.key and e >= prof.threshold
                assert v.role == ("lead" if e == 3 else "normal")
                assert v.emphasis == e
        for v in view.backup:
            e = expected_emphasis(lib.item(v.id), prof)
            assert v.role == "backup" and e >= 1
            if e >= prof.threshold and v.kind in shown:  # only overflow sends a main item to backup
                assert len(view.section(v.kind).items) == prof.max_main
        assert_backup_reasons(view, prof, shown)


def assert_backup_reasons(view: BriefView, prof: AudienceProfile, shown: list[str], budget: bool = False) -> None:
    """Every backup item says why it is there, as the selection rules decide; main-body items say nothing."""
    from briefgen.tailor.view import BACKUP_RULES

    assert all(v.why is None for s in view.sections for v in s.items)
    main = {v.id: (s.key, n) for s in view.sections for n, v in enumerate(s.items)}
    listed = {v.id: v for v in view.all_items()}
    for v in view.backup:
        rule = v.why.rule
        assert rule in BACKUP_RULES
        assert (rule == "section") == (v.kind not in shown)
        assert (rule == "emphasis") == (v.kind in shown and v.emphasis < prof.threshold)
        assert (rule in ("budget", "section_budget")) <= budget
        assert (rule == "section_budget") <= (view.section(v.kind) is None)
        if rule == "limit":  # outranked by the last item the section limit kept, of its kind, ranked above it
            (above,) = v.why.outranked_by
            first = listed[above]
            assert first.kind == v.kind and (first.emphasis < 3, -first.score) <= (v.emphasis < 3, -v.score)
            if above in main:
                assert main[above][1] == prof.max_main - 1
        else:
            assert v.why.outranked_by == ()


@PROPS
@given(libraries())
def test_sections_in_profile_order_with_profile_titles(lib: Library) -> None:
    for prof in lib.audiences.values():
        view = tailor(lib, prof)
        assert [s.key for s in view.sections] == shown_sections(prof)
        assert all(s.title == prof.section_titles[s.key] for s in view.sections)
        assert all(not s.items for s in view.sections if s.key not in KINDS)


@PROPS
@given(libraries())
def test_ranking_by_declared_score(lib: Library) -> None:
    for prof in lib.audiences.values():
        view = tailor(lib, prof)
        for s in (s for s in view.sections if s.key in KINDS):
            keys = [(v.role != "lead", -expected_score(lib.item(v.id), prof)) for v in s.items]
            assert keys == sorted(keys), f"section {s.key} is not ranked by the profile's score"
            library_order = [i.id for i in lib.items(s.key)]
            for (k1, v1), (k2, v2) in zip(zip(keys, s.items), zip(keys[1:], s.items[1:])):
                if k1 == k2:  # ties keep library order
                    assert library_order.index(v1.id) < library_order.index(v2.id)
            # Nothing left in backup outranks an item shown in the main body.
            if s.items:
                worst = keys[-1]
                for v in view.backup:
                    e = expected_emphasis(lib.item(v.id), prof)
                    if v.kind == s.key and e >= prof.threshold:
                        assert (e != 3, -expected_score(lib.item(v.id), prof)) >= worst


@PROPS
@given(libraries())
def test_framing_bluf_recommendation_and_pushback(lib: Library) -> None:
    for prof in lib.audiences.values():
        view = tailor(lib, prof)
        assert view.bluf == (inherited(lib.briefing.bluf, prof) or "")
        assert view.recommendation == (inherited(lib.briefing.recommendation, prof) or "")
        assert view.decisions == tuple(inherited(lib.briefing.decisions, prof) or ())
        for v in view.all_items():
            item = lib.item(v.id)
            assert v.framing == (inherited(item.framing, prof) or item.summary)
            others = [inherited(item.framing, lib.audiences[o]) for o in prof.pushback_from]
            expected = list(dict.fromkeys(t for t in others if t and t != v.framing))
            assert list(v.pushback) == expected


@PROPS
@given(libraries())
def test_recommended_options_and_chart_hints(lib: Library) -> None:
    for prof in lib.audiences.values():
        view = tailor(lib, prof)
        options = view.section("options")
        main_ids = [v.id for v in options.items] if options else []
        assert list(view.recommended) == main_ids[:prof.recommend]
        assert {v.id for v in view.all_items() if v.recommended} == set(view.recommended)
        chart_section = {"timeline": "context", "threat_overview": "threats", "capability_matrix": "capabilities",
                         "options_map": "options", "risk_heatmap": "risks"}
        shown = shown_sections(prof)
        # a timeline only when there is an event to show (README, "Releasability by audience": events withheld)
        assert [c.kind for c in view.charts] == [c for c in prof.charts if chart_section[c] in shown
                                                 and (c != "timeline" or lib.events)]
        ids = {v.id for v in view.all_items()}
        for c in view.charts:
            assert set(c.highlight) <= ids
        if view.chart("options_map"):
            assert view.chart("options_map").highlight == view.recommended


@PROPS
@given(libraries())
def test_audience_name_and_label_never_in_audience_facing_text(lib: Library) -> None:
    for prof in lib.audiences.values():
        view = tailor(lib, prof)
        assert prof.name in view.delivery  # the generator puts it there: presenter-only fields are exempt
        for text in facing_strings(view):
            low = text.lower()
            assert prof.name.lower() not in low and prof.label.lower() not in low, text


@PROPS
@given(libraries())
def test_deterministic(lib: Library) -> None:
    first = all_views(lib)
    copy = pickle.loads(pickle.dumps(lib))
    for name in reversed(list(lib.audiences)):  # another order, another copy of the input: same result
        again = tailor(copy, copy.audiences[name])
        assert again == first[name]
        assert again.to_json() == first[name].to_json()


@PROPS
@given(libraries())
def test_sources_numbered_in_order_of_first_use(lib: Library) -> None:
    for prof in lib.audiences.values():
        view = tailor(lib, prof)
        nums = [s.num for s in view.sources]
        assert nums == list(range(1, len(nums) + 1))
        by_num = {s.num: s.id for s in view.sources}
        # Reading order: the timeline where the context section is, then each section, then backup.
        used: list[int] = []
        for s in view.sections:
            if s.key == "context":
                used += [e.ref for e in view.events]
            for v in s.items:
                used += [p.ref for p in v.points if p.ref is not None] + list(v.refs)
        for v in view.backup:
            used += [p.ref for p in v.points if p.ref is not None] + list(v.refs)
        assert list(dict.fromkeys(used)) == nums  # first use gives the numbers; every source listed is used
        for v in view.all_items():
            for p in v.points:
                assert (p.ref is None) == (p.source is None)
                if p.ref is not None:
                    assert by_num[p.ref] == p.source
            assert all(n in by_num for n in v.refs)
        for e in view.events:
            assert e.ref is None or by_num[e.ref] == e.source
        cited = {lib.source(s.id).citation() for s in view.sources}
        assert {s.citation for s in view.sources} == cited


# -- examples --------------------------------------------------------------------------------------------------

def test_repeated_section_keeps_first_place_and_hidden_kind_goes_to_backup() -> None:
    lib = load_library(CUSTOM).library
    prof = dataclasses.replace(lib.audiences["neutral"], sections=("threats", "options", "threats"))
    view = tailor(lib, prof)
    assert [s.key for s in view.sections] == ["threats", "options"]
    backup = {v.id for v in view.backup}
    assert {"combined-planning", "escalation-spiral", "domestic-fatigue"} <= backup  # kinds not shown
    assert not view.charts or {c.kind for c in view.charts} <= {"threat_overview", "options_map"}


@pytest.fixture(scope="module", params=sorted(LIBRARIES))
def shipped(request: pytest.FixtureRequest) -> Library:
    """Each library of the end-to-end checks in turn: the shipped one, and the one on another topic."""
    return load_library(library_content(request.param)).library


@pytest.fixture(scope="module")
def shipped_only() -> Library:
    return load_library(CONTENT).library


def test_shipped_library_has_the_three_audiences(shipped: Library) -> None:
    assert set(shipped.audiences) == set(SHIPPED_AUDIENCES)


def test_hawkish_options_ranked_by_deterrence(shipped: Library) -> None:
    prof = shipped.audiences["hawkish"]
    weights = prof.ranking["options"]
    assert max(weights, key=weights.get) == "deterrence_value"
    items = tailor(shipped, prof).section("options").items
    assert len(items) >= 3
    for role in ("lead", "normal"):
        values = [v.attr("deterrence_value") for v in items if v.role == role]
        assert values == sorted(values, reverse=True)


def test_dovish_options_ranked_by_low_escalation_risk(shipped: Library) -> None:
    prof = shipped.audiences["dovish"]
    weights = prof.ranking["options"]
    assert min(weights, key=weights.get) == "escalation_risk"
    items = tailor(shipped, prof).section("options").items
    assert len(items) >= 3
    for role in ("lead", "normal"):
        values = [v.attr("escalation_risk") for v in items if v.role == role]
        assert values == sorted(values)


def test_hawkish_and_dovish_recommend_differently(shipped: Library) -> None:
    hawk = tailor(shipped, shipped.audiences["hawkish"])
    dove = tailor(shipped, shipped.audiences["dovish"])

    def mean(view: BriefView, attr: str) -> float:
        return sum(shipped.item(i).__getattribute__(attr) for i in view.recommended) / len(view.recommended)

    assert mean(hawk, "deterrence_value") > mean(dove, "deterrence_value")
    assert mean(dove, "escalation_risk") < mean(hawk, "escalation_risk")
    assert hawk.bluf != dove.bluf and hawk.recommendation != dove.recommendation


@pytest.mark.parametrize("audience", SHIPPED_AUDIENCES)
def test_shipped_sections_follow_profile(shipped: Library, audience: str) -> None:
    prof = shipped.audiences[audience]
    view = tailor(shipped, prof)
    assert [s.key for s in view.sections] == list(prof.sections)
    assert [s.title for s in view.sections] == [prof.section_titles[k] for k in prof.sections]


def test_shipped_section_orders_differ(shipped: Library) -> None:
    orders = {a: [s.key for s in tailor(shipped, shipped.audiences[a]).sections] for a in SHIPPED_AUDIENCES}
    assert orders["hawkish"] != orders["dovish"]
    assert orders["dovish"].index("risks") < orders["dovish"].index("options")


@pytest.mark.parametrize("audience,other", [("hawkish", "dovish"), ("dovish", "hawkish")])
def test_shipped_pushback_where_the_other_framing_differs(shipped: Library, audience: str, other: str) -> None:
    prof = shipped.audiences[audience]
    assert other in prof.pushback_from
    view = tailor(shipped, prof)
    differing = 0
    for v in view.all_items():
        theirs = inherited(shipped.item(v.id).framing, shipped.audiences[other])
        if theirs and theirs != v.framing:
            differing += 1
            assert theirs in v.pushback, v.id
    assert differing > 0


@pytest.mark.parametrize("audience", SHIPPED_AUDIENCES)
def test_shipped_view_never_names_the_audience(shipped: Library, audience: str) -> None:
    view = tailor(shipped, shipped.audiences[audience])
    words = [audience, shipped.audiences[audience].label]
    for text in facing_strings(view):
        for w in words:
            assert not re.search(rf"\b{re.escape(w)}\b", text, re.I), text


@pytest.mark.parametrize("audience", SHIPPED_AUDIENCES)
def test_golden_briefview(shipped_only: Library, audience: str, accept: bool) -> None:
    got = tailor(shipped_only, shipped_only.audiences[audience]).to_json()
    path = GOLDEN / f"briefview-{audience}.json"
    if accept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(got.encode("utf-8"))
        return
    if not path.is_file():
        pytest.fail(f"no snapshot {path.name}: run `python -m pytest tests/test_tailor.py --accept`")
    want = path.read_bytes().decode("utf-8")
    if got != want:
        diff = "".join(list(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "snapshot",
                                                 "now"))[:80])
        pytest.fail(f"BriefView of {audience} changed; if intended, run "
                    f"`python -m pytest tests/test_tailor.py --accept` and review the diff:\n{diff}")


# -- a user's own audience -------------------------------------------------------------------------------------

def test_custom_audience_validates_without_warnings() -> None:
    result = load_library(CUSTOM)
    assert result.warnings == ()
    prof = result.library.audiences["congressional"]
    assert prof.chain == ("congressional", "neutral")
    assert prof.threshold == 3 and prof.recommend == 1
    assert prof.max_main == result.library.audiences["neutral"].max_main  # inherited
    assert prof.section_titles["threats"] == result.library.audiences["neutral"].section_titles["threats"]
    assert not (CONTENT / "audiences" / "congressional.yaml").exists()


def test_custom_audience_tailors_end_to_end() -> None:
    lib = load_library(CUSTOM).library
    prof = lib.audiences["congressional"]
    view = tailor(lib, prof)
    assert [s.key for s in view.sections] == ["risks", "options", "threats", "decisions"]
    assert view.section("options").title == "What the money would buy"
    assert view.section("threats").title == lib.audiences["neutral"].section_titles["threats"]
    assert view.bluf == lib.briefing.bluf["neutral"]  # inherited through extends
    assert view.decisions == lib.briefing.decisions["neutral"]
    # Threshold 3: only lead items in the main body; capabilities are not a section, so in backup.
    assert [v.id for v in view.section("options").items] == ["crisis-hotline"]
    assert [v.id for v in view.section("risks").items] == ["domestic-fatigue"]
    assert [v.id for v in view.section("threats").items] == ["missile-threat"]
    assert {v.id: v.role for v in view.backup}["combined-planning"] == "backup"
    assert view.recommended == ("crisis-hotline",)
    assert [c.kind for c in view.charts] == ["options_map", "risk_heatmap"]
    # Its own ranking (cheapest first) orders the backup options.
    assert [v.id for v in view.backup if v.kind == "options"] == ["reassurance-channel", "integrate-planning"]
    # Framing inherited from neutral; pushback from both other camps.
    hotline = view.section("options").items[0]
    assert hotline.framing == lib.item("crisis-hotline").framing["neutral"]
    spiral = next(v for v in view.backup if v.id == "escalation-spiral")
    assert set(spiral.pushback) == {lib.item("escalation-spiral").framing[a] for a in ("hawkish", "dovish")}
    for text in facing_strings(view):
        assert "congressional" not in text.lower() and "committee staff" not in text.lower()


def test_custom_audience_lists() -> None:
    lib = load_library(CUSTOM).library
    header, rows = list_rows(lib, "audiences")
    assert ["congressional", "Committee staff", "neutral", "3", "risks > options > threats > decisions"] in rows
    header, rows = list_rows(lib, "options", "congressional")
    assert [(r[0], r[1]) for r in rows] == [("lead", "crisis-hotline"), ("backup", "reassurance-channel"),
                                            ("backup", "integrate-planning")]


def test_custom_audience_added_to_a_copy_of_the_shipped_library(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    shutil.copy(CUSTOM / "audiences" / "congressional.yaml", content / "audiences")
    lib = load_library(content).library
    view = tailor(lib, lib.audiences["congressional"])
    assert [s.key for s in view.sections] == ["risks", "options", "threats", "decisions"]
    assert view.bluf == lib.briefing.bluf["neutral"]
    shown = {v.id for v in view.all_items()}
    assert shown == {i.id for i in lib.all_items() if expected_emphasis(i, lib.audiences["congressional"]) >= 1}
    assert set(SECTIONS) >= {s.key for s in view.sections}


def test_an_items_picture_is_in_its_view_with_its_source_numbered_after_the_items_own() -> None:
    lib = load_library(TESTS / "fixtures" / "item-image").library
    view = tailor(lib, lib.audiences["neutral"])
    (shown,) = [v for v in view.all_items() if v.image is not None]
    assert shown.id == "thr-missiles" and [p.ref for p in shown.points] == [1]
    assert (Path(shown.image.path).name, shown.image.caption, shown.image.ref) == (
        "peninsula.png", "Launch area, sketch map", 2)
    assert shown.image.alt.startswith("Sketch map of the Korean Peninsula") and \
        (shown.image.width, shown.image.height) == (400, 300)
    png = TESTS / "fixtures" / "item-image" / "images" / "peninsula.png"
    assert shown.image.sha256 == hashlib.sha256(png.read_bytes()).hexdigest()
    assert shown.refs == (1, 2)  # the item's own source, then the picture's
    assert [(s.num, s.id) for s in view.sources] == [(1, "src-a"), (2, "src-b")]
    # A picture whose source the item already cites adds no second reference.
    same = dataclasses.replace(lib.item("thr-missiles"),
                               image=dataclasses.replace(lib.item("thr-missiles").image, source="src-a"))
    lib2 = dataclasses.replace(lib, threats=tuple(same if t.id == same.id else t for t in lib.threats))
    again = next(v for v in tailor(lib2, lib2.audiences["neutral"]).all_items() if v.id == "thr-missiles")
    assert again.refs == (1,) and again.image.ref == 1


def test_an_unknown_pushback_audience_is_skipped_not_the_ones_after_it() -> None:
    lib = load_library(CUSTOM).library
    prof = dataclasses.replace(lib.audiences["neutral"], pushback_from=("ghost", "dovish"))
    view = tailor(lib, prof)
    expected = {v.id: lib.item(v.id).framing.get("dovish") for v in view.all_items()}
    assert any(expected.values())
    for v in view.all_items():
        if expected[v.id] and expected[v.id] != v.framing:
            assert v.pushback == (expected[v.id],)


def test_a_zero_score_is_positive_zero() -> None:
    lib = load_library(CUSTOM).library
    prof = dataclasses.replace(lib.audiences["neutral"], ranking={"options": {"stance": -0.5}})
    lib2 = dataclasses.replace(lib, options=(dataclasses.replace(lib.options[0], stance=0),))  # -0.5 * 0 is -0.0
    (v,) = [v for v in tailor(lib2, prof).all_items() if v.kind == "options"]
    assert str(v.score) == "0.0"  # not "-0.0", which would flip sign in snapshots


# -- the minimal library, worked by hand from the README's rules --------------------------------------------------

MINIMAL = TESTS / "fixtures" / "valid-minimal"


@pytest.fixture(scope="module")
def minimal() -> Library:
    return load_library(MINIMAL).library


def test_the_hawkish_view_of_the_minimal_library(minimal: Library) -> None:
    view = tailor(minimal, minimal.audiences["hawkish"])
    assert [(s.key, s.title, [(v.id, v.role, v.score) for v in s.items]) for s in view.sections] == [
        ("context", "Strategic context", []),
        ("threats", "A threat picture that demands integration", [("thr-missiles", "lead", 13.0)]),  # 2*5 + 3
        ("capabilities", "Combined strength to build on", [("cap-strike", "lead", 0.0)]),  # no ranking
        ("options", "Options to strengthen deterrence", [("opt-planning", "lead", 10.25)]),  # 2*5 + 1 - 0.25*3
        ("risks", "Risks of moving too slowly", [("risk-uncoordinated", "normal", 12.0)]),  # 2*5 + 2
        ("decisions", "Decisions to lock in now", [])]
    assert [(v.id, v.role, v.score, v.emphasis) for v in view.backup] == [("thr-bloc", "backup", 10.0, 1),
                                                                        ("opt-reassure", "backup", 2.75, 1)]
    assert view.recommended == ("opt-planning",)
    marks = {v.id: (v.recommended, v.highlighted) for v in view.all_items()}
    assert marks == {"thr-missiles": (False, True), "cap-strike": (False, True), "opt-planning": (True, True),
                     "risk-uncoordinated": (False, False), "thr-bloc": (False, False),
                     "opt-reassure": (False, False)}
    assert [(c.kind, c.highlight) for c in view.charts] == [
        ("timeline", ()), ("threat_overview", ("thr-missiles",)), ("capability_matrix", ("cap-strike",)),
        ("options_map", ("opt-planning",)), ("risk_heatmap", ())]
    missiles = view.section("threats").items[0]
    assert (missiles.framing, missiles.pushback, missiles.refs) == (
        "Demands integrated defense.", ("Driven by insecurity.",), (1,))
    assert missiles.attrs == (("actor", "North Korea"), ("severity", 5), ("likelihood", 3), ("trend", "rising"))
    assert (view.bluf, view.recommendation, view.decisions) == ("Firm bottom line.", "Do the firm thing.",
                                                                 ("Approve the plan",))  # decisions: neutral's
    assert (view.subject, view.audience, view.audience_label) == ("Minimal test briefing", "hawkish",
                                                                  "Deterrence-first")
    assert [(e.id, e.ref) for e in view.events] == [("ev-summit", 1), ("ev-exercise", 2)]
    assert [(s.num, s.id) for s in view.sources] == [(1, "src-a"), (2, "src-b")]


def test_hidden_sections_caps_and_charts_of_hidden_sections(minimal: Library) -> None:
    prof = dataclasses.replace(minimal.audiences["neutral"], sections=("options", "threats"), max_main=1,
                               recommend=1, charts=("timeline", "options_map", "options_map", "risk_heatmap"))
    view = tailor(minimal, prof)
    assert [(s.key, [v.id for v in s.items]) for s in view.sections] == [("options", ["opt-planning"]),
                                                                       ("threats", ["thr-missiles"])]
    # over the cap first, in the audience's section order, then the kinds it does not show, in kind order
    assert [(v.id, v.role) for v in view.backup] == [("opt-reassure", "backup"), ("thr-bloc", "backup"),
                                                     ("cap-strike", "backup"), ("risk-uncoordinated", "backup")]
    assert view.recommended == ("opt-planning",)
    assert [(c.kind, c.highlight) for c in view.charts] == [("options_map", ("opt-planning",))]
    assert [(e.id, e.ref) for e in view.events] == [("ev-summit", None), ("ev-exercise", None)]
    assert [(s.num, s.id) for s in view.sources] == [(1, "src-a"), (2, "src-b")]
    assert [v.refs for v in view.backup] == [(2,), (2,), (1,), (1,)]


@pytest.mark.parametrize("default, backup", [
    (1, ["thr-missiles", "thr-bloc", "cap-strike", "opt-planning", "opt-reassure", "risk-uncoordinated"]),
    (0, [])])
def test_an_audience_no_item_names_gets_the_default_emphasis_and_the_summaries(minimal: Library, default: int,
                                                                               backup: list) -> None:
    prof = dataclasses.replace(minimal.audiences["neutral"], name="press", chain=("press",), default_emphasis=default,
                               pushback_from=("neutral",))
    view = tailor(minimal, prof)
    assert all(s.items == () for s in view.sections)
    assert [v.id for v in view.backup] == backup
    assert all(v.framing == minimal.item(v.id).summary and v.emphasis == default for v in view.backup)
    assert all(v.pushback == (minimal.item(v.id).framing["neutral"],) for v in view.backup)
    assert (view.bluf, view.recommendation, view.decisions, view.recommended) == ("", "", (), ())


# -- briefings: focus, sections, length --------------------------------------------------------------------------

def named_briefing(tmp_path: Path, name: str):
    """The shipped library and its fixture briefing ``name`` (tests/fixtures/meetings/briefings)."""
    from briefgen.load.briefings import load_briefings
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path, name)
    lib = load_library(root / "content").library
    return lib, {b.name: b for b in load_briefings(root / "briefings", lib)}[name].briefing


def main_slide_count(view: BriefView) -> int:
    """Main-body slides of the shipped deck template after the title and BLUF, counted from the view the way
    a person counts them on the deck: agenda, per section its divider, chart, tables, item slides and
    recommendation, the timeline and the decisions slide."""
    n = int(view.agenda)
    for s in view.sections:
        if s.key in ("context", "decisions"):
            n += 1
            continue
        if not s.items:
            continue
        n += len(s.items) + int(view.dividers) + int(any(c.kind for c in view.charts
                                                         if CHART_KIND_SECTION[c.kind] == s.key))
        if s.key == "options":
            n += 1 + int(bool(view.recommended))
        if s.key == "risks":
            n += 1 + int(any(i.attr("indicators") for i in s.items))
    return n


CHART_KIND_SECTION = {"timeline": "context", "threat_overview": "threats", "capability_matrix": "capabilities",
                      "options_map": "options", "risk_heatmap": "risks"}


def test_a_focus_by_tag_keeps_only_the_tagged_items_in_the_briefings_sections(tmp_path: Path) -> None:
    lib, taiwan = named_briefing(tmp_path, "taiwan")
    wanted = {"taiwan", "missile defense"}
    for audience in ("hawkish", "dovish"):
        profile = lib.audiences[audience]
        view = tailor(lib, profile, taiwan)
        keys = [s.key for s in view.sections]
        # the briefing's order; a kind section the focus leaves empty is left out
        assert keys == [k for k in ["threats", "options", "risks", "decisions"] if k in keys]
        assert keys[0] == "threats" and keys[-1] == "decisions"
        assert all(s.items for s in view.sections if s.key != "decisions")
        in_focus = sorted(i.id for i in lib.all_items() if wanted & set(i.tags) and i.kind != "capabilities"
                          and expected_emphasis(i, profile) >= 1)
        assert sorted(v.id for v in view.all_items()) == in_focus  # main body or backup: nothing lost
        assert view.bluf.startswith("Taiwan contingency planning")


def with_slides(briefing, n: int):
    """``briefing`` with ``length: {main_slides: n}``."""
    from briefgen.load.model import Length

    return dataclasses.replace(briefing, length=Length(main_slides=n))


def test_a_ten_minute_briefing_fits_eight_main_slides_by_priority(tmp_path: Path) -> None:
    lib, ten = named_briefing(tmp_path, "ten-minutes")
    for audience in ("neutral", "hawkish", "dovish"):
        full = tailor(lib, lib.audiences[audience], dataclasses.replace(ten, length=None))
        view = tailor(lib, lib.audiences[audience], ten)
        assert view.main_budget == 8 and not view.agenda and not view.dividers
        assert [s.key for s in view.sections] == ["threats", "options", "decisions"]
        assert main_slide_count(view) <= 8 < main_slide_count(full)
        main_ids = [v.id for s in view.sections for v in s.items]
        # nothing lost: every item of the unlimited briefing is in the main body or in backup
        assert sorted(main_ids + [v.id for v in view.backup]) == sorted(v.id for v in full.all_items())
        for s in view.sections:  # each section keeps the top of its ranking, in order
            full_ids = [v.id for v in full.section(s.key).items]
            assert [v.id for v in s.items] == full_ids[:len(s.items)]
        assert view.recommended and view.section("options").items[0].role == "lead"


def test_the_budget_counts_what_each_section_brings_and_takes_leads_first(tmp_path: Path) -> None:
    lib, ten = named_briefing(tmp_path, "ten-minutes")
    profile = lib.audiences["hawkish"]
    every = dataclasses.replace(ten, sections=None)  # context, threats, capabilities, options, risks, decisions
    # timeline and decisions slides: 2; the first threat brings its chart: 2 more; the second threat 1.
    assert [(s.key, [v.id for v in s.items]) for s in tailor(lib, profile, with_slides(every, 4)).sections] == \
        [("context", []), ("threats", ["thr-dprk-missiles"]), ("decisions", [])]
    assert [v.id for v in tailor(lib, profile, with_slides(every, 5)).section("threats").items] == \
        ["thr-dprk-missiles", "thr-taiwan-force"]
    bare = tailor(lib, profile, with_slides(every, 3))
    assert [s.key for s in bare.sections] == ["context", "decisions"]
    assert len(bare.backup) == len(tailor(lib, profile).all_items())  # all of it held in backup
    # an agenda and dividers cost a slide each: with them, 5 slides hold one threat, not two
    framed = dataclasses.replace(every, agenda=True, dividers=True)
    assert [v.id for v in tailor(lib, profile, with_slides(framed, 6)).section("threats").items] == \
        ["thr-dprk-missiles"]


def main_ids(view: BriefView) -> dict[str, list[str]]:
    """The ids of each main-body section of ``view``, in order."""
    return {s.key: [v.id for v in s.items] for s in view.sections}


@pytest.mark.parametrize("recommend", [None, 0])
def test_a_length_of_exactly_the_slides_the_briefing_takes_keeps_all_of_it_and_one_less_does_not(
        shipped_only: Library, recommend: int | None) -> None:
    # Every section, with and without an agenda and dividers: what each item and section costs (its slide, the
    # divider, chart, comparison table, recommendation, mitigations and warning-signs tables) adds up to exactly
    # the slides a person counts on the unlimited deck.
    every = dataclasses.replace(shipped_only.briefing, sections=None, length=None)
    for name, profile in sorted(shipped_only.audiences.items()):
        profile = profile if recommend is None else dataclasses.replace(profile, recommend=recommend)
        for agenda, dividers in ((False, False), (True, True), (False, True)):
            briefing = dataclasses.replace(every, agenda=agenda, dividers=dividers)
            full = tailor(shipped_only, profile, briefing)
            assert bool(full.recommended) is (recommend is None)
            slides = main_slide_count(full)
            exact = tailor(shipped_only, profile, with_slides(briefing, slides))
            assert main_ids(exact) == main_ids(full), (name, agenda, dividers)
            short = tailor(shipped_only, profile, with_slides(briefing, slides - 1))
            assert main_slide_count(short) <= slides - 1
            kept = {k: v for k, v in main_ids(short).items() if v}
            assert sum(map(len, kept.values())) < sum(map(len, main_ids(full).values())), (name, agenda, dividers)


def test_the_warning_signs_table_comes_with_the_first_risk_that_has_indicators(shipped_only: Library) -> None:
    # A risk without indicators taken first: the warning-signs table is paid for by the first risk that has
    # indicators, whichever place it takes, and only once.
    from briefgen.tailor.tailor import item_slide_cost

    profile = shipped_only.audiences["neutral"]
    signed = list(shipped_only.items("risks"))[:2]
    assert all(r.indicators for r in signed)
    plain = dataclasses.replace(signed[0], id="risk-plain", indicators=())
    briefing = dataclasses.replace(shipped_only.briefing, dividers=False)
    chart = int("risk_heatmap" in profile.charts)
    assert item_slide_cost(plain, [], profile, briefing) == 2 + chart  # its slide, the mitigations table
    assert item_slide_cost(signed[0], [], profile, briefing) == 3 + chart  # and the warning signs
    assert item_slide_cost(signed[0], [plain], profile, briefing) == 2
    assert item_slide_cost(signed[1], [plain, signed[0]], profile, briefing) == 1
    assert item_slide_cost(plain, [signed[0]], profile, briefing) == 1


def test_a_short_briefing_takes_each_sections_first_lead_before_any_sections_second(shipped_only: Library) -> None:
    # Hawkish leads with two threats and three options. Six slides: the first threat (its slide and the threat
    # chart, 2) and the first option (its slide, the options map, the comparison table and the recommendation,
    # 4); the second threat would fit in what a section-by-section order leaves, but it ranks second.
    profile = shipped_only.audiences["hawkish"]
    briefing = dataclasses.replace(shipped_only.briefing, sections=("threats", "options"), agenda=False,
                                   dividers=False, length=None)
    assert [i.id for i in shipped_only.items("threats") if emphasis_of(i, profile) == 3] == [
        "thr-dprk-missiles", "thr-taiwan-force"]
    view = tailor(shipped_only, profile, with_slides(briefing, 6))
    assert main_ids(view) == {"threats": ["thr-dprk-missiles"], "options": ["opt-true-alliance"]}
    assert main_slide_count(view) == 6


def test_a_section_a_briefing_excludes_all_of_is_left_out(shipped_only: Library) -> None:
    from briefgen.load.model import Focus

    profile = shipped_only.audiences["neutral"]
    no_risks = dataclasses.replace(shipped_only.briefing, exclude=Focus(kinds=("risks",)), include=None, length=None)
    assert [s.key for s in tailor(shipped_only, profile, no_risks).sections] == [
        k for k in profile.sections if k != "risks"]
    assert "risks" in [s.key for s in tailor(shipped_only, profile).sections]


@pytest.mark.parametrize("length, budget", [(None, None), ({"main_slides": 5}, 5), ({"minutes": 10}, 8),
                                            ({"minutes": 3}, 1), ({"minutes": 2}, 1)])
def test_the_main_body_budget_is_one_slide_a_minute_after_the_title_and_bluf(
        shipped_only: Library, length: dict | None, budget: int | None) -> None:
    from briefgen.load.model import Length
    from briefgen.tailor.tailor import main_budget

    briefing = dataclasses.replace(shipped_only.briefing, length=None if length is None else Length(**length))
    assert main_budget(briefing) == budget


def test_the_briefings_author_and_each_sources_address_reach_the_view(shipped_only: Library) -> None:
    # The shipped library names no author and no addresses, so the snapshots cannot show these two.
    sources = tuple(dataclasses.replace(src, url=f"https://example.org/{src.id}") for src in shipped_only.sources)
    lib = dataclasses.replace(shipped_only, sources=sources,
                              briefing=dataclasses.replace(shipped_only.briefing, author="A. Analyst"))
    view = tailor(lib, lib.audiences["neutral"])
    assert view.author == "A. Analyst"
    assert view.sources and all(v.url == f"https://example.org/{v.id}" for v in view.sources)


@pytest.mark.parametrize("where", ["main", "backup"])
def test_the_banner_is_the_highest_marking_of_every_item_shown_main_body_or_backup(
        shipped_only: Library, where: str) -> None:
    profile = shipped_only.audiences["neutral"]
    plain = tailor(shipped_only, profile)
    marked_id = plain.sections[1].items[0].id if where == "main" else plain.backup[0].id
    assert plain.classification == "UNCLASSIFIED"
    threats = tuple(dataclasses.replace(t, marking="CONFIDENTIAL") if t.id == marked_id else t
                    for t in shipped_only.threats)
    assert any(t.marking == "CONFIDENTIAL" for t in threats)
    lib = dataclasses.replace(shipped_only, threats=threats,
                              briefing=dataclasses.replace(shipped_only.briefing, max_marking="CONFIDENTIAL"))
    assert tailor(lib, profile).classification == "CONFIDENTIAL"


def test_the_banner_counts_the_events_the_view_carries(shipped_only: Library) -> None:
    profile = shipped_only.audiences["neutral"]
    first = shipped_only.events[0]
    events = (dataclasses.replace(first, marking="CONFIDENTIAL"),) + tuple(shipped_only.events[1:])
    lib = dataclasses.replace(shipped_only, events=events,
                              briefing=dataclasses.replace(shipped_only.briefing, max_marking="CONFIDENTIAL"))
    assert tailor(lib, profile).classification == "CONFIDENTIAL"


def test_the_views_sources_slide_and_memo_length_come_from_the_briefing(shipped_only: Library) -> None:
    from briefgen.load.model import MemoLength

    profile = shipped_only.audiences["neutral"]
    for memo, pages in ((None, 0), (MemoLength(pages=1), 1), (MemoLength(pages=2), 2), (MemoLength(pages=3), 3)):
        for slide in (True, False):
            view = tailor(shipped_only, profile, dataclasses.replace(shipped_only.briefing, memo=memo,
                                                                      sources_slide=slide))
            assert (view.memo_pages, view.sources_slide) == (pages, slide)


def test_an_item_the_length_leaves_out_is_recorded_as_left_out_by_the_budget(tmp_path: Path) -> None:
    lib, ten = named_briefing(tmp_path, "ten-minutes")
    for audience in ("neutral", "hawkish", "dovish"):
        full = tailor(lib, lib.audiences[audience], dataclasses.replace(ten, length=None))
        view = tailor(lib, lib.audiences[audience], ten)
        in_full_main = {v.id for s in full.sections for v in s.items}
        why = {v.id: v.why for v in view.backup}
        assert {i for i, w in why.items() if w.rule == "budget"} == \
            in_full_main - {v.id for s in view.sections for v in s.items}
        assert {i: w for i, w in why.items() if w.rule != "budget"} == {v.id: v.why for v in full.backup}
        assert any(w.rule == "budget" for w in why.values())


def section_opening_cost(view: BriefView, section: Any) -> int:
    """The fewest slides a section with one item takes in the shipped deck template: the item, its divider and
    chart, the options' comparison table and recommendation, the risks' mitigations table."""
    chart = any(CHART_KIND_SECTION[c.kind] == section.key for c in view.charts)
    extra = {"options": 1 + int(bool(view.recommended)), "risks": 1}.get(section.key, 0)
    return 1 + int(view.dividers) + int(chart) + extra


def test_each_section_keeps_its_top_item_before_any_section_takes_more(tmp_path: Path) -> None:
    from briefgen.render.deck.render import left_out_notes

    lib, ten = named_briefing(tmp_path, "ten-minutes")
    every = dataclasses.replace(ten, sections=None)  # context, threats, capabilities, options, risks, decisions
    dropped_somewhere = False
    for audience in ("neutral", "hawkish", "dovish"):
        full = tailor(lib, lib.audiences[audience], dataclasses.replace(every, length=None))
        for n in range(3, 20):
            view = tailor(lib, lib.audiences[audience], with_slides(every, n))
            assert main_slide_count(view) <= n
            assert_no_section_dropped_silently(view, full)
            dropped = [s for s in full.sections if s.items and view.section(s.key) is None]
            dropped_somewhere |= bool(dropped)
            # a section left out could not have been given even its top item in the slides left over
            for s in dropped:
                assert n - main_slide_count(view) < section_opening_cost(full, s)
            notes = [line for line in left_out_notes(view) if line.startswith("No room in this slot")]
            assert len(notes) == len(dropped)
    assert dropped_somewhere
    view = tailor(lib, lib.audiences["hawkish"], with_slides(every, 8))
    assert [s.key for s in view.sections] == ["context", "threats", "capabilities", "decisions"]
    risks = [v for v in view.backup if v.kind == "risks"]
    assert left_out_notes(view) == (
        f"No room in this slot for a section on options: {sum(v.kind == 'options' for v in view.backup)} options "
        f"held in backup.", f"No room in this slot for a section on risks: {len(risks)} risks held in backup.")


def test_a_briefing_without_backup_slides_keeps_its_backup_items_in_the_view(tmp_path: Path) -> None:
    import datetime

    lib, read_ahead = named_briefing(tmp_path, "read-ahead")
    view = tailor(lib, lib.audiences["neutral"], read_ahead, today=datetime.date(2026, 12, 4))
    assert view.date == "2026-12-04"
    assert not view.backup_slides and view.backup
    assert main_slide_count(view) <= 8


def test_the_briefings_memo_pages_is_the_views_page_promise(tmp_path: Path) -> None:
    import dataclasses

    from briefgen.load.model import MemoLength

    lib, one_pager = named_briefing(tmp_path, "one-pager")
    assert tailor(lib, lib.audiences["neutral"], one_pager).memo_pages == 1
    for pages in (2, 3):
        briefing = dataclasses.replace(one_pager, memo=MemoLength(pages=pages))
        assert tailor(lib, lib.audiences["neutral"], briefing).memo_pages == pages
    assert tailor(lib, lib.audiences["neutral"], dataclasses.replace(one_pager, memo=None)).memo_pages == 0


def test_the_librarys_briefing_is_the_default_and_changes_nothing(shipped: Library) -> None:
    for name, profile in shipped.audiences.items():
        assert tailor(shipped, profile, shipped.briefing) == tailor(shipped, profile)
        view = tailor(shipped, profile)
        assert (view.agenda, view.dividers, view.backup_slides, view.sources_slide, view.memo_pages,
                view.main_budget) == (True, True, True, True, 0, None)


# -- the guarantees hold for any briefing and length ----------------------------------------------------------------

@PROPS
@given(libraries(), st.data())
def test_any_briefing_keeps_facts_loses_nothing_in_focus_and_keeps_to_its_length(lib: Library, data: Any) -> None:
    briefing = data.draw(briefings_for(lib))
    budget = None if briefing.length is None else (briefing.length.main_slides or max(1, briefing.length.minutes - 2))
    seen: dict[str, tuple] = {}
    for prof in lib.audiences.values():
        view = tailor(lib, prof, briefing)
        listed = [v.id for v in view.all_items()]
        assert len(listed) == len(set(listed)), "an item appears twice"
        # nothing with emphasis >= 1 lost: every item the briefing covers is in the main body or in backup
        assert set(listed) == {i.id for i in lib.all_items()
                               if expected_emphasis(i, prof) >= 1 and in_focus(i, briefing)}
        for v in view.all_items():  # facts identical in every variant
            assert fact(v) == library_fact(lib.item(v.id))
            assert seen.setdefault(v.id, fact(v)) == fact(v)
        order = list(dict.fromkeys(briefing.sections if briefing.sections is not None else prof.sections))
        keys = [s.key for s in view.sections]
        assert keys == [k for k in order if k in keys]
        if budget is not None:
            fixed = int(briefing.agenda) + int("context" in keys) + int("decisions" in keys)
            assert main_slide_count(view) <= max(budget, fixed)
        assert view.backup_slides is briefing.backup and view.main_budget == budget
        assert_backup_reasons(view, prof, order, budget is not None)
        if budget is not None:
            assert_no_section_dropped_silently(view, tailor(lib, prof, dataclasses.replace(briefing, length=None)))
        for text in facing_strings(view):  # no audience name in audience-facing text
            assert prof.name.lower() not in text.lower() and prof.label.lower() not in text.lower(), text


def assert_no_section_dropped_silently(view: BriefView, full: BriefView) -> None:
    """Each section the briefing would show without a length either keeps its top item, or is left out with
    every item of it in backup, recorded as left out for want of room; kept sections are in the same order."""
    backup = {v.id: v for v in view.backup}
    kept = []
    for s in full.sections:
        if not s.items:
            continue
        shown = view.section(s.key)
        if shown is not None:
            assert shown.items[0].id == s.items[0].id
            kept.append(s.key)
        else:
            assert all(backup[v.id].why.rule == "section_budget" for v in s.items)
    assert [s.key for s in view.sections if s.items] == kept


# Each room's strongest argument, as its source words it (the shipped library; the sources are the five articles
# in content/sources.yaml): the phrase the room's case rests on, and the source whose words carry it.
STRONGEST = {
    "dovish": ("src-shortsighted-pact", "overlooks security dilemmas faced by North Korea and China"),
    "hawkish": ("src-true-alliance", "Now is the time to move toward a true trilateral alliance."),
    "neutral": ("src-core-problem", "This is a major \u201ccore problem\u201d"),
}


@pytest.mark.parametrize("audience", sorted(STRONGEST))
def test_each_rooms_strongest_argument_is_quoted_in_its_sources_words_on_an_item_it_leads_with(
        shipped_only: Library, audience: str) -> None:
    source, words = STRONGEST[audience]
    view = tailor(shipped_only, shipped_only.audiences[audience])
    leads = [i for s in view.sections for i in s.items if i.role == "lead"]
    quoted = [(i.id, p) for i in leads for p in i.points if p.quote and words in p.quote]
    assert quoted, f"{audience}: no item it leads with quotes {words!r}"
    assert all(p.source == source for _, p in quoted)


def test_the_dovish_case_names_the_security_dilemma(shipped_only: Library) -> None:
    view = tailor(shipped_only, shipped_only.audiences["dovish"])
    assert "security dilemma" in view.bluf
    spiral = next(i for i in view.section("risks").items if i.id == "risk-escalation-spiral")
    assert spiral.role == "lead" and "security dilemma" in spiral.framing
    assert "security dilemma" in spiral.points[0].text and "security dilemmas" in spiral.points[0].quote


def test_an_audience_releasable_to_partners_sees_only_what_is_released_to_all_of_them(tmp_path: Path) -> None:
    from tests.support.fixture_projects import make_project

    root = make_project(tmp_path / "proj", "markings-releasable")
    lib = load_library(root / "content", load_project(root).markings).library
    visitors, neutral = tailor(lib, lib.audiences["visitors"]), tailor(lib, lib.audiences["neutral"])
    assert [i.id for i in neutral.all_items()] == [i.id for i in lib.all_items()]
    assert [i.id for i in visitors.all_items()] == ["thr-missiles", "cap-strike", "opt-reassure", "risk-uncoordinated"]
    by_id = {i.id: i for i in visitors.all_items()}
    assert [(p.text, p.quote) for p in by_id["thr-missiles"].points] == [
        ("Missiles of varying ranges threaten all three.", None), ("Fuel stocks are low this winter.", None)]
    assert by_id["cap-strike"].image is None and by_id["risk-uncoordinated"].attr("mitigations") == ()
    # src-c is cited only by the withheld fact; src-b by the open option too
    assert [s.id for s in visitors.sources] == ["src-a", "src-b"]
    assert [s.id for s in neutral.sources] == ["src-a", "src-b", "src-c"]
    assert [e.id for e in visitors.events] == ["ev-summit"]
    assert visitors.classification == "GUARDED MATERIAL//SHARE WITH ARN, BLF"
    # facts released are identical in both variants
    same = {p.text: p for v in (neutral,) for i in v.all_items() for p in i.points}
    assert all(same[p.text].source == p.source for i in visitors.all_items() for p in i.points)
    assert released(lib, lib.audiences["visitors"]).withheld.items == (("thr-bloc", "HOUSE ONLY"),
                                                                     ("opt-planning", "SEALED above GUARDED"))


def test_a_brief_with_no_event_to_show_has_no_timeline(tmp_path: Path) -> None:
    """Every event withheld from an audience releasable to partners (or none in the library): no timeline to draw."""
    from tests.support.fixture_projects import make_project

    root = make_project(tmp_path / "proj", "markings-releasable")
    lib = load_library(root / "content", load_project(root).markings).library
    assert tailor(lib, lib.audiences["visitors"]).chart("timeline") is not None  # ev-summit is released
    summit = dataclasses.replace(lib.events[0], controls=("SHARE WITH CRD",))
    withheld = dataclasses.replace(lib, events=(summit, lib.events[1]))
    assert tailor(withheld, lib.audiences["visitors"]).chart("timeline") is None
    assert tailor(withheld, lib.audiences["neutral"]).chart("timeline") is not None
    assert tailor(dataclasses.replace(lib, events=()), lib.audiences["neutral"]).chart("timeline") is None


def test_the_quote_a_room_hears_first_is_from_the_source_its_profile_weighs_most(minimal: Library) -> None:
    from briefgen.load.model import Point
    from briefgen.tailor.tailor import lead_quote

    item = dataclasses.replace(minimal.threats[0], points=(
        Point(text="No quote.", source="src-a"), Point(text="A.", source="src-a", quote="a"),
        Point(text="B.", source="src-b", quote="b"), Point(text="B again.", source="src-b", quote="b2"),
        Point(text="Unsourced.", quote="c")))
    prof = minimal.audiences["neutral"]
    assert lead_quote(item, prof) == 1  # no sources named: the first quote
    assert lead_quote(item, dataclasses.replace(prof, quote_sources=("src-b",))) == 2
    assert lead_quote(item, dataclasses.replace(prof, quote_sources=("src-x", "src-b", "src-a"))) == 2
    assert lead_quote(item, dataclasses.replace(prof, quote_sources=("src-a", "src-b"))) == 1
    assert lead_quote(dataclasses.replace(item, points=item.points[:1]), prof) is None
    view = tailor(minimal, dataclasses.replace(prof, quote_sources=("src-b",)))
    assert all(v.quote is None or v.points[v.quote].quote for v in view.all_items())


def test_shipped_rooms_inherit_and_name_the_sources_they_weigh_most(shipped_only: Library) -> None:
    profiles = shipped_only.audiences
    assert profiles["hawkish"].quote_sources == ("src-true-alliance", "src-obsolete-alliances")
    assert profiles["dovish"].quote_sources == ("src-shortsighted-pact", "src-core-problem")
    assert profiles["neutral"].quote_sources == ()
    missiles = {a: next(v for v in tailor(shipped_only, profiles[a]).all_items() if v.id == "thr-dprk-missiles")
                for a in profiles}
    assert {a: v.points[v.quote].source for a, v in missiles.items()} == {
        "hawkish": "src-obsolete-alliances", "dovish": "src-madrid-plan", "neutral": "src-madrid-plan"}
    facts = {a: v.points for a, v in missiles.items()}
    assert facts["hawkish"] == facts["dovish"] == facts["neutral"]  # the same facts, in the same order


def test_a_briefing_dated_today_takes_the_day_it_is_tailored_on(shipped_only: Library) -> None:
    import datetime

    briefing = dataclasses.replace(shipped_only.briefing, date="today")
    view = tailor(shipped_only, shipped_only.audiences["neutral"], briefing, today=datetime.date(2026, 12, 10))
    assert view.date == "2026-12-10"
    dated = tailor(shipped_only, shipped_only.audiences["neutral"], today=datetime.date(2026, 12, 10))
    assert dated.date == shipped_only.briefing.date != "2026-12-10"  # a fixed date stays as written


def test_the_view_carries_the_librarys_own_marking_scheme_else_the_default(shipped_only: Library) -> None:
    from briefgen.load.markings import US_SCHEME

    assert tailor(shipped_only, shipped_only.audiences["neutral"]).marking_scheme is US_SCHEME
    own = dataclasses.replace(US_SCHEME, levels=US_SCHEME.levels[:2])
    mine = dataclasses.replace(shipped_only, markings=own)
    assert tailor(mine, mine.audiences["neutral"]).marking_scheme is own
