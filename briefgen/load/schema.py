"""Field checkers and record conversion: declare each field once, collect every error.

A model class is a frozen dataclass whose fields carry a checker in their
metadata (see :func:`fld`).  :func:`convert` walks a located YAML mapping
against such a class and returns an instance, appending one :class:`Problem`
per bad field ("expected X, got Y", with file:line:col) instead of stopping at
the first.  Unknown keys get a "did you mean" suggestion.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from typing import Any, Iterable, Mapping

import yaml

from briefgen.errors import Loc, Problem
from briefgen.load.yamlsource import YMap, YNode, YScalar, YSeq, kind_name

_RESOLVER = yaml.resolver.Resolver()


class Invalid:
    """Sentinel for a value that failed its check (its problem is already recorded)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID = Invalid()


class FrozenMap(dict):
    """A read-only dict (picklable, unlike MappingProxyType) for immutable models."""

    def _blocked(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("FrozenMap is read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _blocked  # type: ignore[assignment]

    def __reduce__(self) -> tuple:
        return (FrozenMap, (dict(self),))

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


class Context:
    """Collects problems while converting one file."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.refs: list[tuple[str, str, Loc, str]] = []  # (kind, id, where, field) of every reference read
        self.terms: list[tuple[str, str, Loc, str]] = []  # (vocabulary, word, where, field) of every word used

    def error(self, loc: Loc | None, path: str, message: str) -> Invalid:
        self.problems.append(Problem(loc, path, message))
        return INVALID

    def warn(self, loc: Loc | None, path: str, message: str) -> None:
        self.problems.append(Problem(loc, path, message, "warning"))

class Checker:
    """Validates and converts one located node; ``expected`` names what it wants."""

    expected = "a value"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        raise NotImplementedError

    def fail(self, node: YNode, path: str, ctx: Context, expected: str | None = None) -> Invalid:
        return ctx.error(node.loc, path, f"expected {expected or self.expected}, got {kind_name(node)}")

class Text(Checker):
    """A non-empty string; the raw text is kept, so ``no`` stays ``'no'``."""

    def __init__(self, max_len: int = 20_000, expected: str = "a text"):
        self.max_len = max_len
        self.expected = expected

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if not isinstance(node, YScalar) or (node.value() is None and not node.quoted):
            return self.fail(node, path, ctx)
        text = " ".join(node.raw.split()) if "\n" not in node.raw.strip() else node.raw.strip()
        if not text:
            return self.fail(node, path, ctx, "a non-empty text")
        if len(text) > self.max_len:
            return ctx.error(node.loc, path, f"expected at most {self.max_len:,} characters, got {len(text):,}")
        return text

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_ID_CHARS = 64
# Names Windows gives to devices, with or without an extension ("con", "nul.png"): no file or folder can have them.
WINDOWS_RESERVED = frozenset(["con", "prn", "aux", "nul"] + [f"{d}{i}" for d in ("com", "lpt") for i in range(10)])


def too_long_id(text: str) -> str | None:
    """The message for an id longer than MAX_ID_CHARS, or None."""
    if len(text) > MAX_ID_CHARS:
        return f"expected an id of at most {MAX_ID_CHARS} characters, got {len(text)} (shorten it)"
    return None


def reserved_name(text: str) -> bool:
    """True for a name no file or folder can have on Windows (``con``, ``nul``, ``com1`` ..., also with an
    extension or trailing spaces)."""
    return text.split(".")[0].rstrip(" ").lower() in WINDOWS_RESERVED


class Slug(Checker):
    """An identifier: lower-case letters, digits and hyphens, at most MAX_ID_CHARS, not a name Windows reserves.

    Ids name output folders (audiences, the output file stem) and files (item pictures), so an accepted one is a
    file name on Linux, macOS and Windows alike, and unique whatever the letter case."""

    expected = "an id of lower-case letters, digits and hyphens"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if not isinstance(node, YScalar) or (node.value() is None and not node.quoted):
            return self.fail(node, path, ctx)
        problem = too_long_id(node.raw)
        if problem is None and not _SLUG.fullmatch(node.raw):
            return self.fail(node, path, ctx)
        if problem is None and reserved_name(node.raw):
            problem = f"expected an id that can name a file on every system, got {node.raw!r} (Windows reserves it " \
                      f"for a device; choose another, e.g. {node.raw}-1)"
        if problem is not None:
            return ctx.error(node.loc, path, problem)
        return node.raw

class Ref(Slug):
    """The id of another item of ``kind``; existence is checked once the whole library is loaded."""

    def __init__(self, kind: str):
        self.kind = kind
        self.expected = f"the id of one of the {kind}"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        value = super().__call__(node, path, ctx)
        if value is not INVALID:  # whether it exists is known only once the whole library is read
            ctx.refs.append((self.kind, value, node.loc, re.sub(r"\[\d+\]$", "", path)))
        return value

class Term(Text):
    """A word of one of the library's vocabularies (``vocabulary.yaml``: parties, option categories ...);
    whether it is declared is checked once the whole library, vocabulary included, is read."""

    def __init__(self, vocabulary: str, noun: str):
        super().__init__(80, f"one of the {noun} declared in vocabulary.yaml")
        self.vocabulary = vocabulary

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        value = super().__call__(node, path, ctx)
        if value is not INVALID:  # whether it is declared is known only once the vocabulary is read
            ctx.terms.append((self.vocabulary, value, node.loc, path))
        return value


_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class Colour(Checker):
    """A colour written ``#RRGGBB``; returned in upper case."""

    expected = "a colour written #RRGGBB (e.g. '#1F4E79', in quotes)"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if not isinstance(node, YScalar) or not _COLOUR.fullmatch(node.raw):
            return self.fail(node, path, ctx)
        return node.raw.upper()


def unquoted(node: YNode) -> YScalar | None:
    """A value written in quotes as it would be without them (``cost: "2"`` is the text '2'; without the quotes
    it is the number 2), or None if it was not quoted."""
    if not isinstance(node, YScalar) or not node.quoted or node.tag != "tag:yaml.org,2002:str":
        return None
    return YScalar(node.loc, node.raw, _RESOLVER.resolve(yaml.ScalarNode, node.raw, (True, False)), False)


def _quoted_fail(checker: Checker, node: YNode, path: str, ctx: Context) -> Invalid:
    """The checker's failure, saying to remove the quotes when the value is right without them."""
    bare = unquoted(node)
    if bare is not None and checker(bare, path, Context()) is not INVALID:
        return ctx.error(node.loc, path, f"expected {checker.expected}, got {kind_name(node)} in quotes, which "
                                         f"makes it a text: remove the quotes")
    return checker.fail(node, path, ctx)


class Int(Checker):
    """An integer within [lo, hi]."""

    def __init__(self, lo: int, hi: int):
        self.lo, self.hi = lo, hi
        self.expected = f"an integer from {lo} to {hi}"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        v = node.value() if isinstance(node, YScalar) and not node.quoted else None
        if isinstance(v, bool) or not isinstance(v, int) or not self.lo <= v <= self.hi:
            return _quoted_fail(self, node, path, ctx)
        return v

class Number(Checker):
    """Any int or float."""

    expected = "a number"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        v = node.value() if isinstance(node, YScalar) and not node.quoted else None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return _quoted_fail(self, node, path, ctx)
        return v

class Bool(Checker):
    """``true`` or ``false``."""

    expected = "true or false"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        v = node.value() if isinstance(node, YScalar) and not node.quoted else None
        if not isinstance(v, bool):
            return _quoted_fail(self, node, path, ctx)
        return v

class Choice(Checker):
    """One of a fixed set of words."""

    def __init__(self, *choices: str):
        self.choices = choices
        self.expected = "one of " + ", ".join(repr(c) for c in choices)

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if not isinstance(node, YScalar) or node.raw not in self.choices:
            hint = ""
            if isinstance(node, YScalar):
                near = difflib.get_close_matches(node.raw, self.choices, 1, 0.6)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
            return ctx.error(node.loc, path, f"expected {self.expected}, got {kind_name(node)}{hint}")
        return node.raw

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

class Date(Checker):
    """A date written YYYY-MM-DD, YYYY-MM or YYYY (the latter two for approximate dates)."""

    expected = "a date as YYYY-MM-DD, YYYY-MM or YYYY"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        raw = node.raw if isinstance(node, YScalar) else ""
        m = _DATE.fullmatch(raw)
        if not m:
            return self.fail(node, path, ctx)
        month = int(m.group(2) or 1)
        day = int(m.group(3) or 1)
        import datetime

        try:
            datetime.date(int(m.group(1)), month, day)
        except ValueError:
            return ctx.error(node.loc, path, f"expected a real calendar date, got {raw!r}")
        return raw

TODAY = "today"


class DateOrToday(Date):
    """A date as :class:`Date` accepts it, or the word ``today`` (resolved when a build runs)."""

    expected = "a date as YYYY-MM-DD, YYYY-MM or YYYY, or today"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if isinstance(node, YScalar) and node.raw == TODAY:
            return TODAY
        return super().__call__(node, path, ctx)


_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
MAX_PATTERN_CHARS = 120


class FileNamePattern(Checker):
    """An output file name stem with ``{placeholder}`` fields from ``fields``; the literal text between them
    only letters, digits, dots, hyphens and underscores, so every name it makes is one Linux, macOS and Windows
    all accept (the fields' values are ids and dates)."""

    def __init__(self, fields: tuple):
        self.fields = fields
        self.expected = "a file name pattern of letters, digits, '.', '-', '_' and " + \
            ", ".join("{" + f + "}" for f in fields)

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if not isinstance(node, YScalar) or (node.value() is None and not node.quoted) or not node.raw:
            return self.fail(node, path, ctx)
        raw = node.raw
        for name in _PLACEHOLDER.findall(raw):
            if name not in self.fields:
                return ctx.error(node.loc, path, f"unknown field {{{name}}} in the file name pattern"
                                                 f"{suggest(name, self.fields)}; fields are: "
                                                 + ", ".join("{" + f + "}" for f in self.fields))
        literal = _PLACEHOLDER.sub("", raw)
        bad = re.sub(r"[A-Za-z0-9._-]", "", literal)
        if bad or len(raw) > MAX_PATTERN_CHARS or raw.endswith(".") or raw.startswith("."):
            return ctx.error(node.loc, path, f"expected {self.expected}, at most {MAX_PATTERN_CHARS} characters, "
                                             f"not starting or ending with '.', got {raw!r}"
                                             + (f" ({bad[0]!r} is not allowed in a file name everywhere)" if bad else ""))
        if literal == raw and reserved_name(raw):
            return ctx.error(node.loc, path, f"expected a file name every system allows, got {raw!r} (Windows "
                                             f"reserves it for a device)")
        return raw


# http(s) with a host, or mailto; never spaces or backslashes (UNC paths).  Characters such as < > " are
# left to the writers, which escape every link they write.
_URL = re.compile(r"(?:https?://[^\s\\/?#]+(?:[/?#][^\s\\]*)?|mailto:[^\s\\]+)", re.I)
MAX_URL_CHARS = 2_000


class Url(Checker):
    """A link: only http and https (with a host) and mailto are accepted, at most MAX_URL_CHARS long."""

    expected = "an http, https or mailto link"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        raw = node.raw.strip() if isinstance(node, YScalar) else ""
        if len(raw) > MAX_URL_CHARS:
            return ctx.error(node.loc, path, f"expected a link of at most {MAX_URL_CHARS:,} characters, "
                                             f"got {len(raw):,}")
        if not _URL.fullmatch(raw):
            return self.fail(node, path, ctx)
        return raw

class ListOf(Checker):
    """A list whose items all pass ``item``; a single scalar is not silently accepted."""

    def __init__(self, item: Checker, min_items: int = 0, max_items: int = 10_000):
        self.item = item
        self.min_items = min_items
        self.max_items = max_items
        plural = getattr(item, "plural", None)  # a checker may say how its values read in the plural
        self.expected = f"a list of {plural}" if plural else \
            f"a list of {item.expected.removeprefix('a ').removeprefix('an ')}s" \
            if not isinstance(item, Record) else "a list of mappings"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if not isinstance(node, YSeq):
            return self.fail(node, path, ctx)
        if len(node.items) < self.min_items:
            return ctx.error(node.loc, path, f"expected at least {self.min_items} item(s), got {len(node.items)}")
        if len(node.items) > self.max_items:
            return ctx.error(node.loc, path, f"expected at most {self.max_items} items, got {len(node.items)}")
        out = [self.item(child, f"{path}[{i}]", ctx) for i, child in enumerate(node.items)]
        return tuple(out)


class MapOf(Checker):
    """A mapping from free keys (e.g. audience names) to values passing ``value``."""

    def __init__(self, value: Checker, key_name: str = "key"):
        self.value = value
        self.expected = f"a mapping of {key_name} to {value.expected.removeprefix('a ').removeprefix('an ')}"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        if not isinstance(node, YMap):
            return self.fail(node, path, ctx)
        out = {k: self.value(v, f"{path}.{k}", ctx) for k, v in node.entries.items()}
        return FrozenMap(out)


class Record(Checker):
    """A nested mapping converted to the model class ``cls``."""

    def __init__(self, cls: type):
        self.cls = cls
        self.expected = "a mapping"

    def __call__(self, node: YNode, path: str, ctx: Context) -> Any:
        return convert(self.cls, node, path, ctx)


def fld(checker: Checker, default: Any = dataclasses.MISSING, *, key: str | None = None, doc: str = "") -> Any:
    """Declare a model field: its checker, its default (absent = required), its YAML key if not the name."""
    meta = {"check": checker, "key": key, "doc": doc}
    if default is dataclasses.MISSING:
        return dataclasses.field(metadata=meta)
    if type(default) in (list, dict):
        raise TypeError("use tuple() or FrozenMap() defaults")
    if isinstance(default, dict):  # a FrozenMap: Python 3.10's dataclasses refuse any dict default
        return dataclasses.field(default_factory=lambda: default, metadata=meta)
    return dataclasses.field(default=default, metadata=meta)

def schema_fields(cls: type) -> Iterable[tuple[dataclasses.Field, str]]:
    """The checked fields of a model class with their YAML keys, in declaration order."""
    for f in dataclasses.fields(cls):
        if "check" in f.metadata:
            yield f, f.metadata["key"] or f.name

def suggest(word: str, candidates: Iterable[str]) -> str:
    """A " (did you mean 'x'?)" suffix for a near miss, else ''."""
    near = difflib.get_close_matches(word, list(candidates), 1, 0.6)
    return f" (did you mean {near[0]!r}?)" if near else ""

def convert(cls: type, node: YNode, path: str, ctx: Context, extra: Mapping[str, Any] | None = None) -> Any:
    """Convert a located mapping to ``cls``, recording every problem; INVALID if any field failed.

    ``cls`` may define ``loc`` and ``locs`` fields: they receive the mapping's
    position and each key's value position.
    """
    if not isinstance(node, YMap):
        return ctx.error(node.loc, path, f"expected a mapping, got {kind_name(node)}")
    known = {key: f for f, key in schema_fields(cls)}
    for key, kloc in node.key_locs.items():
        if key not in known:
            ctx.error(kloc, f"{path}.{key}" if path else key, f"unknown field{suggest(key, known)}")
    values: dict[str, Any] = dict(extra or {})
    bad = False
    for key, f in known.items():
        sub = f"{path}.{key}" if path else key
        if key not in node.entries:
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:  # type: ignore[misc]
                ctx.error(node.loc, sub, f"missing required field (expected {f.metadata['check'].expected})")
                bad = True
            continue
        child = node.entries[key]
        if isinstance(child, YScalar) and child.value() is None and not child.quoted and \
                f.default is not dataclasses.MISSING and f.default is None:
            values[f.name] = None
            continue
        value = f.metadata["check"](child, sub, ctx)
        if value is INVALID or _contains_invalid(value):
            bad = True
        values[f.name] = value
    names = {f.name for f in dataclasses.fields(cls)}
    if "loc" in names:
        values["loc"] = node.loc
    if "locs" in names:
        values["locs"] = FrozenMap(_value_locs(node, known))
    if bad:
        return INVALID
    return cls(**values)

def _value_locs(node: YMap, known: dict) -> dict[str, Loc]:
    """Each known key's value position by field name, and each entry of a list value by ``name[i]``, so a
    problem of one entry (a control, a country) is located at that entry."""
    out: dict[str, Loc] = {}
    for key, value in node.entries.items():
        if key not in known:
            continue
        out[known[key].name] = value.loc
        if isinstance(value, YSeq):
            out.update((f"{known[key].name}[{i}]", child.loc) for i, child in enumerate(value.items))
    return out


def _contains_invalid(value: Any) -> bool:
    if value is INVALID:
        return True
    if isinstance(value, tuple):
        return any(_contains_invalid(v) for v in value)
    if isinstance(value, dict):
        return any(_contains_invalid(v) for v in value.values())
    return False


def all_optional(cls: type, name: str) -> type:
    """A model class with the fields of ``cls``, every one optional with default None (None: not set), for a
    file that overrides some fields of a ``cls`` record and inherits the rest (a named briefing)."""
    fields = [(f.name, Any, dataclasses.field(default=None, metadata=f.metadata)) for f, _ in schema_fields(cls)]
    names = {f.name for f in dataclasses.fields(cls)}
    fields += [(n, Any, dataclasses.field(default=None)) for n in ("loc",) if n in names]
    fields += [(n, Any, dataclasses.field(default_factory=FrozenMap)) for n in ("locs",) if n in names]
    return dataclasses.make_dataclass(name, fields, frozen=True, kw_only=True,
                                      namespace={"__doc__": f"{cls.__name__} fields a file may override.",
                                                 "__module__": cls.__module__})
