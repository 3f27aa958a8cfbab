"""``briefgen check``: every output of a project or the ones named, one line per problem, exit codes,
--strict, the note when openxml-audit is missing, and the summary ``build`` prints."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from briefgen.cli import cli
from briefgen.commands.check import check_outputs, project_outputs, summary
from briefgen.errors import ConfigError
from briefgen.project import load_project
from tests.support.fixture_projects import make_project


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def _deck(path: Path, title: str = "Deck", second_title: str = "Other") -> Path:
    prs = Presentation()
    prs.core_properties.title, prs.core_properties.language = title, "en-US"
    for text in ("Opening", second_title):
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = text
    prs.save(path)
    return path


def test_every_output_of_the_shipped_project_passes(shipped_project: Path) -> None:
    outputs = project_outputs(load_project(shipped_project))
    assert sorted({p.suffix for p in outputs}) == [".docx", ".html", ".md", ".pptx"]
    assert len(outputs) == 13  # 3 audiences x 4 formats, and the diff page
    result = run("check", "-p", str(shipped_project))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == "13 outputs checked, 0 problems\n"


def test_errors_print_one_line_each_and_exit_1(tmp_path: Path) -> None:
    deck = _deck(tmp_path / "deck.pptx", title="")
    result = run("check", str(deck))
    assert result.exit_code == 1
    shown = result.stdout.splitlines()
    assert len(shown) == 1 and shown[0].endswith("deck.pptx: document-title: the presentation has no title; set it "
                                                 "in File > Info > Properties > Title")
    assert result.stderr.endswith("1 output checked, 1 problem (1 errors, 0 warnings)\n")


def test_warnings_pass_unless_strict(tmp_path: Path) -> None:
    deck = _deck(tmp_path / "deck.pptx", second_title="Opening")  # a duplicate title: a warning
    relaxed = run("check", str(deck))
    assert relaxed.exit_code == 0
    assert "slide 2: warning: unique-title" in relaxed.stdout
    strict = run("check", "--strict", str(deck))
    assert strict.exit_code == 1
    assert "1 warning(s) (failing because of --strict)" in strict.stderr


def test_a_file_briefgen_does_not_write_or_cannot_find(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    unknown = run("check", str(tmp_path / "notes.txt"))
    assert unknown.exit_code == 1
    assert unknown.stderr.strip().endswith("notes.txt: output: expected a .pptx, .docx, .html, .pdf, .md file "
                                           "briefgen writes, got '.txt'")
    absent = run("check", str(tmp_path / "gone.pptx"))
    assert absent.exit_code == 1
    assert absent.stderr.strip().endswith("gone.pptx: output: no such file; build it first (briefgen build) or "
                                          "name an existing output")
    assert "Traceback" not in unknown.output + absent.output


def test_a_project_with_nothing_built(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    with pytest.raises(ConfigError) as err:
        project_outputs(load_project(project))
    assert [p.message for p in err.value.problems] == ["no outputs to check; run briefgen build first, or name the "
                                                       "files to check"]


def test_without_openxml_audit_one_note_says_validity_was_not_checked(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.write.ooxml import validity

    monkeypatch.setattr(validity, "validator_available", lambda: False)
    result = run("check", str(_deck(tmp_path / "deck.pptx")))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "note: Open XML validity not checked: openxml-audit is not installed (pip install 'briefgen[check]')",
        "1 output checked, 0 problems"]


def test_validity_runs_only_when_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.write.ooxml import validity

    calls = []
    monkeypatch.setattr(validity, "check_validity", lambda path, shown: calls.append(path) or [])
    deck = _deck(tmp_path / "deck.pptx")
    check_outputs([deck], validity=False)
    assert calls == []
    report = check_outputs([deck])
    assert calls == [deck] and summary(report) == "1 output checked, 0 problems"


def test_build_checks_what_it_wrote(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    first = run("build", "-a", "neutral", "-f", "md", "-f", "html", "-p", str(project), "-j", "1")
    assert first.exit_code == 0, first.output
    assert first.stderr.splitlines()[-2:] == ["2 built, 0 unchanged, 0 failed", "2 outputs checked, 0 problems"]
    again = run("build", "-a", "neutral", "-f", "md", "-f", "html", "-p", str(project), "-j", "1")
    assert again.stderr.splitlines()[-1] == "0 built, 2 unchanged, 0 failed"  # nothing written, nothing checked


def test_help_has_an_example() -> None:
    result = run("check", "--help")
    assert result.exit_code == 0 and "Example" in result.output


def test_the_readme_documents_every_rule_with_its_severity() -> None:
    import importlib
    import re

    from briefgen.commands.check import RULE_MODULES
    from tests.support.paths import REPO

    section = (REPO / "README.md").read_text(encoding="utf-8").split("## Checking outputs", 1)[1].split("\n## ", 1)[0]
    for module in RULE_MODULES.values():
        for rule in importlib.import_module(module).RULES:
            italic = re.search(rf"\*`{re.escape(rule.id)}`\*", section) is not None
            assert f"`{rule.id}`" in section, f"{module}: {rule.id} is not in the README"
            assert italic == (rule.severity == "warning"), f"{module}: {rule.id} is a {rule.severity}"
