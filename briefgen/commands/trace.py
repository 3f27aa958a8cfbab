"""``briefgen trace DECK [--slide N]``: every claim on a slide traced to the content field and source behind it.

The deck's shapes carry their origins (:mod:`briefgen.write.pptx.origins`); the output folder's
``manifest.json`` keeps what briefgen wrote in each shape, paragraph by paragraph, and the content field each
paragraph shows.  Each paragraph of the deck as it is now (edited by hand, or saved by LibreOffice) is paired
with that record, and its field is located in the content files for the deck's audience.  A claim is listed
with the item id, the field, file:line:col, its source (number in the deck, title, date) and the verbatim
quote when the content gives one; text a person changed is marked, with what briefgen wrote; shapes and
paragraphs with no origin (added by hand) are listed as such.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.commands.build import load_manifest
from briefgen.commands.plan import build_view
from briefgen.errors import Loc, OriginError, Problem, display_path
from briefgen.load.fields import FieldRef, Located, Locator, parse_field
from briefgen.load.library import load_library
from briefgen.project import Project, load_project
from briefgen.tailor.view import BriefView
from briefgen.write.pptx.origins import NOT_CLAIMS, ShapeText, SlideShapes, match_paragraphs, read_deck, recover_placeholders

COMPOSED_ROLES = ("chart", "table", "picture")  # drawn from the brief's data, not one field's text


@dataclass(frozen=True)
class Claim:
    """One paragraph of a generated shape and where it comes from."""

    role: str
    paragraph: int  # from 1
    text: str
    ref: FieldRef | None  # None: text briefgen composed (a heading, a rating line)
    located: Located | None
    source: str | None  # "[2] Title (2024-05-01)"
    quote: str | None
    written: str | None  # what briefgen wrote there, when a person changed it

    def lines(self) -> list[str]:
        """The claim as printed: one line, then its quote and edit on lines of their own."""
        where = f"  {self.role} ¶{self.paragraph}: "
        if self.ref is None:
            head = where + "composed by briefgen" + (f" from the item at {self.located.loc}" if self.located else "")
        else:
            head = where + describe(self.ref, self.located, self.source)
        out = [head]
        if self.quote:
            out.append(f'      quote: "{self.quote}"')
        if self.written is not None:
            out.append(f'      edited by hand; briefgen wrote: "{self.written}"')
        return out


def describe(ref: FieldRef, located: Located | None, source: str | None) -> str:
    """A claim's field, the audience entry it reads, file:line:col and source, as printed."""
    if located is None:
        return f"{ref} (not in the content any more)"
    which = f" ({located.audience})" if located.audience else ""
    if located.instead:
        which = f" (no framing for this audience: the item's {located.instead})"
    return f"{ref}{which} at {located.loc}" + (f"; source {source}" if source else "")


def source_text(source: object) -> str:
    """A source as a claim names it: ``[number in the output] title (date)``."""
    return f"[{source.num}] {source.title} ({source.date})"


@dataclass
class SlideTrace:
    """The claims on one slide, and what on it has no origin."""

    number: int
    key: str | None
    title: str
    recorded: bool  # False: a slide briefgen made that the last build's record does not have
    claims: list = field(default_factory=list)
    unowned: list = field(default_factory=list)  # (shape name, text) added by hand
    composed: list = field(default_factory=list)  # (role, shape name) charts, tables, pictures

    def lines(self) -> list[str]:
        """The slide's heading line, its claims, then what has no origin."""
        if self.key is None:
            where = " (added by hand: no origin)"
        else:
            where = f" [{self.key}]" + ("" if self.recorded else " (not in the last build: no record of its text)")
        out = [f'slide {self.number} "{self.title}"{where}']
        composed: dict[tuple, list[int]] = {}  # paragraphs briefgen composed, one line per shape
        for c in self.claims:
            if c.ref is None and c.written is None:
                composed.setdefault((c.role, str(c.located.loc) if c.located else None), []).append(c.paragraph)
                continue
            out.extend(c.lines())
        for (role, loc), numbers in composed.items():
            which = ", ".join(f"¶{n}" for n in numbers)
            out.append(f"  {role} {which}: composed by briefgen" + (f" from the item at {loc}" if loc else ""))
        for role, name in self.composed:
            out.append(f"  {role}: {name}, drawn from the brief's data (each item's slide traces its facts)")
        for name, text in self.unowned:
            out.append(f'  no origin: "{name}"' + (f': "{text}"' if text else ""))
        return out


@dataclass
class Trace:
    """A deck's trace: its audience, the slides traced, and generated slides no longer in the deck."""

    deck: Path
    audience: str
    slides: list
    deleted: list  # keys of recorded slides the deck no longer has

    def lines(self) -> list[str]:
        """Everything, as printed."""
        out = [f"{display_path(self.deck)} ({self.audience})"]
        for s in self.slides:
            out.extend(s.lines())
        if self.deleted:
            out.append("deleted by hand: " + ", ".join(self.deleted))
        return out


