"""Where each shape of a deck came from: named when drawn, read back from any deck, recorded for the manifest.

Every shape briefgen draws on a slide is named ``LABEL [KEY/ROLE]``, e.g. ``Title 1 [item:dprk-missiles/title]``:
KEY is the slide's origin, unique in the deck (``item:ID`` for an item's slide, ``bluf``, ``chart:KIND``,
``table:options``, ``divider:SECTION`` …, from the deck template's ``key``; a continuation slide adds
``#2``, ``#3`` …), ROLE the shape's part of the slide (``title``, ``subtitle``, ``kicker``, ``body``,
``right``, ``caption``, ``chart`` (``chart-2`` … for further shapes of a chart), ``picture``,
``picture-2`` (its caption), ``table``, ``banner-top``, ``banner-bottom``).

Why names (tried on decks saved by python-pptx and converted by ``soffice --convert-to pptx``):
PowerPoint keeps shape names, slide names and ``p:custDataLst`` tags; LibreOffice keeps the names of shapes
that are not placeholders, but renames every placeholder ``PlaceHolder N``, drops placeholder indexes, the
slide's name (``p:cSld/@name``) and tag parts.  Names are the one carrier both keep.  The classification
banners (never placeholders) carry the slide's key, so a placeholder that lost its name is still known:
it takes the role of the recorded placeholder of that slide in the same order.  Alt text (``descr``)
stays what it is for.

A paragraph has no name.  The build records, per deck, what each generated shape contained paragraph by
paragraph and which content field each paragraph shows (:func:`slide_record`; kept in the manifest);
:func:`match_paragraphs` pairs the paragraphs of an edited shape with that record.
"""
from __future__ import annotations

import difflib
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from briefgen.errors import Loc, OriginError, Problem, display_path

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
_ORIGIN = re.compile(r"^(?P<label>.*?) ?\[(?P<key>[^\[\]/]+)/(?P<role>[a-z0-9-]+)\]$")
_UNSAFE = re.compile(r"[\[\]/]")
BANNERS = {"Classification Banner Top": "banner-top", "Classification Banner Bottom": "banner-bottom"}
FURNITURE = ("ftr", "sldNum", "dt")  # placeholders copied from the layout: footer, slide number, date
TITLE_PLACEHOLDERS = ("title", "ctrTitle")
NOT_CLAIMS = ("banner-top", "banner-bottom")  # generated shapes that state nothing about the content


@dataclass
class ShapeText:
    """One top-level shape of a slide as read back: its name, origin (when it has one) and paragraphs."""

    name: str
    key: str | None
    role: str | None
    placeholder: str | None  # "title", "other" (any other placeholder) or None (not a placeholder)
    paras: tuple
    element: Any = field(default=None, repr=False, compare=False)

    @property
    def origin(self) -> str | None:
        """``KEY/ROLE``, or None for a shape with no origin (added by a person)."""
        return f"{self.key}/{self.role}" if self.key and self.role else None


@dataclass
class SlideShapes:
    """One slide as read back: its number (from 1), its key (None: a slide a person added) and its shapes."""

    number: int
    key: str | None
    shapes: list
    notes: str = ""
    element: Any = field(default=None, repr=False, compare=False)

    def shape(self, role: str) -> ShapeText | None:
        """The slide's shape of ``role`` (None when it has none)."""
        return next((s for s in self.shapes if s.role == role and s.key == self.key), None)


def slide_keys(slides: Iterable[Any]) -> list[str]:
    """The key of each deck-model slide, unique in the deck: its template ``key`` (``slide-N`` by its place
    when it has none), with ``#2``, ``#3`` … for the slides that continue it."""
    keys, seen = [], Counter()
    for n, slide in enumerate(slides, start=1):
        base = _UNSAFE.sub("-", slide.key) if getattr(slide, "key", None) else f"slide-{n}"
        seen[base] += 1
        keys.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return keys


def origin_name(label: str, key: str, role: str) -> str:
    """The shape name that carries an origin: ``LABEL [KEY/ROLE]``."""
    return f"{label} [{key}/{role}]"


def parse_origin(name: str) -> tuple[str, str, str] | None:
    """(label, key, role) from a shape name made by :func:`origin_name`; None for any other name."""
    m = _ORIGIN.match(name or "")
    return (m.group("label"), m.group("key"), m.group("role")) if m else None


