"""Property tests with hostile input: only briefgen's own errors ever escape loading, tailoring, rendering
and building, every message is one printable line, and every file written reopens (pptx, docx, html).

Strategies live in ``hostilegen.py``.  Example counts are modest so the file runs in about a minute.
"""
from __future__ import annotations

import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.commands.plan import build_view
from briefgen.errors import BriefgenError
from briefgen.load.library import load_library
from briefgen.load.yamlsource import parse_text
from briefgen.render import environment as templating
from briefgen.resources import shipped_templates
from briefgen.write.registry import OutputOptions, get_writer
from tests.support.hostile_libraries import FRAGMENTS, MINIMAL, TEMPLATES, library_files, raw_yaml_files, write_library

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def assert_clean(exc: BriefgenError) -> None:
    """Every problem prints as one line with nothing that could garble a terminal."""
    for line in exc.lines():
        assert line and "\n" not in line and "\r" not in line
        assert all(c.isprintable() for c in line), repr(line)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A chart cache shared by the examples of this module."""
    return tmp_path_factory.mktemp("charts")


def options(cache: Path, *template_dirs: Path) -> OutputOptions:
    """Writer options on the shipped templates (after ``template_dirs``), shrinking text rather than failing."""
    return OutputOptions(template_dirs=tuple(template_dirs) + (shipped_templates(),), chart_cache=cache,
                         shrink_to_fit=True, source_date_epoch=1_700_000_000)


def load(files: dict[str, str]):
    """Load generated files; None when they are (cleanly) refused."""
    with tempfile.TemporaryDirectory() as tmp:
        content = write_library(Path(tmp), files)
        try:
            return load_library(content).library
        except BriefgenError as exc:
            assert_clean(exc)
            return None


class _Strict(HTMLParser):
    """Parses a page and checks its tags balance well enough to be a document."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src") and value:
                assert not value.strip().lower().startswith(("javascript:", "vbscript:", "file:")), value


def check_html(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    parser = _Strict()
    parser.feed(text)
    parser.close()
    assert "html" in parser.tags and "body" in parser.tags
    assert "<script" not in text.lower()


def check_pptx(path: Path) -> None:
    from pptx import Presentation

    prs = Presentation(str(path))
    assert len(prs.slides) > 0
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                assert not any(c in shape.text_frame.text for c in "\x00\x0b\x1b\ufffe\uffff")


def check_docx(path: Path) -> None:
    import docx

    d = docx.Document(str(path))
    assert any(p.text for p in d.paragraphs)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None


@settings(FUZZ, max_examples=40)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=12).map("".join))
def test_any_text_parses_or_is_one_content_error(text: str) -> None:
    try:
        parse_text(text, "f.yaml", [])
    except BriefgenError as exc:
        assert_clean(exc)


@settings(FUZZ, max_examples=40)
@given(raw_yaml_files())
def test_loading_hostile_yaml_raises_only_content_errors(files: dict[str, str]) -> None:
    library = load(files)
    if library is not None:
        for name in library.audiences:
            build_view(library, name)


@settings(FUZZ, max_examples=25)
@given(library_files())
def test_hostile_text_builds_markdown_and_html_that_parse(cache: Path, files: dict[str, str]) -> None:
    library = load(files)
    if library is None:
        return
    view = build_view(library, "neutral")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("md", "html"):
            target = Path(tmp) / f"memo.{fmt}"
            try:
                get_writer(fmt)(view, target, options(cache))
            except BriefgenError as exc:
                assert_clean(exc)
                continue
            if fmt == "html":
                check_html(target)
            else:
                target.read_text(encoding="utf-8")


@settings(FUZZ, max_examples=12)
@given(library_files())
def test_hostile_text_builds_decks_and_docx_that_reopen(cache: Path, files: dict[str, str]) -> None:
    library = load(files)
    if library is None:
        return
    view = build_view(library, "neutral")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, check in (("pptx", check_pptx), ("docx", check_docx)):
            target = Path(tmp) / f"brief.{fmt}"
            try:
                get_writer(fmt)(view, target, options(cache))
            except BriefgenError as exc:
                assert_clean(exc)
                continue
            check(target)


@pytest.fixture(scope="module")
def neutral_view():
    """The neutral BriefView of valid-minimal."""
    return build_view(load_library(MINIMAL).library, "neutral")


@settings(FUZZ, max_examples=30,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(TEMPLATES)
def test_hostile_memo_templates_fail_only_with_template_errors(cache: Path, neutral_view, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as mp:
        mp.setattr(templating, "RENDER_SECONDS", 5.0)
        user = Path(tmp) / "templates"
        (user / "memo").mkdir(parents=True)
        (user / "memo" / "memo.md.j2").write_text(text, encoding="utf-8", errors="surrogatepass")
        for fmt in ("md", "html"):
            target = Path(tmp) / f"memo.{fmt}"
            try:
                get_writer(fmt)(neutral_view, target, options(cache, user))
            except BriefgenError as exc:
                assert_clean(exc)
                continue
            if fmt == "html":
                check_html(target)
