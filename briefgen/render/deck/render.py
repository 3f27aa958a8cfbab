"""Render the deck template (``pptx/deck.yaml.j2``) for a BriefView into a :class:`Deck`.

The template runs in the sandboxed Jinja2 environment and writes a YAML
document (every string through ``tojson``) describing the slides.  That text
is parsed with the located YAML reader and converted to the deck model; any
problem becomes a :class:`TemplateError` naming the template file and the
template line that produced the offending output line.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from briefgen.errors import ContentError, Loc, Problem, TemplateError, display_path
from briefgen.load.schema import Context
from briefgen.load.yamlsource import parse_text
from briefgen.render.deck.model import Deck, deck_from_node
from briefgen.render.environment import render_template, shared_environment
from briefgen.render.filters import view_lookups
from briefgen.tailor.view import BriefView

DECK_TEMPLATE = "pptx/deck.yaml.j2"
_RENDERED = "<rendered deck>"


@dataclass(frozen=True)
class RenderedDeck:
    """A deck and a way back from its positions in the rendered YAML to the template."""

    deck: Deck
    text: str
    template_file: str
    _locator: "_Locator"

    def where(self, loc: Loc | None) -> Loc:
        """The template file:line that wrote rendered position ``loc``."""
        return self._locator.template_loc(loc)


class _Locator:
    """Maps rendered output lines to template lines (computed only when an error needs it)."""

    def __init__(self, env: Any, name: str, context: dict, text: str, display: str):
        self.env, self.name, self.context, self.text, self.display = env, name, context, text, display
        self._lines: list[int] | None = None

    def _map(self) -> list[int]:
        if self._lines is None:
            self._lines = _line_map(self.env, self.name, self.context)
        return self._lines

    def template_loc(self, loc: Loc | None) -> Loc:
        """The template file:line behind rendered position ``loc``."""
        if loc is None or not loc.line:
            return Loc(self.display)
        lines = self._map()
        tline = lines[loc.line - 1] if 0 < loc.line <= len(lines) else 0
        return Loc(self.display, tline, 1 if tline else 0)

    def rendered_line(self, line: int) -> str:
        """Rendered output line ``line``, shortened for a message."""
        rows = self.text.splitlines()
        text = rows[line - 1].strip() if 0 < line <= len(rows) else ""
        return text if len(text) <= 60 else text[:57] + "..."

    def relocate(self, problems: Iterable[Problem]) -> list[Problem]:
        """The problems, pointing at the template instead of the rendered text."""
        out = []
        for p in problems:
            where = self.template_loc(p.loc)
            suffix = ""
            if p.loc is not None and p.loc.line:
                suffix = f" (rendered line {p.loc.line}: {self.rendered_line(p.loc.line)})"
            out.append(Problem(where, p.field, p.message + suffix, p.severity))
        return out


def _line_map(env: Any, name: str, context: dict) -> list[int]:
    """For each output line, the template line that wrote it.

    Each chunk Jinja yields comes from one template line (the generator frame's line, mapped back); a
    literal chunk spanning several lines is template text itself, so its later lines are found in the
    source just below."""
    template = env.get_template(name)
    source = env.loader.get_source(env, name)[0].splitlines()
    gen = template.generate(**context)
    lines: list[int] = [0]
    for chunk in gen:
        tline = 0
        g: Any = gen
        while g is not None:  # follow `yield from` down to the template's own frame
            frame = getattr(g, "gi_frame", None)
            if frame is not None and frame.f_code.co_filename == template.filename:
                tline = template.get_corresponding_lineno(frame.f_lineno)
            g = getattr(g, "gi_yieldfrom", None)
        for i, part in enumerate(chunk.split("\n")):
            if i:
                lines.append(_source_line(source, tline, i, part))
            else:
                lines[-1] = max(lines[-1], tline)
    return lines


def _source_line(source: list[str], start: int, offset: int, text: str) -> int:
    """The template line holding literal ``text``, expected ``offset`` lines below ``start``."""
    want = text.strip()
    if want and start:
        for delta in (0, 1, -1, 2, 3):
            n = start + offset + delta
            if 0 < n <= len(source) and source[n - 1].strip() == want:
                return n
    return start


def render_deck(view: BriefView, template_dirs: Iterable[Path], **extra: Any) -> RenderedDeck:
    """Render the deck template with ``view``, its lookups (:func:`briefgen.render.filters.view_lookups`) and
    any ``extra`` variables, and convert it to a Deck."""
    dirs = tuple(template_dirs)
    env = shared_environment(dirs)
    context = {**view_lookups(view), **extra, "view": view}
    text = render_template(env, DECK_TEMPLATE, **context)
    filename = env.get_template(DECK_TEMPLATE).filename or DECK_TEMPLATE
    display = display_path(Path(filename))
    locator = _Locator(env, DECK_TEMPLATE, context, text, display)
    try:
        node = parse_text(text, _RENDERED)
    except ContentError as exc:
        raise TemplateError(locator.relocate(exc.problems)) from None
    ctx = Context()
    deck = deck_from_node(node, ctx)
    errors = [p for p in ctx.problems if p.severity == "error"]
    if deck is None or errors:
        raise TemplateError(locator.relocate(errors or ctx.problems))
    return RenderedDeck(deck, text, display, locator)