def _cnvpr(el: Any) -> Any:
    """The ``p:cNvPr`` of a top-level shape element (sp, pic, graphicFrame, grpSp, cxnSp)."""
    return el[0][0]


def name_shapes(slide_el: Any, key: str, drawn: dict[str, list]) -> None:
    """Name the shapes drawn on one slide (``drawn``: role -> their XML, from ``draw_slide``) and its
    classification banners with their origin."""
    for role, elements in drawn.items():
        for n, el in enumerate(elements):
            cnvpr = _cnvpr(el)
            cnvpr.set("name", origin_name(cnvpr.get("name", ""), key, role if n == 0 else f"{role}-{n + 1}"))
    for el in _top_shapes(slide_el):
        cnvpr = _cnvpr(el)
        role = BANNERS.get(cnvpr.get("name", ""))
        if role is not None:
            cnvpr.set("name", origin_name(cnvpr.get("name"), key, role))


def _top_shapes(slide_el: Any) -> list:
    tree = slide_el.find(f"{{{_P}}}cSld/{{{_P}}}spTree")
    return [el for el in tree if el.tag.rsplit("}", 1)[-1] in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp")]


def paragraph_text(p: Any) -> str:
    """A paragraph's text as shown: its runs and fields, a line break as ``\\n``."""
    out = []
    for child in p:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("r", "fld"):
            t = child.find(f"{{{_A}}}t")
            out.append(t.text or "" if t is not None else "")
        elif tag == "br":
            out.append("\n")
    return "".join(out)


def shape_paragraphs(el: Any) -> tuple:
    """The paragraphs of a shape: a text shape's, one per paragraph; a table's, one per cell (row by row, a
    cell's paragraphs joined by newlines); none for pictures, charts and groups."""
    tag = el.tag.rsplit("}", 1)[-1]
    if tag == "sp":
        body = el.find(f"{{{_P}}}txBody")
        return tuple(paragraph_text(p) for p in body.findall(f"{{{_A}}}p")) if body is not None else ()
    if tag == "graphicFrame":
        cells = el.iter(f"{{{_A}}}tc")
        return tuple("\n".join(paragraph_text(p) for p in tc.iter(f"{{{_A}}}p")) for tc in cells)
    return ()


def _placeholder(el: Any) -> str | None:
    """"title", "other", "furniture" (footer, slide number, date) or None for a shape that is no placeholder."""
    ph = el.find(f"./*/{{{_P}}}nvPr/{{{_P}}}ph")
    if ph is None:
        return None
    kind = ph.get("type", "obj")
    return "title" if kind in TITLE_PLACEHOLDERS else "furniture" if kind in FURNITURE else "other"


def read_slide(slide_el: Any, number: int, notes: str = "") -> SlideShapes:
    """One slide's shapes with their origins.  The slide's key is the one most of its named shapes give (the
    banners' first); a shape naming another slide's key (pasted from there), or a second shape naming the same
    origin (duplicated), has no origin."""
    raw = []
    for el in _top_shapes(slide_el):
        kind = _placeholder(el)
        if kind == "furniture":
            continue
        parsed = parse_origin(_cnvpr(el).get("name", ""))
        raw.append((el, kind, parsed))
    votes = Counter(p[1] for _, _, p in raw if p)
    banner_keys = [p[1] for _, _, p in raw if p and p[2] in NOT_CLAIMS]
    key = banner_keys[0] if banner_keys else (votes.most_common(1)[0][0] if votes else None)
    shapes, taken = [], set()
    for el, kind, parsed in raw:
        name = _cnvpr(el).get("name", "")
        own = parsed is not None and parsed[1] == key and parsed[2] not in taken
        if own:
            taken.add(parsed[2])
        shapes.append(ShapeText(name, key if own else None, parsed[2] if own else None, kind,
                                shape_paragraphs(el), el))
    return SlideShapes(number, key, shapes, notes, slide_el)


def read_deck(path: Path) -> list[SlideShapes]:
    """Every slide of the deck at ``path`` (any deck: as briefgen wrote it, edited, or saved by LibreOffice),
    in order, with its shapes' origins and its speaker notes.  OriginError when it cannot be read as a deck."""
    from pptx import Presentation

    from briefgen.write.pptx.elements import xml_of

    from pptx.exc import PackageNotFoundError

    try:
        prs = Presentation(str(path))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError):
        raise OriginError([Problem(Loc(display_path(path)), "", "expected a .pptx deck, got a file PowerPoint could "
                                                                "not open either; give a deck briefgen built")]) from None
    out = []
    for n, slide in enumerate(prs.slides, start=1):
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide and \
            slide.notes_slide.notes_text_frame is not None else ""
        out.append(read_slide(xml_of(slide), n, notes))
    return out


