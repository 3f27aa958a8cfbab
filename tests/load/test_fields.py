"""Tests of briefgen.load.fields: recorded field paths read back, and located in the content files for an
audience as tailoring chooses them (its own entry, an ancestor's, or the item's summary)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.load.fields import FieldRef, Locator, parse_field
from briefgen.load.library import load_library
from tests.support.paths import FIXTURES


@pytest.mark.parametrize("text, ref", [
    ("thr-a.title", FieldRef("thr-a", "title")),
    ("thr-a.framing", FieldRef("thr-a", "framing")),
    ("thr-a.points[12]", FieldRef("thr-a", "points", 12)),
    ("briefing.bluf", FieldRef(None, "bluf")),
    ("briefing.decisions[0]", FieldRef(None, "decisions", 0)),
])
def test_a_recorded_path_reads_back_as_written(text: str, ref: FieldRef) -> None:
    assert parse_field(text) == ref
    assert str(ref) == text


@pytest.mark.parametrize("text", [None, "", "thr-a", "thr-a.points", "thr-a.title[0]", "briefing.title",
                                  "briefing.decisions", "thr-a.summary", "Thr-A.title", "briefing.bluf[1]"])
def test_anything_else_is_no_field(text) -> None:
    assert parse_field(text) is None


@pytest.fixture(scope="module")
def locator() -> Locator:
    return Locator(load_library(FIXTURES / "custom-audience").library)


def where(located) -> tuple:
    return Path(located.loc.file).name, located.loc.line, located.loc.col, located.audience, located.node.value()


def test_a_point_is_its_text_and_a_title_its_scalar(locator: Locator) -> None:
    title = locator.locate(FieldRef("missile-threat", "title"), "hawkish")
    assert where(title) == ("threats.yaml", 2, 10, None, "Missile threat from North Korea")
    point = locator.locate(FieldRef("missile-threat", "points", 0), "hawkish")
    assert where(point)[:2] == ("threats.yaml", 9) and point.ref == FieldRef("missile-threat", "points", 0)


def test_an_audience_without_its_own_entry_reads_the_profile_it_extends(locator: Locator) -> None:
    framing = locator.locate(FieldRef("missile-threat", "framing"), "congressional")
    assert where(framing) == ("threats.yaml", 12, 14, "neutral", "A shared threat that gives the three a common agenda.")
    bluf = locator.locate(FieldRef(None, "bluf"), "hawkish")
    assert where(bluf) == ("briefing.yaml", 9, 12, "hawkish",
                           "Integrate planning now while the three governments are aligned.")


def test_no_framing_for_the_audience_or_its_ancestors_is_the_summary(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "custom-audience", tmp_path / "content")
    threats = tmp_path / "content" / "threats.yaml"
    threats.write_text(threats.read_text().replace(
        "    neutral: Every step needs a reading of how others will react.\n", ""))
    got = Locator(load_library(tmp_path / "content").library).locate(FieldRef("security-dilemma", "framing"), "hawkish")
    assert got.instead == "summary" and got.audience is None and (got.node.loc.line, got.node.value()) == (
        18, "Trilateral military steps can be read as a threat by others.")


def test_a_missing_item_point_or_decision_is_none(locator: Locator) -> None:
    assert locator.locate(FieldRef("no-such-item", "title"), "hawkish") is None
    assert locator.locate(FieldRef("missile-threat", "points", 99), "hawkish") is None
    assert locator.locate(FieldRef(None, "decisions", 99), "hawkish") is None
