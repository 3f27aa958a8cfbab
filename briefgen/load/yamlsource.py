"""Read YAML into a tree of located nodes, safely.

Built on PyYAML's event stream (the C parser when available), so every
mapping, sequence and scalar keeps its file, line and column.  Only plain
data is accepted: aliases, anchors and non-standard tags (``!!python/...``)
are refused, duplicate keys are reported with both positions, and nesting
depth, file size, value length and the number of values are capped (the
``MAX_*`` constants).  Scalars keep their raw text so that a schema expecting
a string gets ``no`` or ``1.10`` exactly as written, never YAML's coercion.
"""
from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from briefgen.errors import ContentError, Loc, Problem
from briefgen.files import NotRegularFile, read_regular

try:  # the C parser is much faster; the pure one gives identical events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 100_000
MAX_EVENTS = 100_000  # parser events (about one per key, value or list) in one file

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}
_RESOLVER = yaml.resolver.Resolver()


@dataclass
class YNode:
    """Base of the located node tree."""

    loc: Loc


@dataclass
class YScalar(YNode):
    """A scalar: its raw text, the tag YAML would resolve it to, and whether it was quoted."""

    raw: str = ""
    tag: str = "tag:yaml.org,2002:str"
    quoted: bool = False

    def value(self) -> object:
        """The Python value plain YAML would give (used for non-string fields)."""
        if self.tag.endswith(":str") or self.quoted:
            return self.raw
        if self.tag.endswith(":null"):
            return None
        if self.tag.endswith(":bool"):
            return self.raw.lower() in ("true", "yes", "on", "y")
        if self.tag.endswith(":int"):
            try:
                return int(self.raw.replace("_", ""), 0)
            except ValueError:
                return self.raw
        if self.tag.endswith(":float"):
            try:
                return float(self.raw.replace("_", ""))
            except ValueError:
                return self.raw
        return self.raw


@dataclass
class YSeq(YNode):
    """A sequence of located nodes."""

    items: list[YNode] = field(default_factory=list)


@dataclass
class YMap(YNode):
    """A mapping of string keys to located nodes; ``key_locs`` holds where each key stands."""

    entries: dict[str, YNode] = field(default_factory=dict)
    key_locs: dict[str, Loc] = field(default_factory=dict)


def kind_name(node: YNode | None) -> str:
    """A human name for what a node is, for "expected X, got Y" messages."""
    if node is None:
        return "nothing"
    if isinstance(node, YMap):
        return "a mapping"
    if isinstance(node, YSeq):
        return "a list"
    assert isinstance(node, YScalar)
    v = node.value()
    if v is None:
        return "null"
    if isinstance(v, bool):
        return f"{node.raw!r} (a boolean)"
    text = node.raw if len(node.raw) <= 40 else node.raw[:37] + "..."
    if isinstance(v, (int, float)) and not node.quoted:
        return text
    return quote(text)


def quote(text: str) -> str:
    """``text`` in single quotes for a message; escaped like repr() only if it holds quotes or
    characters that could garble a terminal (controls, bidi overrides), so ``\\server`` reads as written."""
    if text.isprintable() and "'" not in text:
        return f"'{text}'"
    return repr(text)


def _loc(display: str, mark: yaml.Mark) -> Loc:
    return Loc(display, mark.line + 1, mark.column + 1)


def _decode(data: bytes, display: str, root: str = "") -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError([Problem(Loc(display, line, col), _field_at(data, exc.start, display, root),
                                    f"expected UTF-8 text, got the byte 0x{data[exc.start]:02x}")]) from None
    return text


def _field_at(data: bytes, offset: int, display: str, root: str) -> str:
    """The field whose value holds byte ``offset`` of a file that is not UTF-8 ('' if none can be named)."""
    text = data.decode("utf-8-sig", errors="replace")
    if _UNSAFE.search(text):
        return ""
    index = len(data[:offset].decode("utf-8-sig", errors="replace"))
    found: list[Problem] = []
    try:
        parse_text(text, display, found, root, [Removed(index, 0, 0, "\ufffd")])
    except ContentError:
        return ""
    return next((w.field for w in found if w.loc is not None and w.loc.line == 0), "")


