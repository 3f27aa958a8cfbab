"""Rows for ``briefgen list``: a kind's items as a table, in library or tailored order."""
from __future__ import annotations

import shutil

from briefgen.errors import ConfigError, Problem
from briefgen.load.library import Library
from briefgen.tailor.audiences import audience_profile
from briefgen.tailor.tailor import released, tailor

LISTABLE = ("threats", "capabilities", "options", "risks", "sources", "events", "audiences")
_COLUMNS = {
    "threats": ("id", "title", "actor", "severity", "likelihood", "trend"),
    "capabilities": ("id", "title", "owner", "domain", "status"),
    "options": ("id", "title", "category", "stance", "deterrence_value", "escalation_risk", "cost", "horizon"),
    "risks": ("id", "title", "likelihood", "impact"),
    "sources": ("id", "date", "publisher", "title"),
    "events": ("date", "id", "title"),
}
_SHORT = {"deterrence_value": "deter", "escalation_risk": "escal", "likelihood": "likely", "severity": "sev"}
_WORDS = {"owner": "parties", "category": "option_categories", "domain": "capability_domains",
          "status": "capability_statuses", "horizon": "horizons"}  # field -> the vocabulary it takes its words from


def list_rows(library: Library, kind: str, audience: str | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows listing ``kind``; with an audience, items in that audience's order with their role."""
    if kind not in LISTABLE:
        raise ConfigError([Problem(None, "KIND", f"expected one of {', '.join(LISTABLE)}, got {kind!r}")])
    if kind == "audiences":
        header = ["name", "label", "extends", "threshold", "sections"]
        rows = [[p.name, p.label, p.chain[1] if len(p.chain) > 1 else "-", str(p.threshold), " > ".join(p.sections)]
                for p in library.audiences.values()]
        return header, rows
    cols = _COLUMNS[kind]
    header = [_SHORT.get(c, c) for c in cols]
    records = list(library.items(kind))
    if audience is None or kind in ("sources", "events"):
        if kind == "events":
            records.sort(key=lambda e: (e.date, e.id))
        return header, [[_cell(getattr(r, c), c, library) for c in cols] for r in records]
    profile = audience_profile(library, audience)
    view = tailor(library, profile)
    withheld = {iid for iid, _ in released(library, profile).withheld.items} if profile.releasable_to else set()
    by_id = {r.id: r for r in records}
    rows, seen = [], set()
    for v in view.all_items():
        if v.kind == kind:
            seen.add(v.id)
            rows.append([v.role] + [_cell(getattr(by_id[v.id], c), c, library) for c in cols])
    rows.extend(["withheld" if r.id in withheld else "omitted"] + [_cell(getattr(r, c), c, library) for c in cols]
                for r in records if r.id not in seen)
    return ["role"] + header, rows


def _cell(value: object, column: str, library: Library) -> str:
    """A value as the table shows it; a word of a vocabulary as written, with the vocabulary's name for it when
    that is more than a change of letter case (``A (Country A)``)."""
    if isinstance(value, tuple):
        return ", ".join(map(str, value))
    if column in _WORDS and isinstance(value, str):
        v = library.vocabulary
        shown = v.party(value).name if column == "owner" else v.label(_WORDS[column], value)
        return value if shown.casefold() == value.casefold() else f"{value} ({shown})"
    return "-" if value is None else str(value)


def format_table(header: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """A plain-text table fitted to ``width`` columns (the terminal's by default); long cells are cut with '…'."""
    width = width or shutil.get_terminal_size((120, 24)).columns
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    # Shrink the widest column until the table fits (never below 8 characters).
    while sum(widths) + 2 * (len(widths) - 1) > width and max(widths) > 8:
        widths[widths.index(max(widths))] -= 1

    def line(cells: list[str]) -> str:
        out = []
        for cell, w in zip(cells, widths):
            out.append(cell if len(cell) <= w else cell[: w - 1] + "\u2026")
        return "  ".join(c.ljust(w) for c, w in zip(out, widths)).rstrip()

    sep = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), sep] + [line(r) for r in rows])
