"""``briefgen trace MEMO [--page N]``: every claim in a memo (Word, Markdown, HTML, PDF) traced to the content field
and source behind it.

The manifest keeps, per memo, its blocks (each paragraph, list item, heading, table row) and the content fields
each shows (:func:`briefgen.write.memo_origins.block_record`).  Each block of the memo as it is now (edited by hand,
a Word memo saved by LibreOffice) is read as the writer read it (:data:`MEMO_READERS`) and paired with that record
by its text (:func:`match_blocks`); an edited block keeps the fields of the block it was, and is marked with what
briefgen wrote.  Paragraphs are numbered ``¶N`` from 1 over the blocks that show any text.  ``--page N`` (a Word
memo) lays the memo out with LibreOffice (PDF, then ``pdftotext``) and keeps the blocks that start on page N.  A
PDF memo is made from the Word memo, whose record the manifest keeps for it too: its blocks are the recorded ones
found in its text (``pdftotext``, :func:`pdf_blocks`), each on the page it starts on.
:func:`trace_output` is the command: a deck or a memo, by the file's extension.
"""
from __future__ import annotations

import bisect
import difflib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from briefgen.commands.build import load_manifest
from briefgen.commands.plan import build_view
from briefgen.commands.trace import Trace, deck_record, describe, source_text, trace_deck
from briefgen.errors import Loc, MissingToolError, OriginError, Problem, UsageError, display_path
from briefgen.load.fields import FieldRef, Locator, parse_field
from briefgen.load.library import load_library
from briefgen.office import convert_to_pdf, find_soffice, pdf_page_texts
from briefgen.project import Project, load_project
from briefgen.tailor.view import BriefView
from briefgen.write.docx.origins import read_memo
from briefgen.write.memo_origins import CELL_SEPARATOR, TEXT_MEMOS, read_text_memo

HEAD_CHARS = 70  # of a paragraph's text in its heading line
SIMILAR = 0.6  # how alike (difflib's ratio) an edited paragraph must stay to what briefgen wrote to keep its origin
NEEDLE_CHARS = 30  # of a paragraph's text (spaces left out) looked for in the laid-out pages
# A Markdown or HTML memo kept elsewhere is a copy of the recorded memo of its format it shares the most blocks
# with, unchanged: more than this share of its own.
COPY_SHARE = 0.5
# The memos traced: extension -> the reader of its blocks, as its writer read them for the record.
MEMO_READERS = {".docx": read_memo, **{suffix: read_text_memo for suffix in TEXT_MEMOS}}
# The PDF memo, made from the Word memo: its blocks are the Word memo's recorded blocks found in its text.
PDF = ".pdf"
PAGED = (".docx", PDF)  # the memos traced page by page (--page)
DELETED = "deleted by hand"  # how recorded blocks no longer in a memo are listed
NOT_IN_PDF = "not found in the PDF's text"  # ... in a PDF memo, whose text cannot tell an edit from a deletion


@dataclass
class MemoParagraph:
    """One block of the memo with the claims it makes."""

    number: int
    text: str
    claims: list = field(default_factory=list)  # (FieldRef | None, printed line, quote or None)
    written: str | None = None  # what briefgen wrote there, when a person changed it

    def lines(self) -> list[str]:
        """The paragraph's heading line, then each claim (and its quote), then what briefgen wrote."""
        out = [f'¶{self.number} "{_shorten(self.text)}"']
        for _, line, quote in self.claims:
            out.append("  " + line)
            if quote:
                out.append(f'      quote: "{quote}"')
        if self.written is not None:
            out.append(f'  edited by hand; briefgen wrote: "{self.written}"')
        return out


