"""Tests of briefgen.load.schema: each checker's accepted values and its one-line messages.

Decisions recorded here: a value YAML would coerce (``no``, ``1.10``, ``012``, ``12:30``) arrives in a text
or id field exactly as written; an id of digits only (``012``) is a valid id; a number field written with a
leading zero (``012``) is refused rather than read as octal; links are http(s) with a host, or mailto.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Optional

import pytest

from briefgen.errors import Loc
from briefgen.load.model import ItemImage, Source
from briefgen.load.schema import (
    INVALID, MAX_URL_CHARS, Bool, Checker, Choice, Colour, Context, Date, FileNamePattern, FrozenMap, Int, ListOf, MapOf,
    Number, Record, Ref, Slug, Text, Url, all_optional, convert, fld, reserved_name, schema_fields,
)
from briefgen.load.yamlsource import YMap, parse_text


def check(checker: Checker, value: str) -> tuple[Any, list[str]]:
    """Run ``checker`` on ``value`` written as the YAML value of key ``f`` at line 1."""
    node = parse_text(f"f: {value}\n", "t.yaml")
    assert isinstance(node, YMap)
    ctx = Context()
    out = checker(node.entries["f"], "rec.f", ctx)
    return out, [str(p) for p in ctx.problems]


@pytest.mark.parametrize("raw", ["no", "yes", "off", "1.10", "012", "12:30", "0x1F", "1e3", ".nan", "2024-05-01",
                                 "'null'", '"~"', "<script>alert(1)</script>", "'{{ view }}'", "$x$"])
def test_text_keeps_what_was_written(raw: str) -> None:
    out, problems = check(Text(), raw)
    assert problems == []
    assert out == raw.strip("'\"")


@pytest.mark.parametrize("raw, message", [
    ("null", "t.yaml:1:4: rec.f: expected a text, got null"),
    ("~", "t.yaml:1:4: rec.f: expected a text, got null"),
    ("'  '", "t.yaml:1:4: rec.f: expected a non-empty text, got '  '"),
    ("[a, b]", "t.yaml:1:4: rec.f: expected a text, got a list"),
    ("{a: b}", "t.yaml:1:4: rec.f: expected a text, got a mapping"),
])
def test_text_refuses_what_is_not_text(raw: str, message: str) -> None:
    assert check(Text(), raw)[1] == [message]


def test_text_length_cap() -> None:
    assert check(Text(max_len=5), "abcdef")[1] == ["t.yaml:1:4: rec.f: expected at most 5 characters, got 6"]


@pytest.mark.parametrize("raw", ["012", "007", "a-1", "2024"])
def test_ids_of_digits_are_text(raw: str) -> None:
    assert check(Slug(), raw) == (raw, [])


@pytest.mark.parametrize("raw", ["Opt_1", "../etc", "a/b", "-a", "é", "'a b'"])  # too long: see below
def test_bad_ids_are_refused(raw: str) -> None:
    (line,) = check(Slug(), raw)[1]
    assert line.startswith("t.yaml:1:4: rec.f: expected an id of lower-case letters, digits and hyphens, got ")


@pytest.mark.parametrize("raw, value", [("3", 3), ("+3", 3), ("0x3", 3), ("5", 5)])
def test_int_accepts(raw: str, value: int) -> None:
    assert check(Int(1, 5), raw) == (value, [])


@pytest.mark.parametrize("raw, shown", [("012", "'012'"), ("03", "'03'"), ("12:30", "'12:30'"), ("3.0", "3.0"),
                                        ("'3'", "'3' in quotes, which makes it a text: remove the quotes"),
                                        ("'9'", "'9'"), ("yes", "'yes' (a boolean)"), ("9", "9")])
def test_int_refuses_with_what_was_written(raw: str, shown: str) -> None:
    assert check(Int(1, 5), raw)[1] == [f"t.yaml:1:4: rec.f: expected an integer from 1 to 5, got {shown}"]


@pytest.mark.parametrize("raw, value", [("3", 3), ("-2.5", -2.5), ("0", 0), ("0x10", 16)])
def test_number_accepts_integers_and_decimals(raw: str, value: float) -> None:
    out, problems = check(Number(), raw)
    assert (out, type(out), problems) == (value, type(value), [])


@pytest.mark.parametrize("raw, shown", [("true", "'true' (a boolean)"), ("yes", "'yes' (a boolean)"),
                                        ("off", "'off' (a boolean)"), ("null", "null"), ("[1]", "a list"),
                                        ("{a: 1}", "a mapping"), ("many", "'many'")])
def test_number_refuses_booleans_and_what_is_not_a_number(raw: str, shown: str) -> None:
    assert check(Number(), raw) == (INVALID, [f"t.yaml:1:4: rec.f: expected a number, got {shown}"])


def test_a_quoted_number_is_not_a_number() -> None:
    out, (line,) = check(Number(), "'2'")
    assert out is INVALID and line.startswith("t.yaml:1:4: rec.f: expected a number, got '2'")
    out, (line,) = check(Int(1, 5), '"2"')
    assert out is INVALID and line.startswith("t.yaml:1:4: rec.f: expected an integer from 1 to 5, got '2'")


def test_int_bounds_are_inclusive() -> None:
    assert [check(Int(1, 5), raw)[0] for raw in ("1", "5")] == [1, 5]
    assert [check(Int(1, 5), raw)[1] for raw in ("0", "6", "true")] == [
        ["t.yaml:1:4: rec.f: expected an integer from 1 to 5, got 0"],
        ["t.yaml:1:4: rec.f: expected an integer from 1 to 5, got 6"],
        ["t.yaml:1:4: rec.f: expected an integer from 1 to 5, got 'true' (a boolean)"]]


def test_choice_names_the_choices_and_a_near_miss() -> None:
    assert check(Choice("rising", "steady", "falling"), "steady") == ("steady", [])
    assert check(Choice("rising", "steady", "falling"), "risng")[1] == [
        "t.yaml:1:4: rec.f: expected one of 'rising', 'steady', 'falling', got 'risng' (did you mean 'rising'?)"]
    assert check(Choice("rising", "steady", "falling"), "up")[1] == [
        "t.yaml:1:4: rec.f: expected one of 'rising', 'steady', 'falling', got 'up'"]
    assert check(Choice("rising", "steady"), "[rising]")[1] == [
        "t.yaml:1:4: rec.f: expected one of 'rising', 'steady', got a list"]


def test_list_minimum_and_each_item_checked_at_its_place() -> None:
    assert check(ListOf(Text(), min_items=1), "[]")[1] == ["t.yaml:1:4: rec.f: expected at least 1 item(s), got 0"]
    assert check(ListOf(Text(), min_items=1, max_items=2), "[a, b]") == (("a", "b"), [])
    assert check(ListOf(Int(1, 3)), "[1, 7]") == ((1, INVALID), ["t.yaml:1:8: rec.f[1]: expected an integer from "
                                                                 "1 to 3, got 7"])
    assert ListOf(Text()).expected == "a list of texts"


def test_map_of_checks_each_value_under_its_key() -> None:
    out, problems = check(MapOf(Int(1, 3), "audience"), "{a: 1, b: 9}")
    assert dict(out) == {"a": 1, "b": INVALID}
    assert problems == ["t.yaml:1:14: rec.f.b: expected an integer from 1 to 3, got 9"]
    assert check(MapOf(Int(1, 3), "audience"), "[1]")[1] == [
        "t.yaml:1:4: rec.f: expected a mapping of audience to integer from 1 to 3, got a list"]


def test_bool_takes_yaml_words_but_not_quoted_text() -> None:
    assert check(Bool(), "yes") == (True, [])
    assert check(Bool(), "off") == (False, [])
    assert check(Bool(), "'yes'")[1] == ["t.yaml:1:4: rec.f: expected true or false, got 'yes' in quotes, which "
                                         "makes it a text: remove the quotes"]
    assert check(Bool(), "'maybe'")[1] == ["t.yaml:1:4: rec.f: expected true or false, got 'maybe'"]


@pytest.mark.parametrize("raw, expected", [("'2.5'", "a number"), ('"0.5"', "a number"), ("'-2'", "a number")])
def test_a_quoted_number_is_told_to_lose_its_quotes(raw: str, expected: str) -> None:
    assert check(Number(), raw)[1] == [f"t.yaml:1:4: rec.f: expected {expected}, got {raw[1:-1]!r} in quotes, "
                                       "which makes it a text: remove the quotes"]


def test_date_must_be_a_real_date() -> None:
    assert check(Date(), "2024-05-01") == ("2024-05-01", [])
    assert check(Date(), "2024-02-30")[1] == ["t.yaml:1:4: rec.f: expected a real calendar date, got '2024-02-30'"]
    assert check(Date(), "12:30")[1] == ["t.yaml:1:4: rec.f: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, "
                                         "got '12:30'"]


@pytest.mark.parametrize("url", ["https://example.org", "http://example.org/a?b=c#d", "HTTPS://EXAMPLE.ORG/",
                                 "mailto:analyst@example.org", "https://user@host:8443/p",
                                 "https://example.org/a?b=<script>&c=1"])
def test_url_accepts_http_https_mailto(url: str) -> None:
    assert check(Url(), f'"{url}"') == (url, [])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
                                 "file:///etc/passwd", "file://server/share", "data:text/html,<b>x</b>",
                                 "vbscript:msgbox", "ftp://example.org", "//evil.example", "https://", "http:///etc",
                                 "https://a b", "https:\\\\evil", "\\\\server\\share\\brief.docx", "mailto:",
                                 "example.org", "C:\\brief.docx"])
def test_url_refuses_everything_else_naming_the_field(url: str) -> None:
    (line,) = check(Url(), "'" + url + "'")[1]
    assert line.startswith("t.yaml:1:4: rec.f: expected an http, https or mailto link, got ")


def test_unc_path_is_shown_as_written() -> None:
    assert check(Url(), "\\\\server\\share")[1] == [
        "t.yaml:1:4: rec.f: expected an http, https or mailto link, got '\\\\server\\share'"]


def test_url_length_cap() -> None:
    url = "https://example.org/" + "a" * MAX_URL_CHARS
    assert check(Url(), url)[1] == [f"t.yaml:1:4: rec.f: expected a link of at most {MAX_URL_CHARS:,} characters, "
                                    f"got {len(url):,}"]


def test_list_is_not_a_scalar_and_is_capped() -> None:
    assert check(ListOf(Text()), "one")[1] == ["t.yaml:1:4: rec.f: expected a list of texts, got 'one'"]
    assert check(ListOf(Text(), max_items=2), "[a, b, c]")[1] == ["t.yaml:1:4: rec.f: expected at most 2 items, got 3"]


def test_record_names_every_bad_field_once() -> None:
    node = parse_text("id: src-x\ntitle: no\ndate: 12:30\nstance: 1.10\nurl: javascript:x\ncolour: red\n", "s.yaml")
    ctx = Context()
    assert convert(Source, node, "sources[0]", ctx) is INVALID  # a record with a bad field is not built
    assert [str(p) for p in ctx.problems] == [
        "s.yaml:6:1: sources[0].colour: unknown field",
        "s.yaml:3:7: sources[0].date: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got '12:30'",
        "s.yaml:5:6: sources[0].url: expected an http, https or mailto link, got 'javascript:x'",
    ]


def test_coerced_looking_values_reach_the_model_as_text() -> None:
    node = parse_text("id: '012'\ntitle: no\ndate: 2024\nstance: 1.10\npublisher: 12:30\nauthor: on\n", "s.yaml")
    ctx = Context()
    src = convert(Source, node, "sources[0]", ctx)
    assert ctx.problems == []
    assert (src.id, src.title, src.date, src.stance, src.publisher, src.author) == \
        ("012", "no", "2024", "1.10", "12:30", "on")


@pytest.mark.parametrize("raw, message", [
    ('"thr-a\\n"', "t.yaml:1:4: rec.f: expected an id of lower-case letters, digits and hyphens, got 'thr-a\\n'"),
    ('"thr-a\\n\\n"', "t.yaml:1:4: rec.f: expected an id of lower-case letters, digits and hyphens, got 'thr-a\\n\\n'"),
    ("null", "t.yaml:1:4: rec.f: expected an id of lower-case letters, digits and hyphens, got null"),
    ("a" * 65, "t.yaml:1:4: rec.f: expected an id of at most 64 characters, got 65 (shorten it)"),
    ("con", "t.yaml:1:4: rec.f: expected an id that can name a file on every system, got 'con' (Windows reserves it "
            "for a device; choose another, e.g. con-1)"),
    ("lpt9", "t.yaml:1:4: rec.f: expected an id that can name a file on every system, got 'lpt9' (Windows reserves "
             "it for a device; choose another, e.g. lpt9-1)"),
])
def test_slug_refuses_what_cannot_be_a_file_name_everywhere(raw: str, message: str) -> None:
    assert check(Slug(), raw)[1] == [message]


@pytest.mark.parametrize("raw", ["a" * 64, "con-1", "console", "com10", "0"])
def test_slug_accepts_names_that_only_look_reserved(raw: str) -> None:
    assert check(Slug(), raw) == (raw, [])


def test_date_and_link_refuse_a_trailing_line_break() -> None:
    assert check(Date(), '"2024-05-01\\n"')[1] == [
        "t.yaml:1:4: rec.f: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got '2024-05-01\\n'"]
    assert check(Url(), '"https://example.org\\n"') == ("https://example.org", [])  # stripped, as every text is


# -- checkers built and records converted here (not only at import time) --------------------------------------

def memo_class() -> type:
    """A small model: a required text, a field read from another key, defaults of each kind.  Declared
    when a test runs (not when this file is imported), so the test exercises ``fld`` itself."""

    @dataclasses.dataclass(frozen=True)
    class Memo:
        title: str = fld(Text(10))
        sender: str = fld(Text(), key="from", doc="who sends it")
        copies: int = fld(Int(1, 3), 1)
        note: Optional[str] = fld(Text(), None)
        tags: tuple = fld(ListOf(Text()), ())
        labels: FrozenMap = fld(MapOf(Text(), "audience"), FrozenMap())
        loc: Loc = Loc("<none>")
        locs: FrozenMap = dataclasses.field(default_factory=FrozenMap)

    return Memo


def convert_text(cls: type, text: str, path: str = "memo") -> tuple[Any, list[str]]:
    """Convert the YAML ``text`` (file m.yaml) to ``cls`` at ``path``: the value and the problem lines."""
    ctx = Context()
    out = convert(cls, parse_text(text, "m.yaml"), path, ctx)
    return out, [str(p) for p in ctx.problems]


def test_fld_declares_checker_key_doc_and_default() -> None:
    fields = {f.name: f for f in dataclasses.fields(memo_class())}
    assert fields["sender"].metadata == {"check": fields["sender"].metadata["check"], "key": "from",
                                         "doc": "who sends it"}
    assert isinstance(fields["sender"].metadata["check"], Text)
    assert fields["title"].default is dataclasses.MISSING and fields["title"].metadata["key"] is None
    assert fields["copies"].default == 1 and fields["note"].default is None
    assert fields["labels"].default_factory() == {}  # type: ignore[misc]
    assert [(f.name, key) for f, key in schema_fields(memo_class())] == [
        ("title", "title"), ("sender", "from"), ("copies", "copies"), ("note", "note"), ("tags", "tags"),
        ("labels", "labels")]
    with pytest.raises(TypeError) as err:
        fld(ListOf(Text()), [])
    assert str(err.value) == "use tuple() or FrozenMap() defaults"


def test_convert_fills_defaults_keys_and_positions() -> None:
    memo, problems = convert_text(memo_class(), "title: Hi\nfrom: Ops\nnote: null\n")
    assert problems == []
    assert (memo.title, memo.sender, memo.copies, memo.note, memo.tags, dict(memo.labels)) == \
        ("Hi", "Ops", 1, None, (), {})
    assert (memo.loc.line, memo.loc.col) == (1, 1)
    assert {k: (v.line, v.col) for k, v in memo.locs.items()} == {"title": (1, 8), "sender": (2, 7), "note": (3, 7)}
    memo, problems = convert_text(memo_class(), "title: Hi\nfrom: Ops\nnote: 'null'\n")
    assert problems == [] and memo.note == "null"  # a quoted null is the word


def test_convert_reports_every_problem_at_its_place() -> None:
    assert convert_text(memo_class(), "- a\n") == (INVALID, ["m.yaml:1:1: memo: expected a mapping, got a list"])
    assert convert_text(memo_class(), "copies: 9\nform: x\n") == (INVALID, [
        "m.yaml:2:1: memo.form: unknown field (did you mean 'from'?)",
        "m.yaml:1:1: memo.title: missing required field (expected a text)",
        "m.yaml:1:1: memo.from: missing required field (expected a text)",
        "m.yaml:1:9: memo.copies: expected an integer from 1 to 3, got 9"])
    # At the top of a file the path is the key alone.
    assert convert_text(memo_class(), "title: Hi\nfrom: Ops\nextra: 1\n", path="")[1] == ["m.yaml:3:1: extra: unknown field"]
    assert convert_text(memo_class(), "from: Ops\n", path="")[1] == [
        "m.yaml:1:1: title: missing required field (expected a text)"]


@pytest.mark.parametrize("text, problem", [
    ("title: Hi\nfrom: Ops\ntags: [a, null]\n", "m.yaml:3:11: memo.tags[1]: expected a text, got null"),
    ("title: Hi\nfrom: Ops\nlabels: {neutral: ok, hawkish: [x]}\n",
     "m.yaml:3:32: memo.labels.hawkish: expected a text, got a list"),
    ("title: Hi\nfrom: Ops\nnote: null\ncopies: 0\n", "m.yaml:4:9: memo.copies: expected an integer from 1 to 3, "
                                                      "got 0"),
])
def test_one_bad_item_inside_a_field_makes_the_record_invalid(text: str, problem: str) -> None:
    assert convert_text(memo_class(), text) == (INVALID, [problem])


def test_a_nested_record_reports_under_its_path() -> None:
    assert Record(ItemImage).expected == "a mapping"
    out, problems = check(Record(ItemImage), "{path: a.png, size: 3}")
    assert out is INVALID and problems == ["t.yaml:1:18: rec.f.size: unknown field",
                                           "t.yaml:1:4: rec.f.alt: missing required field (expected a text)"]


def test_what_checkers_say_they_expect() -> None:
    assert ListOf(Text()).expected == "a list of texts"
    assert ListOf(Url()).expected == "a list of http, https or mailto links"
    assert ListOf(Record(ItemImage)).expected == "a list of mappings"
    assert MapOf(Text(), "audience").expected == "a mapping of audience to text"
    assert MapOf(Url(), "audience").expected == "a mapping of audience to http, https or mailto link"
    assert Ref("risks").expected == "the id of one of the risks" and Ref("risks").kind == "risks"
    assert Text(expected="a title").expected == "a title"
    assert check(Text(5, expected="a title"), "[x]")[1] == ["t.yaml:1:4: rec.f: expected a title, got a list"]


@pytest.mark.parametrize("checker, expected", [(Bool(), "true or false"), (Date(), "a date as YYYY-MM-DD, YYYY-MM or "
                                                                                   "YYYY"),
                                               (Url(), "an http, https or mailto link"), (Int(1, 2), "an integer "
                                                                                                     "from 1 to 2"),
                                               (Slug(), "an id of lower-case letters, digits and hyphens")])
def test_a_list_or_mapping_where_a_scalar_is_expected(checker: Checker, expected: str) -> None:
    assert check(checker, "[a]") == (INVALID, [f"t.yaml:1:4: rec.f: expected {expected}, got a list"])
    assert check(checker, "{a: b}") == (INVALID, [f"t.yaml:1:4: rec.f: expected {expected}, got a mapping"])


def test_text_joins_wrapped_lines_but_keeps_a_block_as_written() -> None:
    assert check(Text(), "'a   b\t c'") == ("a b c", [])
    node = parse_text("f: |\n  first line\n  second  line\n", "t.yaml")
    assert isinstance(node, YMap)
    assert Text()(node.entries["f"], "rec.f", Context()) == "first line\nsecond  line"  # spaces kept too


def test_length_and_count_limits_are_inclusive() -> None:
    assert check(Text(max_len=5), "abcde") == ("abcde", [])
    assert check(ListOf(Text(), min_items=2, max_items=2), "[a, b]") == (("a", "b"), [])
    assert check(ListOf(Text(), min_items=2), "[a]")[1] == ["t.yaml:1:4: rec.f: expected at least 2 item(s), got 1"]
    url = "https://example.org/" + "a" * (MAX_URL_CHARS - len("https://example.org/"))
    assert check(Url(), url) == (url, [])


def test_an_explicit_null_of_an_optional_field_leaves_the_fields_after_it_read() -> None:
    memo, problems = convert_text(memo_class(), "title: Hi\nfrom: Ops\nnote: null\ntags: [a]\nlabels: {x: y}\n")
    assert problems == [] and memo.note is None
    assert (memo.tags, dict(memo.labels)) == (("a",), {"x": "y"})


def test_an_override_class_has_every_field_optional_and_keeps_positions() -> None:
    memo = memo_class()
    override = all_optional(memo, "MemoOverride")
    assert override.__module__ == memo.__module__ and override.__name__ == "MemoOverride"
    assert override.__doc__ == "Memo fields a file may override."
    empty = override()
    assert (empty.title, empty.sender, empty.copies, empty.tags, empty.loc) == (None,) * 5
    assert empty.locs == FrozenMap() and isinstance(empty.locs, FrozenMap)
    partial, problems = convert_text(override, "copies: 2\n")
    assert problems == [] and (partial.copies, partial.title) == (2, None)
    assert {k: (v.line, v.col) for k, v in partial.locs.items()} == {"copies": (1, 9)}


def pattern() -> FileNamePattern:
    """The file name pattern checker with the fields of briefgen.yaml's ``file_name``."""
    return FileNamePattern(("briefing", "file_label", "date"))


