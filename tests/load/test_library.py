"""Tests of briefgen.load.library: loading, every validation case (fixture folders), warnings, the shipped library."""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

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
