"""What changed in what the room sees since the last build of each deck.

After a build, each deck's structure (per section: its title and the items of its main body, in order; the
items in backup; the BLUF) is compared with the record the previous build of that deck left in
``OUTPUT/decks.json``, beside the manifest.  Each difference is one :class:`Change`: an item that entered or
left the main body and why (new in the library, outranked under the section limit, the briefing's length budget,
its emphasis for this room, its section not shown, left out by the briefing's focus, removed: the reasons the
tailoring engine records on each backup item), a new item at the top of a section or a new order of its first items, a changed BLUF.  The build
prints the first few (``briefgen build`` without ``--quiet``); the record keeps them all, with their details, for
``briefgen diff --since-last-build``.  Without a record (a first build, or a record that cannot be read) there is
nothing to compare: no change is reported.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from briefgen.atomic import atomic_write_bytes, check_target
from briefgen.files import read_regular
from briefgen.load.model import KINDS, Library
from briefgen.tailor.tailor import emphasis_of
from briefgen.tailor.view import BriefView

DECK_RECORD = "decks.json"
MAX_RECORD_BYTES = 16 * 1024 * 1024  # a larger one is not briefgen's: treated as missing
TOP = 3  # "the top of a section": its first items, whose order the room notices
SHOWN_AFTER_BUILD = 5  # changes a build prints per deck; diff --since-last-build shows them all


@dataclass(frozen=True)
class Change:
    """One change in what the room sees: a line, and what it leaves out (e.g. the old and new BLUF)."""

    line: str
    detail: tuple = ()

    def to_dict(self) -> dict:
        """The change as the record stores it."""
        return {"line": self.line, "detail": list(self.detail)}

    @classmethod
    def from_dict(cls, data: dict) -> Change:
        """A change as the record stored it."""
        return cls(str(data.get("line", "")), tuple(str(d) for d in data.get("detail", ())))


def deck_structure(view: BriefView) -> dict:
    """What the room sees of a deck, as the record keeps it: sections (key, title, main-body ids), backup ids,
    the BLUF and every shown item's title (to name an item that is later removed)."""
    return {
        "bluf": view.bluf,
        "sections": [{"key": s.key, "title": s.title, "main": [i.id for i in s.items]} for s in view.sections],
        "backup": [i.id for i in view.backup],
        "titles": {i.id: i.title for i in view.all_items()},
    }


def compare(previous: dict, view: BriefView, library: Library, known: Iterable[str] = ()) -> list[Change]:
    """The changes between the ``previous`` structure of a deck (:func:`deck_structure`) and ``view``, with the
    reason for each item that entered or left a main body, read from the library and this room's profile
    (``known``: the ids the library held at the previous build, to tell an item new in the library)."""
    now = deck_structure(view)
    changes = []
    before = {s["key"]: s for s in previous.get("sections", ())}
    titles = {**previous.get("titles", {}), **now["titles"]}
    sections = [(s.key, s.title, [i.id for i in s.items]) for s in view.sections]
    shown = {s.key for s in view.sections}
    sections += [(key, s.get("title", key), []) for key, s in before.items() if key not in shown]  # no longer shown
    for key, title, new in sections:
        if key not in KINDS:
            continue
        old = list(before.get(key, {}).get("main", ()))
        changes += _entered_and_left(title, old, new, set(previous.get("backup", ())), titles, view, library,
                                     set(known))
        changes += _top_order(title, old, new, titles)
    if previous.get("bluf") is not None and previous["bluf"] != view.bluf:
        changes.append(Change("~ The bottom line up front changed", (f"was: {previous['bluf']}", f"now: {view.bluf}")))
    return changes


def _entered_and_left(title: str, old: list, new: list, old_backup: set, titles: dict, view: BriefView,
                      library: Library, known: set) -> list[Change]:
    entered = [i for i in new if i not in old]
    left = [i for i in old if i not in new]
    out = []
    for item_id in entered:
        out.append(Change(f'+ {title}: "{titles[item_id]}" entered the main body: '
                          f"{_why_entered(item_id, old_backup, left, titles, known)}"))
    for item_id in left:
        out.append(Change(f'- {title}: "{titles.get(item_id, item_id)}" left the main body: '
                          f"{_why_left(item_id, entered, titles, view, library)}"))
    return out


def _why_entered(item_id: str, old_backup: set, left: list, titles: dict, known: set) -> str:
    if item_id not in old_backup:
        return "new in the brief" if item_id in known else "new in the library"
    if left:
        return f"moved up from backup, ahead of {_quoted(left, titles)}"
    return "moved up from backup"


