"""Colour arithmetic on ``#rrggbb`` strings, shared by the chart drawing and the deck writer's chart theme."""
from __future__ import annotations


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b`` (hex strings ``#rrggbb``; 0 gives ``a``, 1 gives ``b``)."""
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(ca, cb))
