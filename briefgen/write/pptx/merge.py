"""Three-way merge of a rebuilt deck with the deck a person edited.

base: what briefgen last wrote, as the manifest recorded it (per slide key, per shape role: the paragraphs);
theirs: the deck on disk before the rebuild (the person's); ours: the deck just built from the content.
The merged deck is ours, with:

- every generated shape whose text the person did not change: ours (regenerated from the new content);
- every generated shape whose text the person changed: theirs (their text and formatting); when the content
  behind it changed too, ours' text goes into the slide's speaker notes under :data:`CONFLICT_MARKER` and the
  conflict is reported;
- a generated shape the person deleted stays deleted;
- shapes the person added (no origin) kept on their slide; slides the person added kept after the generated
  slide they followed; the person's order of the generated slides kept, new generated slides after the one
  they follow in ours;
- slides the person deleted stay deleted (reported);
- speaker notes the person changed kept (ours below the marker when they changed too).

A generated shape whose text the person did not change but which they moved, resized or restyled (its look
differs from the one recorded: :mod:`briefgen.write.pptx.looks`) keeps their work:

- the content behind it did not change: the person's shape as it is;
- it did: ours (the new text) in the person's place, size, fill and outline; a paragraph the person restyled
  keeps their paragraph when its text did not change, and takes the new text into their formatting when all its
  runs look the same (typeface included); a paragraph whose own formatting alone they changed (alignment,
  indent, spacing, bullet) is ours with their paragraph properties; a restyled paragraph of several looks (a word
  in bold) whose text changed cannot take the new text faithfully: the person's shape is kept as for a text
  edit, the new text goes to the notes under :data:`CONFLICT_MARKER`, and the conflict is reported.  A table
  whose cells they restyled takes the new cell texts into their cells when it has the same rows and columns
  (:func:`_recell`), else it is a conflict likewise.  A group (a drawn chart) keeps the person's position, not
  their size.

Typefaces, paragraph formatting and table cells are compared only when the manifest's record has them (one an
earlier briefgen wrote does not): such a deck merges as it did then.

Pictures, charts and links on transplanted shapes bring their parts along (a copied part keeps its relationship
ids, which its XML names); a link to another of the person's slides points at that slide in the merged deck, or
goes when the merged deck no longer has it (:func:`_relink`).
"""
from __future__ import annotations

import copy
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.write.pptx.elements import relate_under, shape_tree, slide_id_list, xml_of
from briefgen.write.pptx.looks import LookContext, same_geometry, same_format, same_tokens, shape_look, uniform
from briefgen.write.pptx.origins import (
    SlideShapes, paragraph_text, parse_origin, read_slide, recover_placeholders)

CONFLICT_MARKER = "=== briefgen: the content changed after you edited this slide; the new generated text: ==="
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_SLIDE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PLACING = ("spPr", "grpSpPr", "xfrm")  # the child of a shape that places it (and paints it)


@dataclass
class MergeReport:
    """What a merge kept of the person's deck and where the content changed under an edit."""

    kept: list = field(default_factory=list)  # (slide key, role) of each edited shape kept
    conflicts: list = field(default_factory=list)  # (slide key, slide title, role, item id or slide key)
    looks: list = field(default_factory=list)  # (slide key, role) of each moved, resized or restyled shape kept
    restyled: list = field(default_factory=list)  # conflicts (as ``conflicts``) of restyled shapes
    numbers: dict = field(default_factory=dict)  # slide key -> its number in the merged deck
    deleted: list = field(default_factory=list)  # slide keys the person deleted
    added_slides: int = 0
    added_shapes: int = 0

    @property
    def changed(self) -> bool:
        """Whether the merged deck differs from ours."""
        return bool(self.kept or self.deleted or self.added_slides or self.added_shapes or self.looks or
                    self.restyled)

    def lines(self) -> list[str]:
        """One line per conflict, then one summing up what was kept."""
        out = [f'conflict: slide {self.numbers.get(key, "?")} "{title}": the {role} of {what} changed in the content '
               f"after you edited it; your text kept, the new text is in the slide's notes"
               for key, title, role, what in self.conflicts]
        out.extend(f'conflict: slide {self.numbers.get(key, "?")} "{title}": the {role} of {what} changed in the '
                   "content after you restyled it; your shape kept as it was, the new text is in the slide's notes"
                   for key, title, role, what in self.restyled)
        parts = []
        if self.kept:
            parts.append(f"{len(self.kept)} edited shape(s)")
        if self.looks:
            parts.append(f"{len(self.looks)} moved, resized or restyled shape(s)")
        if self.added_shapes:
            parts.append(f"{self.added_shapes} added shape(s)")
        if self.added_slides:
            parts.append(f"{self.added_slides} added slide(s)")
        if parts:
            out.append("kept your " + ", ".join(parts))
        if self.deleted:
            out.append("kept deleted: " + ", ".join(self.deleted) + " (briefgen build --force brings them back)")
        return out


