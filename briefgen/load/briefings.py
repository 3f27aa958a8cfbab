"""Named briefings: ``briefings/NAME.yaml`` files, each one meeting built from the same library.

A named briefing sets any field of :class:`briefgen.load.model.Briefing` and
inherits the rest from the library's ``briefing.yaml``; its BLUF,
recommendation and decisions fall back, audience by audience, to the
library's.  :func:`check_briefing` cross-checks what a briefing names
(audiences, item ids and tags of its focus, its length) against the library,
for the library's own briefing too; :func:`load_briefings` reads the folder
and reports every problem of every file at once.
"""
from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from briefgen.errors import ContentError, Loc, Problem, display_path
from briefgen.files import exists, not_a_file, not_a_folder
from briefgen.load.markings import US_SCHEME, check_markings
from briefgen.load.model import KINDS, Briefing, BriefingOverride, Library
from briefgen.load.schema import INVALID, TODAY, Context, FrozenMap, convert, reserved_name, suggest, too_long_id
from briefgen.load.yamlsource import YMap, read_yaml

BRIEFINGS_FOLDER = "briefings"
DEFAULT_BRIEFING = ""  # the name of the library's own briefing (content/briefing.yaml)
PER_AUDIENCE = ("bluf", "recommendation", "decisions")
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class NamedBriefing:
    """A briefing as built: its name ("" for the library's own), the file it comes from, and the library's
    briefing with its fields applied."""

    name: str
    path: str  # as shown in messages
    briefing: Briefing

    @property
    def label(self) -> str:
        """How messages name it: its name, or "default" for the library's own."""
        return self.name or "default"


def default_briefing(library: Library) -> NamedBriefing:
    """The library's own briefing (content/briefing.yaml)."""
    return NamedBriefing(DEFAULT_BRIEFING, display_path(Path(library.root) / "briefing.yaml"), library.briefing)


def check_briefing(ctx: Context, briefing: Any, library_items: dict[str, Iterable[Any]], audiences: Iterable[str],
                   path: str, items_complete: bool = True, formats: Iterable[str] | None = None) -> None:
    """Record in ``ctx`` every name ``briefing`` (a Briefing or BriefingOverride) gives that the library does
    not hold: audiences (its list and the keys of its per-audience fields), item ids and tags of its
    ``include`` / ``exclude`` (not judged when ``items_complete`` is false: some item failed its own checks,
    so its id and tags are unknown); a ``length`` that gives neither or both of minutes and main_slides; and
    ``formats`` that name no writer of ``formats`` (the writers' one list, which the caller passes: loading
    knows no writers; None: not judged)."""
    if formats is not None:
        _check_formats(ctx, briefing, path, tuple(formats))
    known = sorted(audiences)
    locs = briefing.locs
    for i, name in enumerate(briefing.audiences or ()):
        if known and name not in known:
            ctx.error(locs.get("audiences", briefing.loc), f"{path}.audiences[{i}]",
                      f"unknown audience {name!r}{suggest(name, known)}; audiences are: {', '.join(known)}")
    for fname in PER_AUDIENCE:
        for key in getattr(briefing, fname) or {}:
            if known and key not in known:
                ctx.error(locs.get(fname, briefing.loc), f"{path}.{fname}.{key}",
                          f"unknown audience {key!r}{suggest(key, known)}")
    items = [i for kind in KINDS for i in library_items.get(kind, ())]
    ids = [i.id for i in items]
    tags = sorted({t for i in items for t in i.tags})
    for fname in ("include", "exclude") if items_complete else ():
        focus = getattr(briefing, fname)
        if focus is not None:
            _check_focus(ctx, focus, f"{path}.{fname}", ids, tags)
    length = briefing.length
    if length is not None and (length.minutes is None) == (length.main_slides is None):
        ctx.error(length.loc, f"{path}.length", "expected one of minutes or main_slides, got "
                  + ("both" if length.minutes is not None else "neither"))


def _check_formats(ctx: Context, briefing: Any, path: str, known: tuple) -> None:
    """A briefing's ``formats``: each one of ``known`` (did-you-mean for a near miss), and at least one."""
    given = briefing.formats
    if given is None:
        return
    where = briefing.locs.get("formats", briefing.loc)
    if not given:
        ctx.error(where, f"{path}.formats", f"expected at least one of {', '.join(known)}, got none (leave the "
                                            f"field out for briefgen.yaml's formats)")
    for i, name in enumerate(given):
        if name not in known:
            ctx.error(where, f"{path}.formats[{i}]",
                      f"unknown format {name!r}{suggest(name, known)}; formats are: {', '.join(known)}")


def _check_focus(ctx: Context, focus: Any, path: str, ids: list[str], tags: list[str]) -> None:
    """An unknown id or tag in a focus list is an error (a typo would silently empty the deck)."""
    for i, iid in enumerate(focus.ids):
        if iid not in ids:
            ctx.error(focus.locs.get("ids", focus.loc), f"{path}.ids[{i}]",
                      f"unknown item id {iid!r}{suggest(iid, ids)}")
    for i, tag in enumerate(focus.tags):
        if tag not in tags:
            ctx.error(focus.locs.get("tags", focus.loc), f"{path}.tags[{i}]",
                      f"unknown tag {tag!r}{suggest(tag, tags)}; no item has it")
    if not (focus.kinds or focus.tags or focus.ids):
        ctx.error(focus.loc, path, "expected at least one of kinds, tags or ids, got none")


