"""Rewrite chosen string scalars of a YAML text in place, leaving every other character as it was.

``briefgen pull`` writes a person's deck edits back into the content files: only the scalars that changed
are rewritten, in the style they were written in (plain, single- or double-quoted, folded ``>-`` or literal
``|`` blocks, at their indentation), so comments, key order, quoting and every other line stay byte for byte.
A scalar is named by where it starts (line and column from 1, as :class:`briefgen.errors.Loc` gives them).
A new value that cannot keep its style (a plain scalar that would read as a number, start a comment or hold
``: ``; a quote or block that would not read back the same) is written double-quoted.  Every result is parsed
again and each rewritten scalar compared with its new value before it is returned.
"""
from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

import yaml

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

WRAP = 100  # columns a rewritten block scalar's lines are wrapped at
_RESOLVER = yaml.resolver.Resolver()
# What a plain scalar cannot hold: an indicator first, ": ", " #", an edge space, a line break or tab, and
# (so that it reads the same inside a flow mapping or list) any of ,[]{}
_PLAIN_UNSAFE = re.compile(r"^[-?:#&*!|>'\"%@`\s]|: |\s#|\s$|[\n\t,\[\]{}]")


class YamlEditError(ValueError):
    """A scalar to rewrite is not where the caller said, or the rewritten text would not read back."""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    style: str | None  # None or "": plain
    value: str


def scalar_spans(text: str) -> dict[tuple[int, int], _Span]:
    """Every scalar of ``text`` by (line, column) of its start, from 1: its character span, style and value."""
    spans = {}
    for ev in yaml.parse(text, Loader=_Loader):
        if isinstance(ev, yaml.ScalarEvent):
            key = (ev.start_mark.line + 1, ev.start_mark.column + 1)
            spans[key] = _Span(ev.start_mark.index, ev.end_mark.index, ev.style, ev.value)
    return spans


def replace_scalars(text: str, changes: dict[tuple[int, int], str]) -> str:
    """``text`` with the scalar starting at each (line, column) of ``changes`` rewritten to hold its new value.
    YamlEditError when a position holds no scalar or the result does not read back."""
    spans = scalar_spans(text)
    missing = [pos for pos in changes if pos not in spans]
    if missing:
        raise YamlEditError(f"no value starts at line {missing[0][0]}, column {missing[0][1]}")
    out = text
    for pos in sorted(changes, key=lambda p: -spans[p].start):  # from the end: earlier offsets stay valid
        span = spans[pos]
        out = out[:span.start] + _render(text, span, changes[pos]) + out[span.end:]
    _check(out, text, changes)
    return out


def _check(new_text: str, old_text: str, changes: dict[tuple[int, int], str]) -> None:
    """Each rewritten scalar reads back as its new value, and the file has as many scalars as before."""
    old_values = [s.value for s in scalar_spans(old_text).values()]
    new_values = [s.value for s in scalar_spans(new_text).values()]
    if len(old_values) != len(new_values):
        raise YamlEditError("the rewritten file does not have the same values as before")
    wanted = sorted(changes.values())
    got = sorted(n for o, n in zip(old_values, new_values) if o != n)
    if [v for v in got if v not in wanted] or any(v not in new_values for v in wanted):
        raise YamlEditError("a rewritten value does not read back as written")


def _render(text: str, span: _Span, value: str) -> str:
    """``value`` written in ``span``'s style where it reads back the same, else double-quoted."""
    if span.style in (">", "|"):
        block = _block(text, span, value)
        if block is not None:
            return block
        return json.dumps(value, ensure_ascii=False) + "\n"  # a block's span ends with its line break
    elif span.style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    elif not span.style and _plain_ok(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain_ok(value: str) -> bool:
    """Whether ``value`` can be written as a plain scalar and read back as the same string."""
    if not value or _PLAIN_UNSAFE.search(value):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) == "tag:yaml.org,2002:str"


def _block(text: str, span: _Span, value: str) -> str | None:
    """``value`` as a block scalar with the original's header and indentation (folded: wrapped at
    :data:`WRAP`); None when it would not read back the same (leading or doubled spaces, line breaks in a
    folded one)."""
    raw = text[span.start:span.end]
    header, _, body = raw.partition("\n")
    indent = len(body) - len(body.lstrip(" ")) if body.strip() else 2
    pad = " " * indent
    if span.style == ">":
        if "\n" in value or "  " in value or value != value.strip():
            return None
        lines = textwrap.wrap(value, width=max(WRAP - indent, 20), break_long_words=False, break_on_hyphens=False)
    else:
        lines = value[:-1].split("\n") if value.endswith("\n") else value.split("\n")
    block = header + "\n" + "".join((pad + line if line else "") + "\n" for line in lines)
    try:  # read back alone: the chomping of the header (-, +, none) decides the final line break
        alone = yaml.load("k: " + block.replace("\n" + pad, "\n  "), Loader=_Loader)
    except yaml.YAMLError:
        return None
    return block if isinstance(alone, dict) and alone.get("k") == value else None
