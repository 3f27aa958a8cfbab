"""WCAG contrast arithmetic and DrawingML colour transforms, against values worked out by hand."""
from __future__ import annotations

import pytest

from briefgen.write.contrast import contrast_ratio, css_color, from_hex, required_ratio, to_hex, transform


def test_contrast_ratio_extremes_and_a_known_grey() -> None:
    assert contrast_ratio(from_hex("000000"), from_hex("#fff")) == pytest.approx(21.0)
    assert contrast_ratio(from_hex("777777"), from_hex("ffffff")) == pytest.approx(4.48, abs=0.01)  # just fails AA
    assert contrast_ratio(from_hex("767676"), from_hex("ffffff")) == pytest.approx(4.54, abs=0.01)  # just passes


@pytest.mark.parametrize("size, bold, need", [(12, False, 4.5), (18, False, 3.0), (14, True, 3.0), (14, False, 4.5),
                                              (13.5, True, 4.5)])
def test_large_text_needs_less(size: float, bold: bool, need: float) -> None:
    assert required_ratio(size, bold) == need


def test_lum_mod_and_off_as_powerpoint_writes_lighter_80_percent() -> None:
    # "Text 2, lighter 80%": lumMod 20%, lumOff 80% of #1F497D -> #C6D9F1 in PowerPoint's colour picker
    rgb = from_hex("1F497D")
    rgb = transform(transform(rgb, "lumMod", 0.2), "lumOff", 0.8)
    assert to_hex(rgb) in ("#C6D9F1", "#C6D9F0", "#C5D9F1")


def test_css_colours() -> None:
    assert css_color("#1a1a1a") == (from_hex("1a1a1a"), 1.0)
    assert css_color("rgba(0, 0, 0, .5)") == ((0.0, 0.0, 0.0), 0.5)
    assert css_color("white") == ((1.0, 1.0, 1.0), 1.0)
    assert css_color("inherit") is None