def briefing_files(folder: Path, ctx: Context | None = None) -> list[Path]:
    """The ``*.yaml``/``*.yml`` files of the briefings folder in name order (none when it does not exist);
    with ``ctx``, a briefings path that is not a folder, or an entry that is not a file, is reported there."""
    if not exists(folder):
        return []
    wrong = not_a_folder(folder)
    if wrong is not None:
        if ctx is not None:
            ctx.error(Loc(display_path(folder)), "", f"expected a folder of briefings (NAME.yaml), got {wrong}")
        return []
    found = []
    for p in sorted(folder.iterdir()):
        if p.suffix not in (".yaml", ".yml"):
            continue
        wrong = not_a_file(p)
        if wrong is not None and ctx is not None:
            ctx.error(Loc(display_path(p)), "", f"expected a YAML file, got {wrong}")
        elif wrong is None:
            found.append(p)
    return found


def briefing_name_problem(name: str, library: Library) -> str | None:
    """Why ``name`` cannot name a briefing (it names the output folder OUTPUT/NAME), or None."""
    too_long = too_long_id(name)
    if too_long is not None:
        return f"{too_long.replace('an id', 'a file name')} (it is the briefing's name)"
    if not _NAME.fullmatch(name):
        return f"expected a file name of lower-case letters, digits and hyphens (it is the briefing's name), " \
               f"got {name!r}"
    if reserved_name(name):
        return f"expected a file name every system allows (it is the briefing's name), got {name!r} (Windows " \
               f"reserves it for a device; rename the file)"
    if name in library.audiences:
        return f"expected a briefing name that is not an audience's, got {name!r} (its outputs would share the " \
               f"folder of that audience's; rename the file)"
    return None


def load_briefings(folder: str | Path, library: Library,
                   formats: Iterable[str] | None = None) -> tuple[NamedBriefing, ...]:
    """Every briefing of ``folder`` (``briefings/NAME.yaml``) applied over the library's, in name order;
    ContentError listing every problem of every file (``formats``: the format names a briefing may give,
    from the writers' list; None: not judged)."""
    folder = Path(folder)
    ctx = Context()
    out = []
    items = {kind: library.items(kind) for kind in KINDS}
    paths = briefing_files(folder, ctx)
    for path in paths:
        name, shown = path.stem, display_path(path)
        problem = briefing_name_problem(name, library)
        if problem is None and [p.stem for p in paths].count(name) > 1:
            problem = f"expected one file per briefing, got {name!r} twice (.yaml and .yml); keep one"
        if problem is not None:
            ctx.error(Loc(shown), BRIEFINGS_FOLDER, problem)
            continue
        try:
            node = read_yaml(path, shown, ctx.problems, BRIEFINGS_FOLDER)
        except ContentError as exc:
            ctx.problems.extend(exc.problems)
            continue
        if node is None:  # an empty file: the library's briefing as it is
            out.append(NamedBriefing(name, shown, library.briefing))
            continue
        override = _convert_all(node, f"{BRIEFINGS_FOLDER}.{name}", ctx, items, library, formats)
        if override is not INVALID:
            briefing = apply_override(library, override)
            check_markings(ctx, library.markings or US_SCHEME, briefing, {**items, "events": library.events}, {},
                           f"{BRIEFINGS_FOLDER}.{name}")
            out.append(NamedBriefing(name, shown, briefing))
    errors = [p for p in ctx.problems if p.severity == "error"]
    if errors:
        raise ContentError(ctx.problems)
    return tuple(out)


def _convert_all(node: Any, path: str, ctx: Context, items: dict, library: Library,
                 formats: Iterable[str] | None = None) -> Any:
    """The file's fields converted and cross-checked against the library; INVALID if any failed.  The names
    its valid fields give are checked even when another field failed, so every problem shows in one run."""
    reported = len(ctx.problems)
    override = convert(BriefingOverride, node, path, ctx)
    usable = override
    if override is INVALID and isinstance(node, YMap):
        failed = {p.field[len(path) + 1:].split(".")[0].split("[")[0] for p in ctx.problems[reported:]}
        rest = YMap(node.loc, entries={k: v for k, v in node.entries.items() if k not in failed},
                    key_locs={k: v for k, v in node.key_locs.items() if k not in failed})
        usable = convert(BriefingOverride, rest, path, Context())
    if usable is not INVALID:
        check_briefing(ctx, usable, items, library.audiences, path, formats=formats)
    return override


def apply_override(library: Library, override: Any) -> Briefing:
    """The library's briefing with every field ``override`` sets replaced; BLUF, recommendation and decisions
    resolved audience by audience: the briefing's own (by the audience's chain), else the library's."""
    base = library.briefing
    changes = {f.name: getattr(override, f.name) for f in dataclasses.fields(Briefing)
               if f.name not in PER_AUDIENCE + ("loc", "locs") and getattr(override, f.name, None) is not None}
    for fname in PER_AUDIENCE:
        own = getattr(override, fname)
        if own is not None:
            changes[fname] = FrozenMap({name: value for name, prof in library.audiences.items()
                                        if (value := _nearest(own, prof.chain, _nearest(getattr(base, fname),
                                                                                          prof.chain))) is not None})
    locs = {**base.locs, **override.locs}
    return dataclasses.replace(base, **changes, loc=override.loc, locs=FrozenMap(locs))


def _nearest(mapping: dict, chain: tuple, default: Any = None) -> Any:
    """The value of the first name of ``chain`` that ``mapping`` has, else ``default``."""
    for name in chain:
        if name in mapping:
            return mapping[name]
    return default


def resolved_date(raw: str, today: datetime.date | None = None) -> str:
    """A briefing's date as outputs show it: ``today`` becomes the day given (default: the system's today)."""
    if raw != TODAY:
        return raw
    return (today or datetime.date.today()).isoformat()


def is_past(date: str, today: datetime.date) -> bool:
    """True if the briefing's resolved ``date`` (YYYY-MM-DD, YYYY-MM or YYYY) is wholly before ``today``."""
    return date < today.isoformat()[:len(date)]