def slide_record(slide_el: Any, slide: Any, key: str, notes: str = "", context: Any = None) -> dict:
    """What one drawn slide contains, for the manifest: its key, the item it shows, its speaker notes (as
    python-pptx reads them back) and per generated shape (in the slide's order) its role, whether it is a
    placeholder, its paragraphs and the content field each shows (None: text briefgen composed, such as a
    heading or a rating line); with ``context`` (the slide's :class:`briefgen.write.pptx.looks.LookContext`),
    also what it looks like (``look``: :func:`briefgen.write.pptx.looks.shape_look`)."""
    from briefgen.write.pptx.looks import shape_look

    read = read_slide(slide_el, 0)
    shapes = []
    for s in read.shapes:
        if s.role is None or s.role in NOT_CLAIMS:
            continue
        shapes.append({"role": s.role, "placeholder": s.placeholder, "paras": list(s.paras),
                       "fields": _fields(slide, s.role, len(s.paras))})
        if context is not None:
            shapes[-1]["look"] = shape_look(s.element, context)
    return {"key": key, "item": slide.item, "notes": notes, "shapes": shapes}


def _fields(slide: Any, role: str, count: int) -> list:
    """The content field of each of the ``count`` paragraphs drawn for ``role`` on ``slide``."""
    if role == "title" and slide.item and count == 1:
        return [f"{slide.item}.title"]
    if role in ("body", "right"):
        bullets = getattr(slide, role)
        if len(bullets) == count:
            return [b.origin for b in bullets]
    return [None] * count


def recover_placeholders(slide: SlideShapes, recorded: dict | None) -> None:
    """Give the placeholders of ``slide`` that lost their names (LibreOffice renames them) the roles of the
    recorded placeholders of the same slide, in order: a title placeholder the recorded title, the others the
    recorded ones not yet claimed."""
    if recorded is None or slide.key is None:
        return
    claimed = {s.role for s in slide.shapes if s.key is not None}
    waiting = [r for r in recorded["shapes"] if r.get("placeholder") and r["role"] not in claimed]
    for s in slide.shapes:
        if s.key is not None or s.placeholder is None:
            continue
        match = next((r for r in waiting if (r["placeholder"] == "title") == (s.placeholder == "title")), None)
        if match is not None:
            waiting.remove(match)
            s.key, s.role = slide.key, match["role"]


def match_paragraphs(recorded: dict, paras: tuple) -> list[tuple[str | None, str | None]]:
    """For each paragraph of a shape now, (the content field it shows, the text briefgen wrote there) by
    pairing it with the recorded paragraphs: unchanged ones by their text, changed ones by their place among
    the changes around them; (None, None) for a paragraph a person added."""
    base, fields = recorded["paras"], recorded["fields"]
    out: list[tuple[str | None, str | None]] = [(None, None)] * len(paras)
    ops = difflib.SequenceMatcher(a=base, b=list(paras), autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal" or tag == "replace":
            for k in range(min(i2 - i1, j2 - j1)):
                out[j1 + k] = (fields[i1 + k], base[i1 + k])
    return out


def deleted_paragraphs(recorded: dict, paras: tuple) -> list[tuple[str | None, str]]:
    """(field, text) of each recorded paragraph no paragraph of the shape now pairs with: deleted by hand."""
    ops = difflib.SequenceMatcher(a=recorded["paras"], b=list(paras), autojunk=False).get_opcodes()
    out = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "delete" or (tag == "replace" and i2 - i1 > j2 - j1):
            start = i1 if tag == "delete" else i1 + (j2 - j1)
            out.extend((recorded["fields"][i], recorded["paras"][i]) for i in range(start, i2))
    return out