def merge_deck(ours: Path, theirs: bytes, base: dict) -> tuple[Any, MergeReport]:
    """Merge ``theirs`` (the bytes of the person's deck) into the deck at ``ours`` against ``base`` (the
    manifest's record of what briefgen last wrote); returns (the merged python-pptx presentation, the report).
    The presentation is ours unchanged when the person had changed nothing."""
    from pptx import Presentation

    prs, their_prs = Presentation(str(ours)), Presentation(io.BytesIO(theirs))
    recorded = {s["key"]: s for s in base.get("slides", [])}
    mine = [(s, read_slide(xml_of(s), n, _notes(s))) for n, s in enumerate(prs.slides, 1)]
    yours = [(s, read_slide(xml_of(s), n, _notes(s))) for n, s in enumerate(their_prs.slides, 1)]
    for _, read in yours:
        recover_placeholders(read, recorded.get(read.key or ""))
    seen: set = set()
    for _, read in yours:  # a duplicated slide (same key twice) is the person's: only the first is generated
        if read.key in seen:
            read.key = None
        seen.add(read.key)
    their_keys = {r.key: (s, r) for s, r in yours if r.key in recorded}
    report = MergeReport()
    for pslide, read in mine:
        if read.key in their_keys:
            tslide, tread = their_keys[read.key]
            _merge_slide(pslide, read, tslide, tread, recorded[read.key], report)
    _arrange(prs, mine, yours, recorded, report)
    return prs, report


def _notes(pslide: Any) -> str:
    return pslide.notes_slide.notes_text_frame.text if pslide.has_notes_slide else ""


def _title(read: SlideShapes) -> str:
    shape = read.shape("title")
    return shape.paras[0] if shape is not None and shape.paras else read.key or ""


def _merge_slide(pslide: Any, read: SlideShapes, tslide: Any, tread: SlideShapes, base: dict,
                 report: MergeReport) -> None:
    """One generated slide present in both decks: shapes and notes merged into ``pslide``."""
    conflicts: list[tuple[str, tuple]] = []
    contexts = (LookContext(tslide), LookContext(pslide))
    for recorded in base["shapes"]:
        role = recorded["role"]
        theirs, ours = tread.shape(role), read.shape(role)
        if theirs is None:  # deleted by hand
            if ours is not None:
                ours.element.getparent().remove(ours.element)
            continue
        same_text = list(theirs.paras) == recorded["paras"]
        if same_text or (ours is not None and theirs.paras == ours.paras):
            # the text is untouched, or the content now says what the person wrote (briefgen pull): ours stands,
            # unless the person moved, resized or restyled the shape
            done = _merge_look(theirs, ours, recorded if same_text else None, contexts, tslide, pslide) \
                if ours is not None else "untouched"
            if done in ("kept", "placed"):
                report.looks.append((read.key, role))
            if done != "conflict":
                continue
        _transplant(theirs.element, tslide, pslide, replacing=ours.element if ours is not None else None)
        if same_text:  # restyled, and the new text cannot take the person's formatting
            conflicts.append((role, ours.paras))
            report.restyled.append((read.key, _title(tread), role, base.get("item") or base["key"]))
            continue
        report.kept.append((read.key, role))
        if ours is not None and list(ours.paras) != recorded["paras"]:
            conflicts.append((role, ours.paras))
            report.conflicts.append((read.key, _title(tread), role, base.get("item") or base["key"]))
    for shape in tread.shapes:
        if shape.origin is None:
            _transplant(shape.element, tslide, pslide)
            report.added_shapes += 1
    _merge_notes(pslide, read.notes, tread.notes, base.get("notes"), conflicts)


