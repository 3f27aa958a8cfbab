"""Tests of briefgen.load.library: loading, every validation case (fixture folders), warnings, the shipped library."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from briefgen.errors import ContentError
from briefgen.load.library import load_library
from briefgen.resources import shipped_content
from tests.support.paths import FIXTURES

FIXTURES = FIXTURES
CASES = sorted(p.name for p in FIXTURES.iterdir() if p.name.startswith(("bad-", "warn-")) and
               (p / "expected.txt").is_file())


def make_case(tmp_path: Path, name: str) -> Path:
    """valid-minimal with the scenario's files laid over it (and its delete.txt files removed)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid-minimal", content)
    case = FIXTURES / name
    for src in case.rglob("*"):
        if src.is_file() and src.name not in ("expected.txt", "delete.txt"):
            dest = content / src.relative_to(case)
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(src, dest)
    if (case / "delete.txt").is_file():
        for line in (case / "delete.txt").read_text().split():
            (content / line).unlink()
    return content


@pytest.mark.parametrize("case", CASES)
def test_validation_case_reports_exact_lines(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_case(tmp_path, case)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate", "--strict"])
    expected = (FIXTURES / case / "expected.txt").read_text()
    assert result.exit_code == 1
    assert result.stderr == expected
    assert "Traceback" not in result.output


def test_cases_cover_every_required_scenario() -> None:
    required = {"bad-yaml-syntax", "bad-top-level", "bad-missing-field", "bad-unknown-field", "bad-range",
                "bad-duplicate-id", "bad-duplicate-key", "bad-unknown-ref", "bad-unknown-audience",
                "bad-unknown-extends", "bad-extends-cycle", "bad-empty-library", "warn-unsourced-fact",
                "bad-unknown-pushback"}
    assert required <= set(CASES)


def test_valid_minimal_loads_with_positions() -> None:
    lib = load_library(FIXTURES / "valid-minimal").library
    thr = lib.threats[0]
    assert thr.id == "thr-missiles"
    assert thr.loc.file.endswith("threats.yaml") and thr.loc.line == 1 and thr.loc.col == 3
    assert thr.locs["severity"].line == 5
    assert thr.points[0].locs["source"].line == 10
    assert lib.audiences["hawkish"].chain == ("hawkish", "neutral")


def test_warning_does_not_fail_without_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_case(tmp_path, "warn-unsourced-fact")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "content/capabilities.yaml:8:7: warning: capabilities[0].points[0].source: fact has no source"]
    assert result.stdout.splitlines() == [
        "ok: 2 threats, 1 capabilities, 2 options, 1 risks, 2 sources, 2 events, 3 audiences"]


def test_models_are_immutable() -> None:
    lib = load_library(FIXTURES / "valid-minimal").library
    with pytest.raises(dataclasses.FrozenInstanceError):
        lib.threats[0].severity = 1  # type: ignore[misc]
    with pytest.raises(TypeError):
        lib.threats[0].framing["neutral"] = "changed"


def test_folder_per_kind_is_accepted(tmp_path: Path) -> None:
    content = make_case(tmp_path, "bad-empty-library")  # no item files at all
    (content / "threats").mkdir()
    src = (FIXTURES / "valid-minimal" / "threats.yaml").read_text().split("- id: thr-bloc")[0]
    (content / "threats" / "missiles.yaml").write_text(src)
    (content / "risks").mkdir()
    (content / "risks" / "one.yaml").write_text(
        "id: risk-one\ntitle: One\nsummary: A risk.\nlikelihood: 2\nimpact: 3\n")
    lib = load_library(content).library
    assert [t.id for t in lib.threats] == ["thr-missiles"]
    assert [r.id for r in lib.risks] == ["risk-one"]