@dataclass
class MemoTrace:
    """A memo's trace: its audience, the page asked for, its claims and what has none."""

    memo: Path
    audience: str
    page: int | None
    paragraphs: list = field(default_factory=list)  # of MemoParagraph, those with claims
    composed: list = field(default_factory=list)  # numbers of the blocks briefgen composed (headings, header …)
    unowned: list = field(default_factory=list)  # (number, text) of the blocks a person added
    deleted: list = field(default_factory=list)  # (fields, text) of the recorded blocks no longer in the memo
    gone: str = DELETED  # how those are listed

    def lines(self) -> list[str]:
        """Everything, as printed."""
        out = [f"{display_path(self.memo)} ({self.audience})" + (f", page {self.page}" if self.page else "")]
        for p in self.paragraphs:
            out.extend(p.lines())
        if self.composed:
            out.append("composed by briefgen (headings, the memo header, table headings, no content field): "
                       + ", ".join(f"¶{n}" for n in self.composed))
        for number, text in self.unowned:
            out.append(f'no origin: ¶{number} "{_shorten(text)}"')
        for fields, text in self.deleted:
            out.append(f'{self.gone}: "{" ".join(text.split())}"' + (f" ({', '.join(fields)})" if fields else ""))
        return out


def _shorten(text: str) -> str:
    """``text`` on one line, cut after :data:`HEAD_CHARS` characters."""
    one = " ".join(text.split())
    return one if len(one) <= HEAD_CHARS else one[:HEAD_CHARS].rstrip() + "…"


def trace_memo(memo: str | Path, page: int | None = None, path: str | Path = ".") -> MemoTrace:
    """Trace the memo ``memo`` (a Word, Markdown, HTML or PDF memo, by its extension: every paragraph, or those of a
    Word or PDF memo starting on page ``page``) against the project at ``path``.  OriginError when it is not a memo
    this project built or ``page`` is not one of its pages; MissingToolError when ``page`` is asked of a Word memo
    and LibreOffice is not installed, or a PDF memo is traced without pdftotext."""
    memo = Path(memo)
    project = load_project(path)
    if memo.suffix.lower() == PDF:
        audience, record = memo_record(project, memo, [])
        blocks, pages = pdf_blocks(memo, record["paras"], page)
    else:
        blocks = MEMO_READERS[memo.suffix.lower()](memo)
        audience, record = memo_record(project, memo, blocks)
        pages = block_pages(memo, blocks, page) if page is not None else None
    out = MemoTrace(memo, audience, page, gone=NOT_IN_PDF if memo.suffix.lower() == PDF else DELETED)
    _trace_blocks(out, project, record, blocks, pages)
    return out


def _trace_blocks(out: MemoTrace, project: Project, record: dict, blocks: list[str], pages: list[int] | None) -> None:
    """Fill ``out`` with the claims of the memo's ``blocks`` (those on page ``out.page`` of their ``pages``), paired
    with the ``record`` of what briefgen wrote."""
    library = load_library(project.content_dir).library
    view = build_view(library, out.audience)
    locator = Locator(library)
    pairs, unpaired = match_blocks(record["paras"], blocks)
    for n, (text, i) in enumerate(zip(blocks, pairs), start=1):
        if pages is not None and pages[n - 1] != out.page:
            continue
        fields, written = (record["fields"][i], record["paras"][i]) if i is not None else (None, None)
        if written is None:
            out.unowned.append((n, text))
        elif not fields:
            out.composed.append(n)
        else:
            claims = [_claim(parse_field(f), locator, view, out.audience, fields) for f in fields]
            out.paragraphs.append(MemoParagraph(n, text, claims, written if written != text else None))
    if out.page is None:
        out.deleted = [(record["fields"][i], record["paras"][i]) for i in unpaired]


