"""Load a content library from disk, validate it whole, and resolve audience profiles.

``load_library(path)`` reads ``briefing.yaml``, ``sources``, ``events``, the four
item kinds (each as ``KIND.yaml`` or a ``KIND/`` folder of files) and
``audiences/*.yaml`` and ``vocabulary.yaml``; checks every field, every word items take from a vocabulary, every cross-reference and every
audience key; and raises one :class:`ContentError` listing every problem, or
returns an immutable :class:`Library` plus the warnings found.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterable

from briefgen.errors import ContentError, Loc, Problem, display_path
from briefgen.files import exists, not_a_file, not_a_folder, real_path
from briefgen.load.briefings import check_briefing
from briefgen.load.markings import US_SCHEME, MarkingScheme, check_markings, check_releasable_to
from briefgen.load.model import (
    CHARTS,
    ITEM_CLASSES,
    KINDS,
    RANKABLE,
    SECTIONS,
    AudienceProfile,
    AudienceSpec,
    Briefing,
    Event,
    Library,
    Source,
)
from briefgen.load.schema import INVALID, Context, FrozenMap, convert, reserved_name, suggest, too_long_id
from briefgen.load.vocabulary import DEFAULT as DEFAULT_VOCABULARY
from briefgen.load.vocabulary import Vocabulary, check_terms, check_vocabulary
from briefgen.load.yamlsource import YMap, YNode, YScalar, YSeq, kind_name, read_yaml

DEFAULT_SECTION_TITLES = {
    "context": "Strategic context",
    "threats": "Threats",
    "capabilities": "Capabilities",
    "options": "Policy options",
    "risks": "Risks and mitigations",
    "decisions": "Decisions and next steps",
}
LIST_FILES = ("sources", "events") + KINDS
_AUDIENCE_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")


@dataclass(frozen=True)
class LoadResult:
    """A loaded library and the warnings found while loading it."""

    library: Library
    warnings: tuple


def _files_for(root: Path, name: str, ctx: Context | None = None) -> list[Path]:
    """The files of ``name``: ``NAME.yaml``/``NAME.yml`` and the YAML files of a ``NAME/`` folder, in name order.

    With ``ctx``, every path met that is not what was expected (a folder or a named pipe called
    ``threats.yaml``, a ``threats`` that is not a folder, a link that loops) is reported there, and left out.
    """
    found = [f for f in (root / f"{name}.yaml", root / f"{name}.yml") if _is_usable(f, "a YAML file", not_a_file, ctx)]
    folder = root / name
    if _is_usable(folder, f"a folder of {name} files (or {name}.yaml)", not_a_folder, ctx):
        found.extend(_yaml_entries(folder, ctx))
    return found


def _is_usable(path: Path, expected: str, what_else: Any, ctx: Context | None) -> bool:
    """True if ``path`` is what is expected; if something else is there, report it in ``ctx`` (absent: False)."""
    if not exists(path):
        return False
    wrong = what_else(path)
    if wrong is not None and ctx is not None:
        ctx.error(Loc(display_path(path)), "", f"expected {expected}, got {wrong}")
    return wrong is None


def _yaml_entries(folder: Path, ctx: Context | None) -> list[Path]:
    """The ``*.yaml``/``*.yml`` regular files of ``folder`` in name order; any other such entry (a folder, a
    named pipe, a link that loops) is reported in ``ctx``."""
    found = []
    for p in sorted(folder.iterdir()):
        if p.suffix not in (".yaml", ".yml"):
            continue
        if _is_usable(p, "a YAML file", not_a_file, ctx):
            found.append(p)
    return found


def _audience_name_problem(name: str, path: Path, paths: list[Path]) -> str | None:
    """Why the profile at ``path`` cannot be audience ``name`` (it names an output folder), or None."""
    too_long = too_long_id(name)
    if too_long is not None:
        return f"{too_long.replace('an id', 'a file name')} (it is the audience's name)"
    if not _AUDIENCE_NAME.fullmatch(name):
        return f"expected a file name of lower-case letters, digits and hyphens (it is the audience's name), got {name!r}"
    if reserved_name(name):
        return f"expected a file name every system allows (it is the audience's name), got {name!r} (Windows " \
               f"reserves it for a device; rename the file)"
    first = next(p for p in paths if p.stem == name)
    if first != path:
        return f"expected one profile per audience, got {name!r} again (first in {display_path(first)}); keep one file"
    return None


def _inside(root: Path, path: Path) -> bool:
    try:
        real_path(path).relative_to(real_path(root))
        return True
    except ValueError:
        return False


def _audience_files(folder: Path) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` entry of the audiences folder, usable or not (a profile that failed to load
    is still a known audience name: no "unknown audience" on top of its own error)."""
    try:
        return [p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")]
    except OSError:
        return []


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.ctx = Context()
        self.files: list[str] = []
        self.paths: dict[int, str] = {}  # id(record) -> its field path, e.g. "risks[2]"
        self.incomplete: set[str] = set()  # kinds with a file or an entry without an id that failed: skip refs
        self.declared: dict[str, set[str]] = {}  # kind -> ids of its entries that failed their checks
        self.unchecked_refs: list[tuple[str, str, Loc, str]] = []  # references read in entries that failed

    def read(self, path: Path, root: str = "") -> YNode | None:
        shown = display_path(path)
        if not _inside(self.root, path):
            self.ctx.error(Loc(shown), "", "expected a file inside the content folder, got a link that leaves it")
            return None
        self.files.append(path.relative_to(self.root).as_posix())
        try:
            return read_yaml(path, shown, self.ctx.problems, root)
        except ContentError as exc:
            self.ctx.problems.extend(exc.problems)
            return None

    def load_list(self, name: str, cls: type) -> list:
        out = []
        reported = len(self.ctx.problems)
        paths = _files_for(self.root, name, self.ctx)
        if len(self.ctx.problems) > reported:  # a path of this kind could not be read: its ids are unknown
            self.incomplete.add(name)
        for path in paths:
            node = self.read(path, name)
            if node is None:
                self.incomplete.add(name)
                continue
            in_folder = path.parent.name == name
            if isinstance(node, YMap) and in_folder:
                entries = [node]
            elif isinstance(node, YSeq):
                entries = node.items
            else:
                expect = "a mapping (one item) or a list of items" if in_folder else f"a list of {name}"
                self.ctx.error(node.loc, name, f"expected {expect}, got {kind_name(node)}")
                self.incomplete.add(name)
                continue
            for i, entry in enumerate(entries):
                refs_before = len(self.ctx.refs)
                value = convert(cls, entry, f"{name}[{i}]", self.ctx)
                if value is INVALID:
                    self._declare(name, entry)
                    self.unchecked_refs.extend(self.ctx.refs[refs_before:])  # its record is gone: check them alone
                else:
                    self.paths[id(value)] = f"{name}[{i}]"
                    out.append(value)
        return out

    def _declare(self, kind: str, entry: YNode) -> None:
        """Keep the id of an entry that failed its checks, so that references to it are not reported as unknown
        while references to ids that exist nowhere are, in the same run; without a readable id, references to
        ``kind`` cannot be judged and are skipped."""
        node = entry.entries.get("id") if isinstance(entry, YMap) else None
        if isinstance(node, YScalar) and _AUDIENCE_NAME.fullmatch(node.raw):
            self.declared.setdefault(kind, set()).add(node.raw)
        else:
            self.incomplete.add(kind)

    def load_briefing(self) -> Briefing | None:
        found = _files_for(self.root, "briefing", self.ctx)
        if not found and any(exists(self.root / f"briefing{s}") for s in (".yaml", ".yml")):
            return None  # reported by _files_for: a folder or a pipe where briefing.yaml should be
        if not found:
            self.ctx.error(Loc(display_path(self.root / "briefing.yaml")), "", "missing file: every library needs a "
                           "briefing.yaml (title, date, classification, bluf, recommendation)")
            return None
        node = self.read(found[0], "briefing")
        if node is None:
            return None
        value = convert(Briefing, node, "briefing", self.ctx)
        return None if value is INVALID else value

    def load_vocabulary(self) -> tuple[Vocabulary, set[str]] | None:
        """The library's vocabulary and the sections its file declares; the defaults without a file; None when
        the file is unusable (reported)."""
        found = _files_for(self.root, "vocabulary", self.ctx)
        if not found:
            bad = any(exists(self.root / f"vocabulary{s}") for s in (".yaml", ".yml"))
            return None if bad else (DEFAULT_VOCABULARY, set())
        node = self.read(found[0], "vocabulary")
        if node is None:
            return None
        value = convert(Vocabulary, node, "vocabulary", self.ctx)
        check_vocabulary(self.ctx, node)
        if value is INVALID:
            return None
        return value, set(node.entries) if isinstance(node, YMap) else set()

    def load_audiences(self) -> dict[str, AudienceSpec]:
        specs: dict[str, AudienceSpec] = {}
        folder = self.root / "audiences"
        usable = _is_usable(folder, "a folder of audience profiles (audiences/NAME.yaml)", not_a_folder, self.ctx)
        paths = _yaml_entries(folder, self.ctx) if usable else []
        for path in paths:
            name = path.stem
            problem = _audience_name_problem(name, path, paths)
            if problem is not None:  # the name becomes an output folder: OUTPUT/NAME/...
                self.ctx.error(Loc(display_path(path)), "audiences", problem)
                self.incomplete.add("audiences")
                continue
            node = self.read(path, f"audiences.{name}")
            if node is None:
                self.incomplete.add("audiences")
                continue
            value = convert(AudienceSpec, node, f"audiences.{name}", self.ctx)
            if value is INVALID:
                self.incomplete.add("audiences")
            else:
                specs[name] = value
        if not exists(folder) or usable and not _audience_files(folder):
            self.ctx.error(Loc(display_path(folder)), "audiences",
                           "expected at least one audience profile (audiences/NAME.yaml), got none")
        return specs


def _check_unique_ids(ctx: Context, groups: Iterable[tuple[str, list]], paths: dict[int, str]) -> None:
    first: dict[str, Any] = {}
    for kind, records in groups:
        for r in records:
            if r.id in first:
                where = first[r.id].locs.get("id", first[r.id].loc)
                ctx.error(r.locs.get("id", r.loc), f"{paths.get(id(r), kind)}.id",
                          f"duplicate id {r.id!r} (first defined at {where})")
            else:
                first[r.id] = r


def _check_refs(ctx: Context, lib: dict[str, list], audiences: set[str], paths: dict[int, str],
                incomplete: set[str], declared: dict[str, set[str]] | None = None,
                more_refs: Iterable[tuple[str, str, Loc, str]] = ()) -> None:
    ids = {k: {r.id for r in lib[k]} | (declared or {}).get(k, set()) for k in LIST_FILES}

    def ref(kind: str, value: str, loc: Loc, path: str) -> None:
        if value not in ids[kind] and kind not in incomplete:
            ctx.error(loc, path, f"unknown {kind[:-1] if kind != 'capabilities' else 'capability'} id "
                                 f"{value!r}{suggest(value, ids[kind])}")

    def aud_keys(mapping: dict, loc: Loc, path: str) -> None:
        if not audiences:  # no profile could be read: that is reported, not every key that names one
            return
        for key in mapping:
            if key not in audiences:
                ctx.error(loc, f"{path}.{key}", f"unknown audience {key!r}{suggest(key, audiences)}; "
                                                f"audiences are: {', '.join(sorted(audiences))}")

    for kind in KINDS:
        for item in lib[kind]:
            base = paths.get(id(item), kind)
            for i, p in enumerate(item.points):
                if p.source:
                    ref("sources", p.source, p.locs.get("source", p.loc), f"{base}.points[{i}].source")
            for s in item.sources:
                ref("sources", s, item.locs.get("sources", item.loc), f"{base}.sources")
            for fname in ("mitigates", "aggravates"):
                for r in getattr(item, fname, ()):
                    ref("risks", r, item.locs.get(fname, item.loc), f"{base}.{fname}")
            for o in getattr(item, "mitigations", ()):
                ref("options", o, item.locs.get("mitigations", item.loc), f"{base}.mitigations")
            aud_keys(item.framing, item.locs.get("framing", item.loc), f"{base}.framing")
            aud_keys(item.emphasis, item.locs.get("emphasis", item.loc), f"{base}.emphasis")
    for ev in lib["events"]:
        ref("sources", ev.source, ev.locs.get("source", ev.loc), f"{paths.get(id(ev), 'events')}.source")
    for kind, value, loc, path in more_refs:  # in entries that failed their own checks: reported in the same run
        ref(kind, value, loc, path)


def _resolve_audiences(ctx: Context, specs: dict[str, AudienceSpec],
                       failed: frozenset = frozenset()) -> dict[str, AudienceProfile]:
    """Every audience profile with what it inherits through ``extends`` filled in; each problem is recorded in
    ``ctx`` (a profile whose chain is broken is left out).  ``failed``: profiles whose file exists but is
    invalid (already reported): no "unknown audience" for them."""
    out: dict[str, AudienceProfile] = {}
    for name, spec in specs.items():
        chain = _extends_chain(ctx, name, specs, failed)
        if chain is None:
            continue
        _check_sections(ctx, name, spec)
        _check_ranking(ctx, name, spec)
        for other in spec.pushback_from or ():
            if other not in specs and other not in failed:
                ctx.error(spec.locs.get("pushback_from", spec.loc), f"audiences.{name}.pushback_from",
                          f"unknown audience {other!r}{suggest(other, specs)}")
        out[name] = _profile(chain, specs)
    return out


def _check_quote_sources(ctx: Context, specs: dict[str, AudienceSpec], sources: set[str]) -> None:
    """Each source id an audience profile's ``quote_sources`` names must be a source of the library."""
    for name, spec in specs.items():
        for i, sid in enumerate(spec.quote_sources or ()):
            if sid not in sources:
                ctx.error(spec.locs.get("quote_sources", spec.loc), f"audiences.{name}.quote_sources[{i}]",
                          f"unknown source id {sid!r}{suggest(sid, sorted(sources))}")


def _extends_chain(ctx: Context, name: str, specs: dict[str, AudienceSpec], failed: frozenset) -> list[str] | None:
    """``name`` and the profiles it extends, nearest first; None (with the problem recorded, unless a profile
    of the chain failed already) when the chain names an unknown audience or runs in a cycle."""
    chain = [name]
    cur = specs[name]
    while cur.extends is not None:
        parent = cur.extends
        if parent not in specs:
            if parent not in failed:
                ctx.error(cur.locs.get("extends", cur.loc), f"audiences.{chain[-1]}.extends",
                          f"unknown audience {parent!r}{suggest(parent, specs)}")
            return None
        if parent in chain:
            cycle = chain[chain.index(parent):]
            if name == min(cycle):  # report each cycle once, from its first member
                spec = specs[name]
                ctx.error(spec.locs.get("extends", spec.loc), f"audiences.{name}.extends",
                          "cycle in extends: " + " -> ".join(cycle + [parent]))
            return None
        chain.append(parent)
        cur = specs[parent]
    return chain


def _check_sections(ctx: Context, name: str, spec: AudienceSpec) -> None:
    """Record a section listed twice in ``sections`` and a title for a section that does not exist."""
    if spec.sections is not None:
        dupes = sorted({s for s in spec.sections if spec.sections.count(s) > 1})
        for d in dupes:
            ctx.error(spec.locs.get("sections", spec.loc), f"audiences.{name}.sections",
                      f"expected each section once, got {d!r} {spec.sections.count(d)} times")
    for key in spec.section_titles:
        if key not in SECTIONS:
            ctx.error(spec.locs.get("section_titles", spec.loc), f"audiences.{name}.section_titles.{key}",
                      f"unknown section{suggest(key, SECTIONS)}; sections are: {', '.join(SECTIONS)}")


def _check_ranking(ctx: Context, name: str, spec: AudienceSpec) -> None:
    """Record a ranking of a kind that cannot be ranked, or by a field that is not one of its numbers."""
    for kind, weights in spec.ranking.items():
        if kind not in RANKABLE:
            ctx.error(spec.locs.get("ranking", spec.loc), f"audiences.{name}.ranking.{kind}",
                      f"unknown kind{suggest(kind, RANKABLE)}; kinds are: {', '.join(RANKABLE)}")
            continue
        for f in weights:
            if f not in RANKABLE[kind]:
                allowed = ", ".join(RANKABLE[kind]) or "none"
                ctx.error(spec.locs.get("ranking", spec.loc), f"audiences.{name}.ranking.{kind}.{f}",
                          f"expected a numeric field of {kind} ({allowed}), got {f!r}")


def _profile(chain: list[str], specs: dict[str, AudienceSpec]) -> AudienceProfile:
    """The profile of ``chain[0]``: each setting from the nearest profile of its chain that sets it, else the
    default; section titles and ranking weights merged down the chain."""
    name, spec = chain[0], specs[chain[0]]
    chain_specs = [specs[n] for n in chain]

    def pick(field: str, default: Any) -> Any:
        for s in chain_specs:
            v = getattr(s, field)
            if v is not None:
                return v
        return default

    titles = dict(DEFAULT_SECTION_TITLES)
    ranking: dict[str, Any] = {}
    for s in reversed(chain_specs):
        titles.update(s.section_titles)
        ranking.update(s.ranking)
    return AudienceProfile(
        name=name, label=spec.label, description=spec.description or "", chain=tuple(chain),
        threshold=pick("threshold", 2), default_emphasis=pick("default_emphasis", 2),
        sections=tuple(pick("sections", SECTIONS)), section_titles=FrozenMap(titles),
        ranking=FrozenMap(ranking), max_main=pick("max_main", 6), recommend=pick("recommend", 3),
        charts=tuple(pick("charts", CHARTS)), pushback_from=tuple(pick("pushback_from", ())),
        delivery=pick("delivery", ""), loc=spec.loc, file_label=spec.file_label or "",
        releasable_to=tuple(pick("releasable_to", ())),
        quote_sources=tuple(pick("quote_sources", ())))


def _warn(ctx: Context, lib: dict[str, list], audiences: dict[str, AudienceProfile], paths: dict[int, str]) -> None:
    for kind in KINDS:
        for item in lib[kind]:
            base = paths.get(id(item), kind)
            for i, p in enumerate(item.points):
                if not p.source:
                    ctx.warn(p.loc, f"{base}.points[{i}].source", "fact has no source")
            for name, prof in audiences.items():
                if not any(a in item.framing for a in prof.chain):
                    ctx.warn(item.loc, f"{base}.framing",
                             f"no framing for audience {name!r} (falls back to the summary)")


def load_library(path: str | os.PathLike, markings: MarkingScheme = US_SCHEME,
                 formats: Iterable[str] | None = None) -> LoadResult:
    """Load and validate the content library at ``path``, its markings against the scheme ``markings`` and the
    formats its briefing names against ``formats`` (the writers' list; None: not judged); raise ContentError
    listing every problem."""
    root = Path(path)
    if not root.is_dir():
        found = "a file" if root.exists() else "nothing (no such folder; `briefgen init DIR` makes a starter project)"
        raise ContentError([Problem(Loc(display_path(root)), "", f"expected a content folder, got {found}")])
    ld = _Loader(root)
    briefing = ld.load_briefing()
    lists = {"sources": ld.load_list("sources", Source), "events": ld.load_list("events", Event)}
    for kind in KINDS:
        lists[kind] = ld.load_list(kind, ITEM_CLASSES[kind])
    specs = ld.load_audiences()
    ctx = ld.ctx
    vocabulary = ld.load_vocabulary()
    if vocabulary is not None:  # an unusable vocabulary is reported; the words items use cannot be judged
        check_terms(ctx, *vocabulary)
    known_audiences = set(specs) | {p.stem for p in _audience_files(root / "audiences")}
    audiences = _resolve_audiences(ctx, specs, frozenset(known_audiences - set(specs)))
    _check_unique_ids(ctx, [(k, lists[k]) for k in LIST_FILES], ld.paths)
    _check_refs(ctx, lists, known_audiences, ld.paths, ld.incomplete, ld.declared, ld.unchecked_refs)
    if "sources" not in ld.incomplete:
        _check_quote_sources(ctx, specs, {s.id for s in lists["sources"]} | ld.declared.get("sources", set()))
    if briefing is not None:
        complete = not (ld.incomplete & set(KINDS)) and not any(ld.declared.get(k) for k in KINDS)
        check_briefing(ctx, briefing, lists, known_audiences, "briefing", complete, formats)
        check_markings(ctx, markings, briefing, lists, ld.paths)
    check_releasable_to(ctx, markings, specs)
    if not any(lists[k] for k in KINDS) and not any(p.severity == "error" for p in ctx.problems):
        ctx.error(Loc(display_path(root)), "", "empty library: expected at least one threat, capability, "
                                               "option or risk, got none")
    _warn(ctx, lists, audiences, ld.paths)
    sources = None if "sources" in ld.incomplete else {s.id for s in lists["sources"]} | ld.declared.get("sources", set())
    images = _check_images(ctx, root, lists, ld.paths, sources)
    errors = [p for p in ctx.problems if p.severity == "error"]
    warnings = tuple(p for p in ctx.problems if p.severity == "warning")
    if errors:
        raise ContentError(errors + list(warnings))
    _link_both_ways(lists)
    lib = Library(root=str(root), briefing=briefing, audiences=FrozenMap(audiences),  # type: ignore[arg-type]
                  files=tuple(ld.files), images=FrozenMap(images), vocabulary=vocabulary[0],  # type: ignore[index]
                  markings=markings,
                  **{k: tuple(v) for k, v in lists.items()})
    return LoadResult(lib, warnings)


def _check_images(ctx: Context, root: Path, lib: dict[str, list], paths: dict[int, str],
                  sources: set[str] | None = None) -> dict:
    """Verify every item's image file; record a problem for each one refused, and for a picture source that is
    none of ``sources`` (not checked when None: a sources file could not be read)."""
    from briefgen.load.images import CheckedImage, check_image

    checked: dict[str, Any] = {}
    for kind in KINDS:
        for item in lib[kind]:
            img = item.image
            if img is None:
                continue
            field = f"{paths.get(id(item), kind)}.image.path"
            if img.path not in checked:
                checked[img.path] = check_image(root, img.path, img.locs.get("path", img.loc), field)
            result = checked[img.path]
            if not isinstance(result, CheckedImage):
                ctx.problems.append(Problem(img.locs.get("path", img.loc), field, result.message))
            if img.source is not None and sources is not None and img.source not in sources:
                ctx.error(img.locs.get("source", img.loc), f"{paths.get(id(item), kind)}.image.source",
                          f"unknown source id {img.source!r}{suggest(img.source, sorted(sources))}")
    return {k: v for k, v in checked.items() if isinstance(v, CheckedImage)}


def _link_both_ways(lists: dict[str, list]) -> None:
    """Complete each "mitigates" link on its other side, in place: an option's ``mitigates: [r]`` puts the option
    in risk r's ``mitigations``, a risk's ``mitigations: [o]`` puts the risk in option o's ``mitigates`` (after
    the ids written there, in library order).  A link is written once, on either side, and read both ways."""
    risks = {r.id: list(r.mitigations) for r in lists["risks"]}
    options = {o.id: list(o.mitigates) for o in lists["options"]}
    for o in lists["options"]:
        for rid in o.mitigates:
            if rid in risks and o.id not in risks[rid]:
                risks[rid].append(o.id)
    for r in lists["risks"]:
        for oid in r.mitigations:
            if oid in options and r.id not in options[oid]:
                options[oid].append(r.id)
    lists["risks"] = [replace(r, mitigations=tuple(risks[r.id])) for r in lists["risks"]]
    lists["options"] = [replace(o, mitigates=tuple(options[o.id])) for o in lists["options"]]
