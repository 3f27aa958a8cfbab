"""Tests of briefgen.commands.listing: a kind's items as a table, vocabulary words with their names."""
from __future__ import annotations

import dataclasses

from briefgen.commands.listing import list_rows
from briefgen.load.library import load_library
from tests.support.paths import FIXTURES


def test_vocabulary_words_are_shown_as_written_with_their_names_where_those_differ() -> None:
    lib = load_library(FIXTURES / "library-other-topic").library
    header, rows = list_rows(lib, "capabilities")
    assert header == ["id", "title", "owner", "domain", "status"]
    assert [r[2:] for r in rows] == [["A (Country A)", "water monitoring", "operational"],
                                     ["B (Country B)", "engineering", "trial (On trial)"],
                                     ["alliance (The River Alliance)", "cyber", "proposed"],
                                     ["alliance (The River Alliance)", "water monitoring", "operational"]]
    header, rows = list_rows(lib, "options", "dovish")
    assert header[0] == "role" and header[-1] == "horizon"
    assert {r[-1] for r in rows} == {"weeks (Immediate)", "season (Seasonal)", "decade (Generational)"}


def test_an_item_not_releasable_to_the_audiences_countries_is_listed_as_withheld(tmp_path) -> None:
    from briefgen import api
    from tests.support.fixture_projects import make_project

    lib = api.load(make_project(tmp_path / "proj", "markings-releasable")).library
    header, rows = list_rows(lib, "threats", "visitors")
    assert (header[:2], [r[:2] for r in rows]) == (["role", "id"], [["normal", "thr-missiles"], ["withheld", "thr-bloc"]])
    assert [r[:2] for r in list_rows(lib, "threats", "neutral")[1]] == [["normal", "thr-missiles"], ["normal", "thr-bloc"]]
    hidden = dataclasses.replace(lib.threats[1], emphasis={"neutral": 0})
    lib_hidden = dataclasses.replace(lib, threats=(lib.threats[0], hidden))
    assert [r[:2] for r in list_rows(lib_hidden, "threats", "neutral")[1]] == [["normal", "thr-missiles"],
                                                                              ["omitted", "thr-bloc"]]
