"""``briefgen watch``: rebuild what a changed file affects, keep the last good outputs.

Watches the content folder, the project's templates, its briefings
(``briefings/NAME.yaml``) and briefgen.yaml with watchdog.  After a burst of
changes settles, the library and briefings are reloaded: if they are invalid
the errors are printed and nothing is written; otherwise the incremental batch
build rebuilds only outputs whose inputs changed, of every briefing (or those
chosen), and of only the changed briefing when nothing but briefing files
changed.  :func:`watch_project` is the command; :func:`watch` the loop it runs.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Optional

from briefgen.commands.briefings import project_briefings, select_briefings
from briefgen.commands.build import build_matrix, worker_pool
from briefgen.commands.plan import output_options, source_date_epoch
from briefgen.errors import BriefgenError, Problem
from briefgen.load.briefings import NamedBriefing
from briefgen.load.library import load_library
from briefgen.project import CONFIG_NAME, Project, load_project
from briefgen.write.registry import FORMAT_NAMES

if TYPE_CHECKING:
    from briefgen.progress import Reporter

SETTLE_SECONDS = 0.15  # editors finish a save (temp file, rename) well within this
# Once a file is closed after writing, its save is complete: only a burst over several files (a checkout,
# a save-all) can still be under way, and its next event comes within this.  Not after a rename or a
# delete: some editors move or delete the old file first, then write the new one.
FINISHED_SETTLE_SECONDS = 0.03


def settle_after(event_type: str, settle: float = SETTLE_SECONDS) -> float:
    """How long to wait for more changes after a relevant event of ``event_type`` (a watchdog event type;
    "closed", a file closed after writing, is only reported where the platform tells, e.g. Linux)."""
    return min(settle, FINISHED_SETTLE_SECONDS) if event_type == "closed" else settle


def watched_paths(project: Project) -> list[tuple[Path, bool]]:
    """The folders whose changes trigger a rebuild, each with whether its subfolders count: content and
    templates with theirs; the project folder (for briefgen.yaml and a briefings folder made later), the
    briefings folder and the folder of a master or reference document kept elsewhere on their own."""
    trees = [p for p in _trees(project) if p.is_dir()]
    flat = [project.root]
    if project.briefings_dir.is_dir():
        flat.append(project.briefings_dir)
    for f in _document_inputs(project):
        if f.parent.is_dir() and f.parent not in flat and not any(f.is_relative_to(t) for t in trees):
            flat.append(f.parent)
    return [(p, True) for p in trees] + [(p, False) for p in flat]


def _trees(project: Project) -> list[Path]:
    return [project.content_dir] + ([project.root / project.spec.templates] if project.spec.templates else [])


def _document_inputs(project: Project) -> list[Path]:
    """The master .pptx and reference .docx briefgen.yaml names (they may live outside the template folder)."""
    return [p for p in (project.path(project.spec.master), project.path(project.spec.reference_docx)) if p]


def _relevant(path: str, project: Project) -> bool:
    p = Path(path)
    if p.name.startswith(".") or p.suffix == ".tmp" or "__pycache__" in p.parts:
        return False
    if p.is_relative_to(project.output_dir):
        return False
    if p in _document_inputs(project):
        return True
    if any(p.is_relative_to(t) for t in _trees(project)):
        return True
    if p == project.briefings_dir or is_briefing_file(p, project):
        return True
    return p.parent == project.root and p.name == CONFIG_NAME


def is_briefing_file(path: Path, project: Project) -> bool:
    """True if ``path`` is (or was) a named briefing's file, ``briefings/NAME.yaml`` or ``.yml``."""
    return path.parent == project.briefings_dir and path.suffix in (".yaml", ".yml")


def changed_briefings(project: Project, briefings: Iterable[NamedBriefing],
                      changed: Iterable[Path]) -> tuple[NamedBriefing, ...]:
    """Of ``briefings``, those a rebuild after ``changed`` files must build: when every changed file is a
    briefing's file, only those briefings (a removed one is gone from ``briefings``: nothing to build for it);
    anything else changed (the content, templates, briefgen.yaml), or nothing named: all of them."""
    changed = [Path(p) for p in changed]
    briefings = tuple(briefings)
    if not changed or not all(is_briefing_file(p, project) for p in changed):
        return briefings
    names = {p.stem for p in changed}
    return tuple(b for b in briefings if b.name in names)


class _Changes:
    """The relevant paths changed since the last successful rebuild, gathered from the watcher's thread."""

    def __init__(self) -> None:
        self.event = threading.Event()  # set by each relevant change
        self.last = "modified"  # type of the latest relevant event: how long to let it settle
        self.everything = True  # the first rebuild, and the one after a failed one, build everything
        self._paths: set[Path] = set()
        self._lock = threading.Lock()

    def add(self, paths: Iterable[Path], event_type: str) -> None:
        """Record a relevant event on ``paths``."""
        with self._lock:
            self._paths.update(paths)
        self.last = event_type
        self.event.set()

    def take(self) -> frozenset:
        """The paths to rebuild for, now forgotten (empty: everything)."""
        with self._lock:
            paths = frozenset() if self.everything else frozenset(self._paths)
            self._paths.clear()
        return paths


