"""Tests of briefgen.yamlsource: positions, safety limits, no silent coercion, unsafe characters."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import ContentError
from briefgen.load.yamlsource import (
    MAX_DEPTH,
    MAX_EVENTS,
    MAX_SCALAR_CHARS,
    YMap,
    YScalar,
    YSeq,
    kind_name,
    parse_text,
    read_yaml,
)


def messages(text: str) -> list[str]:
    with pytest.raises(ContentError) as exc:
        parse_text(text, "f.yaml")
    return exc.value.lines()


def test_positions_are_one_based() -> None:
    node = parse_text("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert isinstance(node, YMap)
    b = node.entries["b"]
    assert isinstance(b, YSeq)
    assert (b.items[0].loc.line, b.items[0].loc.col) == (3, 5)
    assert str(node.key_locs["b"]) == "f.yaml:2:1"


def test_scalars_keep_raw_text() -> None:
    node = parse_text("a: no\nb: 1.10\nc: 012\nd: 12:30\n", "f.yaml")
    assert isinstance(node, YMap)
    raws = {k: v.raw for k, v in node.entries.items() if isinstance(v, YScalar)}
    assert raws == {"a": "no", "b": "1.10", "c": "012", "d": "12:30"}


def test_aliases_and_anchors_refused() -> None:
    assert messages("a: &x [1, 2]\nb: *x\n") == ["f.yaml:1:4: a: YAML anchors are not allowed (found &x)"]


def test_python_tags_refused() -> None:
    assert messages("a: !!python/object/apply:os.system ['true']\n") == [
        "f.yaml:1:4: a: expected plain data, got the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"]


def test_duplicate_keys_name_both_lines() -> None:
    assert messages("a: 1\nb: 2\na: 3\n") == ["f.yaml:3:1: a: duplicate key (first defined at line 1)"]


def test_deep_nesting_is_capped() -> None:
    text = "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    (line,) = messages(text)
    assert f"expected at most {MAX_DEPTH} levels of nesting" in line


def test_syntax_error_has_position() -> None:
    (line,) = messages("a: [1, 2\nb: 3\n")
    assert line.startswith("f.yaml:2:") and "YAML syntax error" in line


def test_non_utf8_reports_line(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes(b"a: ok\nb: caf\xe9\n")
    with pytest.raises(ContentError) as exc:
        read_yaml(f, "x.yaml")
    assert exc.value.lines() == ["x.yaml:2:7: b: expected UTF-8 text, got the byte 0xe9"]


def test_control_characters_removed_with_warning(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes(b"a: ok\nb: bad\x1b[31mred\x00\n")
    warnings: list = []
    node = read_yaml(f, "x.yaml", warnings)
    assert isinstance(node, YMap)
    assert node.entries["b"].raw == "bad[31mred"  # type: ignore[union-attr]
    assert [str(w) for w in warnings] == ["x.yaml:2:7: warning: b: removed an unprintable character (U+001B)"]


def test_oversized_file_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_bytes(b"a: " + b"x" * (3 * 1024 * 1024) + b"\n")
    with pytest.raises(ContentError) as exc:
        read_yaml(f, "big.yaml")
    assert exc.value.lines() == ["big.yaml: expected a file of at most 2 MiB, got 3.0 MiB"]


def test_empty_document_is_none() -> None:
    assert parse_text("", "f.yaml") is None
    assert parse_text("# only a comment\n", "f.yaml") is None


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    assert messages("\n".join(lines) + "\n") == ["f.yaml:1:4: a: YAML anchors are not allowed (found &a)"]


def test_merge_keys_need_aliases_so_are_refused() -> None:
    assert messages("base: &b {x: 1}\nitem:\n  <<: *b\n") == ["f.yaml:1:7: base: YAML anchors are not allowed (found &b)"]


@pytest.mark.parametrize("tag", ["!!python/object:os.system", "!!python/name:os.system", "!!binary", "!!set",
                                 "!custom", "!<tag:example.com,2000:app/foo>"])
def test_every_non_standard_tag_is_refused(tag: str) -> None:
    (line,) = messages(f"x:\n  y: {tag} value\n")
    assert line.startswith("f.yaml:2:6: x.y: expected plain data, got the YAML tag ")


def test_nesting_hundreds_deep_names_the_field() -> None:
    text = "risks:\n  - indicators: " + "[" * 500 + "]" * 500 + "\n"
    (line,) = messages(text)
    assert line.startswith("f.yaml:1:") or line.startswith("f.yaml:2:")
    assert ": risks[0].indicators[0]" in line and line.endswith(": expected at most 64 levels of nesting, got more")
    assert len(line) < 200


def test_deep_nesting_does_not_exhaust_the_stack() -> None:
    text = "[" * 200_000 + "]" * 200_000  # under the file size cap; libyaml 0.2.5+ has its own cap at 1,000
    assert messages(text) == [f"f.yaml:1:{MAX_DEPTH + 1}: {'[0]' * 19}[...]: "
                              f"expected at most {MAX_DEPTH} levels of nesting, got more"]


def test_deep_nesting_behind_a_syntax_error_reports_the_syntax_error() -> None:
    text = "a: [1, 2\nb: " + "[" * 2_000 + "]" * 2_000 + "\n"
    (line,) = messages(text)
    assert line.startswith("f.yaml:2:") and "YAML syntax error" in line and "nesting" not in line


def test_too_many_values_in_one_file_is_refused_quickly() -> None:
    text = "[" + ",".join(["a"] * (MAX_EVENTS + 10)) + "]"
    (line,) = messages(text)
    assert line.startswith("f.yaml:1:") and f"expected at most {MAX_EVENTS:,} YAML values in one file" in line


def test_a_value_over_the_cap_is_refused_with_its_field() -> None:
    text = "items:\n  - title: ok\n    summary: " + "x" * (MAX_SCALAR_CHARS + 1) + "\n"
    assert messages(text) == [f"f.yaml:3:14: items[0].summary: expected a value of at most {MAX_SCALAR_CHARS:,} "
                              f"characters, got {MAX_SCALAR_CHARS + 1:,}"]


def test_a_value_of_millions_of_characters_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("a: " + "y" * 2_000_000 + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        read_yaml(f, "x.yaml", root="doc")
    assert exc.value.lines() == [f"x.yaml:1:4: doc.a: expected a value of at most {MAX_SCALAR_CHARS:,} characters, "
                                 f"got 2,000,000"]


def test_non_utf8_names_the_field_when_it_can(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes("- id: a\n  title: \u00e9t\u00e9\n- id: b\n  title: caf".encode() + b"\xe9\n")
    with pytest.raises(ContentError) as exc:
        read_yaml(f, "x.yaml", root="threats")
    assert exc.value.lines() == ["x.yaml:4:13: threats[1].title: expected UTF-8 text, got the byte 0xe9"]


def test_non_utf8_in_a_comment_has_no_field(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes(b"a: 1\n# caf\xe9\nb: 2\n")
    with pytest.raises(ContentError) as exc:
        read_yaml(f, "x.yaml")
    assert exc.value.lines() == ["x.yaml:2:6: expected UTF-8 text, got the byte 0xe9"]


def test_utf16_is_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes("a: b\n".encode("utf-16"))
    with pytest.raises(ContentError) as exc:
        read_yaml(f, "x.yaml")
    assert exc.value.lines() == ["x.yaml:1:1: expected UTF-8 text, got the byte 0xff"]


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes("\ufeffa: b\n".encode())
    node = read_yaml(f, "x.yaml")
    assert isinstance(node, YMap) and node.entries["a"].raw == "b"  # type: ignore[union-attr]


def test_unsafe_characters_are_reported_with_line_column_and_field(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text("# \u00e9\u00e9 header \x07\n- title: \u00e9\x00t\u00e9\uffff\n  summary: \"esc \\e[1m and \\x0b\"\n"
                 "  tags: [\"a\", \"\x1b\"]\n", encoding="utf-8")
    warnings: list = []
    node = read_yaml(f, "x.yaml", warnings, root="items")
    assert isinstance(node, YSeq)
    item = node.items[0]
    assert isinstance(item, YMap)
    assert item.entries["title"].raw == "\u00e9t\u00e9"  # type: ignore[union-attr]
    assert item.entries["summary"].raw == "esc [1m and "  # type: ignore[union-attr]
    assert [str(w) for w in warnings] == [
        "x.yaml:2:11: warning: items[0].title: removed an unprintable character (U+0000)",
        "x.yaml:3:12: warning: items[0].summary: removed an unprintable character (U+001B)",
        "x.yaml:4:16: warning: items[0].tags[1]: removed an unprintable character (U+001B)",
        "x.yaml:1:13: warning: removed an unprintable character (U+0007)",
    ]


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d\\ude00"])
def test_lone_surrogate_escapes_never_get_through(escape: str) -> None:
    warnings: list = []
    try:
        node = parse_text(f'a: "x{escape}y"\n', "f.yaml", warnings)
    except ContentError as exc:
        (line,) = exc.lines()
        assert line.startswith("f.yaml:1:") and "YAML syntax error" in line
    else:  # the pure-Python parser decodes them: then they are removed like any unsafe character
        assert isinstance(node, YMap)
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in node.entries["a"].raw)  # type: ignore[union-attr]


@pytest.mark.parametrize("raw, expected", [("no", "no"), ("1.10", "1.10"), ("012", "012"), ("12:30", "12:30"),
                                           ("0x1F", "0x1F"), ("~", "~"), ("2024-05-01", "2024-05-01"),
                                           ("1e3", "1e3"), ("+.inf", "+.inf"), ("Yes", "Yes")])
def test_raw_text_is_kept_whatever_yaml_would_make_of_it(raw: str, expected: str) -> None:
    node = parse_text(f"a: {raw}\n", "f.yaml")
    assert isinstance(node, YMap)
    scalar = node.entries["a"]
    assert isinstance(scalar, YScalar) and scalar.raw == expected and not scalar.quoted


def test_kind_name_quotes_paths_as_written_and_escapes_the_unprintable() -> None:
    def scalar(raw: str) -> YScalar:
        node = parse_text(f"a: {raw}\n", "f.yaml")
        assert isinstance(node, YMap)
        return node.entries["a"]  # type: ignore[return-value]

    assert kind_name(scalar("\\\\server\\share")) == "'\\\\server\\share'"
    assert kind_name(scalar('"right\\u202eleft"')) == "'right\\u202eleft'"
    assert kind_name(scalar("it's")) == '"it\'s"'
    assert kind_name(scalar("no")) == "'no' (a boolean)"
    assert kind_name(scalar("7")) == "7"


def test_text_given_directly_with_a_control_character_is_one_positioned_error() -> None:
    """parse_text also reads text that never went through read_yaml (a rendered deck template)."""
    assert messages("a: b\nc: d\x1b[0m\n") == ["f.yaml:2:5: expected printable text, got the character U+001B"]
    assert messages("a: \x80\n") == ["f.yaml:1:4: expected printable text, got the character U+0080"]


def test_text_given_directly_with_a_lone_surrogate_is_one_positioned_error() -> None:
    assert messages('a: "x\ud800"\n') == ["f.yaml:1:6: expected printable text, got the character U+D800"]


def test_c1_controls_are_removed_with_a_warning(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_text('a: "x\\x80y\\x9fz"\nb: p\x85q\n', encoding="utf-8")
    warnings: list = []
    node = read_yaml(f, "x.yaml", warnings)
    assert isinstance(node, YMap)
    assert node.entries["a"].raw == "xyz" and node.entries["b"].raw == "pq"  # type: ignore[union-attr]
    assert [str(w) for w in warnings] == ["x.yaml:1:4: warning: a: removed an unprintable character (U+0080)",
                                          "x.yaml:2:5: warning: b: removed an unprintable character (U+0085)"]


def test_invisible_characters_in_keys_are_shown_escaped() -> None:
    node = parse_text("\u200btitle: x\ntitle: y\n", "f.yaml", root="doc")
    assert isinstance(node, YMap) and sorted(node.entries) == ["title", "\u200btitle"]
    with pytest.raises(ContentError) as exc:
        parse_text("t\u202eitle: x\nt\u202eitle: y\n", "f.yaml", root="doc")
    assert exc.value.lines() == ["f.yaml:2:1: doc.t\\u202eitle: duplicate key (first defined at line 1)"]


@pytest.mark.parametrize("text, where, words", [
    ("- a: 1\n  b: 2\n - c: 3\n", "f.yaml:3:2", "this line is not lined up with the items of the list that starts at "
                                                "line 1: indent it like them and start it with '- ', or indent it "
                                                "under the item it belongs to"),
    ("a:\n  b: 1\n c: 2\n", "f.yaml:3:2", "expected a 'key: value' line lined up with the keys of the mapping that "
                                          "starts at line 1, got something else: check this line's indentation, or "
                                          "quote a text that goes on after a quote"),
    ("a: b: c\n", "f.yaml:1:5", "found ': ' where no new key can start: put a text that holds ': ' in quotes, or "
                                "indent this line under a key of its own"),
    ("a: 1\nb\nc: 2\n", "f.yaml:3:1", "expected ':' after the key that starts at line 2: add it, or indent the text "
                                      "that goes on from the line above"),
    ("a:\n\tb: 1\n", "f.yaml:2:1", "found a tab: YAML indents with spaces only; replace the tab with spaces"),
    ("a: 'abc\n", "f.yaml:2:1", "the quoted text that starts at line 1 is never closed: add the closing quote"),
    ("a: {x: 1\nb: 3\n", "f.yaml:2:2", "expected ',' or '}' in the { } mapping that starts at line 1: add the "
                                       "missing ',' or '}', and quote items that hold ', ' or ': '"),
    ('a: "\\q"\n', "f.yaml:1:5", "unknown escape in a double-quoted text: write '\\\\' for a backslash, or use single "
                                 "quotes"),
    ("a: *bold*\n", "f.yaml:1:9", "a value starting with '*' or '&' reads as a YAML alias or anchor: put the text in "
                                  "quotes"),
    ("a: `x`\n", "f.yaml:1:4", "a value cannot start with '`' in YAML: put the text in quotes"),
    ("a: |x\n  t\n", "f.yaml:1:5", "expected a line break after '|' or '>': start the text on the next line, "
                                   "indented"),
])
def test_a_syntax_error_says_in_plain_words_what_is_wrong_at_its_position(text: str, where: str, words: str) -> None:
    with pytest.raises(ContentError) as exc:
        parse_text(text, "f.yaml")
    assert exc.value.lines() == [f"{where}: YAML syntax error: {words}"]
