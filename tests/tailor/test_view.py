"""Tests of briefgen.tailor.view: the BriefView helpers and its stable JSON form."""
from __future__ import annotations

import dataclasses
import json
import math
import pickle

from hypothesis import HealthCheck, given, settings

from briefgen.load.library import load_library
from briefgen.load.model import Library
from briefgen.tailor.tailor import tailor
from tests.support.generated_library import libraries
from tests.support.paths import FIXTURES

CUSTOM = FIXTURES / "custom-audience"


def test_helpers() -> None:
    lib = load_library(CUSTOM).library
    view = tailor(lib, lib.audiences["congressional"])
    assert view.section("capabilities") is None
    assert view.section("risks").title == "What could go wrong at home and abroad"
    assert view.chart("timeline") is None and view.chart("options_map").highlight == ("crisis-hotline",)
    assert [v.id for v in view.all_items()][:3] == ["domestic-fatigue", "crisis-hotline", "missile-threat"]
    assert view.section("options").items[0].attr("cost") == 2


def _keys(value: object) -> set:
    """Every key of every object in a JSON value."""
    if isinstance(value, dict):
        return set(value).union(*(_keys(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(v) for v in value))
    return set()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(libraries())
def test_to_json_is_stable_and_complete(lib: Library) -> None:
    for prof in lib.audiences.values():
        view = tailor(lib, prof)
        text = view.to_json()
        assert text.endswith("\n")
        # Stable: the same library, copied and tailored again, gives the same text, keys in sorted order.
        assert tailor(pickle.loads(pickle.dumps(lib)), prof).to_json() == text
        data = json.loads(text)
        assert list(data) == sorted(data)
        # Complete: every field of the view, and nothing else (the vocabulary's entries and the marking scheme's
        # without file positions, which depend on the working folder).
        full = json.loads(json.dumps(dataclasses.asdict(view)))
        located = ("vocabulary", "marking_scheme")
        assert {k: v for k, v in data.items() if k not in located} == {k: v for k, v in full.items() if k not in located}
        assert [lv["name"] for lv in data["marking_scheme"]["levels"]] == [lv.name for lv in view.marking_scheme.levels]
        assert data["portions"][0] == {"owner": "briefing", "part": "", "level": view.portions[0].level, "controls": []}
        assert data["vocabulary"]["rating_words"] == list(view.vocabulary.rating_words)
        assert set(data["vocabulary"]["horizons"][0]) == {"id", "label", "length", "short_length"}
        assert not {"loc", "locs"} & _keys(data)  # file positions are left out (a value may well read "loc…")
        assert data["audience"] == prof.name
        assert [s["key"] for s in data["sections"]] == [s.key for s in view.sections]
        for v in view.all_items():  # a zero score is never -0.0 (it would flip sign in snapshots)
            assert math.copysign(1.0, v.score) == 1.0 or v.score < 0
