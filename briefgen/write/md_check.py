"""Accessibility rules for a written Markdown memo: images with alt text, links whose text says where
they go.  Everything else in plain Markdown is read as the text it is."""
from __future__ import annotations

import re
from pathlib import Path

from briefgen.write.findings import Finding, Rule, Rules

RULES = Rules(
    Rule("alt-text", "error", "every image has alt text (![alt text](file))"),
    Rule("link-text", "warning", "link text says where the link goes (not 'click here' or the address)"),
)
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\((?:https?|mailto):[^)]*\)")
_VAGUE = {"click here", "here", "link", "this link", "more", "read more"}


def check_md(path: Path, shown: str) -> list[Finding]:
    """Every accessibility problem of the Markdown memo at ``path`` (``shown``: how its path is printed)."""
    findings = []
    for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        for m in _IMAGE.finditer(line):
            if not m.group(1).strip():
                findings.append(RULES.finding(shown, "alt-text", f"image {m.group(2)!r} has no alt text; write what "
                                                                 f"it shows between the brackets", f"line {number}"))
        for m in _LINK.finditer(line):
            text = m.group(1).strip()
            if text.casefold() in _VAGUE or re.match(r"(https?://|www\.)", text):
                findings.append(RULES.finding(shown, "link-text", f"link text {text!r} does not say where it goes; "
                                                                  f"use the name of what it opens", f"line {number}"))
    return findings