def _merge_look(theirs: Any, ours: Any, recorded: dict | None, contexts: tuple, tslide: Any, pslide: Any) -> str:
    """A generated shape whose text the person left as briefgen wrote it (``recorded``: the manifest's record of
    it), or as the content now says it (``recorded`` None): keep where they moved it and how they styled it.
    Returns ``untouched`` (ours stands), ``kept`` (the person's shape, the content behind it unchanged),
    ``placed`` (ours in the person's place and formatting) or ``conflict`` (the new text cannot take the person's
    formatting faithfully: the caller keeps their shape).  Typefaces, paragraph formatting and table cells are
    compared when the record has them (a manifest of an earlier briefgen does not)."""
    now = shape_look(theirs.element, contexts[0])
    base = shape_look(ours.element, contexts[1]) if recorded is None else recorded.get("look")
    if base is None:  # recorded by a briefgen that did not record looks
        return "untouched"
    moved = not same_geometry(now["geometry"], base["geometry"])
    painted = now["paint"] != base["paint"]
    restyled = _changed(now, base, "paras", str.__eq__) | _changed(now, base, "faces", list.__eq__)
    formatted = _changed(now, base, "formats", same_tokens) - restyled
    celled = "cells" in base and not same_format(now["cells"], base["cells"])
    if not (moved or painted or restyled or formatted or celled):
        return "untouched"
    if theirs.paras == ours.paras:
        _transplant(theirs.element, tslide, pslide, replacing=ours.element)
        return "kept"
    new = copy.deepcopy(ours.element)
    if (restyled or formatted) and not _restyle(new, theirs, ours, (restyled, formatted), contexts[0],
                                                "faces" in base):
        return "conflict"
    if celled and not _recell(new, theirs, ours, (now["cells"], base["cells"]), contexts[0]):
        return "conflict"
    if moved or painted:
        _place(new, ours.element, theirs.element, now["geometry"], base["geometry"])
    ours.element.addnext(new)
    ours.element.getparent().remove(ours.element)
    return "placed"


def _changed(now: dict, base: dict, key: str, same: Any) -> set:
    """The paragraphs whose ``key`` of the look (``paras``, ``faces``, ``formats``) differs from the base's by
    ``same``; none when the base does not record ``key``."""
    if key not in base:
        return set()
    was = base[key]
    return {i for i, value in enumerate(now[key]) if i >= len(was) or not same(value, was[i])}


def _restyle(new: Any, theirs: Any, ours: Any, changed: tuple, context: LookContext, faces: bool = True) -> bool:
    """Give the paragraphs of ``new`` (a copy of ours) the person restyled their formatting.  ``changed``: (the
    paragraphs whose runs look different (their formatting or typeface), those whose paragraph formatting alone
    differs).  A restyled paragraph: theirs when its text is the new text, else the new text in their runs when
    those all look the same (``faces``: the typeface counts); a reformatted one: ours, with their paragraph
    properties (alignment, indent, spacing, bullet).  False when a restyled paragraph cannot take the new text
    faithfully (nothing to do then: ``new`` is dropped)."""
    if len(ours.paras) != len(theirs.paras):
        return False
    restyled, formatted = changed
    mine = new.findall(f"{{{_P}}}txBody/{{{_A}}}p")
    yours = theirs.element.findall(f"{{{_P}}}txBody/{{{_A}}}p")
    for i in sorted(set(restyled) | set(formatted)):
        if i in restyled:
            p = copy.deepcopy(yours[i])
            if ours.paras[i] != theirs.paras[i]:
                if not uniform(yours[i], theirs.element, context, faces):
                    return False
                _retext(p, ours.paras[i])
        else:
            p = copy.deepcopy(mine[i])
            _give_properties(p, yours[i])
        mine[i].addnext(p)
        mine[i].getparent().remove(mine[i])
    return True