class _Events:
    """The parser's event stream, read lazily with one event of look-ahead and a cap on its length."""

    def __init__(self, text: str, display: str, loader: type = _Loader):
        self._gen = yaml.parse(text, Loader=loader)
        self._next: yaml.Event | None = None
        self.display = display
        self.count = 0

    def peek(self) -> yaml.Event | None:
        """The next event without consuming it (None at the end of the stream)."""
        if self._next is None:
            self._next = next(self._gen, None)
            if self._next is not None:
                self.count += 1
                if self.count > MAX_EVENTS:
                    raise ContentError([Problem(_loc(self.display, self._next.start_mark), "",
                                                f"expected at most {MAX_EVENTS:,} YAML values in one file, got more "
                                                f"(split it: one file per item in a folder)")])
        return self._next

    def take(self) -> yaml.Event:
        """Consume and return the next event."""
        ev = self.peek()
        assert ev is not None, "YAML event stream ended early"
        self._next = None
        return ev


def parse_text(text: str, display: str, warnings: list[Problem] | None = None, root: str = "",
               removed: list[Removed] | None = None) -> YNode | None:
    """Parse YAML text into a located tree; ``None`` for an empty document.

    ``root`` names the document in field paths of messages (e.g. ``risks`` gives ``risks[2].impact``).
    ``removed`` lists characters :func:`strip_unsafe` took out of ``text``: each becomes a warning in
    ``warnings`` naming its line, column and the field whose value held it.
    """
    try:
        try:
            return _parse(text, display, warnings, root, removed or [])
        except yaml.YAMLError:
            _raise_own_limit_first(text, display, root)
            raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _loc(display, mark) if mark else Loc(display)
        what = plain_syntax_error(exc, text)
        if what is None:
            what = (exc.problem or exc.context or "invalid YAML").strip()
            if exc.problem and exc.context and exc.context_mark and exc.context_mark is not mark:
                what += f" ({exc.context} started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        raise ContentError([Problem(where, "", f"YAML syntax error: {what}")]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow (text not from read_yaml)
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise _unprintable(text, exc.position, char, display) from None
    except UnicodeEncodeError as exc:  # a lone surrogate (text not from read_yaml)
        raise _unprintable(text, exc.start, text[exc.start], display) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(Loc(display), "", "YAML error: " + " ".join(str(exc).split()))]) from None


def plain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> str | None:
    """What a YAML syntax error means, in plain words and with what to do, or None for one not known here.

    The parser's own wording ("did not find expected '-' indicator while parsing a block collection") names
    its grammar, not the mistake; the mistakes behind it are a handful: a line indented unlike its
    neighbours, a text holding ': ' or starting with a character YAML reserves, an unclosed quote or
    bracket, a tab.  Lines are those of ``text`` (1-based), as in the message's position."""
    problem, context = exc.problem or "", exc.context or ""
    started = f" at line {exc.context_mark.line + 1}" if exc.context_mark is not None else ""
    mark = exc.problem_mark
    char = text[mark.index] if mark is not None and 0 <= mark.index < len(text) else ""
    if "expected '-' indicator" in problem or "block end" in problem and "sequence" in context:
        return (f"this line is not lined up with the items of the list that starts{started}: indent it like them "
                f"and start it with '- ', or indent it under the item it belongs to")
    if "block end" in problem:
        return (f"this line is indented differently from the lines of the block that starts{started}: line it up "
                f"with the keys or items it belongs with")
    if "expected key" in problem:
        return (f"expected a 'key: value' line lined up with the keys of the mapping that starts{started}, got "
                f"something else: check this line's indentation, or quote a text that goes on after a quote")
    if "mapping values are not allowed" in problem:
        return ("found ': ' where no new key can start: put a text that holds ': ' in quotes, or indent this line "
                "under a key of its own")
    if "expected ':'" in problem:
        return (f"expected ':' after the key that starts{started}: add it, or indent the text that goes on from "
                f"the line above")
    if "tab" in problem or "cannot start any token" in problem and char == "\t":
        return "found a tab: YAML indents with spaces only; replace the tab with spaces"
    if "cannot start any token" in problem and char:
        return f"a value cannot start with {char!r} in YAML: put the text in quotes"
    if "end of stream" in problem and "quoted" in context:
        return f"the quoted text that starts{started} is never closed: add the closing quote"
    for closing, kind in (("]", "[ ] list"), ("}", "{ } mapping")):
        if f"',' or '{closing}'" in problem:
            return (f"expected ',' or '{closing}' in the {kind} that starts{started}: add the missing ',' or "
                    f"'{closing}', and quote items that hold ', ' or ': '")
    if "escape" in problem:
        return "unknown escape in a double-quoted text: write '\\\\' for a backslash, or use single quotes"
    if "alias" in context or "anchor" in context:
        return "a value starting with '*' or '&' reads as a YAML alias or anchor: put the text in quotes"
    if "block scalar" in context:
        return "expected a line break after '|' or '>': start the text on the next line, indented"
    return None


