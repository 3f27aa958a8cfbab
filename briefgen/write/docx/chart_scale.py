"""How large the memo's charts are shown on a reference document: the page's text width, scaled down when the
reference's type needs more room than the shipped one's, so that the memo keeps its two to three pages where it can.

The shipped reference (Calibri 11 pt on Letter with 1 in margins) shows each chart at the full text width (6.5 in).
Another reference's "type density" is how much of its page a line of body text takes: a sample sentence measured in
its body font and size (the Normal style's, with the measurer of the deck's fitting), times the line's height,
over the page's text area.  A reference whose density is larger than the shipped one's shows its charts smaller in
the same proportion (density 1.25 times the shipped one's: charts at 80 % of the text width), never below
CHART_FLOOR of it, so chart labels drawn at 9 pt stay at least about 7 pt.
"""
from __future__ import annotations

from docx.document import Document

from briefgen.render.deck.fit import measurer_for
from briefgen.write.docx.styles import Styles

CHART_FLOOR = 0.75  # the smallest share of the text width a chart is shown at
SAMPLE = "The quick brown fox jumps over the lazy dog; allies plan, train and act as one."
LINE_HEIGHT = 1.2  # a line's height, in ems of the body type
SHIPPED_DENSITY = 0.01434  # the shipped reference's: Calibri (Carlito's metrics) 11 pt, 6.5 in x 9.4 in of text
EMU_PER_INCH = 914400


def type_density(doc: Document, styles: Styles) -> float:
    """How much of the last section's text area one sample line of the reference's body text takes."""
    family, size = styles.text_font("Normal")
    meter, _ = measurer_for(family)
    section = doc.sections[-1]
    width = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_INCH
    height = (section.page_height - section.top_margin - section.bottom_margin) / EMU_PER_INCH
    if width <= 0 or height <= 0:
        return SHIPPED_DENSITY
    line = meter.width(SAMPLE, size, False) / 72 * (size * LINE_HEIGHT / 72)
    return line / (width * height)


def chart_scale(doc: Document, styles: Styles) -> float:
    """The share of the text width the memo's charts are shown at: 1 on a reference whose type is no denser than
    the shipped one's, else the shipped density over this one's, down to CHART_FLOOR."""
    density = type_density(doc, styles)
    if density <= SHIPPED_DENSITY * 1.01:  # the shipped reference, or one as roomy: full width
        return 1.0
    return max(CHART_FLOOR, round(SHIPPED_DENSITY / density, 3))


def chart_widths(doc: Document, widths: dict[str, float], charts: set[str], scale: float) -> dict[str, float]:
    """``widths`` (src -> inches) with each chart of ``charts`` shown at ``scale`` of the page's text width (or of
    its own width when narrower); pictures as they are."""
    section = doc.sections[-1]
    avail = (section.page_width - section.left_margin - section.right_margin) / EMU_PER_INCH
    return {src: (min(avail, inches) * scale if src in charts else inches) for src, inches in widths.items()}
