"""Tests of briefgen.load.vocabulary: what a library declares, the defaults, lookups, and the checks of the words
items use (the fixture cases bad-vocabulary-* and warn-vocabulary-unused of tests/load/test_library.py show the
exact messages of a whole run)."""
from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from briefgen.errors import ContentError, Loc
from briefgen.load.library import load_library
from briefgen.load.schema import Context, FrozenMap, ListOf, convert, fld
from briefgen.load.vocabulary import (
    DEFAULT,
    Horizon,
    Party,
    Scale,
    Vocabulary,
    Word,
    WordOrRecord,
    capitalised,
    in_sentence,
)
from briefgen.load.yamlsource import parse_text
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
    assert [in_sentence(t) for t in ("Deterrence value", "ISR", "EU forces", "A", "", "Up", "UpR")] == \
        ["deterrence value", "ISR", "EU forces", "a", "", "up", "upR"]
    assert [capitalised(t) for t in ("space and ISR", "", "US")] == ["Space and ISR", "", "US"]


def test_a_list_written_as_one_word_says_what_a_list_holds(minimal: Path) -> None:
    (minimal / "vocabulary.yaml").write_text("parties: JP\noption_categories: military\ncapability_domains: [strike]\n")
    with pytest.raises(ContentError) as err:
        load_library(minimal)
    assert [f"{p.field}: {p.message}" for p in err.value.problems if p.severity == "error"] == [
        "vocabulary.parties: expected a list of {id, name} mappings, got 'JP'",
        "vocabulary.option_categories: expected a list of ids or {id, label} mappings, got 'military'"]


def _problems(content: Path) -> list[str]:
    """Every problem loading ``content`` gives (errors, then warnings), each as its one line."""
    try:
        return [str(p) for p in load_library(content).warnings]
    except ContentError as err:
        return [str(p) for p in err.problems]


