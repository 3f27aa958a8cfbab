"""Chart colours as plain hex arithmetic, shared by the matplotlib pictures and the native deck charts.

Mixing, contrast (which ink reads on a fill) and the risk heat map's fixed
band shades live here once; nothing here imports matplotlib.
"""
from __future__ import annotations

from briefgen.render.colors import mix  # noqa: F401  (the one colour mix, offered with the other colour helpers)

# (lowest likelihood x impact of the band, pale shade): green, yellow-green, amber, orange, red.
HEAT_BANDS = ((16, "#f3aaa2"), (12, "#f8caa0"), (8, "#fce5a2"), (4, "#e4efbb"), (1, "#cfe8cb"))


def cell_colour(likelihood: int, impact: int) -> str:
    """The pale band colour of a heat map cell: green at (1, 1), through amber, to red at (5, 5)."""
    score = likelihood * impact
    return next(colour for low, colour in HEAT_BANDS if score >= low)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG) of a hex colour, to pick dark or light text on it."""
    def chan(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (chan(int(colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ink_on(fill: str, dark: str, light: str = "#ffffff") -> str:
    """Whichever of ``dark`` and ``light`` reads better on ``fill``."""
    lf = luminance(fill)
    contrast_dark = (lf + 0.05) / (luminance(dark) + 0.05)
    contrast_light = (luminance(light) + 0.05) / (lf + 0.05)
    return dark if contrast_dark >= contrast_light else light