def _retext(p: Any, text: str) -> None:
    """Put ``text`` in the first run of paragraph ``p`` (its runs all look the same) and drop the others."""
    runs = p.findall(f"{{{_A}}}r")
    runs[0].find(f"{{{_A}}}t").text = text
    for extra in runs[1:]:
        p.remove(extra)


def _give_properties(p: Any, theirs: Any) -> None:
    """Paragraph ``p`` takes the paragraph properties (``a:pPr``) of ``theirs``: theirs, or none when it has none."""
    for ppr in p.findall(f"{{{_A}}}pPr"):
        p.remove(ppr)
    ppr = theirs.find(f"{{{_A}}}pPr")
    if ppr is not None:
        p.insert(0, copy.deepcopy(ppr))


def _grid(tbl: Any) -> list:
    """How many cells each row of a table has."""
    return [len(tr.findall(f"{{{_A}}}tc")) for tr in tbl.findall(f"{{{_A}}}tr")]


def _recell(new: Any, theirs: Any, ours: Any, looks: tuple, context: LookContext) -> bool:
    """The new cell texts of ``new`` (a copy of ours, a table) in the person's formatted cells: a cell whose text
    did not change, theirs; one whose text changed, their cell (fill, borders, margins, anchor) with our
    paragraphs, or, when they restyled its text, with the new text in their runs when those all look the same.
    ``looks``: (their cells' looks, the recorded ones).  False when that cannot be done faithfully: the table
    has other rows or columns, or a restyled cell's new text cannot take their formatting."""
    mine, yours = new.find(f".//{{{_A}}}tbl"), theirs.element.find(f".//{{{_A}}}tbl")
    now, was = looks
    if _grid(mine) != _grid(yours) or len(was) != len(now):
        return False
    cells = list(zip(list(mine.iter(f"{{{_A}}}tc")), yours.iter(f"{{{_A}}}tc")))
    for k, (cell, their_cell) in enumerate(cells):
        done = copy.deepcopy(their_cell)
        if ours.paras[k] != theirs.paras[k]:
            body = done.find(f"{{{_A}}}txBody")
            new_paras = [paragraph_text(p) for p in cell.iter(f"{{{_A}}}p")]
            if same_tokens(now[k].split("\t")[1], was[k].split("\t")[1]):
                for p in body.findall(f"{{{_A}}}p"):
                    body.remove(p)
                body.extend(copy.deepcopy(p) for p in cell.iter(f"{{{_A}}}p"))
            elif not _retext_cell(body, new_paras, theirs.element, context):
                return False
        cell.addnext(done)
        cell.getparent().remove(cell)
    return True


def _retext_cell(body: Any, texts: list, el: Any, context: LookContext) -> bool:
    """The new ``texts`` into the paragraphs of a cell's text ``body`` the person restyled: each paragraph whose
    text changed must be runs that all look the same; False when not, or when the paragraphs differ in number."""
    paras = body.findall(f"{{{_A}}}p")
    if len(paras) != len(texts):
        return False
    for p, text in zip(paras, texts):
        if paragraph_text(p) != text:
            if not uniform(p, el, context):
                return False
            _retext(p, text)
    return True


def _place(new: Any, ours: Any, theirs: Any, where: list | None, was: list | None) -> None:
    """Put ``new`` (a copy of ours, a generated shape) where the person put the shape, with their fill and
    outline: their ``spPr`` (a graphic frame's ``xfrm``); a group is moved by as much as they moved it."""
    if theirs.tag == f"{{{_P}}}grpSp":
        off = new.find(f"{{{_P}}}grpSpPr/{{{_A}}}xfrm/{{{_A}}}off")
        if off is not None and where is not None and was is not None:
            off.set("x", str(int(off.get("x", "0")) + where[0] - was[0]))
            off.set("y", str(int(off.get("y", "0")) + where[1] - was[1]))
        return
    placing = next((c for c in theirs if c.tag.rsplit("}", 1)[-1] in PLACING), None)
    mine = next((c for c in new if c.tag.rsplit("}", 1)[-1] in PLACING), None)
    if placing is not None and mine is not None:
        mine.addnext(copy.deepcopy(placing))
        new.remove(mine)


