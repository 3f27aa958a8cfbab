"""What grew, when a document rendered from a brief passes the output cap of its template.

The cap (:data:`briefgen.render.environment.MAX_OUTPUT_CHARS`) stops a runaway
template; a library can reach it too, with thousands of items.  Then the
message names the part of this audience's brief that is largest (the backup
appendix, the main body, the timeline, the sources) with its size, and the
setting that makes it smaller, never a file inside briefgen's own installation.
"""
from __future__ import annotations

from briefgen.errors import OutputLimitError, Problem, TemplateError
from briefgen.render import environment
from briefgen.tailor.view import BriefView


def _item_chars(items: tuple) -> int:
    return sum(len(i.title) + len(i.framing) + len(i.summary) + sum(len(p.text) for p in i.points) for i in items)


def _parts(view: BriefView) -> list[tuple[int, str]]:
    """Each part of ``view`` as (its characters, roughly; what it holds and what to set)."""
    main = tuple(i for s in view.sections for i in s.items)
    profile = f"content/audiences/{view.audience}.yaml"
    parts = [
        (_item_chars(view.backup),
         f"the backup appendix has {len(view.backup):,} rows (items below this audience's threshold or over its "
         f"max_main); set default_emphasis: 0 in {profile} to leave out items that give this audience no emphasis, "
         f"or give the items it does not need emphasis 0 for it"),
        (_item_chars(main),
         f"the main body has {len(main):,} items with {sum(len(i.points) for i in main):,} facts; lower max_main "
         f"in {profile}, or shorten the items' points"),
        (sum(len(e.title) + len(e.summary or "") for e in view.events),
         f"the timeline has {len(view.events):,} events; keep the ones the brief needs in events.yaml"),
        (sum(len(s.citation) for s in view.sources),
         f"the brief cites {len(view.sources):,} sources; cite fewer"),
    ]
    return parts


def largest_part(view: BriefView) -> str:
    """The largest part of ``view`` in words a user can act on: what it holds and what to set."""
    return max(_parts(view), key=lambda p: p[0])[1]


def explain(error: OutputLimitError, view: BriefView, what: str, shipped: bool) -> TemplateError:
    """``error`` told in terms of ``view``: for briefgen's own template (``shipped``) without its location,
    which is inside briefgen's installation; for the user's own, at its template line, with the largest part
    named only when the brief is big enough to be the cause (else the template ran away by itself)."""
    message = f"{what} would be longer than the output limit: {largest_part(view)}"
    if shipped:
        return TemplateError([Problem(None, what, message)])
    if sum(size for size, _ in _parts(view)) < environment.MAX_OUTPUT_CHARS // 10:
        return error
    return TemplateError([Problem(p.loc, p.field, f"{p.message} ({message})") for p in error.problems])