@pytest.mark.parametrize("raw", ["{briefing}-{file_label}-{date}", "deck_{date}.v2", "{briefing}", "deck-v2"])
def test_a_file_name_pattern_of_known_fields_and_safe_characters_is_taken_as_written(raw: str) -> None:
    assert check(pattern(), f"'{raw}'") == (raw, [])


@pytest.mark.parametrize("raw, message", [
    ("'{briefng}-{date}'", "t.yaml:1:4: rec.f: unknown field {briefng} in the file name pattern (did you mean "
                           "'briefing'?); fields are: {briefing}, {file_label}, {date}"),
    ("'{date} brief'", "t.yaml:1:4: rec.f: expected a file name pattern of letters, digits, '.', '-', '_' and "
                       "{briefing}, {file_label}, {date}, at most 120 characters, not starting or ending with '.', "
                       "got '{date} brief' (' ' is not allowed in a file name everywhere)"),
    ("'.{date}'", "t.yaml:1:4: rec.f: expected a file name pattern of letters, digits, '.', '-', '_' and "
                  "{briefing}, {file_label}, {date}, at most 120 characters, not starting or ending with '.', "
                  "got '.{date}'"),
    ("'{date}.'", "t.yaml:1:4: rec.f: expected a file name pattern of letters, digits, '.', '-', '_' and "
                  "{briefing}, {file_label}, {date}, at most 120 characters, not starting or ending with '.', "
                  "got '{date}.'"),
    ("'" + "a" * 121 + "'", "t.yaml:1:4: rec.f: expected a file name pattern of letters, digits, '.', '-', '_' and "
                            "{briefing}, {file_label}, {date}, at most 120 characters, not starting or ending with "
                            "'.', got '" + "a" * 121 + "'"),
    ("nul.txt", "t.yaml:1:4: rec.f: expected a file name every system allows, got 'nul.txt' (Windows reserves it "
                "for a device)"),
    ("null", "t.yaml:1:4: rec.f: expected a file name pattern of letters, digits, '.', '-', '_' and {briefing}, "
             "{file_label}, {date}, got null"),
    ("''", "t.yaml:1:4: rec.f: expected a file name pattern of letters, digits, '.', '-', '_' and {briefing}, "
           "{file_label}, {date}, got ''"),
    ("[a]", "t.yaml:1:4: rec.f: expected a file name pattern of letters, digits, '.', '-', '_' and {briefing}, "
            "{file_label}, {date}, got a list"),
])
def test_a_file_name_pattern_that_could_make_a_bad_name_is_refused_with_its_reason(raw: str, message: str) -> None:
    assert check(pattern(), raw) == (INVALID, [message])