def memo_record(project: Project, memo: Path, blocks: list[str]) -> tuple[str, dict]:
    """(audience, what briefgen wrote in it) for ``memo`` (its ``blocks`` as now), from the project's manifest: the
    entry of its path, else (:func:`briefgen.commands.trace.deck_record`) of the project's Word memo for the
    audience in its document properties, else, for a Markdown or HTML memo kept elsewhere, the recorded memo of
    its format it is a copy of (:func:`copy_of`).  OriginError when there is none."""
    fmt = memo.suffix.lower().lstrip(".")
    try:
        audience, record = deck_record(project, memo, fmt)
    except OriginError:
        text = memo.suffix.lower() in TEXT_MEMOS  # a Word or PDF memo is found by its path or its properties only
        found = copy_of(load_manifest(project.output_dir).get("outputs", {}), fmt, blocks) if text else None
        if found is None:
            raise
        audience, record = found
    return audience, record["memo"]


def copy_of(outputs: dict, fmt: str, blocks: list[str]) -> tuple[str, dict] | None:
    """(audience, record) of the manifest's memo of format ``fmt`` whose recorded blocks the memo's ``blocks``
    share most of unchanged (more than :data:`COPY_SHARE` of them); None when none does."""
    best, found = COPY_SHARE * len(blocks), None
    for entry in outputs.values():
        record = entry.get("shapes", {}).get("memo") if entry.get("format") == fmt else None
        if record is None:
            continue
        matcher = difflib.SequenceMatcher(a=record["paras"], b=blocks, autojunk=False)
        shared = sum(m.size for m in matcher.get_matching_blocks())
        if shared > best:
            best, found = shared, (entry["audience"], entry["shapes"])
    return found


def match_blocks(base: list[str], now: list[str]) -> tuple[list[int | None], list[int]]:
    """For each block ``now``, the index of the recorded block (``base``) it is, or None for one a person added;
    and the recorded blocks no block now is (deleted by hand).  Unchanged blocks pair by their text; among the
    changed ones around them, each recorded block pairs with the most similar later block (at least
    :data:`SIMILAR` alike), so an edited paragraph keeps its origin and one typed beside it has none."""
    pairs: list[int | None] = [None] * len(now)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=base, b=now, autojunk=False).get_opcodes():
        if tag == "equal":
            pairs[j1:j2] = range(i1, i2)
        elif tag == "replace":
            start = j1
            for i in range(i1, i2):
                scored = [(difflib.SequenceMatcher(a=base[i], b=now[j], autojunk=False).ratio(), -j)
                          for j in range(start, j2)]
                ratio, j = max(scored, default=(0.0, 0))
                if ratio >= SIMILAR:
                    pairs[-j] = i
                    start = -j + 1
    taken = {i for i in pairs if i is not None}
    return pairs, [i for i in range(len(base)) if i not in taken]


def _claim(ref: FieldRef | None, locator: Locator, view: BriefView, audience: str, fields: list) -> tuple:
    """(field, the claim's printed line, its quote) for one recorded field of a block (``fields``: all of the
    block's).  The footnotes after an item's text cite all its sources: they go with its framing, else with its
    title (an option's row in the table)."""
    if ref is None:
        return None, "a field this version of briefgen does not know", None
    located = locator.locate(ref, audience)
    source = quote = None
    if located is not None and ref.name == "points":
        point = locator.library.item(ref.item).points[ref.index]
        quote = point.quote
        source = next((source_text(s) for s in view.sources if s.id == point.source), None)
    elif located is not None and (ref.name == "framing" or (ref.name == "title" and f"{ref.item}.framing" not in fields)):
        item = next((i for s in view.sections for i in s.items if i.id == ref.item), None)
        cited = [source_text(s) for s in view.sources if item is not None and s.num in item.refs]
        source = "; ".join(cited) or None
    return ref, describe(ref, located, source), quote


def block_pages(memo: Path, blocks: list[str], page: int) -> list[int]:
    """The page (from 1) each of ``blocks`` starts on, the memo laid out by LibreOffice.  MissingToolError
    without LibreOffice; OriginError when the memo has no page ``page``."""
    if find_soffice() is None:
        raise MissingToolError("--page needs LibreOffice to lay the memo out in pages: install it (e.g. apt-get "
                               "install libreoffice-writer), or trace the whole memo without --page")
    with tempfile.TemporaryDirectory(prefix="briefgen-trace-") as tmp:
        texts = pdf_page_texts(convert_to_pdf(memo, Path(tmp), "briefgen trace --page"), "briefgen trace --page")
    if not 1 <= page <= len(texts):
        raise OriginError([Problem(None, "--page", f"expected 1 to {len(texts)} (the memo's pages), got {page}")])
    return pages_of(blocks, texts)


