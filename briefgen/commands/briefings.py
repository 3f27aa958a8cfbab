"""A project's briefings: which to build, ``briefgen list briefings`` and ``briefgen new briefing``.

The library's ``content/briefing.yaml`` is the default briefing; each
``briefings/NAME.yaml`` of the project is one more meeting built from the same
library (see :mod:`briefgen.load.briefings`).
"""
from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Iterable

from briefgen.errors import ConfigError, Loc, Problem, display_path
from briefgen.load.briefings import (DEFAULT_BRIEFING, NamedBriefing, briefing_name_problem, default_briefing,
                                     is_past, load_briefings, resolved_date)
from briefgen.load.library import Library
from briefgen.load.schema import TODAY, Context, DateOrToday, suggest
from briefgen.load.yamlsource import YScalar
from briefgen.project import Project
from briefgen.tailor.audiences import resolve_audiences
from briefgen.write.registry import FORMAT_NAMES

OPTION = "--briefing"


def project_briefings(project: Project, library: Library) -> tuple[NamedBriefing, ...]:
    """The library's briefing, then every ``briefings/NAME.yaml`` in name order (ContentError listing every
    problem of those files)."""
    return (default_briefing(library),) + load_briefings(project.briefings_dir, library, FORMAT_NAMES)


def select_briefings(available: tuple[NamedBriefing, ...], names: Iterable[str],
                     build_all: bool = False) -> tuple[NamedBriefing, ...]:
    """The briefings ``names`` asks for, in that order; none named: every briefing with ``build_all``, else the
    library's.  Every unknown name is reported at once, with a near miss suggested."""
    names = list(dict.fromkeys(names))
    if not names:
        return available if build_all else available[:1]
    by_name = {b.name: b for b in available if b.name != DEFAULT_BRIEFING}
    bad = [n for n in names if n not in by_name]
    if bad:
        known = ", ".join(sorted(by_name)) or "none (add briefings/NAME.yaml, e.g. with `briefgen new briefing NAME`)"
        raise ConfigError([Problem(None, OPTION, f"unknown briefing {n!r}{suggest(n, by_name)}; briefings are: "
                                                 f"{known}") for n in bad])
    return tuple(by_name[n] for n in names)


def checked_date(value: str | None, option: str = "--date") -> str | None:
    """A date given on the command line (YYYY-MM-DD, YYYY-MM, YYYY or ``today``) as written; ConfigError
    naming the option when it is none of those."""
    if value is None:
        return None
    ctx = Context()
    DateOrToday()(YScalar(Loc(option), raw=value), option, ctx)
    if ctx.problems:
        raise ConfigError([Problem(None, option, ctx.problems[0].message)])
    return value


def build_date(briefing: NamedBriefing, override: str | None, today: datetime.date) -> str:
    """The date a build of ``briefing`` shows: ``override`` (``--date``) if given, else the briefing's, with
    ``today`` resolved to the day given."""
    return resolved_date(override or briefing.briefing.date, today)


def past_date_warning(briefing: NamedBriefing, date: str, today: datetime.date,
                      overridden: bool = False) -> Problem | None:
    """A warning when a named briefing (or any with ``--date``) is dated before ``today``, else None: the
    meeting has passed, or the date was not updated."""
    if (briefing.name == DEFAULT_BRIEFING and not overridden) or not is_past(date, today):
        return None
    where = None if overridden else briefing.briefing.locs.get("date", briefing.briefing.loc)
    field = "--date" if overridden else f"briefings.{briefing.name}.date"
    return Problem(where, field, f"the briefing {briefing.label!r} is dated {date}, before today ({today.isoformat()}):"
                                 f" set its date (or `date: today`), or pass --date", "warning")