def watch(root: str | Path, rebuild: Callable[[Project, frozenset], None], stop: threading.Event,
          on_error: Callable[[BriefgenError], None], settle: float = SETTLE_SECONDS) -> None:
    """Call ``rebuild(project, changed)`` now and after every settled burst of relevant changes, until ``stop``
    is set.  ``changed`` holds the relevant paths changed since the last successful rebuild; it is empty for
    the first rebuild and the one after a failure (everything is to be rebuilt).  A watched folder made while
    watching (``briefings/``) is watched from the next rebuild on, before that rebuild builds."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    changes = _Changes()
    project = load_project(root)
    if not project.content_dir.is_dir():  # nothing to watch: say so and stop, as build does
        load_library(project.content_dir, project.markings, FORMAT_NAMES)

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            paths: Iterable[str] = (event.src_path, getattr(event, "dest_path", "") or "")
            if event.event_type in ("opened", "closed_no_write"):
                return
            if event.is_directory and event.event_type == "modified":
                return  # a folder's entries changed: the files' own events say which, and whether they matter
            relevant = [Path(str(p)) for p in paths if p and _relevant(str(p), project)]
            if relevant:
                changes.add(relevant, event.event_type)

    def cycle() -> None:
        nonlocal project
        paths = changes.take()
        try:
            project = load_project(root)
            # Watch a folder made since (briefings/) before building: a file saved in it during the build
            # then starts the next one instead of going unseen.
            _schedule(observer, Handler, project, scheduled)
            rebuild(project, paths)
            changes.everything = False
        except BriefgenError as exc:
            changes.everything = True
            on_error(exc)

    observer = Observer()
    scheduled: set[Path] = set()
    _schedule(observer, Handler, project, scheduled)
    observer.start()
    try:
        cycle()
        while not stop.is_set():
            if changes.event.wait(0.1):
                # Let a burst of saves (editors write several events) settle before building: each new event
                # starts the wait again, as long as its kind asks for (a file closed after writing, briefly).
                while True:
                    changes.event.clear()
                    if not changes.event.wait(settle_after(changes.last, settle)):
                        break
                cycle()
    finally:
        observer.stop()
        observer.join(timeout=5)


def _schedule(observer: Any, handler: type, project: Project, scheduled: set[Path]) -> None:
    """Watch each of the project's :func:`watched_paths` not yet watched (a folder made since is added)."""
    for path, recursive in watched_paths(project):
        if path not in scheduled:
            observer.schedule(handler(), str(path), recursive=recursive)
            scheduled.add(path)


def watch_project(root: str | Path = ".", audiences: Iterable[str] = (), formats: Iterable[str] = (), *,
                  stop: threading.Event | None = None, on_warning: Optional[Callable[[Problem], None]] = None,
                  reporter: Optional[Callable[[], Reporter]] = None, on_built: Optional[Callable[[], None]] = None,
                  on_error: Optional[Callable[[BriefgenError], None]] = None, briefings: Iterable[str] = ()) -> None:
    """``briefgen watch``: build the project at ``root`` now and after every settled change, until ``stop``
    is set (or Ctrl-C), with worker processes kept warm between builds.

    Each build reloads the library and the briefings (``on_warning`` gets the library's warnings) and builds
    incrementally every briefing (or those ``briefings`` names; a briefing file added while watching is
    picked up), only the changed ones when nothing but briefing files changed (:func:`changed_briefings`),
    inside a fresh ``reporter()``; ``on_built`` is called after each build, ``on_error`` with each problem
    that stopped one (the last good outputs stay).  A bad ``SOURCE_DATE_EPOCH`` raises ConfigError at once:
    editing files cannot fix it.
    """
    source_date_epoch(os.environ)
    audiences, formats, names = tuple(audiences), tuple(formats), tuple(briefings)
    pool = worker_pool()  # kept warm between rebuilds

    def rebuild(project: Project, changed: frozenset) -> None:
        result = load_library(project.content_dir, project.markings, FORMAT_NAMES)
        for warning in result.warnings if on_warning else ():
            on_warning(warning)
        chosen = select_briefings(project_briefings(project, result.library), names, build_all=True)
        progress = reporter() if reporter is not None else None
        with progress if progress is not None else contextlib.nullcontext():
            build_matrix(project, result.library, output_options(project), audiences, formats,
                         progress=progress.update if progress is not None else None, pool=pool,
                         briefings=changed_briefings(project, chosen, changed),
                         page_count=False)  # seconds of LibreOffice on every save: the next build counts
        if on_built is not None:
            on_built()

    try:
        watch(root, rebuild, stop or threading.Event(), on_error or (lambda exc: None))
    finally:
        pool.shutdown(cancel_futures=True)
