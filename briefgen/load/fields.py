"""Content fields named by a path, and where each stands in the content files.

A deck records, per paragraph, the content field it shows (see the deck template's ``origin``):
``ITEM.title``, ``ITEM.framing``, ``ITEM.points[N]`` (the point's ``text``), ``briefing.bluf``,
``briefing.recommendation`` and ``briefing.decisions[N]``.  :func:`parse_field` reads such a path and
:func:`locate` finds, for one audience, the YAML scalar behind it (the audience's own entry, else the
nearest profile it extends, as tailoring chooses; a framing with no entry at all is the item's summary), with
its file and file:line:col, so ``briefgen trace`` can point at it and ``briefgen pull`` can rewrite it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import Loc, display_path
from briefgen.load.model import Library
from briefgen.load.yamlsource import YMap, YNode, YScalar, YSeq, read_yaml

_FIELD = re.compile(r"^(?P<owner>[a-z0-9-]+)\.(?P<name>[a-z_]+)(?:\[(?P<index>\d+)\])?$")
ITEM_FIELDS = ("title", "framing", "points")
BRIEFING_FIELDS = ("bluf", "recommendation", "decisions")
PER_AUDIENCE = ("framing", "bluf", "recommendation", "decisions")


@dataclass(frozen=True)
class FieldRef:
    """A content field as a deck records it: the item (None: briefing.yaml), the field, the list index."""

    item: str | None
    name: str
    index: int | None = None

    def __str__(self) -> str:
        owner = self.item or "briefing"
        return f"{owner}.{self.name}" + (f"[{self.index}]" if self.index is not None else "")


@dataclass(frozen=True)
class Located:
    """Where a field's value stands for one audience: the scalar, its file, and the mapping key chosen."""

    ref: FieldRef
    file: Path  # the content file, absolute
    node: YScalar
    audience: str | None  # the audience entry that gives the value (per-audience fields), else None
    instead: str | None = None  # the field used in its place: "summary" for an item with no framing at all

    @property
    def loc(self) -> Loc:
        """file:line:col of the value."""
        return self.node.loc


def parse_field(text: str | None) -> FieldRef | None:
    """The FieldRef of a recorded path such as ``thr-a.points[2]`` or ``briefing.bluf``; None for anything
    else."""
    m = _FIELD.match(text or "")
    if not m:
        return None
    owner, name, index = m.group("owner"), m.group("name"), m.group("index")
    index = int(index) if index is not None else None
    if owner == "briefing" and name in BRIEFING_FIELDS and (index is not None) == (name == "decisions"):
        return FieldRef(None, name, index)
    if owner != "briefing" and name in ITEM_FIELDS and (index is not None) == (name == "points"):
        return FieldRef(owner, name, index)
    return None


class Locator:
    """Finds fields in one library's files, each file parsed once."""

    def __init__(self, library: Library):
        self.library = library
        self._trees: dict[str, YNode | None] = {}

    def tree(self, rel: str) -> YNode | None:
        """The located tree of the content file ``rel`` (relative to the library's folder)."""
        if rel not in self._trees:
            path = Path(self.library.root) / rel
            self._trees[rel] = read_yaml(path, display_path(path))
        return self._trees[rel]

    def locate(self, ref: FieldRef, audience: str) -> Located | None:
        """Where ``ref``'s value for ``audience`` stands; None when the library has no such item, entry or
        point."""
        root = Path(self.library.root)
        for rel in self.library.files:
            tree = self.tree(rel)
            if ref.item is None:
                if rel == "briefing.yaml" and isinstance(tree, YMap):
                    return _in_owner(tree, ref, self.library, audience, root / rel)
                continue
            owner = _find_item(tree, ref.item)
            if owner is not None:
                return _in_owner(owner, ref, self.library, audience, root / rel)
        return None


def locate(library: Library, ref: FieldRef, audience: str) -> Located | None:
    """Where ``ref``'s value for ``audience`` stands (see :meth:`Locator.locate`)."""
    return Locator(library).locate(ref, audience)


def _find_item(node: YNode | None, item_id: str) -> YMap | None:
    """The mapping with ``id: item_id`` in a content file's tree."""
    if isinstance(node, YMap):
        got = node.entries.get("id")
        if isinstance(got, YScalar) and got.raw == item_id:
            return node
        children = list(node.entries.values())
    elif isinstance(node, YSeq):
        children = list(node.items)
    else:
        return None
    for child in children:
        found = _find_item(child, item_id)
        if found is not None:
            return found
    return None


def _in_owner(owner: YMap, ref: FieldRef, library: Library, audience: str, path: Path) -> Located | None:
    value = owner.entries.get(ref.name)
    chosen = None
    if ref.name in PER_AUDIENCE:
        value, chosen = _for_audience(value, library, audience)
        if value is None and ref.name == "framing":
            summary = owner.entries.get("summary")
            return Located(ref, path, summary, None, "summary") if isinstance(summary, YScalar) else None
    if ref.index is not None:
        if not isinstance(value, YSeq) or ref.index >= len(value.items):
            return None
        value = value.items[ref.index]
        if isinstance(value, YMap):  # a point: its text
            value = value.entries.get("text")
    return Located(ref, path, value, chosen) if isinstance(value, YScalar) else None


def _for_audience(mapping: YNode | None, library: Library, audience: str) -> tuple[YNode | None, str | None]:
    """The entry of a per-audience mapping this audience reads: its own, else the nearest ancestor's."""
    if not isinstance(mapping, YMap):
        return None, None
    profile = library.audiences.get(audience)
    chain = profile.chain if profile is not None else (audience,)
    for name in chain:
        if name in mapping.entries:
            return mapping.entries[name], name
    return None, None