def briefing_rows(project: Project, library: Library,
                  today: datetime.date | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of ``briefgen list briefings``: name, date, audiences, length, title."""
    rows = []
    for nb in project_briefings(project, library):
        b = nb.briefing
        sizes = []
        if b.length is not None:
            sizes.append(f"{b.length.minutes} min" if b.length.minutes else f"{b.length.main_slides} slides")
        if b.memo is not None and b.memo.pages == 1:
            sizes.append("1-page memo")
        length = ", ".join(sizes) or "-"
        audiences = ", ".join(b.audiences) or ", ".join(project.spec.audiences) or "all"
        date = resolved_date(b.date, today) + (" (today)" if b.date == TODAY else "")
        rows.append([nb.name or "(default)", date, audiences, length, b.title])
    return ["briefing", "date", "audiences", "length", "title"], rows


def new_briefing(project: Project, library: Library, name: str, audiences: Iterable[str] = (),
                 date: str | None = None) -> Path:
    """Write ``briefings/NAME.yaml``, a commented starting file (every field it may set, most commented out),
    and return its path; never overwrites: ConfigError when the file exists or the name cannot be used."""
    problem = briefing_name_problem(name, library)
    if problem is not None:
        raise ConfigError([Problem(None, "NAME", problem)])
    names = resolve_audiences(library, audiences) if audiences else []
    date = checked_date(date) or TODAY
    folder = project.briefings_dir
    target = folder / f"{name}.yaml"
    for existing in (target, folder / f"{name}.yml"):
        if os.path.lexists(existing):
            raise ConfigError([Problem(Loc(display_path(existing)), "", "expected a new briefing, got a file "
                                       "that exists (nothing was changed; edit it, or choose another name)")])
    folder.mkdir(parents=True, exist_ok=True)
    with open(target, "x", encoding="utf-8") as fh:  # "x": a file made meanwhile is never overwritten
        fh.write(briefing_template(library, name, names, date))
    return target


def briefing_template(library: Library, name: str, audiences: list[str], date: str) -> str:
    """The text of a new briefing file: what it sets, and every other field commented with its meaning."""
    b = library.briefing
    listed = f"[{', '.join(audiences)}]" if audiences else "[]   # empty: briefgen.yaml's audiences"
    first = audiences[0] if audiences else sorted(library.audiences)[0]
    return f"""\
# Briefing '{name}': one meeting built from the content library.
# Any field left out comes from content/briefing.yaml ("{b.title}").
# Build it: briefgen build --briefing {name}    Outputs: out/{name}/AUDIENCE/...

date: {date}                   # YYYY-MM-DD, or today (the day of the build); --date overrides it
audiences: {listed}

# title: {b.title}
# subtitle: ...
# subject: ...
# for: {b.memo_for}
# from: {b.memo_from}
# organisation: {b.organisation}
# classification: {b.classification}

# The slot: about one slide a minute after the title and BLUF (or main_slides: N).
# What does not fit goes to backup, by the audience's priorities.
# length: {{minutes: 15}}
# memo: {{pages: 1}}            # a one-page memo: BLUF, key judgments, recommendation, decisions

# What it covers: items of these kinds, tags or ids (include), then not these (exclude).
# include: {{tags: [TAG, ANOTHER-TAG], ids: [ITEM-ID]}}
# exclude: {{kinds: [capabilities], ids: []}}
# sections: [context, threats, options, risks, decisions]   # which sections, in this order

# formats: [pptx, docx]        # what build makes of it: {", ".join(FORMAT_NAMES)}; -f overrides

# agenda: true                 # an agenda slide
# dividers: true               # a divider before each section
# backup: true                 # backup slides; false: listed in the last slide's notes
# sources: true                # a sources slide

# Its own words, per audience (else the library's):
# bluf:
#   {first}: ...
# recommendation:
#   {first}: ...
# decisions:
#   {first}: [...]

# Output file names: {{briefing}}, {{slug}}, {{file_label}}, {{date}}
# file_name: "{{briefing}}-{{file_label}}-{{date}}"
"""
