"""What ``briefgen check`` reports: one finding per problem in an output, the rules that find them, and
which module checks each kind of output.

A finding names the output, where in it (``slide 7``, ``page 2``, or nothing for the whole file), the rule
and what to do; it prints as one line.  Each format's rule module (``briefgen/write/pptx/check.py``,
``briefgen/write/docx/check.py``, ``briefgen/write/html_check.py``, ``briefgen/write/pdf_check.py``,
``briefgen/write/ooxml/validity.py``) declares its rules once, as a :class:`Rule` table, and makes its
findings from it, so a rule's severity lives in one place.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from briefgen.errors import ConfigError, Loc, Problem, display_path, printable


@dataclass(frozen=True)
class Rule:
    """One check: its id (as printed), whether breaking it is an error or a warning, and what it asks."""

    id: str
    severity: str  # "error" or "warning"
    asks: str  # what an output must do to pass, for the README and --help


@dataclass(frozen=True)
class Finding:
    """One problem found in one output."""

    output: str  # the output's path as shown to the user
    where: str  # "slide 7", "page 2", or "" for the whole file
    rule: str
    message: str  # what is wrong, then what to do
    severity: str = "error"

    def __str__(self) -> str:
        parts = [self.output] + ([self.where] if self.where else [])
        if self.severity == "warning":
            parts.append("warning")
        return printable(": ".join(parts + [self.rule, self.message]))


class Rules:
    """A format's rule table: makes findings of one output with each rule's own severity."""

    def __init__(self, *rules: Rule):
        self.by_id = {r.id: r for r in rules}

    def __iter__(self):
        return iter(self.by_id.values())

    def finding(self, output: str, rule: str, message: str, where: str = "") -> Finding:
        """A finding of ``rule`` (which must be in the table) in ``output``."""
        return Finding(output, where, rule, message, self.by_id[rule].severity)


# Output extension -> the function that checks such a file: (path, how it is shown) -> findings.
CHECKERS = {
    ".pptx": "briefgen.write.pptx.check:check_pptx",
    ".docx": "briefgen.write.docx.check:check_docx",
    ".html": "briefgen.write.html_check:check_html",
    ".pdf": "briefgen.write.pdf_check:check_pdf",
    ".md": "briefgen.write.md_check:check_md",
}


def checker_for(path: Path) -> Callable:
    """The rule function for an output of ``path``'s kind; ConfigError for a kind briefgen does not write."""
    spec = CHECKERS.get(Path(path).suffix.lower())
    if spec is None:
        raise ConfigError([Problem(Loc(display_path(path)), "output", f"expected a {', '.join(CHECKERS)} file "
                                                                      f"briefgen writes, got {Path(path).suffix or 'no extension'!r}")])
    module, func = spec.split(":")
    return getattr(importlib.import_module(module), func)


def fast_check(path: Path) -> tuple:
    """The fast checks of one output (everything but Open XML validity), as ``build`` runs them on what it
    wrote."""
    path = Path(path)
    return tuple(checker_for(path)(path, display_path(path)))
