"""Reading order by position: rows top to bottom, left to right within a row."""
from __future__ import annotations

from briefgen.write.pptx.appearance import Rect, reading_sequence, reads_before


def test_rows_then_columns() -> None:
    caption = Rect(0, 500, 400, 50)  # below both columns
    right = Rect(500, 90, 400, 300)  # a little higher than the left column, beside it
    left = Rect(0, 100, 400, 300)
    assert reading_sequence([caption, right, left]) == [2, 1, 0]


def test_one_shape_wholly_above_another_comes_first() -> None:
    assert reads_before(Rect(600, 0, 100, 50), Rect(0, 60, 100, 50))
    assert not reads_before(Rect(0, 60, 100, 50), Rect(600, 0, 100, 50))


def test_ties_keep_their_order() -> None:
    same = Rect(0, 0, 10, 10)
    assert reading_sequence([same, same, same]) == [0, 1, 2]
