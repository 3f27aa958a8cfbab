"""Tests of briefgen.project: briefgen.yaml settings, checked the same whether written or left at their defaults."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefgen.errors import ConfigError
from briefgen.project import load_project
from tests.support.fixture_projects import make_project


def problems(root: Path) -> list[str]:
    """The lines of the ConfigError opening ``root`` raises."""
    with pytest.raises(ConfigError) as exc:
        load_project(root)
    return exc.value.lines()


@pytest.mark.parametrize("setting, line", [
    ('slug: "brief\\n"', "briefgen.yaml:1:7: slug: expected an id of lower-case letters, digits and hyphens, "
                         "got 'brief\\n'"),
    ("slug: nul", "briefgen.yaml:1:7: slug: expected an id that can name a file on every system, got 'nul' "
                  "(Windows reserves it for a device; choose another, e.g. nul-1)"),
    ("slug: " + "x" * 65, "briefgen.yaml:1:7: slug: expected an id of at most 64 characters, got 65 (shorten it)"),
    ("audiences: [neutral, 'com1']", "briefgen.yaml:1:22: audiences[1]: expected an id that can name a file on "
                                     "every system, got 'com1' (Windows reserves it for a device; choose another, "
                                     "e.g. com1-1)"),
    ("output: out.", "briefgen.yaml:1:9: output: expected a folder name every system can create, got 'out.' "
                     "('out.' ends in '.', which Windows drops)"),
    ("output: 'out /builds'", "briefgen.yaml:1:9: output: expected a folder name every system can create, got "
                              "'out /builds' ('out ' ends in ' ', which Windows drops)"),
    ("output: builds/aux", "briefgen.yaml:1:9: output: expected a folder name every system can create, got "
                           "'builds/aux' ('aux' is a name Windows reserves for a device)"),
    ("output: 'out:2'", "briefgen.yaml:1:9: output: expected a folder name every system can create, got 'out:2' "
                        "('out:2' holds ':', which Windows does not allow in a name)"),
    ("output: 'a\\b'", "briefgen.yaml:1:9: output: expected a folder name every system can create, got 'a\\\\b' "
                       "('a\\\\b' holds '\\\\', which Windows does not allow in a name)"),
])
def test_a_setting_that_becomes_a_file_name_must_be_one_on_every_system(tmp_path: Path, setting: str,
                                                                         line: str,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "briefgen.yaml").write_text(setting + "\n", encoding="utf-8")
    assert problems(Path(".")) == [line]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
@pytest.mark.parametrize("config", [None, "", "content: content\n", "output: out\n"])
def test_an_output_folder_linked_out_of_the_project_is_refused_with_or_without_settings(
        tmp_path: Path, config: str | None) -> None:
    root = make_project(tmp_path / "project")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "out")
    if config is not None:
        (root / "briefgen.yaml").write_text(config, encoding="utf-8")
    [line] = problems(root)
    where = os.path.relpath(root / "briefgen.yaml") + ":1:9" if config == "output: out\n" else os.path.relpath(root / "out")
    assert line == (f"{where}: output: expected a path inside the project, got 'out', a link to "
                    f"{str(tmp_path.resolve() / 'elsewhere')!r} outside it")


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_bare_content_folder_is_held_to_the_same_rules(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", root / "out")
    [line] = problems(root / "content")
    assert line.endswith(f"output: expected a path inside the project, got 'out', a link to "
                         f"{str(tmp_path.resolve() / 'elsewhere')!r} outside it")


def test_defaults_inside_the_project_open(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    project = load_project(root)
    assert project.output_dir == root.resolve() / "out" and project.content_dir == root.resolve() / "content"
    assert load_project(root / "content").root == root.resolve()


def test_init_blank_starts_a_library_on_no_topic_that_validates_strictly_and_builds(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from docx import Document
    from pptx import Presentation

    from briefgen.cli import cli
    from tests.test_topic_free import topic_words

    root = tmp_path / "new-topic"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root), "--blank"]).exit_code == 0
    content = root / "content"
    assert sorted(p.name for p in content.iterdir()) == [
        "audiences", "briefing.yaml", "capabilities.yaml", "events.yaml", "options.yaml", "risks.yaml",
        "sources.yaml", "threats.yaml", "vocabulary.yaml"]
    assert sorted(p.name for p in (content / "audiences").iterdir()) == ["dovish.yaml", "hawkish.yaml", "neutral.yaml"]
    vocabulary = (content / "vocabulary.yaml").read_text()
    assert vocabulary.count("\n#") > 20 and "parties:" in vocabulary  # commented, every section explained
    assert not any(topic_words(p.read_text()) for p in content.rglob("*.yaml"))
    validated = runner.invoke(cli, ["validate", str(root), "--strict"])
    assert validated.exit_code == 0, validated.output
    assert validated.output.startswith("ok: 1 threats, 1 capabilities, 1 options, 1 risks, 1 sources, 1 events")
    built = runner.invoke(cli, ["build", "--all", "-q", "-p", str(root)])
    assert built.exit_code == 0, built.output
    outputs = sorted(p.relative_to(root / "out").as_posix() for p in (root / "out").glob("*/*.*"))
    assert outputs == [f"{a}/a-new-briefing.{f}" for a in ("dovish", "hawkish", "neutral")
                       for f in ("docx", "html", "md", "pptx")]
    deck = Presentation(str(root / "out" / "neutral" / "a-new-briefing.pptx"))
    texts = [s.text_frame.text for slide in deck.slides for s in slide.shapes if s.has_text_frame]
    assert any(t.startswith("Owner: Country A · Domain: surveillance · Status: fielded") for t in texts)
    memo = Document(str(root / "out" / "neutral" / "a-new-briefing.docx"))
    assert any("An example capability (A, fielded)" in p.text for p in memo.paragraphs)