def _why_left(item_id: str, entered: list, titles: dict, view: BriefView, library: Library) -> str:
    """Why an item left a main body: read from the reason the tailoring engine gave the backup item (its
    section not shown, its emphasis, the section limit and which item outranked it, the length budget), else
    from the library (removed, an emphasis of 0, left out by the briefing's focus)."""
    try:
        item = library.item(item_id)
    except KeyError:
        return "removed from the library"
    profile = library.audiences[view.audience]
    backup = {i.id: i for i in view.backup}
    if item_id not in backup:
        if emphasis_of(item, profile) == 0:
            return "this room's emphasis for it is now 0 (omitted)"
        return "left out by this briefing's focus (include / exclude)"
    shown, why = backup[item_id], backup[item_id].why
    if why is None:  # a view made without the tailoring engine
        return "moved to backup"
    if why.rule == "section":
        return "moved to backup: this room's brief no longer shows its section"
    if why.rule == "emphasis":
        return f"moved to backup: its emphasis for this room ({shown.emphasis}) is below the threshold " \
               f"({profile.threshold})"
    if why.rule == "section_budget":
        return f"moved to backup with its whole section: the length budget of {view.main_budget} main-body " \
               f"slides has no room for the section"
    if why.rule == "budget":
        rule = f"moved to backup by the length budget of {view.main_budget} main-body slides"
        return f"{rule}; {_quoted(entered, titles)} took its place" if entered else rule
    rule = f"moved to backup by the section limit of {profile.max_main}"
    return f"{rule}; {_quoted(entered or why.outranked_by, titles)} outranked it"


def _top_order(title: str, old: list, new: list, titles: dict) -> list[Change]:
    if not old or not new:
        return []
    if old[0] != new[0]:
        return [Change(f'~ {title}: now leads with "{titles[new[0]]}" (was "{titles.get(old[0], old[0])}")')]
    kept_old = [i for i in old if i in new][:TOP]
    kept_new = [i for i in new if i in old][:TOP]
    if kept_old != kept_new:
        return [Change(f"~ {title}: the first items now run {_quoted(kept_new, titles)} "
                       f"(were {_quoted(kept_old, titles)})")]
    return []


def _quoted(ids: Iterable[str], titles: dict) -> str:
    names = [f'"{titles.get(i, i)}"' for i in ids]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def load_record(output_dir: Path) -> dict:
    """The deck record the last build left (``{}`` when there is none or it cannot be read)."""
    try:  # never waits on a named pipe put in its place
        raw = read_regular(Path(output_dir) / DECK_RECORD, MAX_RECORD_BYTES)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_RECORD_BYTES else None
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and isinstance(data.get("decks"), dict) else {}


def record_decks(output_dir: Path, decks: dict[str, tuple[BriefView, Library]], inputs: tuple = (),
                 project_root: Path | None = None) -> dict[str, list[Change]]:
    """Compare each deck (output path relative to ``output_dir`` -> its view and library) with the record, store
    the new structure and its changes, and return the changes of each deck that has a previous record.  A deck
    whose structure did not change keeps the changes its last change recorded (for ``diff --since-last-build``)."""
    record = load_record(output_dir)
    entries = dict(record.get("decks", {}))
    changes: dict[str, list[Change]] = {}
    for key, (view, library) in decks.items():
        structure = deck_structure(view)
        old = entries.get(key)
        if isinstance(old, dict) and old.get("structure") == structure:
            old["library"] = sorted(i.id for i in library.all_items())  # an item added to backup is not new later
            continue
        has_old = isinstance(old, dict) and isinstance(old.get("structure"), dict)
        found = compare(old["structure"], view, library, old.get("library", ())) if has_old else []
        entries[key] = {"audience": view.audience, "structure": structure, "changes": [c.to_dict() for c in found],
                        "first": not has_old, "library": sorted(i.id for i in library.all_items())}
        if found:
            changes[key] = found
    data = (json.dumps({"tool": "briefgen", "decks": dict(sorted(entries.items()))}, indent=2, sort_keys=True,
                       ensure_ascii=False) + "\n").encode()
    target = Path(output_dir) / DECK_RECORD
    if not (target.is_file() and target.read_bytes() == data):
        check_target(target, inputs, output_dir, project_root)
        atomic_write_bytes(target, data)
    return changes


def recorded_changes(output_dir: Path, audiences: Iterable[str] = ()) -> list[tuple[str, bool, list[Change]]]:
    """For ``diff --since-last-build``: each recorded deck (of ``audiences``, or all) as (output path, first build,
    the changes its last changed build made)."""
    wanted = set(audiences)
    out = []
    for key, entry in sorted(load_record(output_dir).get("decks", {}).items()):
        if not isinstance(entry, dict) or (wanted and entry.get("audience") not in wanted):
            continue
        out.append((key, bool(entry.get("first")), [Change.from_dict(c) for c in entry.get("changes", ())]))
    return out


def format_changes(name: str, changes: list[Change], full: bool = False) -> list[str]:
    """The lines that tell a person what changed in deck ``name``: after a build the first
    :data:`SHOWN_AFTER_BUILD` changes and a count of the rest; ``full``: every change with its details."""
    if not changes:
        return []
    shown = changes if full else changes[:SHOWN_AFTER_BUILD]
    lines = [f"{name}: what the room sees changed since the last build:"]
    for c in shown:
        lines.append(f"  {c.line}")
        lines.extend(f"      {d}" for d in (c.detail if full else ()))
    if len(changes) > len(shown):
        lines.append(f"  ... and {len(changes) - len(shown)} more (briefgen diff --since-last-build)")
    return lines
