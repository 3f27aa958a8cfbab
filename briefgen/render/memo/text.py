"""Escaping text for Markdown, so content can never become markup.

The memo template is rendered with every ``{{ value }}`` passed through
:func:`escape_md` (the Markdown counterpart of HTML autoescaping): a title
such as ``*Draft* [click](javascript:...)`` comes out as those characters,
not as emphasis or a link.  Values that are markup on purpose (footnote
references, figures) are wrapped in :class:`markupsafe.Markup`.
"""
from __future__ import annotations

import re

from markupsafe import Markup

# Characters that start inline markup anywhere in a line.
_INLINE = re.compile(r"[\\`*\[\]<>|~]|&(?=#?[A-Za-z0-9]+;)|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# What turns the start of a line into a block (heading, list, quote, rule, table).
_BLOCK_START = re.compile(r"^ ?(#|>|-+(?=\s|$)|\++(?=\s|$)|=+(?=\s|$)|\d{1,9}(?=[.)](\s|$)))")


def escape_md(value: object) -> str:
    """``value`` as Markdown text that renders as exactly its characters, on one line (runs of white
    space, line breaks included, become one space)."""
    if isinstance(value, Markup):
        return str(value)
    text = re.sub(r"\s+", " ", str(value))
    text = _INLINE.sub(lambda m: "\\" + m.group(0), text)
    # "1. x" -> "1\\. x"; "# x" -> "\\# x"
    return _BLOCK_START.sub(_escape_start, text, count=1)


def _escape_start(m: re.Match) -> str:
    lead, mark = m.group(0)[:len(m.group(0)) - len(m.group(1))], m.group(1)
    return lead + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def finalize(value: object) -> object:
    """Jinja2 ``finalize`` hook: escape every printed value unless it is Markup."""
    if isinstance(value, Markup):
        return value
    return escape_md(value)