def _raise_own_limit_first(text: str, display: str, root: str) -> None:
    """Raise briefgen's own ContentError when the text breaks one of briefgen's limits before the parser's error.

    libyaml (PyYAML's C parser) scans ahead and stops at its own nesting cap (1,000 levels since libyaml
    0.2.5) before a single event reaches briefgen, whose cap is :data:`MAX_DEPTH`.  The pure-Python parser
    reads lazily, so parsing again with it (only on this error path) lets briefgen's checks speak first;
    when that parse fails in YAML too, the caller reports the original error.
    """
    if _Loader is yaml.SafeLoader:
        return
    try:
        _parse(text, display, [], root, [], loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return


def _unprintable(text: str, pos: int, char: str, display: str) -> ContentError:
    pos = max(min(pos, len(text)), 0)
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return ContentError([Problem(Loc(display, line, col), "",
                                 f"expected printable text, got the character U+{ord(char):04X}")])


def _parse(text: str, display: str, warnings: list[Problem] | None, root: str,
           removed: list[Removed], loader: type = _Loader) -> YNode | None:
    """The one document of ``text`` as located nodes (None for an empty one); ContentError for anything
    briefgen refuses.  ``removed`` are the characters taken out before parsing: each is warned about
    against the field it was in."""
    builder = _TreeBuilder(_Events(text, display, loader), display, warnings, removed)
    docs = builder.documents(root)
    builder.warn_unclaimed()
    if builder.problems:
        raise ContentError(builder.problems)
    return _only_document(docs)


def _only_document(docs: list[YNode]) -> YNode | None:
    """The single document of a file; None when it is empty."""
    if len(docs) > 1:
        raise ContentError([Problem(docs[1].loc, "", "expected one YAML document, got several")])
    if not docs:
        return None
    only = docs[0]
    if isinstance(only, YScalar) and only.value() is None and not only.raw:
        return None
    return only


class _TreeBuilder:
    """Builds located nodes from the parser's events, refusing what briefgen does not read (aliases, anchors,
    tags, deep nesting, huge values) at once and collecting key problems (duplicate or non-plain keys)."""

    def __init__(self, events: _Events, display: str, warnings: list[Problem] | None, removed: list[Removed]):
        self.events, self.display, self.warnings = events, display, warnings
        self.problems: list[Problem] = []
        self.pending = sorted(removed, key=lambda r: r.index)
        self.claimed: set[int] = set()  # positions in ``pending`` already reported against a field

    def documents(self, root: str) -> list[YNode]:
        """Every document of the stream (fields named from ``root``)."""
        docs = []
        while self.events.peek() is not None:
            if isinstance(self.events.take(), yaml.DocumentStartEvent):
                docs.append(self.node(1, root))
        return docs

    def warn_unclaimed(self) -> None:
        """Warn about removed characters no value held (in comments or between values): no field to name."""
        for i, r in enumerate(self.pending):
            if i not in self.claimed:
                _warn_removed(self.warnings, self.display, r, "")

    def node(self, depth: int, path: str) -> YNode:
        """The node starting at the next event, ``depth`` levels down, at field ``path``."""
        ev = self.events.take()
        loc = _loc(self.display, ev.start_mark)
        self._check(ev, loc, depth, path)
        if isinstance(ev, yaml.ScalarEvent):
            return self._scalar(ev, loc, path)
        if isinstance(ev, yaml.SequenceStartEvent):
            return self._sequence(loc, depth, path)
        if isinstance(ev, yaml.MappingStartEvent):
            return self._mapping(loc, depth, path)
        raise _refuse(loc, path, f"unexpected YAML event {type(ev).__name__}")  # pragma: no cover

    def _check(self, ev: yaml.Event, loc: Loc, depth: int, path: str) -> None:
        """Refuse deep nesting, aliases, anchors and tags other than YAML's own."""
        if depth > MAX_DEPTH:
            raise _refuse(loc, path, f"expected at most {MAX_DEPTH} levels of nesting, got more")
        if isinstance(ev, yaml.AliasEvent):
            raise _refuse(loc, path, f"YAML aliases are not allowed (found *{ev.anchor})")
        anchor = getattr(ev, "anchor", None)
        if anchor is not None:
            raise _refuse(loc, path, f"YAML anchors are not allowed (found &{anchor})")
        tag = getattr(ev, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS and tag != "!":
            raise _refuse(loc, path, f"expected plain data, got the YAML tag {tag!r}")

    def _scalar(self, ev: yaml.ScalarEvent, loc: Loc, path: str) -> YScalar:
        if len(ev.value) > MAX_SCALAR_CHARS:
            raise _refuse(loc, path, f"expected a value of at most {MAX_SCALAR_CHARS:,} characters, "
                                     f"got {len(ev.value):,}")
        value = sanitize_text(ev.value, self.display, self.warnings, loc, path)
        if self.pending:
            self._claim(ev, path)
        quoted = ev.style in ("'", '"', "|", ">")
        tag = ev.tag
        if tag and tag != "!":
            resolved = tag
        elif quoted or tag == "!":
            resolved = "tag:yaml.org,2002:str"
        else:
            resolved = _RESOLVER.resolve(yaml.ScalarNode, ev.value, (True, False))
        return YScalar(loc, value, resolved, quoted)

    def _claim(self, ev: yaml.ScalarEvent, path: str) -> None:
        """Warn about the removed characters inside this value, naming its field."""
        lo = bisect.bisect_left(self.pending, ev.start_mark.index, key=lambda r: r.index)
        hi = bisect.bisect_right(self.pending, ev.end_mark.index, key=lambda r: r.index)
        for i in range(lo, hi):
            self.claimed.add(i)
            _warn_removed(self.warnings, self.display, self.pending[i], path)

    def _sequence(self, loc: Loc, depth: int, path: str) -> YSeq:
        seq = YSeq(loc)
        while not isinstance(self.events.peek(), yaml.SequenceEndEvent):
            seq.items.append(self.node(depth + 1, f"{path}[{len(seq.items)}]"))
        self.events.take()
        return seq

    def _mapping(self, loc: Loc, depth: int, path: str) -> YMap:
        m = YMap(loc)
        while not isinstance(self.events.peek(), yaml.MappingEndEvent):
            key = self.node(depth + 1, path)
            sub = f"{path}.{getattr(key, 'raw', '?')}" if path else str(getattr(key, "raw", "?"))
            val = self.node(depth + 1, sub)
            if not isinstance(key, YScalar):
                self.problems.append(Problem(key.loc, path, f"expected a plain key, got {kind_name(key)}"))
            elif key.raw in m.entries:
                self.problems.append(Problem(key.loc, sub, f"duplicate key (first defined at line "
                                                           f"{m.key_locs[key.raw].line})"))
            else:
                m.entries[key.raw] = val
                m.key_locs[key.raw] = key.loc
        self.events.take()
        return m


def _refuse(loc: Loc, path: str, message: str) -> ContentError:
    """The error for something briefgen will not read, at field ``path`` (shortened when very long)."""
    if len(path) > 80:  # e.g. hundreds of nested lists: name where it starts
        path = path[:60].rsplit("[", 1)[0] + "[...]"
    return ContentError([Problem(loc, path, message)])


def read_yaml(path: Path, display: str | None = None, warnings: list[Problem] | None = None,
              root: str = "") -> YNode | None:
    """Read and parse one YAML file; ``display`` is how its path is shown in messages.

    Characters no document can hold (control characters, lone surrogates,
    U+FFFE/U+FFFF) are removed, with a warning per line added to ``warnings``
    naming the line, column and field.  Files over :data:`MAX_FILE_BYTES` and
    text that is not UTF-8 are refused.
    """
    display = display or str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
        if len(data) > MAX_FILE_BYTES:
            size = os.stat(path).st_size
            got = f"{size / 1024 / 1024:.1f} MiB" if size > MAX_FILE_BYTES else "more"
            raise ContentError([Problem(Loc(display), "", f"expected a file of at most "
                                                          f"{MAX_FILE_BYTES // 1024 // 1024} MiB, got {got}")])
    except NotRegularFile as exc:
        raise ContentError([Problem(Loc(display), "", f"expected a YAML file, got {exc.what}")]) from None
    except OSError as exc:
        raise ContentError([Problem(Loc(display), "", f"cannot read file: {exc.strerror or exc}")]) from None
    text = _decode(data, display, root)
    text, removed = strip_unsafe(text)
    return parse_text(text, display, warnings, root, removed)


# Characters python-pptx/python-docx (XML 1.0) cannot store, YAML cannot hold as written (C1 controls),
# or terminals misread.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Removed:
    """A character :func:`strip_unsafe` removed: its index in the cleaned text and where it stood."""

    index: int
    line: int
    col: int
    char: str


def strip_unsafe(text: str) -> tuple[str, list[Removed]]:
    """``text`` without unsafe characters, and the first one removed on each line (for warnings)."""
    if not _UNSAFE.search(text):
        return text, []
    removed: list[Removed] = []
    seen: set[int] = set()
    dropped = 0
    for m in _UNSAFE.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        if line not in seen:
            seen.add(line)
            col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
            removed.append(Removed(m.start() - dropped, line, col, m.group()))
        dropped += 1
    return _UNSAFE.sub("", text), removed


def _warn_removed(warnings: list[Problem] | None, display: str, r: Removed, path: str) -> None:
    if warnings is not None:
        warnings.append(Problem(Loc(display, r.line, r.col), path,
                                f"removed an unprintable character (U+{ord(r.char):04X})", "warning"))


def sanitize_text(text: str, display: str, warnings: list[Problem] | None, loc: Loc | None = None,
                  path: str = "") -> str:
    """Remove unsafe characters from ``text``, warning once per affected line.

    ``loc`` is where ``text`` starts in the file (a scalar's position) and ``path`` the field it
    belongs to; without them, ``text`` is taken to be a whole file.
    """
    if not _UNSAFE.search(text):
        return text
    seen: set[int] = set()
    for m in _UNSAFE.finditer(text):
        line = (loc.line if loc else 1) + text.count("\n", 0, m.start())
        if warnings is not None and line not in seen:
            seen.add(line)
            warnings.append(Problem(Loc(display, line, loc.col if loc else 1), path,
                                    f"removed an unprintable character (U+{ord(m.group()):04X})", "warning"))
    return _UNSAFE.sub("", text)
