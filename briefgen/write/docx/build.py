"""Build the DOCX memo's body by walking the markdown-it token stream of the memo.

Headings become Word headings (``#`` Title, ``##`` Heading 1, ``###``
Heading 2), lists become List Bullet / List Number paragraphs (each numbered
list restarting at 1), the table a real Word table with a repeating header
row, a paragraph holding only an image a picture (with alt text) and a
Caption, footnote references real footnotes (:mod:`.docx_notes`) and links
real hyperlinks.  Nothing here parses Markdown by hand.
"""
from __future__ import annotations

import io
from typing import Callable

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docx.shared import Emu, Inches, Pt, RGBColor
from docx.text.paragraph import Paragraph

from briefgen.errors import Problem
from briefgen.render.deck.fit import WIDTH_SAFETY, measurer_for
from briefgen.write.docx.elements import body_of, inline_xml, paragraph_xml, row_xml, run_xml, table_xml
from briefgen.write.docx.notes import Footnotes
from briefgen.write.docx.styles import Styles

_HEADING_STYLES = {1: "Title", 2: "Heading 1", 3: "Heading 2"}
MAX_FIGURE_WIDTH = Inches(6.5)


class _Fmt:
    """Inline formatting state while walking inline tokens."""

    def __init__(self) -> None:
        self.bold = 0
        self.italic = 0
        self.code = 0
        self.link = None  # the w:hyperlink element runs go into