def pages_of(blocks: list[str], texts: list[str]) -> list[int]:
    """The page (from 1) each block starts on in the pages' ``texts`` (:func:`found_pages`); one not found is put
    on the page of the block before it."""
    out, last = [], 1
    for found in found_pages(blocks, texts):
        last = found or last
        out.append(last)
    return out


def found_pages(blocks: list[str], texts: list[str]) -> list[int | None]:
    """The page (from 1) each block starts on in the pages' ``texts``, None for a block not found: the blocks are
    looked for in order, each by its first characters with spaces left out (line breaks fall anywhere), after the
    block found before it."""
    squeezed = [_squeeze(t) for t in texts]
    starts, flat = [], ""
    for t in squeezed:
        starts.append(len(flat))
        flat += t
    out: list[int | None] = []
    cursor = 0
    for block in blocks:
        needle = _squeeze(block.split(CELL_SEPARATOR)[0])[:NEEDLE_CHARS]
        found = flat.find(needle, cursor) if needle else -1
        if found >= 0:
            cursor = found + len(needle)
        out.append(bisect.bisect_right(starts, found) if found >= 0 else None)
    return out


def pdf_blocks(pdf: Path, paras: list[str], page: int | None) -> tuple[list[str], list[int] | None]:
    """The recorded blocks (``paras``, of the Word memo the PDF was made from) the PDF memo shows, in order, and
    the page each starts on when ``page`` is asked (None otherwise).  MissingToolError without pdftotext;
    OriginError when the PDF has no page ``page``."""
    texts = pdf_page_texts(pdf, "briefgen trace of a PDF memo")
    if page is not None and not 1 <= page <= len(texts):
        raise OriginError([Problem(None, "--page", f"expected 1 to {len(texts)} (the memo's pages), got {page}")])
    found = [(para, n) for para, n in zip(paras, found_pages(paras, texts)) if n is not None]
    return [para for para, _ in found], ([n for _, n in found] if page is not None else None)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def trace_output(output: str | Path, slide: int | None = None, page: int | None = None,
                 path: str | Path = ".") -> Trace | MemoTrace:
    """Trace a deck (``.pptx``, optionally one ``slide``) or a memo (``.docx``, ``.pdf``, optionally one ``page``;
    ``.md``, ``.html``): a :class:`briefgen.commands.trace.Trace` or a :class:`MemoTrace`.  OriginError for any other file;
    UsageError for an option the output traced does not have."""
    output = Path(output)
    suffix = output.suffix.lower()
    if suffix == ".pptx":
        if page is not None:
            raise UsageError([Problem(None, "--page", "a deck has slides, not pages: use --slide N")])
        return trace_deck(output, slide, path)
    if suffix not in MEMO_READERS and suffix != PDF:
        raise OriginError([Problem(Loc(display_path(output)), "", "expected a .pptx deck or a .docx, .md, .html or "
                                                                  f".pdf memo, got a {suffix or 'file with no'} "
                                                                  "extension; trace a deck or memo briefgen built")])
    if slide is not None and suffix in PAGED:
        raise UsageError([Problem(None, "--slide", "a memo has pages, not slides: use --page N")])
    for option, value in (("--slide", slide), ("--page", page)):
        if value is not None and suffix not in PAGED:
            raise UsageError([Problem(None, option, f"{TEXT_MEMOS[suffix][0]} has no {option[2:]}s: trace the whole "
                                                    "memo, or the Word or PDF memo with --page N")])
    return trace_memo(output, page, path)
