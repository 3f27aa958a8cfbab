"""Render a BriefView to the memo's Markdown text through ``memo/memo.md.j2``.

Pure: no python-docx, no file writes.  Every writer (md, html, docx, pdf)
starts from this text, so the memo's structure lives in one template a user
can export and edit.  Inside the template every ``{{ value }}`` is escaped
for Markdown (see :mod:`briefgen.render.memo.text`); its filters and functions
are those every template gets (:mod:`briefgen.render.filters`).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping


from briefgen.errors import OutputLimitError
from briefgen.load.model import KINDS
from briefgen.load.vocabulary import in_sentence
from briefgen.render.environment import render_template, shared_environment
from briefgen.render.filters import view_lookups
from briefgen.render.memo.marks import with_portion_marks
from briefgen.render.memo.text import finalize
from briefgen.render.oversize import explain
from briefgen.tailor.view import BriefView

TEMPLATE = "memo/memo.md.j2"
ONE_PAGE_TEMPLATE = "memo/memo-one-page.md.j2"  # a briefing's memo: {pages: 1}
MEMO_CHARTS = {"timeline": "context", "options_map": "options", "risk_heatmap": "risks"}  # chart kind -> section


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


def memo_environment(template_dirs: Iterable[Path]):
    """The sandboxed Jinja2 environment of the memo template, escaping every value for Markdown."""
    return shared_environment(template_dirs, configure=_configure)


def _configure(env) -> None:
    env.finalize = finalize


def render_memo(view: BriefView, template_dirs: Iterable[Path], charts: Mapping[str, MemoChart] | None = None,
                page_marking: bool = True, pictures: Mapping[str, MemoChart] | None = None) -> str:
    """The memo of ``view`` as Markdown.

    ``charts`` maps a chart kind (timeline, options_map, risk_heatmap) to the
    figure to show; ``pictures`` maps an item id to its picture's figure;
    ``page_marking`` puts the classification line at the top and bottom of
    the text (off for formats that mark every page themselves).
    """
    env = memo_environment(template_dirs)
    name = memo_template(view)
    cited = {n for s in view.sections for i in s.items for n in i.refs} | {e.ref for e in view.events}
    backup_only = sorted({n for i in view.backup for n in i.refs if n not in cited})
    try:
        out = render_template(env, name, **view_lookups(view), view=view, charts=dict(charts or {}),
                              pictures=dict(pictures or {}), page_marking=page_marking, backup_only_refs=backup_only,
                              kind_singular={k: in_sentence(view.vocabulary.kind(k).singular) for k in KINDS})
    except OutputLimitError as exc:
        raise explain(exc, view, "memo", env.loader.is_trusted(name)) from None
    return with_portion_marks(_tidy(out), view)


def memo_template(view: BriefView) -> str:
    """The memo template ``view`` is written with: the one-page memo when its briefing asks for one page."""
    return ONE_PAGE_TEMPLATE if view.memo_pages == 1 else TEMPLATE


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
