"""Dates as the timeline shows them: positions on a year axis and short display strings.

Content dates are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the shorter forms for
approximate dates); the timeline places a partial date in the middle of its
month or year and prefixes approximate ones with "c.".
"""
from __future__ import annotations

import calendar
import datetime

from briefgen.errors import BuildError

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse(date: str) -> tuple[int, int | None, int | None]:
    """Split a content date into (year, month or None, day or None); BuildError if it is not one."""
    parts = date.split("-") if isinstance(date, str) else []
    try:
        nums = [int(p) for p in parts]
        if not 1 <= len(nums) <= 3 or len(parts[0]) != 4:
            raise ValueError
        datetime.date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
    except ValueError:
        raise BuildError(f"chart timeline: expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {date!r}") from None
    return nums[0], (nums[1] if len(nums) > 1 else None), (nums[2] if len(nums) > 2 else None)


def decimal_year(date: str) -> float:
    """The date as a fractional year; a month or year alone means its middle."""
    year, month, day = parse(date)
    days_in_year = 366 if calendar.isleap(year) else 365
    if month is None:
        return year + 0.5
    start = datetime.date(year, month, 1).timetuple().tm_yday - 1
    if day is None:
        return year + (start + calendar.monthrange(year, month)[1] / 2) / days_in_year
    return year + (start + day - 0.5) / days_in_year


def display(date: str, approximate: bool = False) -> str:
    """A short label: "Aug 2023", "2017"; "c. " in front when approximate."""
    year, month, _ = parse(date)
    text = f"{_MONTHS[month - 1]} {year}" if month else str(year)
    return ("c. " if approximate else "") + text
