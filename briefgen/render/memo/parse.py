"""Parse the memo's Markdown with markdown-it (CommonMark + tables + footnotes).

Raw HTML is never passed through (``html=False``: ``<script>`` stays text)
and a link or image survives only if it is http, https or mailto, or one of
the chart images the writer itself supplies.  The HTML and DOCX writers both
walk the token stream this parser gives.
"""
from __future__ import annotations

import re
from typing import Iterable

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

_SAFE_LINK = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)


def safe_link(url: str) -> bool:
    """True for http, https and mailto addresses (after trimming), False for anything else."""
    return bool(_SAFE_LINK.match(url.strip()))


def memo_parser(image_srcs: Iterable[str] = ()) -> MarkdownIt:
    """A markdown-it parser for memos; ``image_srcs`` are the writer's own chart addresses, also allowed."""
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.use(footnote_plugin, inline=False)
    allowed = frozenset(image_srcs)

    def validate(url: str) -> bool:
        return url in allowed or safe_link(url)

    md.validateLink = validate  # type: ignore[method-assign]
    return md
