"""Tests of briefgen/render/colors.py: colour mixing on #rrggbb strings."""
from __future__ import annotations

import pytest

from briefgen.render.colors import mix


@pytest.mark.parametrize("a, b", [("#1f3a5f", "#ffffff"), ("#000000", "#e07b00")])
def test_the_ends_of_a_mix_are_its_two_colours(a: str, b: str) -> None:
    assert mix(a, b, 0.0) == a
    assert mix(a, b, 1.0) == b


def test_halfway_from_black_to_white_is_middle_grey() -> None:
    assert mix("#000000", "#ffffff", 0.5) == "#808080"


def test_each_channel_moves_on_its_own() -> None:
    # 0x9a + (0xff - 0x9a) * 0.45 = 199.45, 0xa5 + 90 * 0.45 = 205.5, 0xb1 + 78 * 0.45 = 212.1
    assert mix("#9aa5b1", "#ffffff", 0.45) == "#c7ced4"


def test_mixing_towards_a_darker_colour_lowers_the_channels() -> None:
    assert mix("#ffffff", "#000000", 0.25) == "#bfbfbf"  # 255 - 63.75 = 191.25
