"""``briefgen pull DECK [--apply]``: a person's text edits in a deck, written back into the content library.

Each paragraph of a generated shape is paired with what briefgen wrote there (the manifest's record, see
:mod:`briefgen.write.pptx.origins`); a changed paragraph whose record names a content field maps back to it:
a slide title to the item's ``title``, the "so what" line to the item's ``framing`` for the deck's audience
(the entry the audience reads: its own, or the one of the profile it extends), a fact to that point's
``text`` (the same in every variant), the BLUF, recommendation and decisions to ``briefing.yaml`` for the
audience.  The new text is checked as content is (length, characters), and the YAML files are rewritten
scalar by scalar (:mod:`briefgen.load.yamledit`): a unified diff is printed, and files are written only with
``--apply``.  Edits that map to no field (a shape or slide added by hand, a heading or rating line briefgen
composes, a table cell, a chart, speaker notes, a paragraph added or deleted) are listed with their slide,
never guessed.
"""
from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.atomic import atomic_write_bytes
from briefgen.commands.trace import deck_record
from briefgen.errors import ContentError, Loc, Problem, display_path
from briefgen.load.fields import FieldRef, Located, Locator, parse_field
from briefgen.load.library import load_library
from briefgen.load.model import Briefing, Item, Point
from briefgen.load.schema import Context, Text
from briefgen.load.yamledit import YamlEditError, replace_scalars
from briefgen.load.yamlsource import YScalar, strip_unsafe
from briefgen.project import load_project
from briefgen.render.deck.model import CONT
from briefgen.write.pptx.origins import (
    SlideShapes,
    deleted_paragraphs,
    match_paragraphs,
    read_deck,
    recover_placeholders,
)

COMPOSED = ("chart", "table", "picture")
# What pagination adds to a continuation slide's title (CONT with its numbers), at the end of a text.
_CONT_TAIL = re.compile(re.escape(CONT).replace(re.escape("{n}"), r"\d+").replace(re.escape("{total}"), r"\d+") + "$")


def _checker(cls: type, name: str) -> Text:
    """The checker the content model declares for field ``name`` of ``cls``."""
    return next(f.metadata["check"] for f in dataclasses.fields(cls) if f.name == name)


# What each field a deck edit can go to must hold, as the content model declares it (per-audience texts: any text;
# decisions: the checker of one entry of briefing.yaml's lists).
_LIMITS = {"title": _checker(Item, "title"), "points": _checker(Point, "text"),
           "decisions": _checker(Briefing, "decisions").value.item}


@dataclass(frozen=True)
class Edit:
    """A changed paragraph that maps to a content field."""

    slide: int
    role: str
    ref: FieldRef
    text: str  # the new value, without the source numbers and "(cont.)" briefgen adds


@dataclass
class PullResult:
    """What a pull found and did: the mapped edits, what it could not map, the diff, the files written."""

    deck: Path
    audience: str
    edits: list = field(default_factory=list)  # (Edit, Located)
    unmapped: list = field(default_factory=list)  # one line each, with the slide number
    notes: list = field(default_factory=list)
    diff: str = ""
    written: list = field(default_factory=list)  # Path

    def lines(self, applied: bool) -> list[str]:
        """What ``briefgen pull`` prints."""
        out = [f"{display_path(self.deck)} ({self.audience}): {len(self.edits)} edit(s) map to the content"]
        for edit, located in self.edits:
            which = f" ({located.audience})" if located.audience else ""
            out.append(f"  slide {edit.slide} {edit.role}: {edit.ref}{which} at {located.loc}")
        out.extend(f"  note: {n}" for n in self.notes)
        if self.unmapped:
            out.append("not pulled (no content field to write them to):")
            out.extend(f"  {u}" for u in self.unmapped)
        out.extend(self.diff.splitlines())
        if applied:
            out.extend(f"wrote {display_path(p)}" for p in self.written)
        elif self.diff:
            out.append("nothing written: run again with --apply to write these changes")
        return out


def pull_deck(deck: str | Path, apply: bool = False, path: str | Path = ".") -> PullResult:
    """Map the text edits of ``deck`` back to the content of the project at ``path``; write them with ``apply``.
    OriginError for a deck the project did not build; ContentError for edited text content cannot hold."""
    deck = Path(deck)
    project = load_project(path)
    slides = read_deck(deck)
    audience, record = deck_record(project, deck)
    library = load_library(project.content_dir).library
    result = PullResult(deck, audience)
    edits = _collect(slides, {s["key"]: s for s in record["slides"]}, result)
    locator = Locator(library)
    changes: dict[Path, dict] = {}
    for edit in _agreed(edits, result):
        located = locator.locate(edit.ref, audience)
        if located is None or located.instead:
            result.unmapped.append(f"slide {edit.slide} {edit.role}: {edit.ref} shows the item's summary (no "
                                   f"framing for {audience}): add a framing entry to change it"
                                   if located is not None else f"slide {edit.slide}: {edit.ref} is not in the content")
            continue
        if located.node.raw == edit.text:
            continue
        _check_text(edit, located)
        result.edits.append((edit, located))
        result.notes.extend(_consequences(edit, located, audience))
        changes.setdefault(located.file, {})[(located.loc.line, located.loc.col)] = edit.text
    _rewrite(changes, project.root, result, apply)
    return result


