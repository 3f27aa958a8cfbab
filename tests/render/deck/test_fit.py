"""Tests of briefgen.render.deck.fit: advance widths and line wrapping with the font text is drawn in."""
from __future__ import annotations

import pytest

from briefgen.render.deck.fit import Box, LevelStyle, Para

LEVELS = (LevelStyle(20.0, margin=21.6, indent=-21.6, space_before=7.0),
          LevelStyle(17.0, margin=49.0, indent=-18.7, space_before=3.0))
BODY = Box(width=874.0, height=344.0, levels=LEVELS)


def test_measurer_uses_carlito_for_calibri(measure):
    assert measure.files[0].name.lower().startswith("carlito")
    assert measure.files[1].name.lower().startswith("carlito-bold")


def test_text_with_line_breaks_measures_as_its_widest_line(measure):
    # A title written over lines in YAML keeps its breaks; Pillow's shaping refuses them ("raqm_layout() failed").
    assert measure.width("%}\n\n    <!--", 12) == max(measure.width("%}", 12), measure.width("    <!--", 12)) > 0
    assert measure.width("Short\nA longer line", 10, True) == measure.width("A longer line", 10, True)


def test_width_scales_with_size_and_bold_is_wider(measure):
    w10 = measure.width("Deterrence value", 10)
    assert measure.width("Deterrence value", 20) == pytest.approx(2 * w10)
    assert measure.width("Deterrence value", 10, bold=True) > w10


def test_wrap_keeps_every_line_within_the_width(measure):
    text = "North Korea has made great strides in military capability over the past five years " * 3
    lines = measure.wrap(text, 300, 20)
    assert len(lines) > 3
    assert all(measure.width(line, 20) <= 300 for line in lines)
    assert " ".join(lines).split() == text.split()


def test_wrap_splits_a_word_longer_than_the_line(measure):
    lines = measure.wrap("x" * 200, 100, 20)
    assert len(lines) > 1 and "".join(lines) == "x" * 200


def test_paragraph_height_is_lines_times_line_height_plus_space_before(measure):
    style = LEVELS[0]
    para = Para("short", style)
    assert measure.para_height(para, BODY) == pytest.approx(20 * 1.2 + 7.0)  # single spacing is 1.2 lines