def _merge_notes(pslide: Any, ours: str, theirs: str, base: str | None, conflicts: list) -> None:
    """The slide's notes: the person's when they changed them; the conflicts' new text under the marker."""
    text = theirs if base is not None and theirs != base else ours
    if conflicts:
        lines = [CONFLICT_MARKER]
        for role, paras in conflicts:
            lines.append(f"[{role}]")
            lines.extend(p for p in paras if p)
        text = (text + "\n" if text else "") + "\n".join(lines)
    elif base is not None and theirs != base and ours != base:
        text = theirs + "\n" + CONFLICT_MARKER + "\n[notes]\n" + ours
    if text != ours:
        pslide.notes_slide.notes_text_frame.text = text


def _transplant(element: Any, source_slide: Any, dest_slide: Any, replacing: Any = None) -> Any:
    """A copy of ``element`` (a shape of ``source_slide``) on ``dest_slide``, in place of ``replacing`` or on top;
    its relationships (pictures, charts, links) copied along, its id made unique on the slide.  In place of a
    generated shape it takes that shape's name (its origin, which LibreOffice drops from placeholders); a shape
    the person added loses any origin its name copied from a generated shape."""
    el = copy.deepcopy(element)
    if replacing is None:
        for cnvpr in el.iter(f"{{{_P}}}cNvPr"):
            parsed = parse_origin(cnvpr.get("name", ""))
            if parsed is not None:
                cnvpr.set("name", parsed[0])
    _copy_relationships(el, source_slide.part, dest_slide.part)
    tree = shape_tree(dest_slide.shapes)
    used = {int(c.get("id", "0")) for c in tree.iter(f"{{{_P}}}cNvPr")}
    if replacing is not None:  # the person's shape takes the generated one's place and name (its origin)
        el[0][0].set("name", replacing[0][0].get("name", ""))
        used.discard(int(replacing[0][0].get("id", "0")))
        replacing.addnext(el)
        replacing.getparent().remove(replacing)
    else:
        tree.append(el)
    for cnvpr in el.iter(f"{{{_P}}}cNvPr"):
        if int(cnvpr.get("id", "0")) in used or not cnvpr.get("id"):
            cnvpr.set("id", str(max(used | {0}) + 1))
        used.add(int(cnvpr.get("id")))
    return el


def _copy_relationships(el: Any, source_part: Any, dest_part: Any) -> None:
    """Point every relationship id in ``el`` at a copy of its target related from ``dest_part``."""
    for node in el.iter():
        for attr, rid in list(node.attrib.items()):
            if not attr.startswith(f"{{{_R}}}"):
                continue
            rel = source_part.rels.get(rid)
            if rel is None:
                continue
            if rel.is_external:
                node.set(attr, dest_part.relate_to(rel.target_ref, rel.reltype, is_external=True))
            elif rel.reltype == _SLIDE:  # a link to another slide of theirs: :func:`_relink` points it at ours
                node.set(attr, dest_part.relate_to(rel.target_part, rel.reltype))
            elif rel.reltype == _IMAGE:
                _, new = dest_part.get_or_add_image_part(io.BytesIO(rel.target_part.blob))
                node.set(attr, new)
            else:
                node.set(attr, dest_part.relate_to(_copy_part(rel.target_part, dest_part.package), rel.reltype))


def _copy_part(part: Any, package: Any, taken: set | None = None) -> Any:
    """A copy of ``part`` (a chart, an embedded workbook …) in ``package``, under a free name (none of ``taken``
    either: the names of the copies made with it, not yet in the package), with copies of the parts it relates to,
    related under the same ids (its XML names them)."""
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    taken = {str(p.partname) for p in package.iter_parts()} if taken is None else taken
    stem, ext = str(part.partname).rsplit(".", 1)
    base = stem.rstrip("0123456789")
    n = 1
    while f"{base}{n}.{ext}" in taken:
        n += 1
    taken.add(f"{base}{n}.{ext}")
    new = Part(PackURI(f"{base}{n}.{ext}"), part.content_type, package, part.blob)
    for rid, rel in part.rels.items():
        target = rel.target_ref if rel.is_external else _copy_part(rel.target_part, package, taken)
        relate_under(new, rid, rel.reltype, target, rel.is_external)
    return new