def _collect(slides: list[SlideShapes], recorded: dict, result: PullResult) -> list[Edit]:
    """The edits of every slide that map to a field; the rest go to ``result.unmapped``."""
    edits: list[Edit] = []
    present = set()
    for slide in slides:
        base = recorded.get(slide.key or "")
        if base is None or slide.key in present:
            result.unmapped.append(f"slide {slide.number}: a slide you added")
            continue
        present.add(slide.key)
        recover_placeholders(slide, base)
        shapes = {r["role"]: r for r in base["shapes"]}
        for s in slide.shapes:
            if s.role in ("banner-top", "banner-bottom"):
                continue
            if s.origin is None:
                result.unmapped.append(f'slide {slide.number}: a shape you added ("{s.name}")')
            elif s.role in shapes and list(s.paras) != shapes[s.role]["paras"]:
                edits.extend(_shape_edits(slide.number, s.role, s.paras, shapes[s.role], result))
        if base.get("notes") is not None and slide.notes != base["notes"]:
            result.unmapped.append(f"slide {slide.number}: speaker notes (briefgen composes them from the content)")
    deleted = [k for k in recorded if k not in present]
    result.unmapped.extend(f"a slide you deleted ({k}): remove or demote its item in the content to drop it"
                           for k in deleted)
    return edits


def _shape_edits(number: int, role: str, paras: tuple, base: dict, result: PullResult) -> list[Edit]:
    """The mapped edits of one changed shape; its other changes go to ``result.unmapped``."""
    if role.split("-")[0] in COMPOSED:
        result.unmapped.append(f"slide {number} {role}: a {role.split('-')[0]} (composed from the items' fields)")
        return []
    out = []
    for n, (text, (fld, was)) in enumerate(zip(paras, match_paragraphs(base, paras)), start=1):
        if was is None:
            result.unmapped.append(f'slide {number} {role} ¶{n}: a paragraph you added ("{text}")')
        elif text != was:
            ref = parse_field(fld)
            if ref is None:
                result.unmapped.append(f'slide {number} {role} ¶{n}: text briefgen composes ("{text}")')
            else:
                out.append(Edit(number, role, ref, _clean(text, was)))
    for fld, was in deleted_paragraphs(base, paras):
        result.unmapped.append(f'slide {number} {role}: a paragraph you deleted ("{was}")')
    return out


def _clean(text: str, was: str) -> str:
    """The paragraph's text without what briefgen adds to the field's value: a continuation slide's trailing
    "(cont., 2 of 3)" and the source numbers (``[3]``, ``[3, 5]``) when what it wrote ended with them."""
    was_cont, text_cont = _CONT_TAIL.search(was), _CONT_TAIL.search(text)
    if was_cont and text_cont:
        text, was = text[:text_cont.start()], was[:was_cont.start()]
    tail = was[was.rfind(" ["):] if was.endswith("]") and " [" in was else ""
    if tail and tail[2:-1].replace(", ", "").isdigit() and text.endswith(tail.strip()):
        text = text[:-len(tail.strip())]
    return " ".join(text.split())


def _agreed(edits: list[Edit], result: PullResult) -> list[Edit]:
    """One edit per field; a field given two different texts (the BLUF slide and the recommendation slide) is
    not pulled."""
    by_ref: dict[FieldRef, list[Edit]] = {}
    for e in edits:
        by_ref.setdefault(e.ref, []).append(e)
    out = []
    for ref, group in by_ref.items():
        if len({e.text for e in group}) > 1:
            where = " and ".join(f"slide {e.slide}" for e in group)
            result.unmapped.append(f"{where}: different new text for {ref}; make them agree to pull it")
        else:
            out.append(group[0])
    return out


def _check_text(edit: Edit, located: Located) -> None:
    """ContentError unless the new text is content the field can hold (length, characters)."""
    cleaned, removed = strip_unsafe(edit.text)
    problems = []
    if removed:
        problems.append(Problem(located.loc, str(edit.ref), f"slide {edit.slide}: the new text has characters no "
                                                            f"document can hold; remove them"))
    ctx = Context()
    _LIMITS.get(edit.ref.name, Text())(YScalar(located.loc, cleaned, quoted=True), str(edit.ref), ctx)
    problems.extend(Problem(p.loc, p.field, f"slide {edit.slide}: {p.message}") for p in ctx.problems)
    if problems:
        raise ContentError(problems)


def _consequences(edit: Edit, located: Located, audience: str) -> list[str]:
    if edit.ref.name == "points":
        return [f"{edit.ref} is a fact: facts are the same in every variant, so this changes every audience's "
                f"outputs"]
    if located.audience and located.audience != audience:
        return [f"{edit.ref}: {audience} reads the {located.audience} entry (the profile it extends), so this "
                f"changes it for every audience that reads it"]
    return []


def _rewrite(changes: dict, root: Path, result: PullResult, apply: bool) -> None:
    """The new text of each changed file, its diff in ``result.diff``; written when ``apply``."""
    for file, edits in sorted(changes.items()):
        old = file.read_text(encoding="utf-8")
        try:
            new = replace_scalars(old, edits)
        except YamlEditError as exc:
            raise ContentError([Problem(Loc(display_path(file)), "", f"cannot rewrite: {exc}")]) from None
        shown = file.relative_to(root).as_posix() if file.is_relative_to(root) else display_path(file)
        result.diff += "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                    f"a/{shown}", f"b/{shown}"))
        if apply:
            atomic_write_bytes(file, new.encode("utf-8"))
            result.written.append(file)
