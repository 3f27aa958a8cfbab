"""Tests of briefgen.errors: every problem prints as one line that cannot garble a terminal."""
from __future__ import annotations

from briefgen.errors import BuildError, Loc, Problem, TemplateError, printable


def test_problem_line_shape() -> None:
    assert str(Problem(Loc("a.yaml", 3, 7), "risks[0].impact", "expected an integer from 1 to 5, got 9")) == \
        "a.yaml:3:7: risks[0].impact: expected an integer from 1 to 5, got 9"
    assert str(Problem(Loc("a.yaml"), "", "msg", "warning")) == "a.yaml: warning: msg"
    assert str(Problem(None, "--audience", "msg")) == "--audience: msg"


def test_unprintable_characters_are_escaped_in_the_line() -> None:
    line = str(Problem(Loc("a.yaml", 1, 1), "doc.\u200blabel", "bad \x1b[31mred\x1b[0m \u202eevil\nnext\ttab"))
    assert line == "a.yaml:1:1: doc.\\u200blabel: bad \\x1b[31mred\\x1b[0m \\u202eevil\\nnext\\ttab"
    assert "\n" not in line and line.isprintable()


def test_ordinary_text_is_left_alone() -> None:
    for text in ("café", "日本語", "한국어", "😀", "a 'quoted' \"text\"", "\\\\server\\share"):
        assert printable(text) == text


def test_error_lines_and_exit_codes() -> None:
    err = TemplateError([Problem(Loc("t.j2", 2, 1), "template", "x"), Problem(None, "", "y")])
    assert err.lines() == ["t.j2:2:1: template: x", "y"]
    assert err.exit_code == 3 and BuildError("z").exit_code == 4
    assert str(BuildError("z")) == "z"
