"""Tests of briefgen.errors: every problem prints as one line that cannot garble a terminal."""
from __future__ import annotations

from briefgen.errors import (WARNINGS_SUMMARISED, BuildError, Loc, Problem, TemplateError, UsageError, printable,
                             summarise)


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
    assert UsageError("options that do not go together").exit_code == 2
    assert str(BuildError("z")) == "z"


def _warnings(message: str, n: int) -> list[Problem]:
    return [Problem(Loc("content/threats.yaml", i + 1, 3), f"threats[{i}].framing", message, "warning")
            for i in range(n)]


def test_many_identical_warnings_are_counted_after_the_first_few() -> None:
    many = _warnings("no framing for audience 'dovish'", 2000)
    error = Problem(Loc("content/risks.yaml", 4, 15), "risks[0].impact", "expected an integer from 1 to 5, got 7")
    lines = summarise([error] + many + _warnings("fact has no source", 2))
    assert lines == [
        "content/risks.yaml:4:15: risks[0].impact: expected an integer from 1 to 5, got 7",
        "content/threats.yaml:1:3: warning: threats[0].framing: no framing for audience 'dovish'",
        "content/threats.yaml:2:3: warning: threats[1].framing: no framing for audience 'dovish'",
        "content/threats.yaml:3:3: warning: threats[2].framing: no framing for audience 'dovish'",
        "warning: ... and 1,997 more like this (2,000 in all): no framing for audience 'dovish'; "
        "`briefgen validate --all-warnings` lists every one",
        "content/threats.yaml:1:3: warning: threats[0].framing: fact has no source",
        "content/threats.yaml:2:3: warning: threats[1].framing: fact has no source"]
    assert len(summarise(many, show_all=True)) == 2000


def test_a_few_identical_warnings_are_all_shown() -> None:
    few = _warnings("fact has no source", WARNINGS_SUMMARISED)
    assert summarise(few) == [str(p) for p in few]
