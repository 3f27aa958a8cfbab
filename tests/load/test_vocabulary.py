"""Tests of briefgen.load.vocabulary: what a library declares, the defaults, lookups, and the checks of the words
items use (the fixture cases bad-vocabulary-* and warn-vocabulary-unused of tests/load/test_library.py show the
exact messages of a whole run)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefgen.errors import ContentError
from briefgen.load.library import load_library
from briefgen.load.vocabulary import DEFAULT, Horizon, Party, Scale, Vocabulary, Word, capitalised, in_sentence
from briefgen.resources import shipped_content
from tests.support.paths import FIXTURES


@pytest.fixture()
def minimal(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid-minimal", content)
    return content


def test_the_shipped_library_declares_todays_words() -> None:
    v = load_library(shipped_content()).library.vocabulary
    assert [(p.id, p.name, p.short_name) for p in v.parties] == [
        ("US", "United States", "US"), ("JP", "Japan", "Japan"), ("ROK", "South Korea", "South Korea"),
        ("trilateral", "Trilateral", "Trilateral")]
    assert v.ids("option_categories") == ("military", "diplomatic", "economic", "institutional", "political")
    assert v.ids("capability_statuses") == ("fielded", "in development", "planned")
    assert [h.term for h in v.horizons] == ["Near (< 1 yr)", "Medium (1-3 yrs)", "Long (> 3 yrs)"]
    assert v.rating_words == ("Very low", "Low", "Moderate", "High", "Very high")
    assert (v.scale("deterrence_value").short, v.kind("options").singular) == ("Deterrence", "Option")


def test_a_library_without_vocabulary_yaml_gets_generic_defaults_where_it_uses_none_of_a_topics_words(
        minimal: Path) -> None:
    (minimal / "vocabulary.yaml").unlink()
    (minimal / "capabilities.yaml").unlink()
    (minimal / "options.yaml").write_text("[]\n")
    (minimal / "risks.yaml").write_text((minimal / "risks.yaml").read_text().replace("opt-planning", "opt-x")
                                        .replace("mitigations: [opt-x]", "mitigations: []"))
    lib = load_library(minimal).library
    assert lib.vocabulary == DEFAULT
    assert DEFAULT.parties == DEFAULT.option_categories == DEFAULT.capability_domains == ()
    assert DEFAULT.ids("horizons") == ("near", "medium", "long")


def test_a_library_without_vocabulary_yaml_that_names_parties_is_told_where_to_declare_them(minimal: Path) -> None:
    (minimal / "vocabulary.yaml").unlink()
    with pytest.raises(ContentError) as err:
        load_library(minimal)
    lines = [str(p) for p in err.value.problems if p.severity == "error"]
    assert lines[0].endswith("capabilities.yaml:4:10: capabilities[0].owner: unknown party 'JP': the library "
                             "declares no parties; list them under 'parties:' in vocabulary.yaml")
    assert any("options[0].category: unknown option category 'military': the library declares no option "
               "categories" in line for line in lines)


def test_an_entry_with_other_errors_still_has_its_undeclared_words_reported(minimal: Path) -> None:
    text = (minimal / "capabilities.yaml").read_text()
    (minimal / "capabilities.yaml").write_text(text.replace("owner: JP", "owner: JPN").replace("title: ", "titel: "))
    with pytest.raises(ContentError) as err:
        load_library(minimal)
    fields = [p.field for p in err.value.problems if p.severity == "error"]
    assert "capabilities[0].owner" in fields and "capabilities[0].title" in fields


def test_words_declared_as_mappings_with_labels_and_colours(minimal: Path) -> None:
    (minimal / "vocabulary.yaml").write_text(
        "parties:\n  - {id: JP, name: Japan, short: JPN, colour: '#1f4e79'}\n"
        "option_categories: [{id: military, label: Armed forces}, diplomatic]\n"
        "capability_domains: [strike]\n"
        "capability_statuses: [{id: planned, label: On the drawing board}]\n"
        "horizons:\n  - {id: near, label: Soon, length: Within a year}\n  - {id: medium, label: Later, length: Years}\n"
        "scales: {cost: {name: Price, words: [a, b, c, d, e]}}\n"
        "kinds: {options: {plural: Measures, singular: Measure}}\n")
    v = load_library(minimal).library.vocabulary
    assert v.party("JP") == Party(id="JP", name="Japan", short="JPN", colour="#1F4E79", loc=v.parties[0].loc,
                                  locs=v.parties[0].locs)
    assert (v.label("option_categories", "military"), v.label("option_categories", "diplomatic")) == \
        ("Armed forces", "Diplomatic")
    assert v.label("capability_statuses", "planned") == "On the drawing board"
    assert (v.horizon("near").term, v.horizon("medium").length) == ("Soon (Within a year)", "Years")
    assert (v.word(5, "cost"), v.word(5), v.word(5, "impact")) == ("e", "Very high", "Very high")
    assert (v.scale("cost").name, v.scale("severity").name, v.kind("options").plural, v.kind("risks").plural) == \
        ("Price", "Severity", "Measures", "Risks")


def test_lookups_of_undeclared_words_show_them_as_written() -> None:
    v = Vocabulary(capability_statuses=(Word(id="ready"),), horizons=(Horizon(id="now", label="Now", length="0"),),
                   scales={"cost": Scale(name="Price")})
    assert (v.party("X").name, v.label("capability_statuses", "space and ISR"), v.horizon("later").label) == \
        ("X", "Space and ISR", "Later")
    assert (v.word(0), v.word("3"), v.scale("severity").name) == ("0", "3", "Severity")


def test_unlocated_drops_every_position() -> None:
    v = load_library(shipped_content()).library.vocabulary
    bare = v.unlocated()
    assert bare.ids("parties") == v.ids("parties") and bare.scales.keys() == v.scales.keys()
    assert {e.loc.file for name in ("parties", "horizons") for e in getattr(bare, name)} == {"<none>"}
    assert v.parties[0].loc.line > 0


def test_words_in_a_sentence_and_as_a_label() -> None:
    assert [in_sentence(t) for t in ("Deterrence value", "ISR", "EU forces", "A", "")] == \
        ["deterrence value", "ISR", "EU forces", "a", ""]
    assert [capitalised(t) for t in ("space and ISR", "", "US")] == ["Space and ISR", "", "US"]


def test_a_list_written_as_one_word_says_what_a_list_holds(minimal: Path) -> None:
    (minimal / "vocabulary.yaml").write_text("parties: JP\noption_categories: military\ncapability_domains: [strike]\n")
    with pytest.raises(ContentError) as err:
        load_library(minimal)
    assert [f"{p.field}: {p.message}" for p in err.value.problems if p.severity == "error"] == [
        "vocabulary.parties: expected a list of {id, name} mappings, got 'JP'",
        "vocabulary.option_categories: expected a list of ids or {id, label} mappings, got 'military'"]
