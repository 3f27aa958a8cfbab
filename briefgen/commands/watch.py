"""``briefgen watch``: rebuild what a changed file affects, keep the last good outputs.

Watches the content folder, the project's templates and briefgen.yaml with
watchdog.  After a burst of changes settles, the library is reloaded: if it
is invalid the errors are printed and nothing is written; otherwise the
incremental batch build rebuilds only outputs whose inputs changed.
:func:`watch_project` is the command; :func:`watch` the loop it runs.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Optional

from briefgen.commands.build import build_matrix, worker_pool
from briefgen.commands.plan import output_options, source_date_epoch
from briefgen.errors import BriefgenError, Problem
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
    templates with theirs; the project folder (for briefgen.yaml) and the folder of a master or reference
    document kept elsewhere on their own."""
    trees = [p for p in _trees(project) if p.is_dir()]
    flat = [project.root]
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
    return p.parent == project.root and p.name == CONFIG_NAME


def watch(root: str | Path, rebuild: Callable[[Project], None], stop: threading.Event,
          on_error: Callable[[BriefgenError], None], settle: float = SETTLE_SECONDS) -> None:
    """Call ``rebuild(project)`` now and after every settled burst of relevant changes, until ``stop`` is set."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()
    last_event = ["modified"]  # type of the latest relevant event: how long to let it settle
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
            if any(p and _relevant(str(p), project) for p in paths):
                last_event[0] = event.event_type
                changed.set()

    def cycle() -> None:
        nonlocal project
        try:
            project = load_project(root)
            rebuild(project)
        except BriefgenError as exc:
            on_error(exc)

    observer = Observer()
    for path, recursive in watched_paths(project):
        observer.schedule(Handler(), str(path), recursive=recursive)
    observer.start()
    try:
        cycle()
        while not stop.is_set():
            if changed.wait(0.1):
                # Let a burst of saves (editors write several events) settle before building: each new event
                # starts the wait again, as long as its kind asks for (a file closed after writing, briefly).
                while True:
                    changed.clear()
                    if not changed.wait(settle_after(last_event[0], settle)):
                        break
                cycle()
    finally:
        observer.stop()
        observer.join(timeout=5)


def watch_project(root: str | Path = ".", audiences: Iterable[str] = (), formats: Iterable[str] = (), *,
                  stop: threading.Event | None = None, on_warning: Optional[Callable[[Problem], None]] = None,
                  reporter: Optional[Callable[[], Reporter]] = None, on_built: Optional[Callable[[], None]] = None,
                  on_error: Optional[Callable[[BriefgenError], None]] = None) -> None:
    """``briefgen watch``: build the project at ``root`` now and after every settled change, until ``stop``
    is set (or Ctrl-C), with worker processes kept warm between builds.

    Each build reloads the library (``on_warning`` gets its warnings) and builds incrementally, inside a
    fresh ``reporter()``; ``on_built`` is called after each build, ``on_error`` with each problem that
    stopped one (the last good outputs stay).  A bad ``SOURCE_DATE_EPOCH`` raises ConfigError at once:
    editing files cannot fix it.
    """
    source_date_epoch(os.environ)
    audiences, formats = tuple(audiences), tuple(formats)
    pool = worker_pool()  # kept warm between rebuilds

    def rebuild(project: Project) -> None:
        result = load_library(project.content_dir, project.markings, FORMAT_NAMES)
        for warning in result.warnings if on_warning else ():
            on_warning(warning)
        progress = reporter() if reporter is not None else None
        with progress if progress is not None else contextlib.nullcontext():
            build_matrix(project, result.library, output_options(project), audiences, formats,
                         progress=progress.update if progress is not None else None, pool=pool)
        if on_built is not None:
            on_built()

    try:
        watch(root, rebuild, stop or threading.Event(), on_error or (lambda exc: None))
    finally:
        pool.shutdown(cancel_futures=True)
