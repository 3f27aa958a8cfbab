"""Hypothesis strategies for hostile input: text, whole content libraries written as YAML, and templates.

Libraries start from ``tests/fixtures/valid-minimal`` and have some of their text fields replaced by
hostile strings (control characters, bidi marks, emoji, markup, template syntax, TeX, very long words,
empty strings), then are written back with ``yaml.safe_dump`` (so they stay valid YAML; the loader decides
what is acceptable).  ``raw_yaml_files`` also pastes fragments into the YAML text unescaped.
"""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.support.paths import FIXTURES

FIXTURES = FIXTURES
MINIMAL = FIXTURES / "valid-minimal"

FRAGMENTS = [
    "", " ", "\t", "\n", "\r\n", "\x00", "\x07", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\u2028", "\u2029",
    "\u200b", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\ufeff", "\ufffd", "\ufffe", "\uffff",
    "😀", "👩\u200d👩\u200d👧", "🇯🇵", "\U0010fffd", "é", "e\u0301", "한국어", "日本語", "العربية", "עברית",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</p>", "<!--", "]]>", "&amp;", "&lt;", "&#0;",
    "{{ view }}", "{{ 7*7 }}", "{% raw %}", "{%", "%}", "{#", "#}", "${x}", "%s", "{0}", "{}",
    "$x$", "$$", "$\\frac{1}{2}$", "\\", "\\\\server\\share", "`", "```", "*", "**", "_", "__", "~~", "#", "# ",
    "> ", "- ", "1. ", "|", "[x](javascript:alert(1))", "<javascript:alert(1)>", "![i](http://evil.example/x.png)",
    "[^1]", "---", "'", '"', ": ", "? ", "&a", "*a", "!!python/object:os.system", "@", "%", "null", "no", "012",
    "12:30", "=cmd|' /C calc'!A0", "W" * 300, "word " * 60, "a-very-long-hyphenated-word-" * 8,
]

HOSTILE = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=6) \
    .map("".join).map(lambda s: s[:250])

# (file, path to a text field) that a hostile string may replace; ints index lists
TEXT_FIELDS = [
    ("briefing.yaml", ("title",)), ("briefing.yaml", ("classification",)), ("briefing.yaml", ("organisation",)),
    ("briefing.yaml", ("from",)), ("briefing.yaml", ("for",)), ("briefing.yaml", ("bluf", "neutral")),
    ("briefing.yaml", ("bluf", "hawkish")), ("briefing.yaml", ("recommendation", "neutral")),
    ("briefing.yaml", ("decisions", "neutral", 0)),
    ("threats.yaml", (0, "title")), ("threats.yaml", (0, "summary")), ("threats.yaml", (0, "actor")),
    ("threats.yaml", (0, "points", 0, "text")), ("threats.yaml", (0, "framing", "neutral")),
    ("threats.yaml", (1, "title")), ("threats.yaml", (1, "framing", "hawkish")),
    ("capabilities.yaml", (0, "title")), ("capabilities.yaml", (0, "domain")),
    ("capabilities.yaml", (0, "framing", "neutral")),
    ("options.yaml", (0, "title")), ("options.yaml", (0, "framing", "neutral")), ("options.yaml", (1, "summary")),
    ("risks.yaml", (0, "title")), ("risks.yaml", (0, "indicators", 0)), ("risks.yaml", (0, "framing", "dovish")),
    ("events.yaml", (0, "title")), ("events.yaml", (1, "title")),
    ("sources.yaml", (0, "title")), ("sources.yaml", (0, "publisher")), ("sources.yaml", (1, "stance")),
    ("audiences/neutral.yaml", ("section_titles", "threats")), ("audiences/neutral.yaml", ("delivery",)),
]


def minimal_data() -> dict[str, Any]:
    """valid-minimal as plain data: relative file name -> parsed YAML."""
    return {p.relative_to(MINIMAL).as_posix(): yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted(MINIMAL.rglob("*.yaml"))}


_MINIMAL = minimal_data()


def _set(data: Any, path: tuple, value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def dump(data: Any) -> str:
    """YAML text for ``data`` (control characters escaped, everything else as written)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)


@st.composite
def library_files(draw: Any) -> dict[str, str]:
    """valid-minimal with 1-8 text fields replaced by hostile strings: relative file name -> YAML text."""
    data = copy.deepcopy(_MINIMAL)
    for file, path in draw(st.lists(st.sampled_from(TEXT_FIELDS), min_size=1, max_size=8, unique=True)):
        _set(data[file], path, draw(HOSTILE))
    return {name: dump(value) for name, value in data.items()}


@st.composite
def raw_yaml_files(draw: Any) -> dict[str, str]:
    """Like :func:`library_files`, then fragments pasted unescaped into random places of one file."""
    files = draw(library_files())
    name = draw(st.sampled_from(sorted(files)))
    text = files[name]
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
    files[name] = text
    return files


def write_library(root: Path, files: dict[str, str]) -> Path:
    """Write generated files as a content folder under ``root``; return it."""
    content = root / "content"
    for name, text in files.items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    return content


JINJA = [
    "{{ view.title }}", "{{ view.bluf }}", "{{ view.classification }}", "{% for s in view.sections %}{{ s.title }}\n"
    "{% for i in s.items %}- {{ i.title }}: {{ i.framing }}\n{% endfor %}{% endfor %}", "{{ view.nope }}",
    "{{ nope }}", "{{ ''.__class__ }}", "{{ view.__dict__ }}", "{{ 'x' * 1000 }}", "{{ 'x' * 10**9 }}",
    "{% if view %}", "{% endif %}", "{% for %}", "{{ 1/0 }}", "{{", "}}", "{%", "%}", "{# c #}", "{#",
    "{{ view.title|upper }}", "{{ range(5)|list }}", "{% include 'memo/none.j2' %}", "{% include '../x' %}",
    "{% include '/etc/passwd' %}", "{% raw %}", "{% endraw %}", "{{ cycler(1, 2).next() }}", "{{ lipsum(1) }}",
    "{{ view.to_json()|length }}", "{% set x = 5 %}{{ x ** 2 }}", "{{ 'a' ~ 1 }}",
    "{% macro m(a) %}[{{ a }}]{% endmacro %}{{ m(view.title) }}", "{{ namespace(a=1).a }}", "{{ dict(a=1) }}",
    "{{ view.title|truncate(5) }}", "{{ '%s'|format(1) }}", "{{ '{0}'.format(view) }}", "{{ view.sections[0] }}",
    "{{ view.sections[99] }}", "{{ [1, 2, 3]|sum }}", "{{ 2 ** 100000 }}", "{{ 'é'|center(80) }}",
    "{% set ns = namespace(s='ab') %}{% for i in range(12) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
    "{% for i in range(3) %}{{ loop.index }}{% endfor %}", "{{ view|attr('__class__') }}", "{{ self }}",
    "{% extends 'memo/memo.md.j2' %}", "{% block x %}b{% endblock %}", "{{ caller() }}", "{{ undefined_fn() }}",
    "# heading\n", "\n\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "[link](javascript:alert(1))", "<script>x</script>",
]

TEMPLATES = st.lists(st.one_of(st.sampled_from(JINJA), st.sampled_from(FRAGMENTS)), min_size=1, max_size=8) \
    .map("".join)
