"""Tests of briefgen.commands.preview: the contact sheet shows every variant, slide by slide; clear error without LibreOffice."""
from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from tests.support.paths import FIXTURES, REPO

FIXTURES = FIXTURES


class _Sheet(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.headings: list[str] = []
        self.imgs: list[dict] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("th", "h2"):
            self._in = tag
        if tag == "img":
            self.imgs.append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "h2"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in and data.strip():
            (self.headers if self._in == "th" else self.headings).append(data.strip())


@pytest.mark.needs("soffice", "pdftoppm")
def test_preview_writes_a_self_contained_contact_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["preview", "-a", "hawkish", "-a", "dovish", "-f", "pptx"])
    assert result.exit_code == 0, result.output
    path = Path(result.stdout.strip())
    assert path == Path("out/preview.html").resolve() or path.name == "preview.html"
    html = path.read_text(encoding="utf-8")
    sheet = _Sheet()
    sheet.feed(html)
    assert sheet.headers == ["hawkish", "dovish"]
    from pptx import Presentation

    n_slides = max(len(Presentation(str(p)).slides) for p in (tmp_path / "out").glob("*/*.pptx"))
    assert len(sheet.imgs) >= n_slides  # every slide of the longer deck, side by side
    assert all(i["src"].startswith("data:image/png;base64,") for i in sheet.imgs)
    assert "http://" not in html and "https://" not in html


@pytest.mark.needs("soffice", "pdftoppm")
def test_preview_of_the_shipped_library_shows_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Three 45-slide decks and three memos: far more inline image data than a template may write on its own.
    from pptx import Presentation

    shutil.copytree(REPO / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["preview"])
    assert result.exit_code == 0, result.output
    html = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert len(html) > 5_000_000
    sheet = _Sheet()
    sheet.feed(html)
    audiences = sorted(p.stem for p in (tmp_path / "content" / "audiences").glob("*.yaml"))
    assert sheet.headers == audiences * 2  # the decks' table, then the memos'
    slides = sum(len(Presentation(str(p)).slides) for p in (tmp_path / "out").glob("*/*.pptx"))
    decks = [i for i in sheet.imgs if " pptx page " in i["alt"]]
    memos = [i for i in sheet.imgs if " docx page " in i["alt"]]
    assert len(decks) == slides
    assert 3 * len(audiences) >= len(memos) >= 2 * len(audiences)  # two to three pages each
    for name in audiences:  # each image named by its audience and page, in page order
        pages = [i["alt"] for i in decks if i["alt"].startswith(f"{name} pptx ")]
        assert pages == [f"{name} pptx page {n}" for n in range(1, len(pages) + 1)]
    assert all(i["src"].startswith("data:image/png;base64,") for i in sheet.imgs)


def test_preview_without_libreoffice_is_one_line_exit_5(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "valid-minimal", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    result = CliRunner().invoke(cli, ["preview"])
    assert result.exit_code == 5
    assert result.stderr.strip().splitlines() == [
        "preview needs LibreOffice: install it (e.g. apt-get install libreoffice-writer libreoffice-impress) "
        "or build pptx/docx/md/html instead"]
    assert not (tmp_path / "out").exists()


@pytest.mark.needs("soffice", "pdftoppm")
def test_preview_shows_each_chosen_briefing_in_its_own_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pptx import Presentation

    from tests.support.meetings import meeting_project

    root = meeting_project(tmp_path / "p", "taiwan", "one-pager", "ten-minutes")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(cli, ["preview", "-a", "hawkish", "-b", "taiwan", "-b", "one-pager"])
    assert result.exit_code == 0, result.output
    sheet = _Sheet()
    sheet.feed(Path(result.stdout.strip()).read_text(encoding="utf-8"))
    # per briefing, as chosen, its previewable formats: the one-pager is built as a memo only
    assert sheet.headings == ["taiwan · pptx", "taiwan · docx", "one-pager · docx"]
    assert sheet.headers == ["hawkish"] * 3
    deck = root / "out/taiwan/hawkish/taiwan-deterrence-focus-2026-12-10.pptx"
    slides = [i["alt"] for i in sheet.imgs if i["alt"].startswith("taiwan hawkish pptx page ")]
    assert slides == [f"taiwan hawkish pptx page {n}" for n in range(1, len(Presentation(str(deck)).slides) + 1)]
    assert [i["alt"] for i in sheet.imgs if i["alt"].startswith("one-pager ")] == ["one-pager hawkish docx page 1"]
    assert not (root / "out" / "ten-minutes").exists()  # not chosen
    assert sorted(p.name for p in (root / "out" / "one-pager" / "hawkish").iterdir()) == \
        ["one-pager-deterrence-focus-2026-12-10.docx"]


def test_preview_formats_are_those_asked_else_the_briefings_previewable_ones(tmp_path: Path) -> None:
    from briefgen.commands.briefings import project_briefings
    from briefgen.commands.preview import preview_formats
    from briefgen.load.library import load_library
    from briefgen.project import load_project
    from tests.support.meetings import meeting_project

    project = load_project(meeting_project(tmp_path / "p", "taiwan", "one-pager"))
    (project.briefings_dir / "notes.yaml").write_text("formats: [md, html]\n", encoding="utf-8")
    default, notes, one_pager, taiwan = project_briefings(project, load_library(project.content_dir).library)
    assert preview_formats(default) == preview_formats(taiwan) == ["pptx", "docx"]
    assert preview_formats(one_pager) == ["docx"]
    assert preview_formats(notes) == []  # nothing LibreOffice would show
    assert preview_formats(one_pager, ["docx", "pptx"]) == preview_formats(notes, ["pptx", "docx"]) == ["pptx", "docx"]
