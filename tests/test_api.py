"""Tests of briefgen.api, called from Python as a script would: no command line, nothing printed."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document

import briefgen.office
from briefgen import api
from briefgen.errors import BuildError, ConfigError, ContentError, MissingToolError
from tests.support.paths import FIXTURES


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder holding the minimal valid library as content/."""
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    return tmp_path


def test_load_gives_the_project_its_library_and_counts(project: Path) -> None:
    loaded = api.load(project)
    assert loaded.project.root == project.resolve()
    assert loaded.library.briefing.title == "Minimal test briefing"
    assert loaded.warnings == ()
    assert loaded.counts() == {"threats": 2, "capabilities": 1, "options": 2, "risks": 1, "sources": 2, "events": 2,
                               "audiences": 3}


def test_validate_reports_warnings_and_every_problem(project: Path) -> None:
    shutil.copy(FIXTURES / "warn-unsourced-fact" / "capabilities.yaml", project / "content")
    warned = api.validate(project)
    assert [p.message for p in warned.warnings] == ["fact has no source"]
    shutil.copy(FIXTURES / "bad-range" / "risks.yaml", project / "content")
    with pytest.raises(ContentError) as err:
        api.validate(project)
    errors = [str(p).split(": ", 1)[1] for p in err.value.problems if p.severity == "error"]
    expected = (FIXTURES / "bad-range" / "expected.txt").read_text(encoding="utf-8").splitlines()[:-1]  # "3 errors"
    assert errors == [line.split(": ", 1)[1] for line in expected]


def test_tailor_view_is_one_audience_s_brief(project: Path) -> None:
    library = api.load(project).library
    view = api.tailor_view(library, "dovish")
    assert view.audience == "dovish"
    assert [i.id for i in view.section("options").items] == ["opt-reassure", "opt-planning"]
    with pytest.raises(ConfigError) as err:
        api.tailor_view(library, "dovsh")
    assert "did you mean 'dovish'?" in err.value.lines()[0]


def test_build_writes_the_outputs_and_skips_them_when_nothing_changed(project: Path,
                                                                      capsys: pytest.CaptureFixture) -> None:
    warnings: list = []
    outcome = api.build(project, ["hawkish"], ["docx", "md"], workers=1, on_warning=warnings.append)
    assert [(r.job.fmt, r.status) for r in outcome.results] == [("docx", "built"), ("md", "built")]
    memo = Document(str(project / "out" / "hawkish" / "minimal-test-briefing.docx"))
    assert memo.core_properties.title == "Minimal test briefing"
    manifest = json.loads((project / "out" / "manifest.json").read_text())
    assert set(manifest["outputs"]) == {"hawkish/minimal-test-briefing.docx", "hawkish/minimal-test-briefing.md"}
    again = api.build(project, ["hawkish"], ["docx", "md"], workers=1)
    assert [r.status for r in again.results] == ["unchanged", "unchanged"]
    assert warnings == [] and capsys.readouterr() == ("", "")


def test_build_reports_a_failed_output_in_its_result(project: Path) -> None:
    target = project / "out" / "neutral" / "minimal-test-briefing.md"
    target.mkdir(parents=True)  # a folder where the memo should go: it cannot be written
    outcome = api.build(project, ["neutral"], ["md"], workers=1)
    assert [r.status for r in outcome.failed] == ["failed"]
    assert isinstance(outcome.failed[0].error, BuildError)


def test_diff_and_its_html_page(project: Path) -> None:
    loaded = api.load(project)
    d = api.diff(loaded.library, "hawkish", "dovish")
    assert (d.a, d.b) == ("hawkish", "dovish") and not d.identical
    page = api.write_diff_html(loaded, d)
    assert page == project / "out" / "diff-hawkish-dovish.html"
    assert "What each audience sees: hawkish vs dovish" in page.read_text(encoding="utf-8")
    with pytest.raises(BuildError):
        api.write_diff_html(loaded, d, project / "content" / "risks.yaml")  # an input is never overwritten


def test_coverage_gives_every_item_a_role_per_audience(project: Path) -> None:
    library = api.load(project).library
    cov = api.coverage(library, ["neutral", "dovish"])
    assert cov.audiences == ("neutral", "dovish")
    assert {r.id for r in cov.rows} == {i.id for i in library.all_items()}
    view = api.tailor_view(library, "dovish")
    assert all(cov.role(v.id, "dovish") == v.role for v in view.all_items())


def test_preview_without_libreoffice_says_what_to_install(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(briefgen.office, "find_soffice", lambda: None)
    with pytest.raises(MissingToolError) as err:
        api.preview(api.load(project))
    assert err.value.exit_code == 5 and "needs LibreOffice" in err.value.lines()[0]
    assert not (project / "out").exists()


def test_validate_checks_the_named_briefings_too(tmp_path: Path) -> None:
    from briefgen.errors import ContentError
    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "taiwan", "ten-minutes")
    assert api.validate(root).counts()["briefings"] == 2
    (root / "briefings" / "taiwan.yaml").write_text("exclude: {ids: [opt-true-aliance]}\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        api.validate(root)
    assert [(p.field, p.message) for p in err.value.problems] == [
        ("briefings.taiwan.exclude.ids[0]", "unknown item id 'opt-true-aliance' (did you mean 'opt-true-alliance'?)")]
    assert "briefings" not in api.validate(meeting_project(tmp_path / "q", "none")).counts()
