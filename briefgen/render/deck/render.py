"""Render the deck template (``pptx/deck.yaml.j2``) for a BriefView into a :class:`Deck`.

The template runs in the sandboxed Jinja2 environment and writes a YAML
document (every string through ``tojson``) describing the slides.  That text
is parsed with the located YAML reader and converted to the deck model; any
problem becomes a :class:`TemplateError` naming the template file and the
template line that produced the offending output line.
"""
from __future__ import annotations

import dataclasses
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from briefgen.errors import ContentError, Loc, OutputLimitError, Problem, TemplateError, display_path
from briefgen.load.schema import Context
from briefgen.load.vocabulary import in_sentence
from briefgen.load.yamlsource import parse_text
from briefgen.render.charts.for_view import timeline_events
from briefgen.render.deck.markings import with_portion_marks, with_slide_banners
from briefgen.render.deck.model import Deck, deck_from_node
from briefgen.render.environment import render_template, shared_environment
from briefgen.render.filters import view_lookups
from briefgen.render.oversize import explain
from briefgen.tailor.view import BriefView

DECK_TEMPLATE = "pptx/deck.yaml.j2"
# The chart box of the shipped master's Chart layout, in inches: how many events the timeline slide shows, and so
# which events its notes list, unless the writer knows the master's own box (see render_deck).
CHART_BOX = (12.133, 4.36)
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
            out.append(Problem(where, p.field, self._template_lines(p.message) + suffix, p.severity))
        return out

    def _template_lines(self, message: str) -> str:
        """``message`` with each "at line N" of the rendered text (where a YAML block starts) made a template line."""
        def swap(m: re.Match) -> str:
            line = self.template_loc(Loc(_RENDERED, int(m.group(1)), 1)).line
            return f"at line {line}" if line else m.group(0)
        return re.sub(r"\bat line (\d+)\b", swap, message)


def _line_map(env: Any, name: str, context: dict) -> list[int]:
    """For each output line, the template line that wrote it.

    The top level yields each piece of output from its own line of Jinja's generated code, and a macro
    appends them to its buffer; either way :class:`_MacroLines` knows the template line of every piece."""
    template = env.get_template(name)
    source = env.loader.get_source(env, name)[0].splitlines()
    macros = _MacroLines(env, template, source)
    gen = template.generate(**context)
    chunks: list[str] = []
    made_by: dict[int, int] = {}
    for chunk in macros.traced(gen):
        g: Any = gen
        while g is not None:  # follow `yield from` down to the template's own frame
            frame = getattr(g, "gi_frame", None)
            if frame is not None and frame.f_code.co_filename == template.filename:
                made_by[len(chunks)] = frame.f_lineno
            g = getattr(g, "gi_yieldfrom", None)
        chunks.append(chunk)
    return macros.lines(chunks, made_by)


