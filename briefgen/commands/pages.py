"""The memo's page promise after a build: each .docx memo the build wrote is laid out by LibreOffice and counted.

A memo runs past its promise (two to three pages, or the briefing's ``memo: {pages: N}``) when the reference
document's type and margins hold less on a page; the build then says so with the page count, as a warning of that
memo.  The memos of one build are converted together, in one LibreOffice run (it starts once, not once a memo),
started in a thread as soon as the build's last memo is written, so that the decks and other formats go on
meanwhile.  The count is recorded in the manifest beside the memo's sha256: a memo that comes out byte-identical
is not converted again.  Without LibreOffice one warning says the pages were not counted; a memo LibreOffice cannot
convert is one warning too, never a failed output.
"""
from __future__ import annotations

import concurrent.futures as cf
import dataclasses
from pathlib import Path
from typing import Any, Callable

from briefgen.errors import BriefgenError, Problem
from briefgen.office import find_soffice
from briefgen.write.page_count import count_pages, pages_warning

MEMO_FORMAT = "docx"
NOT_INSTALLED = ("the memos' pages were not counted: LibreOffice is not installed (install libreoffice-writer to "
                 "check that each memo keeps to its two to three pages)")


class PageCheck:
    """Holds the memos a build writes (and unchanged ones without a count) until their pages are counted, then
    gives them back with the count and, past the promise, a warning.

    ``expected``: how many memo jobs the build runs (built or failed: the count starts when all have arrived);
    ``promise(job)``: the pages the job's memo may have; ``recorded(job, sha256)``: the page count the manifest
    holds for that memo's bytes, or None; ``reference``: the reference document (None: the shipped one);
    ``enabled`` False: nothing is held, nothing counted.  ``counter`` lays the memos out and counts their pages (one
    call for all of them) and ``office`` finds LibreOffice (None: not installed); by default LibreOffice itself.
    """

    def __init__(self, expected: int, promise: Callable[[Any], int], recorded: Callable[[Any, str], int | None],
                 reference: Path | None = None, enabled: bool = True, *,
                 counter: Callable[[list[Path]], list[int]] = count_pages,
                 office: Callable[[], str | None] = find_soffice):
        self.expected, self.promise, self.recorded, self.reference = expected, promise, recorded, reference
        self.enabled, self.counter, self.office = enabled, counter, office
        self.arrived = 0
        self.held: list = []
        self._thread = cf.ThreadPoolExecutor(max_workers=1)
        self._counting: cf.Future | None = None

    def take(self, result: Any) -> bool:
        """Hold ``result`` when it is a memo built now, or unchanged without a recorded count (True); else leave
        it to the caller (False).  Once every memo job of the build has arrived, start counting in a thread."""
        if not self.enabled or result.job.fmt != MEMO_FORMAT:
            return False
        if result.status == "unchanged":
            if self.recorded(result.job, result.sha256) is not None:
                return False
            self.held.append(result)
            return True
        self.arrived += 1
        if result.status == "built":
            self.held.append(result)
        if self.arrived == self.expected and self.held:
            self._counting = self._thread.submit(self._count)
        return result.status == "built"

    def results(self) -> list:
        """The held memos, each with its page count (``pages``) and any warning about it, in the order they
        arrived; waits for the count."""
        try:
            if self._counting is None:  # no memo job to wait for (or the build stopped early): count what is here
                return self._count() if self.held else []
            return self._counting.result()
        finally:  # an interrupted build does not wait here for LibreOffice (it got the interrupt too)
            self._thread.shutdown(wait=False)

    def _count(self) -> list:
        known = {id(r): self.recorded(r.job, r.sha256) for r in self.held}
        todo = [r for r in self.held if known[id(r)] is None]
        extra: list[Problem] = []
        if todo and self.office() is None:
            extra, todo = [Problem(None, "pages", NOT_INSTALLED, severity="warning")], []
        try:
            if todo:
                known.update(zip(map(id, todo), self.counter([r.job.target for r in todo])))
        except BriefgenError as exc:
            extra = [Problem(None, "pages", f"the memos' pages were not counted: {_reason(exc)}", severity="warning")]
        out = []
        for result in self.held:
            pages = known.get(id(result))
            found = pages_warning(pages, self.promise(result.job), self.reference) if pages is not None else []
            out.append(dataclasses.replace(result, warnings=tuple(result.warnings) + tuple(found + extra),
                                           pages=pages))
            extra = []  # said once, with the first memo
        return out


def _reason(exc: BriefgenError) -> str:
    """The first line of what went wrong, without the file and field it was reported against."""
    return exc.problems[0].message if exc.problems else str(exc)
