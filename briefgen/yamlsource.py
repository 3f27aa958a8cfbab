"""Read YAML into a tree of located nodes, safely.

Built on PyYAML's event stream (the C parser when available), so every
mapping, sequence and scalar keeps its file, line and column.  Only plain
data is accepted: aliases, anchors and non-standard tags (``!!python/...``)
are refused, duplicate keys are reported with both positions, nesting and
file size are capped.  Scalars keep their raw text so that a schema expecting
a string gets ``no`` or ``1.10`` exactly as written, never YAML's coercion.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import ContentError, Loc, Problem

try:  # the C parser is much faster; the pure one gives identical events
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
MAX_SCALAR_CHARS = 100_000

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
    return repr(text)


def _loc(display: str, mark: yaml.Mark) -> Loc:
    return Loc(display, mark.line + 1, mark.column + 1)


def _decode(data: bytes, display: str) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ContentError([Problem(Loc(display, line, col), "",
                                    f"expected UTF-8 text, got the byte 0x{data[exc.start]:02x}")])
    return text


def parse_text(text: str, display: str, warnings: list[Problem] | None = None, root: str = "") -> YNode | None:
    """Parse YAML text into a located tree; ``None`` for an empty document.

    ``root`` names the document in field paths of messages (e.g. ``risks`` gives ``risks[2].impact``).
    """
    problems: list[Problem] = []
    try:
        events = list(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = _loc(display, mark) if mark else Loc(display)
        what = (exc.problem or exc.context or "invalid YAML").strip()
        if exc.problem and exc.context and exc.context_mark and exc.context_mark is not mark:
            what += f" ({exc.context} started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        raise ContentError([Problem(where, "", f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:  # e.g. reader errors on control characters
        mark = getattr(exc, "position", None)
        raise ContentError([Problem(Loc(display), "", f"YAML error: {exc}")]) from None

    pos = 0
    docs: list[YNode] = []

    def build(depth: int, path: str) -> YNode:
        nonlocal pos
        ev = events[pos]
        pos += 1
        loc = _loc(display, ev.start_mark)
        if depth > MAX_DEPTH:
            raise ContentError([Problem(loc, "", f"expected at most {MAX_DEPTH} levels of nesting, got more")])
        if isinstance(ev, yaml.AliasEvent):
            raise ContentError([Problem(loc, "", f"YAML aliases are not allowed (found *{ev.anchor})")])
        anchor = getattr(ev, "anchor", None)
        if anchor is not None:
            raise ContentError([Problem(loc, "", f"YAML anchors are not allowed (found &{anchor})")])
        tag = getattr(ev, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS and tag != "!":
            raise ContentError([Problem(loc, "", f"expected plain data, got the YAML tag {tag!r}")])
        if isinstance(ev, yaml.ScalarEvent):
            if len(ev.value) > MAX_SCALAR_CHARS:
                raise ContentError([Problem(loc, "", f"expected a value of at most {MAX_SCALAR_CHARS:,} characters, "
                                                     f"got {len(ev.value):,}")])
            value = sanitize_text(ev.value, display, warnings, loc)
            quoted = ev.style in ("'", '"', "|", ">")
            if tag and tag != "!":
                resolved = tag
            elif quoted or tag == "!":
                resolved = "tag:yaml.org,2002:str"
            else:
                resolved = _RESOLVER.resolve(yaml.ScalarNode, ev.value, (True, False))
            return YScalar(loc, value, resolved, quoted)
        if isinstance(ev, yaml.SequenceStartEvent):
            seq = YSeq(loc)
            while not isinstance(events[pos], yaml.SequenceEndEvent):
                seq.items.append(build(depth + 1, f"{path}[{len(seq.items)}]"))
            pos += 1
            return seq
        if isinstance(ev, yaml.MappingStartEvent):
            m = YMap(loc)
            while not isinstance(events[pos], yaml.MappingEndEvent):
                key = build(depth + 1, path)
                sub = f"{path}.{getattr(key, 'raw', '?')}" if path else str(getattr(key, "raw", "?"))
                val = build(depth + 1, sub)
                if not isinstance(key, YScalar):
                    problems.append(Problem(key.loc, "", f"expected a plain key, got {kind_name(key)}"))
                    continue
                name = key.raw
                if name in m.entries:
                    problems.append(Problem(key.loc, sub, f"duplicate key (first defined at line {m.key_locs[name].line})"))
                    continue
                m.entries[name] = val
                m.key_locs[name] = key.loc
            pos += 1
            return m
        raise ContentError([Problem(loc, "", f"unexpected YAML event {type(ev).__name__}")])  # pragma: no cover

    while pos < len(events):
        ev = events[pos]
        if isinstance(ev, yaml.DocumentStartEvent):
            pos += 1
            docs.append(build(1, root))
        else:
            pos += 1
    if problems:
        raise ContentError(problems)
    if len(docs) > 1:
        raise ContentError([Problem(docs[1].loc, "", "expected one YAML document, got several")])
    if not docs:
        return None
    only = docs[0]
    if isinstance(only, YScalar) and only.value() is None and not only.raw:
        return None
    return only


def read_yaml(path: Path, display: str | None = None, warnings: list[Problem] | None = None,
              root: str = "") -> YNode | None:
    """Read and parse one YAML file; ``display`` is how its path is shown in messages.

    Characters no document can hold (control characters, lone surrogates,
    U+FFFE/U+FFFF) are removed, with a warning per line added to ``warnings``.
    """
    display = display or str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ContentError([Problem(Loc(display), "", f"cannot read file: {exc.strerror}")]) from None
    if size > MAX_FILE_BYTES:
        raise ContentError([Problem(Loc(display), "", f"expected a file of at most {MAX_FILE_BYTES // 1024 // 1024} MiB, "
                                                      f"got {size / 1024 / 1024:.1f} MiB")])
    data = path.read_bytes()
    text = _decode(data, display)
    text = sanitize_text(text, display, warnings)
    return parse_text(text, display, warnings, root)


# Characters python-pptx/python-docx (XML 1.0) cannot store, or terminals misread.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def sanitize_text(text: str, display: str, warnings: list[Problem] | None, loc: Loc | None = None) -> str:
    """Remove unsafe characters from ``text``, warning once per affected line."""
    if not _UNSAFE.search(text):
        return text
    seen: set[int] = set()
    for m in _UNSAFE.finditer(text):
        line = (loc.line if loc else 1) + text.count("\n", 0, m.start())
        if warnings is not None and line not in seen:
            seen.add(line)
            warnings.append(Problem(Loc(display, line, loc.col if loc else 1), "",
                                    f"removed an unprintable character (U+{ord(m.group()):04X})", "warning"))
    return _UNSAFE.sub("", text)