class _MacroLines:
    """Where each line of a macro's output comes from in the template.

    A macro's output reaches the render as one string, yielded at the line that calls the macro.  While the
    line map is made (only when an error needs it), each macro call is traced: every statement that appends
    to the macro's output buffer is seen starting, with the buffer's length at that moment, so each piece of
    output is known by the element of the statement that made it; Jinja's generated code holds one element
    a line, and its line maps back to the template line.  A piece that is another macro's output is mapped
    by that macro's own lines."""

    _APPEND = re.compile(r"\s*t_\d+\.(extend|append)\(")

    def __init__(self, env: Any, template: Any, source: list[str]):
        self.template, self.source = template, source
        self.outputs: dict[str, list[int]] = {}  # a macro's output -> the template line of each of its lines
        self.code = env.compile("\n".join(source), template.name, template.filename, raw=True).splitlines()
        self.elements = self._append_elements(self.code)

    @classmethod
    def _append_elements(cls, code: list[str]) -> dict[int, list[int]]:
        """For each line of the generated code that starts appending to an output buffer, the lines of the
        elements it appends (1-based)."""
        out: dict[int, list[int]] = {}
        for i, text in enumerate(code):
            m = cls._APPEND.match(text)
            if m is None:
                continue
            close = "))" if m.group(1) == "extend" else ")"
            j = i + 1
            while j < len(code) and code[j].strip() != close:
                j += 1
            out[i + 1] = list(range(i + 2, j + 1))
        return out

    def traced(self, gen: Any) -> Any:
        """The chunks of ``gen``, rendered with every macro call traced."""
        previous = sys.gettrace()
        sys.settrace(self._call)
        try:
            yield from gen
        finally:
            sys.settrace(previous)


    def _call(self, frame: Any, event: str, arg: Any) -> Any:
        code = frame.f_code
        if event != "call" or code.co_filename != self.template.filename or code.co_name != "macro":
            return None
        buffer_name = next((n for n in code.co_varnames[code.co_argcount:] if n.startswith("t_")), None)
        made_by: dict[int, int] = {}  # piece index -> the generated line of the element that made it

        def local(frame: Any, event: str, arg: Any) -> Any:
            buf = frame.f_locals.get(buffer_name)
            if not isinstance(buf, list):
                return local
            if event == "line" and frame.f_lineno in self.elements:
                for j, line in enumerate(self.elements[frame.f_lineno]):
                    made_by[len(buf) + j] = line
            elif event == "return" and isinstance(arg, str):
                self.outputs[str(arg)] = self.lines(buf, made_by)
            return local

        return local

    def lines(self, pieces: list, made_by: dict[int, int]) -> list[int]:
        """The template line of each line of the output made of ``pieces``; ``made_by``: piece index -> the
        line of generated code that made it."""
        out: list[int] = []
        texts = [str(p) for p in pieces]
        for i, piece in enumerate(texts):
            first = self._piece_line(i, texts, made_by, out[-1] if out else 0)
            inner = self.outputs.get(piece)
            literal = self._is_literal(made_by.get(i))
            for k in range(piece.count("\n") + 1):
                at = inner[k] if inner is not None else first + (k if literal else 0)
                if k or not out:
                    out.append(at)
                elif not self._text_so_far(texts, i):
                    out[-1] = at
        return out or [0]

    def _is_literal(self, gen: int | None) -> bool:
        """True if generated line ``gen`` appends literal template text (a quoted string), not an expression."""
        if gen is None or not 0 < gen <= len(self.code):
            return False
        code = self.code[gen - 1].lstrip().removeprefix("yield ")
        return code[:1] in ("'", '"')

    def _piece_line(self, i: int, texts: list[str], made_by: dict[int, int], carry: int) -> int:
        """The template line piece ``i`` starts on.  Jinja maps expressions to their lines, not the literal text
        between them, so a literal is placed by its neighbours in the same statement: it ends on the line of
        the expression after it, or starts on the line of the one before; alone, it is looked for in the
        template just after ``carry``, the line the output has reached."""
        gen = made_by.get(i)
        if gen is None:
            return carry
        if not self._is_literal(gen):
            return self.template.get_corresponding_lineno(gen)
        after, before = made_by.get(i + 1), made_by.get(i - 1)
        if after == gen + 1 and not self._is_literal(after):
            return self.template.get_corresponding_lineno(after) - texts[i].count("\n")
        if before == gen - 1 and not self._is_literal(before):
            return self.template.get_corresponding_lineno(before)
        lines = texts[i].split("\n")
        for k, text in enumerate(lines[1:-1], 1):  # a whole line of the literal, found in the template
            want = text.strip()
            for n in range(max(carry, 1), min(carry + 40, len(self.source)) + 1):
                if want and self.source[n - 1].strip() == want:
                    return n - k
        return carry

    @staticmethod
    def _text_so_far(pieces: list, i: int) -> bool:
        """True if the current output line already holds text before piece ``i``."""
        for p in reversed(pieces[:i]):
            text = str(p)
            if "\n" in text:
                return bool(text.rsplit("\n", 1)[1])
            if text:
                return True
        return False


def render_deck(view: BriefView, template_dirs: Iterable[Path], chart_box: tuple = CHART_BOX,
                **extra: Any) -> RenderedDeck:
    """Render the deck template with ``view``, its lookups (:func:`briefgen.render.filters.view_lookups`),
    ``timeline_events`` (the events a timeline in a ``chart_box`` of that size in inches shows, oldest first)
    and any ``extra`` variables, and convert it to a Deck."""
    dirs = tuple(template_dirs)
    env = shared_environment(dirs)
    context = {**view_lookups(view), "timeline_events": timeline_events(view, chart_box), **extra, "view": view}
    try:
        text = render_template(env, DECK_TEMPLATE, **context)
    except OutputLimitError as exc:
        raise explain(exc, view, "deck", env.loader.is_trusted(DECK_TEMPLATE)) from None
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
    deck = with_portion_marks(with_slide_banners(with_left_out_notes(deck, view), view), view)
    return RenderedDeck(deck, text, display, locator)


def left_out_notes(view: BriefView) -> tuple[str, ...]:
    """Note paragraphs saying which kinds of item the briefing's length left without a section of their own (all
    their items in backup), and listing the items a briefing without backup slides leaves out of the deck with
    each item's "so what" line, so nothing is lost silently; () when there is nothing to say."""
    lines = []
    no_room = {i.kind for i in view.backup if i.why is not None and i.why.rule == "section_budget"}
    for kind, n in Counter(i.kind for i in view.backup if i.kind in no_room).items():
        names = view.vocabulary.kind(kind)
        lines.append(f"No room in this slot for a section on {in_sentence(names.plural)}: "
                     f"{n} {in_sentence(names.singular if n == 1 else names.plural)} held in backup.")
    if view.backup_slides or not view.backup:
        return tuple(lines)
    lines += [f"Not in this deck (no backup slides), {len(view.backup)} item(s) to hold for questions:"]
    lines += [f"- {item.title}: {item.framing}" for item in view.backup]
    return tuple(lines)


def with_left_out_notes(deck: Deck, view: BriefView) -> Deck:
    """``deck`` with :func:`left_out_notes` added to its last slide's notes."""
    extra = left_out_notes(view)
    if not extra:
        return deck
    last = dataclasses.replace(deck.slides[-1], notes=tuple(deck.slides[-1].notes) + extra)
    return dataclasses.replace(deck, slides=tuple(deck.slides[:-1]) + (last,))