class DocxBuilder:
    """Appends the memo's blocks to a (cleared) reference document."""

    def __init__(self, doc: Document, styles: Styles, images: dict, widths: dict | None = None):
        self.doc = doc
        self.styles = styles
        self.images = images  # src -> image bytes: our charts and load-time-verified item pictures only
        self.widths = widths or {}  # src -> inches the image is shown at
        self.notes = Footnotes(doc, styles)
        self.note_text: dict[str, list] = {}
        self.warnings: list[Problem] = []
        self.lists: list[dict] = []  # open lists: {"ordered": bool, "num_id": int | None, "first": bool}
        self.heading = ""  # the text of the last heading: what a warning about a table names it by

    # -- blocks -------------------------------------------------------------------------------------------
    def build(self, tokens: list) -> None:
        """Append every block of ``tokens`` to the document body."""
        self._collect_notes(tokens)
        i = 0
        while i < len(tokens):
            t = tokens[i]
            if t.type == "heading_open":
                level = int(t.tag[1:])
                p = self._paragraph(_HEADING_STYLES.get(level, "Heading 2"))
                self.inline(p, tokens[i + 1].children or [])
                self.heading = _plain(tokens[i + 1].children or [])
                i += 3
            elif t.type == "paragraph_open":
                self.paragraph(tokens[i + 1])
                i += 3
            elif t.type in ("bullet_list_open", "ordered_list_open"):
                ordered = t.type == "ordered_list_open"
                start = int(t.attrGet("start") or 1)
                self.lists.append({"ordered": ordered, "num_id": self._new_numbering(start) if ordered else None})
                i += 1
            elif t.type in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
                i += 1
            elif t.type == "list_item_open":
                self.lists[-1]["first"] = True
                i += 1
            elif t.type == "table_open":
                end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
                self.table(tokens[i:end + 1])
                i = end + 1
            elif t.type == "hr":
                self.rule()
                i += 1
            elif t.type == "footnote_block_open":
                i = next(j for j in range(i, len(tokens)) if tokens[j].type == "footnote_block_close") + 1
            elif t.type in ("fence", "code_block"):
                p = self._paragraph("Normal")
                self._run(p, t.content.rstrip("\n"), _Fmt(), code=True)
                i += 1
            else:
                i += 1
        self.notes.finish()
        self.warnings.extend(self.styles.warnings)

    def _collect_notes(self, tokens: list) -> None:
        label = None
        for t in tokens:
            if t.type == "footnote_open":
                label = str(t.meta.get("label", t.meta["id"] + 1))
                self.note_text[label] = []
            elif t.type == "footnote_close":
                label = None
            elif t.type == "inline" and label is not None:
                if self.note_text[label]:
                    self.note_text[label].append(None)  # paragraph break inside a note: a space
                self.note_text[label].extend(t.children or [])

    def paragraph(self, inline) -> None:
        """One Markdown paragraph: a figure, a list item's paragraph or a plain paragraph."""
        children = inline.children or []
        if len(children) == 1 and children[0].type == "image" and children[0].attrGet("src") in self.images:
            self.figure(children[0])
            return
        if self.lists:
            current = self.lists[-1]
            depth = len(self.lists)
            if current.get("first", True):
                base = "List Number" if current["ordered"] else "List Bullet"
                style = base if depth == 1 else f"{base} 2"
                p = self._paragraph(style)
                if current["ordered"] and current["num_id"] is not None:
                    self._set_num(p, current["num_id"], depth - 1)
                current["first"] = False
            else:
                p = self._paragraph("List Continue")
        else:
            p = self._paragraph("Normal")
        self.inline(p, children)

    def figure(self, image) -> None:
        """A chart or an item's picture: a centred picture with alt text, then its caption."""
        src = image.attrGet("src")
        alt = "".join(c.content for c in image.children or [] if c.type in ("text", "code_inline"))
        caption = image.attrGet("title") or ""
        p = self._paragraph("Normal")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        section = self.doc.sections[-1]
        avail = section.page_width - section.left_margin - section.right_margin
        wanted = Inches(self.widths[src]) if src in self.widths else MAX_FIGURE_WIDTH
        width = Emu(min(int(avail), int(wanted)))
        shape = p.add_run().add_picture(io.BytesIO(self.images[src]), width=width)
        doc_pr = inline_xml(shape).docPr
        doc_pr.set("descr", alt)
        doc_pr.set("title", caption or alt[:60])
        if caption:
            cap = self._paragraph("Caption")
            cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self._run(cap, caption, _Fmt())

    def table(self, tokens: list) -> None:
        """A Markdown table as a Word table: header row repeated on each page, widths by content; stacked
        (:meth:`stacked`) when its longest words do not fit the page even at TABLE_FLOOR_PT."""
        rows, header_rows = _table_rows(tokens)
        ncols = max(len(r) for r in rows)
        before = [el for el in self.doc.element.body if el.tag != qn("w:sectPr")]
        if before and before[-1].tag == qn("w:p"):  # the line introducing the table stays with it
            Paragraph(before[-1], body_of(self.doc)).paragraph_format.keep_with_next = True
        section = self.doc.sections[-1]
        avail = int(section.page_width - section.left_margin - section.right_margin)
        family, size = self.styles.text_font("Memo Table")
        meter, _ = measurer_for(family)
        layout = table_layout(rows, ncols, avail, header_rows,
                              lambda text, bold, pt: meter.width(text, pt, bold) / WIDTH_SAFETY * 12700, size)
        if layout is None:
            self.stacked(rows, header_rows)
        else:
            self.word_table(rows, ncols, header_rows, *layout)
        # a little air after the table
        self._paragraph("Normal").paragraph_format.space_after = Pt(0)

    def word_table(self, rows: list[list], ncols: int, header_rows: int, measured: list[int],
                   shrunk: float | None) -> None:
        """The rows as a Word table with columns ``measured`` wide (EMU), its type at ``shrunk`` points (None:
        the style's), header rows repeated on each page and kept with the first row, no row split by a page."""
        table = self.doc.add_table(rows=len(rows), cols=ncols)
        table.style = self.styles.name("Memo Table")
        table.autofit = False
        widths = [Emu(w) for w in measured]
        for r, cells in enumerate(rows):
            row = table.rows[r]
            if r < header_rows:
                trpr = row_xml(row).get_or_add_trPr()
                hdr = OxmlElement("w:tblHeader")
                trpr.append(hdr)
                for cell in row.cells:  # never a header alone at the foot of a page
                    cell.paragraphs[0].paragraph_format.keep_with_next = True
            cant = OxmlElement("w:cantSplit")
            row_xml(row).get_or_add_trPr().insert(0, cant)
            row_cells = row.cells  # python-docx works the row's cells out afresh on each access
            for c in range(ncols):
                cell = row_cells[c]
                cell.width = widths[c]
                if c < len(cells):
                    self.inline(cell.paragraphs[0], cells[c])
                    if shrunk is not None:
                        for run in cell.paragraphs[0].runs:
                            run.font.size = Pt(shrunk)
        grid = table_xml(table).tblGrid
        for col, w in zip(grid.findall(qn("w:gridCol")), widths):
            col.set(qn("w:w"), str(int(w.twips)))

    def stacked(self, rows: list[list], header_rows: int) -> None:
        """A table too wide for the page as one block per body row: its first cell the lead line (formatted as in
        the table), then each other cell on a line of its own, indented, after its column's heading in italics
        ("Cost: High (4)"); each block kept on one page.  One warning names the table (by the heading it stands under)."""
        head = [_plain(cell) for cell in rows[header_rows - 1]] if header_rows else []
        for cells in rows[header_rows:]:
            lead = self._paragraph("Normal")
            self.inline(lead, cells[0] if cells else [])  # bold where the table had it (recommended options)
            lead.paragraph_format.space_before = Pt(6)
            lead.paragraph_format.space_after = Pt(0)
            lines = []
            for c, cell in enumerate(cells[1:], start=1):
                line = self._paragraph("Normal")
                line.paragraph_format.left_indent = STACK_INDENT
                line.paragraph_format.space_after = Pt(0)
                if c < len(head) and head[c]:
                    self._run(line, f"{head[c]}: ", _Fmt()).italic = True
                self.inline(line, cell)
                lines.append(line)
            for p in [lead] + lines[:-1]:  # a row's block is never split by a page
                p.paragraph_format.keep_with_next = True
        self.warnings.append(Problem(None, "table", f"the table under {self.heading!r} is stacked, each row a block of "
                                     f"lines: its longest words do not fit the page's width even in "
                                     f"{TABLE_FLOOR_PT:g} pt type; a reference document with narrower margins or "
                                     f"smaller table type would keep it a table", severity="warning"))

    def rule(self) -> None:
        """A horizontal rule: an empty paragraph with a bottom border."""
        p = self._paragraph("Normal")
        ppr = paragraph_xml(p).get_or_add_pPr()
        bdr = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for k, v in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", "1F3864")):
            bottom.set(qn(f"w:{k}"), v)
        bdr.append(bottom)
        ppr.insert_element_before(bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                                  "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                                  "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                                  "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                                  "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
                                  "w:rPr", "w:sectPr", "w:pPrChange")
        p.paragraph_format.space_after = Pt(6)

    # -- inline -------------------------------------------------------------------------------------------
    def inline(self, p: Paragraph, children: list, part=None) -> None:
        """Append inline tokens (text, emphasis, links, breaks, footnote references) to paragraph ``p``."""
        part = part or self.doc.part
        fmt = _Fmt()
        previous = None
        for c in children:
            if c is not None and c.type == "footnote_ref" and previous == "footnote_ref":
                self.notes.separator(p)
            previous = c.type if c is not None else None
            if c is None or c.type == "softbreak":
                self._run(p, " ", fmt)
            elif c.type == "text":
                if c.content:
                    self._run(p, c.content, fmt)
            elif c.type == "strong_open":
                fmt.bold += 1
            elif c.type == "strong_close":
                fmt.bold -= 1
            elif c.type == "em_open":
                fmt.italic += 1
            elif c.type == "em_close":
                fmt.italic -= 1
            elif c.type == "code_inline":
                self._run(p, c.content, fmt, code=True)
            elif c.type == "hardbreak":
                self._run(p, "", fmt).add_break()
            elif c.type == "link_open":
                href = c.attrGet("href") or ""
                rid = part.relate_to(href, RT.HYPERLINK, is_external=True)
                link = OxmlElement("w:hyperlink")
                link.set(qn("r:id"), rid)
                paragraph_xml(p).append(link)
                fmt.link = link
            elif c.type == "link_close":
                fmt.link = None
            elif c.type == "image":  # an image the writer did not supply: never fetched, described
                alt = "".join(x.content for x in c.children or [] if x.type == "text")
                self._run(p, f"[image: {alt}]", fmt)
            elif c.type == "footnote_ref":
                label = str(c.meta.get("label", c.meta["id"] + 1))
                self.notes.cite(p, label, lambda note, lab=label: self.inline(note, self.note_text.get(lab, []),
                                                                                  self.notes.part))

    def _paragraph(self, style: str) -> Paragraph:
        """A new body paragraph in ``style`` (or its fallback), as ``doc.add_paragraph(style=...)`` makes it but
        with the style id looked up once (python-docx scans every style of the document per paragraph)."""
        p = self.doc.add_paragraph()
        paragraph_xml(p).style = self.styles.paragraph_style_id(style)
        return p

    def _run(self, p: Paragraph, text: str, fmt: _Fmt, code: bool = False):
        run = p.add_run(text)
        if fmt.bold:
            run.bold = True
        if fmt.italic:
            run.italic = True
        if code or fmt.code:
            run.font.name = "Consolas"
        if fmt.link is not None:
            run.font.underline = True
            run.font.color.rgb = RGBColor(0x1F, 0x38, 0x64)
            fmt.link.append(run_xml(run))
        return run

    # -- numbering ----------------------------------------------------------------------------------------
    def _new_numbering(self, start: int) -> int | None:
        """A new numbering instance of the List Number style's list, restarting at ``start``."""
        name = self.styles.name("List Number")
        style = self.doc.styles[name]
        ppr = style.element.pPr
        if ppr is None or ppr.numPr is None or ppr.numPr.numId is None:
            return None
        numbering = self.doc.part.numbering_part.element
        try:
            num = numbering.num_having_numId(ppr.numPr.numId.val)
        except KeyError:
            return None
        new = numbering.add_num(num.abstractNumId.val)
        new.add_lvlOverride(ilvl=0).add_startOverride(start)
        return new.numId

    @staticmethod
    def _set_num(p: Paragraph, num_id: int, level: int) -> None:
        numpr = paragraph_xml(p).get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_ilvl().val = level
        numpr.get_or_add_numId().val = num_id


