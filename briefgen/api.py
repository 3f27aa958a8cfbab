"""briefgen as a library: the entry points a script calls, and the ``briefgen`` command calls too.

Example::

    from briefgen import api

    loaded = api.load("my-brief")                  # the project and its validated library
    view = api.tailor_view(loaded.library, "hawkish")
    outcome = api.build("my-brief", ["hawkish"], ["pptx", "docx"])
    print(api.diff(loaded.library, "hawkish", "dovish").only_a)

Every function raises a :class:`briefgen.errors.BriefgenError` subclass for a
problem a user can cause (ConfigError, ContentError, TemplateError,
BuildError, MissingToolError), with one located problem per line; nothing
prints.  A path is a project folder (holding briefgen.yaml) or a bare
content folder.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from briefgen.errors import Problem
from briefgen.load.briefings import NamedBriefing
from briefgen.load.library import load_library
from briefgen.load.model import KINDS, Library
from briefgen.project import Project, load_project
from briefgen.tailor.audiences import audience_profile
from briefgen.tailor.tailor import tailor
from briefgen.tailor.view import BriefView
from briefgen.write.registry import FORMAT_NAMES

# The commands are imported when their function is called, so that loading or validating a library never
# pays for the template engine, the worker pool or LibreOffice's plumbing.
if TYPE_CHECKING:
    from briefgen.commands.build import MatrixResult
    from briefgen.commands.coverage import Coverage
    from briefgen.commands.diff import VariantDiff
    from briefgen.progress import Reporter

COUNTED = KINDS + ("sources", "events")  # what validate counts, in this order


@dataclass(frozen=True)
class Loaded:
    """A project, its content library and the warnings loading it gave (each a Problem)."""

    project: Project
    library: Library
    warnings: tuple
    named_briefings: int = 0  # how many briefings/NAME.yaml were checked (validate)

    def counts(self) -> dict[str, int]:
        """How many threats, capabilities, options, risks, sources, events and audiences the library holds, and
        how many named briefings were checked (when any)."""
        counts = {**{kind: len(self.library.items(kind)) for kind in COUNTED}, "audiences": len(self.library.audiences)}
        return {**counts, "briefings": self.named_briefings} if self.named_briefings else counts


def load(path: str | Path = ".") -> Loaded:
    """Open the project at ``path`` and load its library.

    Raises ConfigError for a bad briefgen.yaml, ContentError listing every problem of the library.
    """
    project = load_project(path)
    result = load_library(project.content_dir, project.markings, FORMAT_NAMES)
    return Loaded(project, result.library, tuple(result.warnings))


def validate(path: str | Path = ".") -> Loaded:
    """Check the library at ``path`` and the project's named briefings (``briefgen validate``): every problem
    at once in one ContentError, or the loaded library with its warnings and :meth:`Loaded.counts` to report
    (with the number of named briefings, when there are any)."""
    loaded = load(path)
    named = len(briefings(loaded)) - 1
    if named:
        return Loaded(loaded.project, loaded.library, loaded.warnings, named)
    return loaded


def tailor_view(library: Library, audience: str) -> BriefView:
    """The brief one audience gets: the library tailored by that audience's profile (ConfigError, with a
    suggestion for a near miss, when the library has no such audience)."""
    return tailor(library, audience_profile(library, audience))


def build(path: str | Path = ".", audiences: Iterable[str] = (), formats: Iterable[str] = (), *,
          build_all: bool = False, master: str | None = None, reference_docx: str | None = None,
          force: bool = False, workers: int | None = None, on_warning: Optional[Callable[[Problem], None]] = None,
          reporter: Reporter | None = None, briefings: Iterable[str] = (), date: str | None = None,
          today: datetime.date | None = None) -> MatrixResult:
    """Build outputs (``briefgen build``) to OUTPUT/AUDIENCE/SLUG.EXT (the library's briefing) and
    OUTPUT/BRIEFING/AUDIENCE/NAME.EXT (named briefings), skipping those whose inputs did not change.

    ``briefings`` names the briefings to build (none: the library's; with ``build_all`` every briefing);
    ``audiences`` and ``formats`` name what to build (empty: each briefing's audiences, else briefgen.yaml's;
    each briefing's formats, else briefgen.yaml's).  ``date`` (YYYY-MM-DD or ``today``) overrides the
    briefings' dates; ``today`` is the day ``today`` means (default: the system's).  ``master`` and ``reference_docx`` override
    briefgen.yaml's; ``force`` rebuilds everything; ``workers`` processes (default: one per core).
    ``on_warning`` receives each content warning and each briefing dated in the past; ``reporter`` (a
    :class:`briefgen.progress.Reporter`) prints progress.  A failing output does not stop the others: see the
    result's ``failed``.
    """
    from briefgen.commands.briefings import checked_date
    from briefgen.commands.build import build_project

    return build_project(path, audiences, formats, build_all=build_all, master=master,
                         reference_docx=reference_docx, force=force, workers=workers, on_warning=on_warning,
                         reporter=reporter, briefings=briefings, date=checked_date(date), today=today)


def briefings(loaded: Loaded) -> tuple[NamedBriefing, ...]:
    """The project's briefings: the library's own (name ""), then each ``briefings/NAME.yaml`` in name order
    (ContentError listing every problem of those files)."""
    from briefgen.commands.briefings import project_briefings

    return project_briefings(loaded.project, loaded.library)


def new_briefing(loaded: Loaded, name: str, audiences: Iterable[str] = (), date: str | None = None) -> Path:
    """Write ``briefings/NAME.yaml``, a commented starting file for a new briefing (``briefgen new
    briefing``), and return its path; ConfigError, and nothing written, when it exists."""
    from briefgen.commands.briefings import new_briefing as write_new

    return write_new(loaded.project, loaded.library, name, audiences, date)


def diff(library: Library, a: str, b: str) -> VariantDiff:
    """What audience ``a`` sees that ``b`` does not, and the reverse (``briefgen diff``)."""
    from briefgen.commands.diff import diff_audiences

    return diff_audiences(library, a, b)


def since_last_build(path: str | Path = ".", audiences: Iterable[str] = ()) -> list:
    """``briefgen diff --since-last-build``: each deck the last build recorded (of ``audiences``, or all) as (output
    path relative to the output folder, whether it was that deck's first build, the changes in what its room sees
    that its last changed build made: :class:`briefgen.commands.changes.Change`)."""
    from briefgen.commands.changes import recorded_changes
    from briefgen.project import load_project

    return recorded_changes(load_project(path).output_dir, audiences)


def write_diff_html(loaded: Loaded, d: VariantDiff, target: str | Path | None = None) -> Path:
    """Write ``d`` as a self-contained HTML page to ``target`` (default: OUTPUT/diff-A-B.html) and return
    its path; BuildError, and nothing written, when ``target`` is one of the project's inputs."""
    from briefgen.commands.build import protected_inputs
    from briefgen.commands.diff import default_diff_path
    from briefgen.commands.diff import write_diff_html as write_html
    from briefgen.commands.plan import output_options

    project = loaded.project
    path = Path(target) if target else default_diff_path(project.output_dir, d.a, d.b)
    inputs = protected_inputs(loaded.library, output_options(project))  # content, templates, master, reference
    inside = None if target else (project.output_dir, project.root)  # a path given with -o is the user's choice
    return write_html(d, path, project.template_dirs, inputs, inside)


def coverage(library: Library, audiences: Iterable[str] = ()) -> Coverage:
    """Every item x every audience (default: all): lead, normal, backup or omitted (``briefgen coverage``)."""
    from briefgen.commands.coverage import coverage as item_coverage

    return item_coverage(library, audiences)


def preview(loaded: Loaded, audiences: Iterable[str] = (), formats: Iterable[str] = (),
            briefings: Iterable[str] = ()) -> Path:
    """Build the outputs of the briefings named (none: every briefing, the library's and each
    ``briefings/NAME.yaml``), render them with LibreOffice to thumbnails and write one HTML contact sheet,
    OUTPUT/preview.html (``briefgen preview``); returns its path.  ``formats``: the previewable formats to
    show (none: each briefing's).  MissingToolError without LibreOffice."""
    from briefgen.commands.briefings import project_briefings, select_briefings
    from briefgen.commands.plan import output_options
    from briefgen.commands.preview import preview as contact_sheet

    chosen = select_briefings(project_briefings(loaded.project, loaded.library), briefings, build_all=True)
    return contact_sheet(loaded.project, loaded.library, output_options(loaded.project), audiences, formats,
                         briefings=chosen)


__all__ = ["Loaded", "briefings", "build", "coverage", "diff", "load", "new_briefing", "preview", "since_last_build",
           "tailor_view", "validate", "write_diff_html"]
