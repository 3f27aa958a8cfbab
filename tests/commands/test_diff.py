"""Tests of briefgen.commands.diff: the diff of two audiences' briefs, as data, text and HTML."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefgen.commands.diff import (
    default_diff_path,
    diff_audiences,
    diff_views,
    format_diff_text,
    render_diff_html,
    write_diff_html,
)
from briefgen.errors import BuildError, ConfigError
from briefgen.load.library import load_library
from briefgen.load.model import Library
from briefgen.load.schema import FrozenMap
from briefgen.project import load_project
from briefgen.tailor.tailor import tailor
from tests.support.generated_library import libraries
from tests.support.paths import TESTS

TESTS = TESTS
CUSTOM = TESTS / "fixtures" / "custom-audience"
PROPS = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(CUSTOM).library


def template_dirs() -> tuple:
    return load_project(CUSTOM).template_dirs


# -- properties ------------------------------------------------------------------------------------------------

@PROPS
@given(libraries(), st.data())
def test_diff_agrees_with_the_two_views(lib: Library, data: st.DataObject) -> None:
    a = data.draw(st.sampled_from(sorted(lib.audiences)))
    b = data.draw(st.sampled_from(sorted(lib.audiences)))
    va, vb = tailor(lib, lib.audiences[a]), tailor(lib, lib.audiences[b])
    d = diff_views(va, vb)
    ids_a = {v.id: v for v in va.all_items()}
    ids_b = {v.id: v for v in vb.all_items()}
    assert {i.id for i in d.only_a} == ids_a.keys() - ids_b.keys()
    assert {i.id for i in d.only_b} == ids_b.keys() - ids_a.keys()
    assert {r.id: (r.role_a, r.role_b) for r in d.role_changes} == {
        i: (ids_a[i].role, ids_b[i].role) for i in ids_a.keys() & ids_b.keys() if ids_a[i].role != ids_b[i].role}
    assert {f.id: (f.framing_a, f.framing_b) for f in d.framing} == {
        i: (ids_a[i].framing, ids_b[i].framing) for i in ids_a.keys() & ids_b.keys()}
    for s in d.sections:
        sa, sb = va.section(s.key), vb.section(s.key)
        assert s.title_a == (sa.title if sa else None) and s.title_b == (sb.title if sb else None)
        for r in s.rows:
            assert r.pos_a is None or sa.items[r.pos_a - 1].id == r.id
            assert r.pos_b is None or sb.items[r.pos_b - 1].id == r.id
    assert d.bluf == (va.bluf, vb.bluf) and d.recommendation == (va.recommendation, vb.recommendation)
    assert [i for i, _ in d.recommended_a] == list(va.recommended)
    # Swapping the sides mirrors the diff.
    back = diff_views(vb, va)
    assert back.only_a == d.only_b and back.only_b == d.only_a
    assert d.identical == (a == b) or a != b
    if a == b:
        assert d.identical


@PROPS
@given(libraries(), st.data(), st.integers(40, 160))
def test_text_fits_the_width_and_html_renders(lib: Library, data: st.DataObject, width: int) -> None:
    a = data.draw(st.sampled_from(sorted(lib.audiences)))
    b = data.draw(st.sampled_from(sorted(lib.audiences)))
    d = diff_views(tailor(lib, lib.audiences[a]), tailor(lib, lib.audiences[b]))
    text = format_diff_text(d, width)
    assert all(len(line) <= width for line in text.splitlines())
    html = render_diff_html(d, template_dirs())
    assert html.startswith("<!DOCTYPE html>") and "<script" not in html


# -- examples --------------------------------------------------------------------------------------------------

def test_hawkish_vs_dovish(lib: Library) -> None:
    d = diff_audiences(lib, "hawkish", "dovish")
    assert d.only_a == () and d.only_b == ()  # the small library shows every item to both, in some role
    roles = {r.id: (r.role_a, r.role_b) for r in d.role_changes}
    assert roles["combined-planning"] == ("lead", "backup")
    assert roles["reassurance-channel"] == ("backup", "lead")
    options = next(s for s in d.sections if s.key == "options")
    assert options.title_a == "Options to strengthen deterrence" and options.title_b == "Options that stabilise"
    assert {r.id: (r.pos_a, r.pos_b) for r in options.rows} == {
        "integrate-planning": (1, 3), "crisis-hotline": (2, 2), "reassurance-channel": (None, 1)}
    risks = next(s for s in d.sections if s.key == "risks")
    assert (risks.index_a, risks.index_b) == (5, 3)
    assert d.bluf == (lib.briefing.bluf["hawkish"], lib.briefing.bluf["dovish"])
    assert [i for i, _ in d.recommended_a][0] == "integrate-planning"
    assert [i for i, _ in d.recommended_b][0] == "reassurance-channel"
    hotline = next(f for f in d.framing if f.id == "crisis-hotline")
    assert hotline.same
    assert not d.identical


def test_items_only_one_side_sees(lib: Library) -> None:
    items = list(lib.options)
    items[0] = dataclasses.replace(items[0], emphasis=FrozenMap({**items[0].emphasis, "dovish": 0}))
    lib2 = dataclasses.replace(lib, options=tuple(items))
    d = diff_audiences(lib2, "hawkish", "dovish")
    assert [(i.id, i.role) for i in d.only_a] == [("integrate-planning", "lead")]
    assert d.only_b == ()
    text = format_diff_text(d, 100)
    assert re.search(r"Only hawkish sees \(1\)\n-+\n  options +Integrate trilateral planning \[integrate-planning\]"
                     r" - lead", text)


def test_same_audience_is_identical(lib: Library) -> None:
    d = diff_audiences(lib, "neutral", "neutral")
    assert d.identical
    assert "(none)" in format_diff_text(d, 80)


def test_section_not_shown_on_one_side(lib: Library) -> None:
    d = diff_audiences(lib, "neutral", "congressional")
    caps = next(s for s in d.sections if s.key == "capabilities")
    assert caps.title_b is None and caps.index_b is None and caps.title_changed
    text = format_diff_text(d, 100)
    assert "(section not shown)" in text


def test_unknown_audience_is_a_config_error(lib: Library) -> None:
    with pytest.raises(ConfigError) as exc:
        diff_audiences(lib, "hawkish", "hawksh")
    assert exc.value.lines() == ["B: unknown audience 'hawksh' (did you mean 'hawkish'?); expected one of "
                                 "congressional, dovish, hawkish, neutral"]


def test_text_is_readable(lib: Library) -> None:
    text = format_diff_text(diff_audiences(lib, "hawkish", "dovish"), 100)
    for heading in ("Only hawkish sees (0)", "Only dovish sees (0)", "Same item, different role (6)", "Sections",
                    "Order within sections", "Bottom line up front", "Recommendation", "Recommended options",
                    "Framing of items both see (6 of 8 differ)"):
        assert heading in text
    assert "combined-planning]: lead in hawkish, backup in dovish" in text
    assert "Same framing for both: crisis-hotline, domestic-fatigue" in text


def test_html_is_self_contained_and_escaped(lib: Library, tmp_path: Path) -> None:
    items = list(lib.threats)
    evil = "<script>alert('x')</script> & <img src=http://example.com/x.png>"
    items[0] = dataclasses.replace(items[0], framing=FrozenMap({**items[0].framing, "dovish": evil}),
                                   title="Missiles <b>now</b>")
    lib2 = dataclasses.replace(lib, threats=tuple(items))
    d = diff_audiences(lib2, "hawkish", "dovish")
    target = write_diff_html(d, tmp_path / "d.html", template_dirs())
    html = target.read_text(encoding="utf-8")
    assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html
    assert "Missiles &lt;b&gt;now&lt;/b&gt;" in html
    assert "&amp;" in html
    assert not re.search(r"""<[^>]*\b(src|href)\s*=|@import|url\(|<link""", html, re.I)  # no external requests
    assert "<style>" in html
    assert "Options to strengthen deterrence" in html and "Options that stabilise" in html


def test_write_is_atomic_and_refuses_inputs(lib: Library, tmp_path: Path) -> None:
    d = diff_audiences(lib, "hawkish", "dovish")
    assert default_diff_path(tmp_path, "hawkish", "dovish") == tmp_path / "diff-hawkish-dovish.html"
    keep = tmp_path / "options.yaml"
    keep.write_text("mine")
    with pytest.raises(BuildError):
        write_diff_html(d, keep, template_dirs(), inputs=[keep])
    assert keep.read_text() == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["options.yaml"]  # no temporary file left behind


def test_kinds_are_named_as_the_librarys_vocabulary_names_them() -> None:
    lib = load_library(TESTS / "fixtures" / "library-other-topic").library
    d = diff_views(tailor(lib, lib.audiences["hawkish"]), tailor(lib, lib.audiences["dovish"]))
    kinds = {r.kind for r in d.only_a + d.only_b + d.role_changes + d.framing}
    assert kinds and kinds <= {"dangers", "capabilities", "measures", "risks"}
    assert "measures" in {r.kind for r in d.framing}
    text = format_diff_text(d)
    assert all(f"{r.kind:<12} {r.title}" in text for r in d.only_a + d.only_b + d.role_changes)