def _table_rows(tokens: list) -> tuple[list[list], int]:
    """The table's rows (each a list of cells' inline tokens) and how many of them are header rows."""
    rows: list[list] = []
    header_rows = 0
    in_head = False
    for t in tokens:
        if t.type == "thead_open":
            in_head = True
        elif t.type == "thead_close":
            in_head = False
        elif t.type == "tr_open":
            rows.append([])
            header_rows += in_head
        elif t.type == "inline":
            rows[-1].append(t.children or [])
    return rows, header_rows


def _plain(children: list) -> str:
    return "".join(c.content for c in children if c is not None and c.type in ("text", "code_inline"))


_PAD = Inches(0.2)  # cell margins
TABLE_FLOOR_PT = 8.0  # a table's type shrinks this far, when its longest words do not fit the page, before one breaks
STACK_INDENT = Inches(0.25)  # a stacked table's lines under their row's lead
WidthOf = Callable[[str, bool, float], float]  # (text, bold, size in points) -> width in EMU


def column_widths(rows: list[list], ncols: int, avail: int, header_rows: int, width_of: WidthOf,
                  size: float) -> list[int] | None:
    """Column widths (EMU) summing to ``avail`` for text measured by ``width_of`` at ``size`` points: short
    columns get all the width their longest cell wants, the long ones share the rest in proportion, none
    narrower than its longest word (header words bold; header cells may wrap, so only their words count).
    None when the longest words alone are wider than ``avail``."""
    least, want = [], []
    for c in range(ncols):
        words = [(w, r < header_rows) for r, row in enumerate(rows) if c < len(row) for w in _plain(row[c]).split()]
        body = [_plain(r[c]) for r in rows[header_rows:] if c < len(r)] or [_plain(r[c]) for r in rows if c < len(r)]
        least.append(max((width_of(w, bold, size) for w, bold in words), default=0.0) + _PAD)
        longest = max(body, key=len, default="")[:80]
        want.append(max(width_of(longest, False, size) + _PAD, least[-1]))
    if sum(least) > avail:
        return None
    widths: dict[int, float] = {}
    open_cols = set(range(ncols))
    remaining = float(avail)
    while open_cols:
        share = remaining / len(open_cols)
        small = [c for c in open_cols if want[c] <= share]
        if not small:
            break
        for c in small:
            widths[c] = want[c]
            remaining -= want[c]
            open_cols.discard(c)
    if open_cols:  # the long columns share what is left beyond their longest words, in proportion to their wants
        spare = remaining - sum(least[c] for c in open_cols)
        total_want = sum(want[c] - least[c] for c in open_cols) or 1.0
        for c in open_cols:
            widths[c] = least[c] + spare * (want[c] - least[c]) / total_want
    else:  # everything fits: spread the spare width evenly
        for c in widths:
            widths[c] += remaining / ncols
    scale = avail / sum(widths.values())
    return [int(widths[c] * scale) for c in range(ncols)]


def table_layout(rows: list[list], ncols: int, avail: int, header_rows: int, width_of: WidthOf,
                 size: float) -> tuple[list[int], float | None] | None:
    """Column widths and the table's type size: ``size`` (None) when its longest words fit the page, else the
    largest size down to TABLE_FLOOR_PT at which they do; None when they do not fit even there (the table is
    stacked: no word is ever broken inside)."""
    steps = [size] + [s / 2 for s in range(int(size * 2) - 1, int(TABLE_FLOOR_PT * 2) - 1, -1)]
    for step in steps:
        widths = column_widths(rows, ncols, avail, header_rows, width_of, step)
        if widths is not None:
            return widths, (None if step == size else step)
    return None