def trace_deck(deck: str | Path, slide: int | None = None, path: str | Path = ".") -> Trace:
    """Trace ``deck`` (every slide, or only slide number ``slide``) against the project at ``path``.
    OriginError when the deck is not one this project built, or ``slide`` is not in it."""
    deck = Path(deck)
    project = load_project(path)
    slides = read_deck(deck)
    audience, record = deck_record(project, deck)
    if slide is not None and not 1 <= slide <= len(slides):
        raise OriginError([Problem(None, "--slide", f"expected 1 to {len(slides)} (the deck's slides), got {slide}")])
    library = load_library(project.content_dir).library
    view = build_view(library, audience)
    recorded = {s["key"]: s for s in record["slides"]}
    chosen = [s for s in slides if slide is None or s.number == slide]
    locator = Locator(library)
    traced = [_trace_slide(s, recorded.get(s.key), locator, view, audience) for s in chosen]
    present = {s.key for s in slides}
    deleted = [k for k in recorded if k not in present] if slide is None else []
    return Trace(deck, audience, traced, deleted)


def deck_record(project: Project, deck: Path, fmt: str = "pptx") -> tuple[str, dict]:
    """(audience, what briefgen wrote in it) for ``deck`` (a memo when ``fmt`` is a memo's), from the project's
    manifest: the entry of its path in the output folder, else of the project's output of that format for the
    audience in its document properties (a copy kept elsewhere).  OriginError when there is none."""
    outputs = load_manifest(project.output_dir).get("outputs", {})
    try:
        entry = outputs.get(deck.resolve().relative_to(project.output_dir.resolve()).as_posix())
    except ValueError:
        entry = None
    if entry is None:
        audience = _deck_audience(deck)
        same = [e for e in outputs.values() if e.get("audience") == audience and e.get("format") == fmt]
        entry = same[0] if len(same) == 1 else None
    if entry is None or "shapes" not in entry or (fmt != "pptx") != ("memo" in entry["shapes"]):
        what = "a memo" if fmt != "pptx" else "a deck"
        raise OriginError([Problem(Loc(display_path(deck)), "", f"expected {what} this project built, got one "
                                                             f"{display_path(project.output_dir / 'manifest.json')} "
                                                             "has no record of; build it (briefgen build) first")])
    return entry["audience"], entry["shapes"]


def _deck_audience(deck: Path) -> str | None:
    """The ``briefgen:audience`` document property of a deck (None when it has none or cannot be read)."""
    from briefgen.write.ooxml.properties import AUDIENCE_PROPERTY
    from lxml import etree

    try:
        with zipfile.ZipFile(deck) as z:
            root = etree.fromstring(z.read("docProps/custom.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    for prop in root:
        if prop.get("name") == AUDIENCE_PROPERTY:
            return "".join(prop.itertext()).strip()  # a tool may have indented the XML
    return None


def _trace_slide(slide: SlideShapes, recorded: dict | None, locator: Locator, view: BriefView,
                 audience: str) -> SlideTrace:
    recover_placeholders(slide, recorded)
    title_shape = slide.shape("title") or next((s for s in slide.shapes if s.placeholder == "title"), None)
    title = title_shape.paras[0] if title_shape is not None and title_shape.paras else ""
    out = SlideTrace(slide.number, slide.key, title, recorded is not None)
    shapes = {r["role"]: r for r in recorded["shapes"]} if recorded is not None else {}
    for s in slide.shapes:
        if s.role in NOT_CLAIMS:
            continue
        if s.origin is None or recorded is None:
            out.unowned.append((s.name, " / ".join(p for p in s.paras if p)))
        elif s.role.split("-")[0] in COMPOSED_ROLES or s.role not in shapes:
            out.composed.append((s.role, s.name))
        else:
            _trace_shape(out, s, shapes[s.role], recorded.get("item"), locator, view, audience)
    return out


def _trace_shape(out: SlideTrace, shape: ShapeText, recorded: dict, item: str | None, locator: Locator,
                 view: BriefView, audience: str) -> None:
    """The claims of one generated text shape; paragraphs added by hand go to ``out.unowned``."""
    sources = {s.id: s for s in view.sources}
    pairs = match_paragraphs(recorded, shape.paras)
    for n, (text, (fld, written)) in enumerate(zip(shape.paras, pairs), start=1):
        if written is None:
            if text:
                out.unowned.append((f"{shape.name} ¶{n}", text))
            continue
        ref = parse_field(fld)
        located = locator.locate(ref, audience) if ref is not None else \
            (locator.locate(FieldRef(item, "title"), audience) if item else None)
        source = quote = None
        if ref is not None and ref.name == "points" and located is not None:
            point = locator.library.item(ref.item).points[ref.index]
            quote = point.quote
            if point.source in sources:
                source = source_text(sources[point.source])
        out.claims.append(Claim(shape.role, n, text, ref, located, source, quote, written if written != text else None))

