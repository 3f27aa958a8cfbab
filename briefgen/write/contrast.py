"""Colour arithmetic for the contrast rules: WCAG 2 contrast ratios, DrawingML colour transforms, CSS colours.

The thresholds are WCAG 2's (success criterion 1.4.3, level AA), which PowerPoint's and Word's
accessibility checkers and axe-core use too: 4.5:1 for text, 3:1 for large text (18 pt, or 14 pt bold).
"""
from __future__ import annotations

import colorsys
import re

Rgb = tuple[float, float, float]  # each channel 0.0 - 1.0

TEXT_RATIO = 4.5
LARGE_TEXT_RATIO = 3.0
LARGE_TEXT_PT = 18.0
LARGE_BOLD_TEXT_PT = 14.0


def from_hex(value: str) -> Rgb:
    """``"1F3864"`` or ``"#1f3864"`` (or ``"#abc"``) as an Rgb; ValueError when it is not one."""
    value = value.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", value):
        raise ValueError(f"not a hex colour: {value!r}")
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def to_hex(rgb: Rgb) -> str:
    """``rgb`` as ``#RRGGBB``."""
    return "#" + "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in rgb)


def luminance(rgb: Rgb) -> float:
    """WCAG 2 relative luminance."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Rgb, b: Rgb) -> float:
    """WCAG 2 contrast ratio of two colours, 1.0 to 21.0."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def required_ratio(size_pt: float, bold: bool) -> float:
    """The least contrast text of this size and weight needs: 3:1 when large, else 4.5:1."""
    large = size_pt >= LARGE_TEXT_PT or (bold and size_pt >= LARGE_BOLD_TEXT_PT)
    return LARGE_TEXT_RATIO if large else TEXT_RATIO


def blend(top: Rgb, alpha: float, below: Rgb) -> Rgb:
    """``top`` at opacity ``alpha`` (0-1) over ``below``."""
    return tuple(t * alpha + b * (1 - alpha) for t, b in zip(top, below))  # type: ignore[return-value]


# -- DrawingML colour transforms (ECMA-376 20.1.2.3), the ones Office writes -------------------------------
def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def transform(rgb: Rgb, name: str, value: float) -> Rgb:
    """``rgb`` after DrawingML transform ``name`` (lumMod, lumOff, tint, shade, satMod...) with ``value``
    as a fraction (the XML's value / 100000).  Transforms it does not know leave the colour as it is."""
    if name in ("lumMod", "lumOff", "satMod", "satOff", "hueMod", "hueOff"):
        h, lum, s = colorsys.rgb_to_hls(*rgb)
        if name == "lumMod":
            lum *= value
        elif name == "lumOff":
            lum += value
        elif name == "satMod":
            s *= value
        elif name == "satOff":
            s += value
        elif name == "hueMod":
            h = (h * value) % 1.0
        else:
            h = (h + value / 360 / 60000 * 100000) % 1.0
        return colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), min(max(s, 0.0), 1.0))
    if name == "tint":  # towards white, in linear light
        return tuple(_gamma(1 - (1 - _linear(c)) * value) for c in rgb)  # type: ignore[return-value]
    if name == "shade":  # towards black, in linear light
        return tuple(_gamma(_linear(c) * value) for c in rgb)  # type: ignore[return-value]
    if name == "inv":
        return tuple(1 - c for c in rgb)  # type: ignore[return-value]
    if name == "gray":
        y = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
        return (y, y, y)
    return rgb


# -- CSS colours, as briefgen's own stylesheets write them -----------------------------------------------------
_NAMED = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF",
          "gray": "808080", "grey": "808080", "navy": "000080", "maroon": "800000", "silver": "C0C0C0"}


def css_color(value: str) -> tuple[Rgb, float] | None:
    """A CSS colour (hex, ``rgb()``/``rgba()``, a basic name) as (Rgb, alpha); None for anything else
    (``inherit``, ``var(...)``, ``transparent`` is alpha 0)."""
    value = value.strip().lower()
    if value == "transparent":
        return (0.0, 0.0, 0.0), 0.0
    if value in _NAMED:
        return from_hex(_NAMED[value]), 1.0
    if value.startswith("#"):
        try:
            return from_hex(value), 1.0
        except ValueError:
            return None
    m = re.fullmatch(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)", value)
    if m:
        r, g, b = (float(x) / 255 for x in m.groups()[:3])
        return (r, g, b), float(m.group(4)) if m.group(4) is not None else 1.0
    return None
