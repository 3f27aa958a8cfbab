"""The briefgen error tree and the located problems it carries.

Every failure a user can cause (bad content, a bad profile, template, master
or output path, a missing external program) is raised as a subclass of
:class:`BriefgenError`; the CLI turns each into one line per problem and a
non-zero exit code.  Anything else escaping is a bug in briefgen.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True, order=True)
class Loc:
    """A position in a user file: 1-based line and column."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


def display_path(path: Path) -> str:
    """How a path is shown in messages: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


@dataclass(frozen=True)
class Problem:
    """One finding about user input: where, which field, what is wrong."""

    loc: Loc | None
    field: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        parts = []
        if self.loc is not None:
            parts.append(str(self.loc))
        if self.severity == "warning":
            parts.append("warning")
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return printable(": ".join(parts))


WARNINGS_SHOWN = 3  # of a run of identical warnings, how many are shown before the rest are counted
WARNINGS_SUMMARISED = 10  # identical warnings beyond this many are summarised


def summarise(problems: Iterable[Problem], show_all: bool = False) -> list[str]:
    """One line per problem, except that a warning repeated more than :data:`WARNINGS_SUMMARISED` times (the same
    message for many items) shows its first :data:`WARNINGS_SHOWN` lines, then one line counting the rest."""
    problems = list(problems)
    counts: dict[str, int] = {}
    for p in problems:
        if p.severity == "warning":
            counts[p.message] = counts.get(p.message, 0) + 1
    lines, shown = [], dict.fromkeys(counts, 0)
    for p in problems:
        many = p.severity == "warning" and counts[p.message] > WARNINGS_SUMMARISED and not show_all
        if many and shown[p.message] == WARNINGS_SHOWN:
            rest = counts[p.message] - WARNINGS_SHOWN
            lines.append(printable(f"warning: ... and {rest:,} more like this ({counts[p.message]:,} in all): "
                                   f"{p.message}; `briefgen validate --all-warnings` lists every one"))
        if not many or shown[p.message] < WARNINGS_SHOWN:
            lines.append(str(p))
        if many:
            shown[p.message] += 1
    return lines


def printable(text: str) -> str:
    """``text`` with every character that could garble a terminal line (controls, line breaks,
    bidi overrides, invisible format characters) written as an escape, e.g. ``\\u200b``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class BriefgenError(Exception):
    """Base of every error briefgen raises on purpose; carries one or more problems."""

    exit_code = 1

    def __init__(self, problems: Iterable[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(None, "", problems)]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        """One printable line per problem."""
        return [str(p) for p in self.problems]


class ContentError(BriefgenError):
    """Raised by the loader when the content library (or an audience profile) is invalid."""

    exit_code = 1


class ConfigError(BriefgenError):
    """Raised when briefgen.yaml, a command-line option or an environment setting (SOURCE_DATE_EPOCH) is invalid."""

    exit_code = 1


class TemplateError(BriefgenError):
    """Raised when a Jinja2 template, master .pptx or reference .docx cannot be used."""

    exit_code = 3


class OutputLimitError(TemplateError):
    """Raised when a template's output passes its size cap; the caller can say which part of the brief grew."""


class BuildError(BriefgenError):
    """Raised when an output cannot be produced or written (fit failures, unwritable paths)."""

    exit_code = 4


class OriginError(BriefgenError):
    """Raised when a deck cannot be traced to its content: not a .pptx, or not a deck this project built (no
    record of it in the output folder's manifest.json)."""

    exit_code = 1


class UsageError(BriefgenError):
    """Raised when command-line options click accepts one by one do not fit what they are given (``briefgen trace``:
    ``--page`` for a deck or a Markdown memo, ``--slide`` for a memo)."""

    exit_code = 2


class MissingToolError(BriefgenError):
    """Raised when an external program (LibreOffice, pdftoppm) needed for a format is absent."""

    exit_code = 5
