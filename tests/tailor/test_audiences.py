"""Tests of briefgen.tailor.audiences: the one lookup of audience names, and its one message."""
from __future__ import annotations

import pytest

from briefgen.errors import ConfigError, Loc
from briefgen.load.library import load_library
from briefgen.load.model import Library
from briefgen.tailor.audiences import audience_profile, resolve_audiences
from tests.support.paths import FIXTURES


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(FIXTURES / "valid-minimal").library


def test_no_names_means_every_profile_in_name_order(library: Library) -> None:
    assert resolve_audiences(library, []) == ["dovish", "hawkish", "neutral"]


def test_names_keep_the_order_given(library: Library) -> None:
    assert resolve_audiences(library, ["neutral", "dovish"]) == ["neutral", "dovish"]


def test_every_unknown_name_is_reported_at_once_with_a_near_miss_suggested(library: Library) -> None:
    with pytest.raises(ConfigError) as err:
        resolve_audiences(library, ["hawkis", "neutral", "wolves"])
    assert err.value.lines() == [
        "--audience: unknown audience 'hawkis' (did you mean 'hawkish'?); expected one of dovish, hawkish, neutral",
        "--audience: unknown audience 'wolves'; expected one of dovish, hawkish, neutral"]
    assert err.value.exit_code == 1


def test_a_name_from_a_file_is_reported_where_it_is(library: Library) -> None:
    with pytest.raises(ConfigError) as err:
        resolve_audiences(library, ["dovsh"], Loc("briefgen.yaml", 2, 12), "audiences")
    assert err.value.lines() == ["briefgen.yaml:2:12: audiences: unknown audience 'dovsh' (did you mean 'dovish'?); "
                                 "expected one of dovish, hawkish, neutral"]


def test_audience_profile_gives_the_profile_or_the_same_message(library: Library) -> None:
    assert audience_profile(library, "hawkish") is library.audiences["hawkish"]
    with pytest.raises(ConfigError) as err:
        audience_profile(library, "neutrl", field="B")
    assert err.value.lines() == ["B: unknown audience 'neutrl' (did you mean 'neutral'?); expected one of dovish, "
                                 "hawkish, neutral"]