def test_files_of_a_kind_folder_are_read_in_name_order(tmp_path: Path) -> None:
    content = make_case(tmp_path, "bad-empty-library")
    (content / "risks").mkdir()
    for name in ("m-risk", "z-risk", "a-risk", "b-risk"):  # made in another order than their names'
        (content / "risks" / f"{name}.yaml").write_text(
            f"id: {name}\ntitle: T\nsummary: A risk.\nlikelihood: 2\nimpact: 3\n")
    (content / "risks" / "notes.txt").write_text("not an item")
    lib = load_library(content).library
    assert [r.id for r in lib.risks] == ["a-risk", "b-risk", "m-risk", "z-risk"]
    assert [Path(r.loc.file).name for r in lib.risks] == ["a-risk.yaml", "b-risk.yaml", "m-risk.yaml", "z-risk.yaml"]


def test_folder_item_errors_point_at_that_file(tmp_path: Path) -> None:
    content = make_case(tmp_path, "bad-empty-library")
    (content / "risks").mkdir()
    (content / "risks" / "one.yaml").write_text("id: risk-one\ntitle: One\nsummary: A risk.\nlikelihood: 9\nimpact: 3\n")
    with pytest.raises(ContentError) as exc:
        load_library(content)
    assert any(line.endswith("risks/one.yaml:4:13: risks[0].likelihood: expected an integer from 1 to 5, got 9")
               for line in exc.value.lines())


def test_shipped_library_validates_strict() -> None:
    result = load_library(shipped_content())
    assert result.warnings == ()
    lib = result.library
    assert len(lib.threats) >= 8 and len(lib.capabilities) >= 10 and len(lib.options) >= 14
    assert len(lib.risks) >= 10 and len(lib.events) >= 15 and len(lib.sources) == 5
    for item in lib.all_items():
        assert set(item.framing) >= {"neutral", "hawkish", "dovish"}, item.id
        assert set(item.emphasis) >= {"neutral", "hawkish", "dovish"}, item.id
        assert all(p.source for p in item.points), item.id


# -- direct tests: what is loaded, and the paths and profiles no fixture folder can hold ------------------------