def test_a_pattern_with_a_field_may_look_like_a_reserved_name_around_it() -> None:
    assert check(pattern(), "'con{date}'") == ("con{date}", [])  # the field's value makes it another name


@pytest.mark.parametrize("name, reserved", [("con", True), ("CON", True), ("con.txt", True), ("nul .md", True),
                                            ("com1.tar.gz", True), ("con-1", False), ("icon.txt", False)])
def test_a_reserved_name_is_one_with_or_without_extension_and_trailing_spaces(name: str, reserved: bool) -> None:
    assert reserved_name(name) is reserved


def test_a_colour_is_returned_in_capitals() -> None:
    assert check(Colour(), "'#1f4e79'") == ("#1F4E79", [])
    assert check(Colour(), "'1f4e79'")[1] == [
        "t.yaml:1:4: rec.f: expected a colour written #RRGGBB (e.g. '#1F4E79', in quotes), got '1f4e79'"]


def test_a_list_of_records_expects_a_list_of_mappings() -> None:
    assert ListOf(Record(memo_class())).expected == "a list of mappings"
    assert check(ListOf(Record(memo_class())), "x")[1] == ["t.yaml:1:4: rec.f: expected a list of mappings, got 'x'"]


def test_equal_frozen_maps_hash_alike_whatever_their_order_and_invalid_reads_as_such() -> None:
    assert hash(FrozenMap({"a": 1, "b": 2})) == hash(FrozenMap({"b": 2, "a": 1})) == hash((("a", 1), ("b", 2)))
    assert len({FrozenMap({"a": 1}), FrozenMap({"a": 1}), FrozenMap({"a": 2})}) == 2
    assert repr(INVALID) == "INVALID" and repr((1, INVALID)) == "(1, INVALID)"
