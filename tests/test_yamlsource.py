"""Tests of briefgen.yamlsource: positions, safety limits, no silent coercion."""
from __future__ import annotations

from pathlib import Path

import pytest

from briefgen.errors import ContentError
from briefgen.yamlsource import MAX_DEPTH, YMap, YScalar, YSeq, parse_text, read_yaml


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
    assert messages("a: &x [1, 2]\nb: *x\n") == ["f.yaml:1:4: YAML anchors are not allowed (found &x)"]


def test_python_tags_refused() -> None:
    assert messages("a: !!python/object/apply:os.system ['true']\n") == [
        "f.yaml:1:4: expected plain data, got the YAML tag 'tag:yaml.org,2002:python/object/apply:os.system'"]


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
    assert exc.value.lines() == ["x.yaml:2:7: expected UTF-8 text, got the byte 0xe9"]


def test_control_characters_removed_with_warning(tmp_path: Path) -> None:
    f = tmp_path / "x.yaml"
    f.write_bytes(b"a: ok\nb: bad\x1b[31mred\x00\n")
    warnings: list = []
    node = read_yaml(f, "x.yaml", warnings)
    assert isinstance(node, YMap)
    assert node.entries["b"].raw == "bad[31mred"  # type: ignore[union-attr]
    assert [str(w) for w in warnings] == ["x.yaml:2:1: warning: removed an unprintable character (U+001B)"]


def test_oversized_file_refused(tmp_path: Path) -> None:
    f = tmp_path / "big.yaml"
    f.write_bytes(b"a: " + b"x" * (3 * 1024 * 1024) + b"\n")
    with pytest.raises(ContentError) as exc:
        read_yaml(f, "big.yaml")
    assert exc.value.lines() == ["big.yaml: expected a file of at most 2 MiB, got 3.0 MiB"]


def test_empty_document_is_none() -> None:
    assert parse_text("", "f.yaml") is None
    assert parse_text("# only a comment\n", "f.yaml") is None
