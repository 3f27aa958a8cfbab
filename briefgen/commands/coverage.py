"""Coverage: which item each audience sees, and how (lead, normal, backup or omitted).

``coverage(library)`` tailors the library for every audience and returns an
item x audience table, in library order (threats, capabilities, options,
risks).  A role is what the audience's brief actually shows: an item with
emphasis 3 that overflows its section's ``max_main`` reads "backup"; an item
the audience would see but whose marking is not releasable to the countries of
its ``releasable_to`` reads "withheld".
``coverage_table`` gives header and rows for
:func:`briefgen.commands.listing.format_table`; ``coverage_csv`` gives CSV text.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Iterable

from briefgen.load.model import KINDS, Library
from briefgen.load.vocabulary import in_sentence
from briefgen.tailor.audiences import resolve_audiences
from briefgen.tailor.tailor import released, tailor

ROLES = ("lead", "normal", "backup", "omitted", "withheld")


@dataclass(frozen=True)
class CoverageRow:
    """One item and its role for each audience of the table, in the table's audience order."""

    kind: str  # the kind as the library's vocabulary names it ("threats" unless it renames them)
    id: str
    title: str
    roles: tuple  # of str, one of ROLES per audience


@dataclass(frozen=True)
class Coverage:
    """The item x audience table."""

    audiences: tuple  # of audience names, column order
    rows: tuple  # of CoverageRow

    def role(self, item_id: str, audience: str) -> str:
        """The role ``audience`` gives the item ``item_id``."""
        col = self.audiences.index(audience)
        for r in self.rows:
            if r.id == item_id:
                return r.roles[col]
        raise KeyError(item_id)

    def counts(self, audience: str) -> dict[str, int]:
        """How many items ``audience`` sees in each role."""
        col = self.audiences.index(audience)
        out = {role: 0 for role in ROLES}
        for r in self.rows:
            out[r.roles[col]] += 1
        return out


def coverage(library: Library, audiences: Iterable[str] = ()) -> Coverage:
    """The coverage table for ``audiences`` (default: every profile, in name order).

    Raises ConfigError naming any audience the library does not define (see briefgen.tailor.audiences).
    """
    names = resolve_audiences(library, dict.fromkeys(audiences))
    roles: dict[str, dict[str, str]] = {}
    for name in names:
        profile = library.audiences[name]
        view = tailor(library, profile)
        roles[name] = {v.id: v.role for v in view.all_items()}
        if profile.releasable_to:  # not releasable to its countries: withheld, not missing
            roles[name].update((iid, "withheld") for iid, _ in released(library, profile).withheld.items)
    kind = {k: in_sentence(library.vocabulary.kind(k).plural) for k in KINDS}  # the library's names for its kinds
    rows = tuple(CoverageRow(kind[i.kind], i.id, i.title, tuple(roles[n].get(i.id, "omitted") for n in names))
                 for i in library.all_items())
    return Coverage(tuple(names), rows)


def coverage_table(cov: Coverage) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the coverage table, ready for :func:`briefgen.commands.listing.format_table`."""
    header = ["kind", "id", "title"] + list(cov.audiences)
    return header, [[r.kind, r.id, r.title] + list(r.roles) for r in cov.rows]


def coverage_csv(cov: Coverage) -> str:
    """The coverage table as CSV text (header row first, ``\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    header, rows = coverage_table(cov)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()
