"""Audience names as commands receive them: checked against the library's profiles, with one message.

Every command that takes an audience (``build``, ``watch``, ``preview``,
``list``, ``diff``, ``coverage``) and briefgen.yaml's ``audiences`` go
through :func:`resolve_audiences` or :func:`audience_profile`, so a name the
library does not define always reads the same, e.g.::

    --audience: unknown audience 'hawkis' (did you mean 'hawkish'?); expected one of dovish, hawkish, neutral
"""
from __future__ import annotations

from typing import Iterable

from briefgen.errors import ConfigError, Loc, Problem
from briefgen.load.model import AudienceProfile, Library
from briefgen.load.schema import suggest

OPTION = "--audience"  # the field named when the names come from the command-line option


def unknown_audience(library: Library, name: str, where: Loc | None = None, field: str = OPTION) -> Problem:
    """The problem of an audience name the library has no profile for: a near miss suggested, the choices
    listed, located at ``where`` (None: the command line) under ``field``."""
    known = sorted(library.audiences)
    return Problem(where, field, f"unknown audience {name!r}{suggest(name, known)}; expected one of {', '.join(known)}")


def resolve_audiences(library: Library, wanted: Iterable[str], where: Loc | None = None,
                      field: str = OPTION) -> list[str]:
    """``wanted`` checked against the library's profiles, in the order given; empty means every profile, in
    name order.  Every unknown name is reported at once, in one ConfigError (see :func:`unknown_audience`)."""
    wanted = list(wanted)
    if not wanted:
        return sorted(library.audiences)
    bad = [name for name in wanted if name not in library.audiences]
    if bad:
        raise ConfigError([unknown_audience(library, name, where, field) for name in bad])
    return wanted


def audience_profile(library: Library, name: str, where: Loc | None = None, field: str = OPTION) -> AudienceProfile:
    """The profile of audience ``name``; ConfigError (see :func:`unknown_audience`) when there is none."""
    resolve_audiences(library, [name], where, field)
    return library.audiences[name]