@pytest.fixture()
def here(minimal: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal library as ``content/`` of the working folder, so that messages name ``content/...``."""
    monkeypatch.chdir(minimal.parent)
    return Path("content")


def test_ids_declared_twice_are_reported_at_the_second_bare_or_mapped(here: Path) -> None:
    (here / "vocabulary.yaml").write_text(
        "parties:\n  - {name: Nobody}\n  - {id: JP, name: Japan}\n  - {id: JP, name: Japan again}\n"
        "option_categories: [military, diplomatic, military]\n"
        "capability_domains: [strike]\n"
        "capability_statuses: [planned, in  development, in development]\n")
    assert _problems(here) == [
        "content/vocabulary.yaml:2:5: vocabulary.parties[0].id: missing required field (expected a text)",
        "content/vocabulary.yaml:4:10: vocabulary.parties[2].id: duplicate id 'JP' (first declared at "
        "content/vocabulary.yaml:3:10)",
        "content/vocabulary.yaml:5:43: vocabulary.option_categories[2]: duplicate id 'military' (first declared at "
        "content/vocabulary.yaml:5:21)",
        "content/vocabulary.yaml:7:49: vocabulary.capability_statuses[2]: duplicate id 'in development' (first "
        "declared at content/vocabulary.yaml:7:32)"]


def test_an_unknown_scale_or_kind_is_named_with_the_ones_that_exist(here: Path) -> None:
    (here / "vocabulary.yaml").write_text(
        (here / "vocabulary.yaml").read_text() + "scales:\n  deterence_value: {name: Benefit}\n"
        "kinds:\n  threat: {plural: Dangers, singular: Danger}\n")
    assert _problems(here) == [
        "content/vocabulary.yaml:6:3: vocabulary.scales.deterence_value: unknown scale (did you mean "
        "'deterrence_value'?); expected one of severity, likelihood, impact, deterrence_value, escalation_risk, cost",
        "content/vocabulary.yaml:8:3: vocabulary.kinds.threat: unknown kind (did you mean 'threats'?); expected one "
        "of threats, capabilities, options, risks"]


def test_a_vocabulary_that_is_not_a_mapping_is_one_error(here: Path) -> None:
    (here / "vocabulary.yaml").write_text("- parties\n")
    assert _problems(here) == ["content/vocabulary.yaml:1:1: vocabulary: expected a mapping, got a list"]


def test_undeclared_words_name_the_declared_or_the_built_in_ones(here: Path) -> None:
    caps = (here / "capabilities.yaml").read_text()
    (here / "capabilities.yaml").write_text(caps.replace("owner: JP", "owner: JPN").replace("domain: strike",
                                                                                           "domain: cyber"))
    options = (here / "options.yaml").read_text()
    (here / "options.yaml").write_text(options.replace("category: diplomatic", "category: diplomacy")
                                       .replace("horizon: near", "horizon: nearly"))
    assert _problems(here) == [
        "content/capabilities.yaml:4:10: capabilities[0].owner: unknown party 'JPN' (did you mean 'JP'?); declared "
        "in vocabulary.yaml: JP",
        "content/capabilities.yaml:5:11: capabilities[0].domain: unknown capability domain 'cyber'; declared in "
        "vocabulary.yaml: strike",
        "content/options.yaml:22:13: options[1].category: unknown option category 'diplomacy' (did you mean "
        "'diplomatic'?); declared in vocabulary.yaml: military, diplomatic",
        "content/options.yaml:27:12: options[1].horizon: unknown horizon 'nearly' (did you mean 'near'?); the "
        "built-in ones are near, medium, long: declare your own under 'horizons:' in vocabulary.yaml"]


def test_declared_words_nobody_uses_are_warned_of_at_their_id_unless_one_is_misspelt(here: Path) -> None:
    (here / "vocabulary.yaml").write_text(
        "parties:\n  - {id: JP, name: Japan}\n  - {id: EU, name: European Union}\n"
        "option_categories: [military, diplomatic, cyber]\n"
        "capability_domains: [strike, space]\n")
    assert _problems(here) == [
        "content/vocabulary.yaml:3:10: warning: vocabulary.parties[1]: party 'EU' is declared but no item uses it "
        "(capabilities.owner); remove it or use it",
        "content/vocabulary.yaml:4:43: warning: vocabulary.option_categories[2]: option category 'cyber' is "
        "declared but no item uses it (options.category); remove it or use it",
        "content/vocabulary.yaml:5:30: warning: vocabulary.capability_domains[1]: capability domain 'space' is "
        "declared but no item uses it (capabilities.domain); remove it or use it"]
    caps = (here / "capabilities.yaml").read_text()
    (here / "capabilities.yaml").write_text(caps.replace("owner: JP", "owner: JPN"))
    assert _problems(here) == [  # the parties are misspelt somewhere: EU's warning would only add noise
        "content/capabilities.yaml:4:10: capabilities[0].owner: unknown party 'JPN' (did you mean 'JP'?); declared "
        "in vocabulary.yaml: JP, EU",
        "content/vocabulary.yaml:4:43: warning: vocabulary.option_categories[2]: option category 'cyber' is "
        "declared but no item uses it (options.category); remove it or use it",
        "content/vocabulary.yaml:5:30: warning: vocabulary.capability_domains[1]: capability domain 'space' is "
        "declared but no item uses it (capabilities.domain); remove it or use it"]


def test_a_library_using_every_word_it_declares_has_no_warning(here: Path) -> None:
    assert _problems(here) == []


def test_a_bare_word_is_an_id_of_at_most_80_characters(here: Path) -> None:
    (here / "vocabulary.yaml").write_text((here / "vocabulary.yaml").read_text()
                                          .replace("[military, diplomatic]", f"[military, diplomatic, {'x' * 81}]"))
    assert _problems(here) == ["content/vocabulary.yaml:3:43: vocabulary.option_categories[2]: expected at most 80 "
                               "characters, got 81"]
    (here / "vocabulary.yaml").write_text((here / "vocabulary.yaml").read_text().replace("x" * 81, "x" * 80))
    assert _problems(here) == [f"content/vocabulary.yaml:3:43: warning: vocabulary.option_categories[2]: option "
                               f"category '{'x' * 80}' is declared but no item uses it (options.category); remove it "
                               f"or use it"]


def test_a_party_mapping_with_a_bad_field_is_named_by_its_path(here: Path) -> None:
    (here / "vocabulary.yaml").write_text((here / "vocabulary.yaml").read_text()
                                          .replace("{id: JP, name: Japan}", "{id: JP, name: Japan, colour: blue}"))
    assert _problems(here) == ["content/vocabulary.yaml:2:35: vocabulary.parties[0].colour: expected a colour written "
                               "#RRGGBB (e.g. '#1F4E79', in quotes), got 'blue'"]


def test_each_kind_of_entry_says_what_it_expects_alone_and_in_a_list() -> None:
    @dataclass(frozen=True, kw_only=True)
    class _Needs:
        """A record with a required word and a required party, to see what a missing one is said to need."""

        word: Any = fld(WordOrRecord(Word))
        party: Any = fld(WordOrRecord(Party))
        loc: Loc = Loc("<none>")
        locs: FrozenMap = field(default_factory=FrozenMap)

    ctx = Context()
    node = parse_text("{}\n", "f.yaml")
    convert(_Needs, node, "needs", ctx)
    ListOf(WordOrRecord(Word))(parse_text("military\n", "f.yaml"), "words", ctx)
    ListOf(WordOrRecord(Party))(parse_text("JP\n", "f.yaml"), "parties", ctx)
    assert [f"{p.field}: {p.message}" for p in ctx.problems] == [
                "needs.word: missing required field (expected an id or an {id, label} mapping)",
        "needs.party: missing required field (expected an {id, name} mapping)",
        "words: expected a list of ids or {id, label} mappings, got 'military'",
        "parties: expected a list of {id, name} mappings, got 'JP'"]


def test_a_bare_word_is_located_where_it_is_written() -> None:
    ctx = Context()
    words = ListOf(WordOrRecord(Word))(parse_text("[a, bb]\n", "f.yaml"), "words", ctx)
    assert words == (Word(id="a", loc=Loc("f.yaml", 1, 2)), Word(id="bb", loc=Loc("f.yaml", 1, 5)))
    assert ctx.problems == []


def test_lookups_of_undeclared_entries() -> None:
    v = Vocabulary()
    assert v.party("X") == Party(id="X", name="X")
    assert v.horizon("later") == Horizon(id="later", label="Later", length="Later")
    assert (v.label("horizons", "near"), v.label("horizons", "soon")) == ("Near", "Soon")
    assert v.scale("deterrence_value") == Scale(name="Deterrence value", short="Deterrence")
    assert v.scale("threat_level_now") == Scale(name="Threat level now")
    assert [v.word(n) for n in (0, 1, 5, 6)] == ["0", "Very low", "Very high", "6"]


def test_unlocated_words_are_equal_wherever_the_library_was_read(minimal: Path, tmp_path: Path) -> None:
    (minimal / "vocabulary.yaml").write_text((minimal / "vocabulary.yaml").read_text() +
                                             "scales: {cost: {name: Price}}\n"
                                             "kinds: {options: {plural: Measures, singular: Measure}}\n")
    elsewhere = tmp_path / "elsewhere" / "content"
    shutil.copytree(minimal, elsewhere)
    here, there = (load_library(p).library.vocabulary for p in (minimal, elsewhere))
    assert here != there
    assert here.unlocated() == there.unlocated()
    bare = here.unlocated()
    assert (bare.loc, bare.locs, bare.scales["cost"].locs, bare.kinds["options"].loc) == \
        (Loc("<none>"), {}, {}, Loc("<none>"))
    assert (bare.scale("cost").name, bare.kind("options").plural) == ("Price", "Measures")
    assert {e.locs for name in ("parties", "option_categories") for e in getattr(bare, name)} == {FrozenMap()}
