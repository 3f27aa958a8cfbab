"""Render a BriefView to the memo's Markdown text through ``memo/memo.md.j2``.

Pure: no python-docx, no file writes.  Every writer (md, html, docx, pdf)
starts from this text, so the memo's structure lives in one template a user
can export and edit.  Inside the template every ``{{ value }}`` is escaped
for Markdown (see :mod:`briefgen.render.memo.text`); the helpers below return
markup on purpose.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from markupsafe import Markup

from briefgen.errors import OutputLimitError
from briefgen.render.environment import render_template, shared_environment
from briefgen.render.memo.text import escape_md, finalize
from briefgen.render.oversize import explain
from briefgen.tailor.view import BriefView

TEMPLATE = "memo/memo.md.j2"
MEMO_CHARTS = {"timeline": "context", "options_map": "options", "risk_heatmap": "risks"}  # chart kind -> section

KIND_SINGULAR = {"threats": "threat", "capabilities": "capability", "options": "option", "risks": "risk"}
_LEVELS = {1: "Very low", 2: "Low", 3: "Moderate", 4: "High", 5: "Very high"}
_HORIZONS = {"near": "Under 1 year", "medium": "1-3 years", "long": "Over 3 years"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


@dataclass(frozen=True)
class MemoChart:
    """A chart placed in the memo: its kind, caption, alt text, the image address the writer resolves, the
    width (inches) it was drawn for and the ids of the items or events it shows (a timeline shows only the
    latest events: the template sums up the rest in words)."""

    kind: str
    title: str
    alt: str
    src: str
    width: float = 6.5
    shown: tuple = ()


def refs(value: int | Iterable[int] | None) -> Markup:
    """Footnote references ``[^1][^3]`` for one endnote number or several, ascending (None: nothing).

    Ascending keeps the first citation of each source in the view's numbering order: within one item,
    sources new to the reader always carry higher numbers than those already cited.
    """
    if value is None:
        return Markup("")
    nums = [value] if isinstance(value, int) else sorted({n for n in value if n is not None})
    return Markup("".join(f"[^{int(n)}]" for n in nums))


def level(value: int) -> str:
    """A 1-5 rating in words: 4 -> ``High``."""
    return _LEVELS.get(int(value), str(value))


def horizon(value: str) -> str:
    """An option's horizon as a span of time: ``near`` -> ``Under 1 year``."""
    return _HORIZONS.get(value, str(value).capitalize())


def longdate(value: str, approximate: bool = False) -> str:
    """``2024-09-16`` as ``16 September 2024``; ``2024-09`` as ``September 2024``; ``c.`` when approximate."""
    parts = str(value).split("-")
    try:
        nums = [int(p) for p in parts]
        if len(nums) == 3:
            datetime.date(*nums)
            text = f"{nums[2]} {_MONTHS[nums[1] - 1]} {nums[0]}"
        elif len(nums) == 2:
            text = f"{_MONTHS[nums[1] - 1]} {nums[0]}"
        else:
            text = str(nums[0])
    except (ValueError, IndexError):
        text = str(value)
    return ("c. " if approximate else "") + text


def figure(chart: MemoChart) -> Markup:
    """A Markdown image with alt text and a caption (the image title): ``![alt](src "caption")``."""
    caption = chart.title.replace("\\", "\\\\").replace('"', '\\"')
    caption = " ".join(caption.split())
    return Markup(f'![{escape_md(chart.alt)}]({chart.src} "{caption}")')


def autolink(url: str | None) -> Markup:
    """An http(s)/mailto address as a Markdown autolink ``<https://...>``; None gives nothing."""
    if not url:
        return Markup("")
    safe = "".join(c if c not in "<> " else f"%{ord(c):02X}" for c in str(url))
    return Markup(f"<{safe}>")


def by_kind(items: Iterable) -> list[tuple[str, list]]:
    """Items grouped by kind, groups and items in the order given (Jinja's groupby would sort)."""
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(item.kind, []).append(item)
    return list(groups.items())


def lower_first(text: str) -> str:
    """``Russia occupies ...`` stays; ``The Camp David summit`` -> ``the Camp David summit``: lower-cases a
    leading capital only when the second letter is lower case (so acronyms and names like ``U.S.`` stay)."""
    text = str(text)
    if len(text) > 1 and text[0].isupper() and text[1].islower() and text.split()[0] in _ARTICLES:
        return text[0].lower() + text[1:]
    return text


_ARTICLES = {"The", "A", "An"}


def split_events(events: Iterable, recent: int | Iterable[str] = 8) -> tuple[list, list]:
    """(earlier, most recent) events: the ``recent`` latest, or from the first of the events whose ids are
    ``recent`` (those a timeline shows) on; the memo lists or shows those and sums up the rest."""
    events = list(events)
    if isinstance(recent, int):
        cut = max(len(events) - recent, 0)
    else:
        ids = set(recent)
        cut = next((n for n, e in enumerate(events) if e.id in ids), len(events))
    return events[:cut], events[cut:]


def memo_environment(template_dirs: Iterable[Path]):
    """The sandboxed Jinja2 environment of the memo template, escaping every value for Markdown."""
    return shared_environment(template_dirs, configure=_configure)


def _configure(env) -> None:
    env.finalize = finalize
    env.filters.update(refs=refs, level=level, horizon=horizon, longdate=longdate, autolink=autolink,
                       lower_first=lower_first)
    env.globals.update(figure=figure, by_kind=by_kind, split_events=split_events)


def render_memo(view: BriefView, template_dirs: Iterable[Path], charts: Mapping[str, MemoChart] | None = None,
                page_marking: bool = True, pictures: Mapping[str, MemoChart] | None = None) -> str:
    """The memo of ``view`` as Markdown.

    ``charts`` maps a chart kind (timeline, options_map, risk_heatmap) to the
    figure to show; ``pictures`` maps an item id to its picture's figure;
    ``page_marking`` puts the classification line at the top and bottom of
    the text (off for formats that mark every page themselves).
    """
    env = memo_environment(template_dirs)
    main = {i.id: i.title for s in view.sections for i in s.items}
    backup = {i.id: i.title for i in view.backup}

    def titles(ids: Iterable[str], limit: int | None = None) -> list[str]:
        """Titles of the items (by id) this view shows, main-body ones first, at most ``limit``."""
        ids = list(ids)
        out = [main[i] for i in ids if i in main] + [backup[i] for i in ids if i in backup]
        return out[:limit] if limit else out

    cited = {n for s in view.sections for i in s.items for n in i.refs} | {e.ref for e in view.events}
    backup_only = sorted({n for i in view.backup for n in i.refs if n not in cited})
    try:
        out = render_template(env, TEMPLATE, view=view, charts=dict(charts or {}), pictures=dict(pictures or {}),
                              page_marking=page_marking,
                              titles=titles, backup_only_refs=backup_only, kind_singular=KIND_SINGULAR)
    except OutputLimitError as exc:
        raise explain(exc, view, "memo", env.loader.is_trusted(TEMPLATE)) from None
    return _tidy(out)


def _tidy(text: str) -> str:
    """Collapse runs of blank lines the template's conditionals leave, end with one newline."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip() if not line.endswith("  ") else line  # keep Markdown hard breaks
        if not line.strip() and (not lines or not lines[-1].strip()):
            continue
        lines.append(line)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines) + "\n"
