"""What a usable master will do to a deck, found before any build (``briefgen templates check``).

:func:`survey_master` reads a master that :func:`~briefgen.write.pptx.master.check_master` accepts and
says, as notes and warnings (:class:`~briefgen.errors.Problem`), what a designer would want to know:
its slide shape (4:3 or 16:9), body type too large for its layouts (how many lines a typical fact needs
and how many fit a slide), titles that will have to shrink, a Chart or Table area too small for charts,
and fonts this machine lacks (and which metric-compatible font text is measured with instead).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from briefgen.errors import Loc, Problem, display_path
from briefgen.render.deck.fit import Box, Para, font_stand_in, measurer_for
from briefgen.write.pptx.master import EMU_PER_PT, assign_roles, find_layout

TYPICAL_FACT = ("The adversary has quickly expanded its strike arsenal and grown more aggressive in its "
                "rhetoric and posturing, testing missiles that can reach all three allies [4]")  # 163 characters
TYPICAL_TITLE = "Real-time missile-warning data sharing"  # a title of typical length (38 characters)
MIN_FACTS_PER_SLIDE = 4  # fewer typical facts on a slide: most items continue on "(cont.)" slides
MIN_CHART_PT = (400.0, 220.0)  # a chart area smaller than this draws labels too small to read
WIDE = 16 / 9


def survey_master(prs: Any, path: Path, layouts_map: Mapping[str, str]) -> tuple[list[str], list[Problem]]:
    """Notes (facts worth knowing, one line each) and warnings (what would make a build bad) about the master
    ``prs`` at ``path`` for briefgen's decks."""
    where = Loc(display_path(Path(path)))
    out = [_shape(prs, where)]
    text = find_layout(prs, layouts_map.get("Title and Content", "Title and Content"))
    if text is not None:
        roles = assign_roles(text)
        if "body" in roles:
            out.extend(_body_type(roles["body"].box, where, text.name))
        if "title" in roles:
            out.extend(_title_type(roles["title"].box, where, text.name))
    for name in ("Chart", "Table"):
        layout = find_layout(prs, layouts_map.get(name, name))
        if layout is not None:
            out.extend(_chart_area(assign_roles(layout)[name.lower()].box, where, layout.name, name))
    out.extend(_fonts(prs, where))
    return [str(p) for p in out if p.severity == "note"], [p for p in out if p.severity != "note"]


def _shape(prs: Any, where: Loc) -> Problem:
    w, h = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    ratio = w / h if h else 0.0
    shape = "16:9" if abs(ratio - WIDE) < 0.02 else "4:3" if abs(ratio - 4 / 3) < 0.02 else f"{ratio:.2f}:1"
    extra = "" if shape == "16:9" else ("; briefgen's decks are laid out for 16:9: charts and tables get a narrower "
                                        "box and long items continue sooner")
    return Problem(where, "slide size", f"{w / 72:.4g} x {h / 72:.4g} in ({shape}){extra}", severity="note")


def facts_per_slide(box: Box) -> tuple[int, int]:
    """(lines a typical fact takes, how many typical facts fit) in a body ``box`` at its first level's type."""
    meter, _ = measurer_for(box.font)
    style = box.level(0)
    lines = meter.lines(TYPICAL_FACT, box.inner_width, style)
    count = 0
    while count < 50 and meter.fits([Para(TYPICAL_FACT, style)] * (count + 1), box):
        count += 1
    return lines, count


def _body_type(box: Box, where: Loc, layout: str) -> list[Problem]:
    lines, count = facts_per_slide(box)
    if count >= MIN_FACTS_PER_SLIDE:
        return []
    return [Problem(where, f"layout {layout!r}", f"body text is {box.level(0).size:g} pt: a typical fact "
                                                 f"({len(TYPICAL_FACT)} characters) takes {lines} lines and "
                                                 f"{count} fit the body box (at least {MIN_FACTS_PER_SLIDE} "
                                                 f"should): most items will continue on '(cont.)' slides; "
                                                 f"make the master's body text smaller (18-24 pt)",
                    severity="warning")]


def _title_type(box: Box, where: Loc, layout: str) -> list[Problem]:
    meter, _ = measurer_for(box.font)
    style = box.level(0)
    if meter.fits([Para(TYPICAL_TITLE, style)], box):
        return []
    return [Problem(where, f"layout {layout!r}", f"title text is {style.size:g} pt: a typical title "
                                                 f"({len(TYPICAL_TITLE)} characters) does not fit the title box "
                                                 f"on one line, so titles will shrink and wrap; make the master's "
                                                 f"title text smaller or its title box wider", severity="warning")]


def _chart_area(box: Box, where: Loc, layout: str, role: str) -> list[Problem]:
    if box.width >= MIN_CHART_PT[0] and box.height >= MIN_CHART_PT[1]:
        return []
    return [Problem(where, f"layout {layout!r}", f"the {role.lower()} area is {box.width:.0f} x {box.height:.0f} "
                                                 f"pt, smaller than {MIN_CHART_PT[0]:.0f} x {MIN_CHART_PT[1]:.0f} "
                                                 f"pt: chart labels will be too small to read; give the layout's "
                                                 f"{role.lower()} placeholder more room", severity="warning")]


def _fonts(prs: Any, where: Loc) -> list[Problem]:
    from briefgen.write.pptx.master import theme_fonts

    out = []
    for family in theme_fonts(prs):
        stand_in = font_stand_in(family)
        if stand_in is None:
            continue
        _, problems = measurer_for(family)
        if problems:
            out.append(Problem(where, "font", problems[0].message, severity="warning"))
        else:
            out.append(Problem(where, "font", f"{family!r} is not installed here; text is measured with "
                                              f"{stand_in}, which has the same character widths", severity="note"))
    return out