def _arrange(prs: Any, mine: list, yours: list, recorded: dict, report: MergeReport) -> None:
    """The merged slide order: the person's order of the slides both decks have, their added slides after the
    slide they followed, new generated slides after the one they follow in ours; slides they deleted removed."""
    ids = slide_id_list(prs.slides)
    entry = {read.key: sld for sld, (_, read) in zip(list(ids), mine)}
    ours_keys = [read.key for _, read in mine]
    theirs_keys = {read.key for _, read in yours if read.key is not None}
    order: list[Any] = []
    ours_by_key = {read.key: s.part for s, read in mine}
    merged: dict[Any, Any] = {}  # their slide part -> its slide part in the merged deck
    for tslide, read in yours:
        if read.key is None or read.key not in recorded:  # added by hand (or pasted from another deck)
            order.append(_copy_slide(prs, tslide))
            report.added_slides += 1
            merged[tslide.part] = prs.part.related_part(order[-1].rId)
        elif read.key in entry:
            order.append(entry[read.key])
            merged[tslide.part] = ours_by_key[read.key]
    for n, key in enumerate(ours_keys):
        if key in theirs_keys:
            continue
        if key in recorded:  # deleted by hand
            report.deleted.append(key)
            prs.part.drop_rel(entry[key].rId)
            continue
        before = next((entry[k] for k in reversed(ours_keys[:n]) if entry.get(k) in order), None)
        order.insert(order.index(before) + 1 if before is not None else 0, entry[key])
    for sld in list(ids):
        ids.remove(sld)
    for n, sld in enumerate(order, start=1):
        ids.append(sld)
        report.numbers[next((k for k, e in entry.items() if e is sld), None)] = n
    _relink(prs, merged)


def _relink(prs: Any, merged: dict) -> None:
    """Point each link the person made to another of their slides (copied along with their shapes) at that slide
    in the merged deck (``merged``: their slide part -> ours); a link to a slide the merged deck no longer has
    goes, its text stays."""
    for slide in prs.slides:
        for rid, rel in list(slide.part.rels.items()):
            if rel.is_external or rel.reltype != _SLIDE or rel.target_part.package is prs.part.package:
                continue
            target = merged.get(rel.target_part)
            new = slide.part.relate_to(target, _SLIDE) if target is not None else None
            for node in list(xml_of(slide).iter()):
                for attr, value in list(node.attrib.items()):
                    if attr.startswith(f"{{{_R}}}") and value == rid:
                        if new is None:
                            node.getparent().remove(node)
                        else:
                            node.set(attr, new)
            slide.part.drop_rel(rid)


def _copy_slide(prs: Any, tslide: Any) -> Any:
    """A copy of a slide the person added (shapes and notes) at the end of ``prs``; returns its ``p:sldId``."""
    layouts = {la.name: la for la in prs.slide_layouts}
    layout = layouts.get(tslide.slide_layout.name) or layouts.get("Blank") or prs.slide_layouts[-1]
    new = prs.slides.add_slide(layout)
    tree = shape_tree(new.shapes)
    for el in list(tree.iter_shape_elms()):
        tree.remove(el)
    for el in shape_tree(tslide.shapes).iter_shape_elms():
        _transplant(el, tslide, new)
    if tslide.has_notes_slide and tslide.notes_slide.notes_text_frame.text:
        new.notes_slide.notes_text_frame.text = tslide.notes_slide.notes_text_frame.text
    return slide_id_list(prs.slides)[-1]


def merge_into(target: Path, theirs: bytes, base: dict, epoch: int | None, options: Any) -> list[str]:
    """Merge the person's deck (``theirs``, its bytes before the rebuild) into the deck just written at
    ``target`` and write the result there (atomically, with the deck writer's fixed zip dates) when it differs;
    returns the lines to report (conflicts, what was kept)."""
    from briefgen.atomic import atomic_write
    from briefgen.write.ooxml.zip import write_zip
    from briefgen.write.pptx.package import package_entries
    from briefgen.write.registry import guard_output

    prs, report = merge_deck(target, theirs, base)
    if report.changed:
        guard_output(target, options)
        atomic_write(target, lambda tmp: write_zip(tmp, package_entries(prs), epoch))
    return report.lines()