def content_with(tmp_path: Path, files: dict[str, str | None]) -> Path:
    """valid-minimal copied to ``tmp_path/content`` with ``files`` written over it (None: the file removed)."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "valid-minimal", content)
    for name, text in files.items():
        if text is None:
            (content / name).unlink()
        else:
            (content / name).parent.mkdir(parents=True, exist_ok=True)
            (content / name).write_text(text)
    return content


def problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, str | None] | None = None,
             change: Any = None) -> list[str]:
    """The lines load_library reports for valid-minimal with ``files`` laid over it and ``change(content)`` done."""
    content = content_with(tmp_path, files or {})
    if change is not None:
        change(content)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ContentError) as exc:
        load_library("content")
    return exc.value.lines()


def test_every_file_read_is_listed_and_the_briefing_is_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES)
    lib = load_library("valid-minimal").library
    assert lib.root == "valid-minimal"
    assert lib.files == ("briefing.yaml", "sources.yaml", "events.yaml", "threats.yaml", "capabilities.yaml",
                         "options.yaml", "risks.yaml", "audiences/dovish.yaml", "audiences/hawkish.yaml",
                         "audiences/neutral.yaml", "vocabulary.yaml")
    b = lib.briefing
    assert (b.title, b.classification, b.organisation) == ("Minimal test briefing", "UNCLASSIFIED", "Test Staff")
    assert dict(b.bluf) == {"neutral": "Balanced bottom line.", "hawkish": "Firm bottom line.",
                            "dovish": "Careful bottom line."}
    assert dict(b.decisions) == {"neutral": ("Approve the plan",)}
    assert b.loc.file == "valid-minimal/briefing.yaml"
    assert dict(lib.images) == {}
    assert [s.id for s in lib.sources] == ["src-a", "src-b"] and [e.id for e in lib.events] == ["ev-summit", "ev-exercise"]
    assert [o.id for o in lib.options] == ["opt-planning", "opt-reassure"]


def test_a_profile_inherits_what_it_does_not_set_from_the_profile_it_extends() -> None:
    hawkish = load_library(FIXTURES / "valid-minimal").library.audiences["hawkish"]
    assert (hawkish.name, hawkish.label, hawkish.chain) == ("hawkish", "Deterrence-first", ("hawkish", "neutral"))
    assert hawkish.description == "Principals who judge options by how much they strengthen deterrence."
    assert (hawkish.threshold, hawkish.default_emphasis, hawkish.max_main, hawkish.recommend) == (2, 2, 5, 3)
    assert hawkish.sections == ("context", "threats", "capabilities", "options", "risks", "decisions")
    assert dict(hawkish.section_titles) == {
        "context": "Strategic context", "threats": "A threat picture that demands integration",
        "capabilities": "Combined strength to build on", "options": "Options to strengthen deterrence",
        "risks": "Risks of moving too slowly", "decisions": "Decisions to lock in now"}
    assert {k: dict(v) for k, v in hawkish.ranking.items()} == {
        "threats": {"severity": 2, "likelihood": 1},
        "options": {"deterrence_value": 2, "stance": 1, "escalation_risk": -0.25},
        "risks": {"impact": 2, "likelihood": 1}}
    assert hawkish.charts == ("timeline", "threat_overview", "capability_matrix", "options_map", "risk_heatmap")
    assert hawkish.pushback_from == ("dovish",)
    assert hawkish.delivery.startswith("Confident and direct.")
    assert (hawkish.loc.file.endswith("audiences/hawkish.yaml"), hawkish.loc.line) == (True, 3)


def test_a_profile_that_sets_only_its_label_gets_the_defaults_and_a_warning_per_item(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content_with(tmp_path, {"audiences/plain.yaml": "label: Plain\n"})
    monkeypatch.chdir(tmp_path)
    result = load_library("content")
    plain = result.library.audiences["plain"]
    assert (plain.label, plain.description, plain.chain, plain.delivery) == ("Plain", "", ("plain",), "")
    assert (plain.threshold, plain.default_emphasis, plain.max_main, plain.recommend) == (2, 2, 6, 3)
    assert plain.sections == ("context", "threats", "capabilities", "options", "risks", "decisions")
    assert dict(plain.section_titles) == {
        "context": "Strategic context", "threats": "Threats", "capabilities": "Capabilities",
        "options": "Policy options", "risks": "Risks and mitigations", "decisions": "Decisions and next steps"}
    assert dict(plain.ranking) == {} and plain.pushback_from == ()
    assert plain.charts == ("timeline", "threat_overview", "capability_matrix", "options_map", "risk_heatmap")
    assert [str(w) for w in result.warnings] == [
        f"content/{f}:{line}:3: warning: {path}.framing: no framing for audience 'plain' (falls back to the summary)"
        for f, line, path in [("threats.yaml", 1, "threats[0]"), ("threats.yaml", 16, "threats[1]"),
                              ("capabilities.yaml", 1, "capabilities[0]"), ("options.yaml", 1, "options[0]"),
                              ("options.yaml", 19, "options[1]"), ("risks.yaml", 1, "risks[0]")]]


def test_a_content_folder_that_is_missing_or_a_file_is_one_line(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    for name, found in [("nowhere", "nothing (no such folder; `briefgen init DIR` makes a starter project)"),
                        ("notes.txt", "a file")]:
        with pytest.raises(ContentError) as exc:
            load_library(name)
        assert exc.value.lines() == [f"{name}: expected a content folder, got {found}"]


def test_a_missing_briefing_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert problems(tmp_path, monkeypatch, {"briefing.yaml": None}) == [
        "content/briefing.yaml: missing file: every library needs a briefing.yaml (title, date, classification, "
        "bluf, recommendation)"]


def test_a_briefing_yml_is_read_like_a_briefing_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    content = content_with(tmp_path, {})
    (content / "briefing.yaml").rename(content / "briefing.yml")
    monkeypatch.chdir(tmp_path)
    lib = load_library("content").library
    assert lib.briefing.title == "Minimal test briefing" and lib.files[0] == "briefing.yml"


def test_a_briefing_with_a_bad_field_is_reported_at_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FIXTURES / "valid-minimal" / "briefing.yaml").read_text().replace("date: 2026-01-15", "date: soon")
    assert problems(tmp_path, monkeypatch, {"briefing.yaml": text}) == [
        "content/briefing.yaml:2:7: briefing.date: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, or today, got 'soon'"]


def _folder_instead(name: str) -> Any:
    def change(content: Path) -> None:
        (content / name).unlink()
        (content / name).mkdir()
        (content / name / "inside.yaml").write_text("- id: x\n")
    return change


def test_a_folder_where_a_yaml_file_should_be_is_named_and_its_ids_are_not_judged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # options.yaml's mitigates names a risk: with risks.yaml unreadable, that is not reported as unknown.
    assert problems(tmp_path, monkeypatch, change=_folder_instead("risks.yaml")) == [
        "content/risks.yaml: expected a YAML file, got a folder"]


def test_a_folder_where_the_briefing_should_be_is_named_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert problems(tmp_path, monkeypatch, change=_folder_instead("briefing.yaml")) == [
        "content/briefing.yaml: expected a YAML file, got a folder"]


def test_a_kind_name_that_is_a_file_not_a_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert problems(tmp_path, monkeypatch, {"risks": "not a folder"}) == [
        "content/risks: expected a folder of risks files (or risks.yaml), got a file"]


def test_entries_of_a_kind_folder_that_are_not_yaml_files_or_items_are_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def change(content: Path) -> None:
        (content / "risks" / "a-folder.yaml").mkdir()
    lines = problems(tmp_path, monkeypatch, {"risks/b-words.yml": "just words\n", "risks/c-list.yaml": "- 3\n"},
                     change)
    assert lines == ["content/risks/a-folder.yaml: expected a YAML file, got a folder",
                     "content/risks/b-words.yml:1:1: risks: expected a mapping (one item) or a list of items, "
                     "got 'just words'",
                     "content/risks/c-list.yaml:1:3: risks[0]: expected a mapping, got 3"]


def test_a_link_that_leaves_the_content_folder_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text((FIXTURES / "valid-minimal" / "risks.yaml").read_text())

    def change(content: Path) -> None:
        (content / "risks.yaml").unlink()
        (content / "risks.yaml").symlink_to(outside)
    assert problems(tmp_path, monkeypatch, change=change) == [
        "content/risks.yaml: expected a file inside the content folder, got a link that leaves it"]


def test_an_audiences_folder_that_is_missing_empty_or_a_file_is_named(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    none = "content/audiences: audiences: expected at least one audience profile (audiences/NAME.yaml), got none"

    def remove(content: Path) -> None:
        shutil.rmtree(content / "audiences")

    def empty(content: Path) -> None:
        remove(content)
        (content / "audiences").mkdir()
        (content / "audiences" / "README.txt").write_text("profiles go here")

    def a_file(content: Path) -> None:
        remove(content)
        (content / "audiences").write_text("hawkish")
    for n, (change, expected) in enumerate([(remove, [none]), (empty, [none]), (a_file, [
            "content/audiences: expected a folder of audience profiles (audiences/NAME.yaml), got a file"])]):
        assert problems(tmp_path / str(n), monkeypatch, change=change) == expected, change.__name__


@pytest.mark.parametrize("name, message", [
    ("Hawks", "expected a file name of lower-case letters, digits and hyphens (it is the audience's name), got "
              "'Hawks'"),
    ("h" * 65, "expected a file name of at most 64 characters, got 65 (shorten it) (it is the audience's name)")])
def test_an_audience_file_name_that_cannot_name_an_output_folder_is_refused(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, message: str) -> None:
    text = (FIXTURES / "valid-minimal" / "audiences" / "hawkish.yaml").read_text()
    assert problems(tmp_path, monkeypatch, {f"audiences/{name}.yaml": text}) == [
        f"content/audiences/{name}.yaml: audiences: {message}"]


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_an_invalid_profile_is_still_a_known_audience(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      suffix: str) -> None:
    text = (FIXTURES / "valid-minimal" / "audiences" / "neutral.yaml").read_text().replace("max_main: 5",
                                                                                           "max_main: many")
    # hawkish and dovish extend neutral, items frame it and hawkish pushes back from it: none of that is
    # reported as unknown; only the field itself is.
    assert problems(tmp_path, monkeypatch, {"audiences/neutral.yaml": None, f"audiences/neutral{suffix}": text}) == [
        f"content/audiences/neutral{suffix}:19:11: audiences.neutral.max_main: expected an integer from 1 to 20, "
        "got 'many'"]


def test_an_unreadable_profile_is_still_a_known_audience(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = problems(tmp_path, monkeypatch, {"audiences/neutral.yaml": "label: [unclosed\n"})
    assert lines == ["content/audiences/neutral.yaml:2:1: YAML syntax error: expected ',' or ']' in the [ ] list that "
                     "starts at line 1: add the missing ',' or ']', and quote items that hold ', ' or ': '"]


def test_an_entry_without_a_usable_id_stops_references_to_its_kind_being_judged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    risks = (FIXTURES / "valid-minimal" / "risks.yaml").read_text()
    for n, (entry, expected) in enumerate([
            ("- just words\n", "content/risks.yaml:1:3: risks[0]: expected a mapping, got 'just words'"),
            ("- id: {a: 1}\n", "content/risks.yaml:1:7: risks[0].id: expected an id of lower-case letters, digits and hyphens, "
                              "got a mapping")]):
        lines = problems(tmp_path / str(n), monkeypatch, {"risks.yaml": entry + risks.replace(
            "id: risk-uncoordinated", "id: risk-elsewhere")})
        assert lines[0] == expected  # and options[0].mitigates' risk-uncoordinated is not called unknown
        assert not any("unknown risk id" in line for line in lines), lines


def test_an_entry_that_fails_keeps_its_id_known_and_its_own_references_judged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    risks = (FIXTURES / "valid-minimal" / "risks.yaml").read_text()
    bad = risks.replace("likelihood: 2", "likelihood: 9").replace("mitigations: [opt-planning]",
                                                                  "mitigations: [opt-plan]")
    assert problems(tmp_path, monkeypatch, {"risks.yaml": bad}) == [
        "content/risks.yaml:4:15: risks[0].likelihood: expected an integer from 1 to 5, got 9",
        "content/risks.yaml:7:17: risks[0].mitigations: unknown option id 'opt-plan' (did you mean 'opt-planning'?)"]


def test_no_items_and_another_error_reports_only_that_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {f"{k}.yaml": None for k in ("threats", "capabilities", "options", "risks", "vocabulary")}
    files["sources.yaml"] = "- 3\n"
    assert problems(tmp_path, monkeypatch, files) == ["content/sources.yaml:1:3: sources[0]: expected a mapping, "
                                                      "got 3"]


def test_an_id_defined_twice_across_kinds_points_at_the_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    risks = (FIXTURES / "valid-minimal" / "risks.yaml").read_text().replace("id: risk-uncoordinated",
                                                                            "id: opt-planning")
    lines = problems(tmp_path, monkeypatch, {"risks.yaml": risks})
    assert lines[0] == ("content/risks.yaml:1:7: risks[0].id: duplicate id 'opt-planning' (first defined at "
                        "content/options.yaml:1:7)")


def test_a_mitigation_written_on_either_side_is_read_both_ways(tmp_path: Path) -> None:
    content = make_case(tmp_path, "bad-empty-library")  # no items, then an option, a risk and a one-sided link each way
    (content / "vocabulary.yaml").write_text("option_categories: [military]\n")
    option = ("- {{id: {0}, title: T, summary: S., category: military, stance: 0, deterrence_value: 3, "
              "escalation_risk: 2, cost: 2, horizon: near{1}}}\n")
    (content / "options.yaml").write_text(option.format("opt-a", ", mitigates: [risk-a]") + option.format("opt-b", ""))
    (content / "risks.yaml").write_text("- {id: risk-a, title: T, summary: S., likelihood: 2, impact: 3}\n"
                                        "- {id: risk-b, title: T, summary: S., likelihood: 2, impact: 3, "
                                        "mitigations: [opt-b, opt-a]}\n")
    lib = load_library(content).library
    assert [(o.id, o.mitigates) for o in lib.options] == [("opt-a", ("risk-a", "risk-b")), ("opt-b", ("risk-b",))]
    assert [(r.id, r.mitigations) for r in lib.risks] == [("risk-a", ("opt-a",)), ("risk-b", ("opt-b", "opt-a"))]


def test_a_duplicate_key_names_the_field_in_the_briefing_and_in_a_profile(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    briefing = (FIXTURES / "valid-minimal" / "briefing.yaml").read_text() + "title: Again\n"
    profile = (FIXTURES / "valid-minimal" / "audiences" / "dovish.yaml").read_text() + "label: Again\n"
    assert problems(tmp_path, monkeypatch, {"briefing.yaml": briefing, "audiences/dovish.yaml": profile}) == [
        "content/briefing.yaml:17:1: briefing.title: duplicate key (first defined at line 1)",
        "content/audiences/dovish.yaml:22:1: audiences.dovish.label: duplicate key (first defined at line 3)"]


def test_an_audiences_quote_sources_must_be_sources_of_the_library(tmp_path: Path) -> None:
    import shutil

    from briefgen.errors import ContentError
    from briefgen.resources import shipped_content

    shutil.copytree(shipped_content(), tmp_path / "content", ignore=shutil.ignore_patterns("__pycache__", "__init__.py"))
    path = tmp_path / "content" / "audiences" / "dovish.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("quote_sources: [src-shortsighted-pact,",
                                                             "quote_sources: [src-shortsighted-pakt,"),
                    encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_library(tmp_path / "content")
    assert [(p.field, p.message) for p in err.value.problems if p.severity == "error"] == [
        ("audiences.dovish.quote_sources[0]", "unknown source id 'src-shortsighted-pakt' (did you mean "
                                              "'src-shortsighted-pact'?)")]


def test_an_audience_profile_may_be_a_yml_file(tmp_path: Path) -> None:
    content = content_with(tmp_path, {})
    (content / "audiences" / "dovish.yaml").rename(content / "audiences" / "dovish.yml")
    lib = load_library(content).library
    assert sorted(lib.audiences) == ["dovish", "hawkish", "neutral"] and "audiences/dovish.yml" in lib.files


def test_a_folder_named_briefing_yml_is_named_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def folder(content: Path) -> None:
        (content / "briefing.yaml").unlink()
        (content / "briefing.yml").mkdir()

    assert problems(tmp_path, monkeypatch, change=folder) == [
        "content/briefing.yml: expected a YAML file, got a folder"]  # not also "missing file"


def test_a_problem_of_the_vocabulary_file_names_its_field_from_vocabulary(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FIXTURES / "valid-minimal" / "vocabulary.yaml").read_text() + "capability_domains: [cyber]\n"
    assert problems(tmp_path, monkeypatch, {"vocabulary.yaml": text}) == [
        "content/vocabulary.yaml:5:1: vocabulary.capability_domains: duplicate key (first defined at line 4)"]


def test_a_quote_source_whose_entry_failed_its_own_checks_is_not_called_unknown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = (FIXTURES / "valid-minimal" / "sources.yaml").read_text().replace("date: 2024-05-01", "date: soon")
    dovish = (FIXTURES / "valid-minimal" / "audiences" / "dovish.yaml").read_text() + "quote_sources: [src-b]\n"
    assert problems(tmp_path, monkeypatch, {"sources.yaml": sources, "audiences/dovish.yaml": dovish}) == [
        "content/sources.yaml:9:9: sources[1].date: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got 'soon'"]


def test_the_librarys_briefing_names_only_formats_briefgen_writes(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FIXTURES / "valid-minimal" / "briefing.yaml").read_text() + "formats: [pptx, docxx]\n"
    content_with(tmp_path, {"briefing.yaml": text})
    monkeypatch.chdir(tmp_path)
    assert load_library("content").library.briefing.formats == ("pptx", "docxx")  # not judged without the list
    with pytest.raises(ContentError) as exc:
        load_library("content", formats=("pptx", "docx", "md"))
    assert exc.value.lines() == ["content/briefing.yaml:17:10: briefing.formats[1]: unknown format 'docxx' (did you "
                                 "mean 'docx'?); formats are: pptx, docx, md"]
