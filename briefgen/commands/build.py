"""Batch builds: every briefing × audience × format, in parallel, skipping what has not changed.

``build_matrix`` tailors each audience once (cheap, pure), hashes what each
output depends on (the BriefView, the templates, the master or reference
document, briefgen's version, the format), and rebuilds only outputs whose
hash differs from ``manifest.json`` or whose file is missing or altered.
Work is spread over worker processes; one failing output is reported and
does not stop the others, and its previous file stays as it was.
"""
from __future__ import annotations

import concurrent.futures as cf
import contextlib
import dataclasses
import datetime
import hashlib
import importlib
import json
import multiprocessing
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from briefgen import __version__
from briefgen.atomic import atomic_write_bytes, check_target, remove_stale_temporaries
from briefgen.commands.changes import DECK_RECORD, record_decks
from briefgen.commands.history import KeptCopy, is_edited, keep_edited_output
from briefgen.commands.briefings import build_date, past_date_warning, project_briefings, select_briefings
from briefgen.commands.pages import MEMO_FORMAT, PageCheck
from briefgen.commands.plan import build_view, output_options, output_path
from briefgen.errors import BriefgenError, BuildError, ConfigError, Loc, Problem
from briefgen.files import read_regular
from briefgen.load.briefings import DEFAULT_BRIEFING, NamedBriefing, default_briefing
from briefgen.load.library import Library, load_library
from briefgen.project import Project, load_project
from briefgen.tailor.audiences import resolve_audiences
from briefgen.tailor.tailor import released
from briefgen.tailor.view import BriefView
from briefgen.write.findings import fast_check
from briefgen.write.page_count import memo_promise
from briefgen.write.registry import (FORMAT_NAMES, FORMATS, OutputOptions, check_format, companion_paths, get_writer,
                                     guard_output)

if TYPE_CHECKING:  # only for type hints: workers import this module and need no click
    from briefgen.progress import Reporter

MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # a larger one is not briefgen's: treated as missing
MAX_DECK_BYTES = 1024 * 1024 * 1024  # a person's deck merged on rebuild is read whole


@dataclass(frozen=True)
class Job:
    """One output to consider building."""

    audience: str
    fmt: str
    target: Path
    input_hash: str
    briefing: str = DEFAULT_BRIEFING  # the briefing's name; "" for the library's own


@dataclass
class JobResult:
    """What happened to one job: built, skipped (unchanged) or failed."""

    job: Job
    status: str  # "built", "unchanged" or "failed"
    warnings: tuple = ()
    error: BriefgenError | None = None
    sha256: str = ""
    kept: KeptCopy | None = None  # the person's edited version, copied before this output was rebuilt
    also_kept: tuple = ()  # of KeptCopy: edited files written beside it (a PDF's deck and notes handout)
    companions: tuple = ()  # (path, sha256) of each file written beside the output
    findings: tuple | None = None  # what the fast checks found in a built output (None: not checked)
    record: dict | None = None  # what the writer recorded for the manifest (a deck: its shapes' origins and text)
    merged: tuple = ()  # a deck merged with the person's edits: conflicts and what was kept, one line each
    pages: int | None = None  # a memo: how many pages LibreOffice lays it out on (None: not counted)


@dataclass
class MatrixResult:
    """Results of a batch build, in job order."""

    results: list = field(default_factory=list)
    changes: dict = field(default_factory=dict)  # deck output path -> [Change]: what the room sees, since the last build
    withheld: dict = field(default_factory=dict)  # "BRIEFING/AUDIENCE" -> Withheld: portions not releasable to it

    @property
    def failed(self) -> list:
        """The jobs that failed."""
        return [r for r in self.results if r.status == "failed"]


def file_sha256(path: Path) -> str:
    """The sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _tree_hash(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for root in paths:
        if root is None or not Path(root).exists():
            continue
        root = Path(root)
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()
                                                     and "__pycache__" not in p.parts)
        for f in files:
            h.update(str(f.relative_to(root.parent if root.is_file() else root)).encode())
            h.update(file_sha256(f).encode())
    return h.hexdigest()


def input_hash(view_json: str, fmt: str, template_hash: str, options: OutputOptions) -> str:
    """A hash of everything one output depends on (``view_json``: the BriefView's ``to_json()``)."""
    h = hashlib.sha256()
    parts = [__version__, fmt, template_hash, view_json, str(options.shrink_to_fit),
             json.dumps(dict(options.layouts), sort_keys=True), str(options.source_date_epoch)]
    if fmt == "pptx":
        parts.append(options.deck_charts)
    for part in parts:
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def protected_inputs(library: Library, options: OutputOptions) -> tuple:
    """Every file a build reads and must never write: content files and pictures, template files, and
    ``options.inputs`` (master, reference document, briefgen.yaml)."""
    root = Path(library.root)
    files = [root / f for f in library.files] + [Path(i.path) for i in library.images.values()]
    for folder in options.template_dirs:
        folder = Path(folder)
        if folder.is_dir():
            files.extend(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return tuple(dict.fromkeys(tuple(options.inputs) + tuple(files)))


def _run_job(view: BriefView, fmt: str, target: Path, options: OutputOptions, base: dict | None = None) -> tuple:
    """Worker-side: write one output (never over one of ``options.inputs``, never outside the output folder),
    merge a deck with the person's edits to the deck it replaces when ``base`` (the manifest's record of what
    briefgen last wrote there) is given, then run the fast checks on it
    (:func:`briefgen.write.findings.fast_check`); returns (warnings, error, findings, record, merge lines)."""
    try:
        guard_output(target, options)
        theirs = read_regular(target, MAX_DECK_BYTES) if base is not None and target.is_file() else None
        written = get_writer(fmt)(view, target, options)  # may be empty and carry a record: not ``or []``
        warnings, record = list(written or ()), getattr(written, "record", None)
        merged = _merge(view, target, options, theirs, base) if theirs is not None else ()
    except BriefgenError as exc:
        return (), exc, (), None, ()
    except Exception as exc:  # a bug, or an environment fault: report it against the output, keep going
        return (), BuildError([Problem(Loc(str(target)), "output", f"internal error: {type(exc).__name__}: {exc}")]), (), None, ()
    try:
        findings = fast_check(target)
    except Exception as exc:  # the output was written: a checker's fault must not fail it
        warnings.append(Problem(Loc(str(target)), "check", f"could not be checked: {type(exc).__name__}: {exc}",
                                severity="warning"))
        findings = ()
    return tuple(warnings), None, findings, record, merged


def _merge(view: BriefView, target: Path, options: OutputOptions, theirs: bytes, base: dict) -> tuple:
    """Merge the person's deck (``theirs``) into the deck just written at ``target``; the lines to report.  A deck
    that cannot be merged (not a deck any more, damaged) leaves the new build in place: the person's file is
    in the history folder."""
    from briefgen.write.ooxml.properties import document_epoch
    from briefgen.write.pptx.merge import merge_into

    try:
        return tuple(merge_into(target, theirs, base, document_epoch(view, options.source_date_epoch), options))
    except BriefgenError:
        raise
    except Exception:  # python-pptx refusing the person's file, or a shape it cannot copy
        return ("your edits could not be merged (the file on disk is not a deck briefgen can read): the deck was "
                "rebuilt from the content; your version is the copy in the history folder",)


def load_manifest(output_dir: Path) -> dict:
    """The previous build's manifest ({} when there is none or it is unreadable)."""
    try:  # never waits on a named pipe put in its place
        raw = read_regular(output_dir / MANIFEST, MAX_MANIFEST_BYTES)  # one byte more when the file is larger
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_MANIFEST_BYTES else {}
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def worker_pool(workers: int | None = None) -> cf.ProcessPoolExecutor:
    """Worker processes to keep across builds (``briefgen watch``); the caller shuts the pool down.

    Each worker keeps its imports, compiled templates, measured text and drawn
    charts between builds, so a rebuild starts warm.  Workers are started from
    a clean process (forkserver, or spawn where there is none), never forked
    from a parent that runs file-watching threads, and they ignore Ctrl-C:
    the parent stops them.
    """
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    return cf.ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, mp_context=context,
                                  initializer=_ignore_interrupts)


def early_pool(workers: int, formats: Iterable[str], deck_pictures: bool = False) -> cf.ProcessPoolExecutor:
    """A pool for one build, its workers started now and importing the writers of ``formats`` and, when some
    output draws chart pictures (a memo format, or decks with ``deck_pictures``), the chart library, so that a
    build with everything to do overlaps that start-up with loading the content."""
    formats = tuple(formats)
    pictures = deck_pictures or any(f != "pptx" for f in formats)
    pool = cf.ProcessPoolExecutor(max_workers=workers, initializer=_warm_up, initargs=(formats, pictures))
    pool.submit(int)  # workers start on the first submission
    return pool


def _warm_up(formats: tuple, pictures: bool = True) -> None:
    for fmt in formats:
        try:
            get_writer(fmt)
        except BriefgenError:
            pass  # an unknown format is reported by the build itself
    if not pictures:  # native deck charts only: matplotlib is never needed
        return
    with contextlib.suppress(ImportError):  # a missing matplotlib is reported by the writers
        importlib.import_module("matplotlib.figure")
        importlib.import_module("matplotlib.backends.backend_agg")


def _stop_workers_on_interrupt(kind: type | None, exc: BaseException | None, tb: object) -> bool:
    """On Ctrl-C or SIGTERM (a KeyboardInterrupt on its way out), end this process's worker processes at once
    instead of waiting for the outputs they are writing: every write is atomic, so what they leave is the
    previous output and a temporary file the next build removes.  Never swallows the exception."""
    # GeneratorExit: the loop consuming the results stopped early (an interruption arrived there).
    if kind is not None and issubclass(kind, (KeyboardInterrupt, GeneratorExit)):
        stop_workers()
    return False


def stop_workers() -> None:
    """End every worker process this process started (they are its only children) at once.  SIGKILL, not
    SIGTERM: a forked worker inherits the parent's SIGTERM handler, and a kill cannot be caught half-way;
    what a killed worker leaves is a temporary file the next build removes."""
    for child in multiprocessing.active_children():
        child.kill()
    for child in multiprocessing.active_children():
        child.join(timeout=5)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def build_project(path: str | Path = ".", audiences: Iterable[str] = (), formats: Iterable[str] = (), *,
                  build_all: bool = False, master: str | None = None, reference_docx: str | None = None,
                  force: bool = False, workers: int | None = None,
                  on_warning: Optional[Callable[[Problem], None]] = None,
                  reporter: Reporter | None = None, briefings: Iterable[str] = (), date: str | None = None,
                  today: datetime.date | None = None) -> MatrixResult:
    """``briefgen build``: open the project at ``path``, load its library and briefings and build (see
    :func:`build_matrix`).

    ``briefings`` names the briefings to build (none: with ``build_all`` every briefing, the library's and
    each ``briefings/NAME.yaml``; else the library's); each is built for ``audiences`` if given, else for
    its own audiences, else briefgen.yaml's; in ``formats``, else its own formats, else briefgen.yaml's.  ``date`` (YYYY-MM-DD or
    ``today``) overrides the briefings' dates for this build; ``today`` is the day ``today`` means (default:
    the system's).  When everything is to be built (``build_all`` on a first build, or ``force``), the
    worker processes start while the content loads.  ``on_warning`` receives each warning about the content
    and each briefing dated in the past; ``reporter`` (entered around the build) each finished output.
    Raises ConfigError or ContentError before anything is written; a failed output is in the result.
    """
    project = load_project(path)
    formats = tuple(formats)
    pool = _start_workers_early(project, formats, workers, force) if build_all else None
    try:
        result = load_library(project.content_dir, project.markings, FORMAT_NAMES)
        chosen = select_briefings(project_briefings(project, result.library), briefings, build_all)
        warnings = list(result.warnings) + _past_dates(chosen, date, today or datetime.date.today())
        for warning in warnings if on_warning else ():
            on_warning(warning)
        options = output_options(project, master, reference_docx)
        with reporter if reporter is not None else contextlib.nullcontext():
            return build_matrix(project, result.library, options, audiences, formats, force=force, workers=workers,
                                progress=reporter.update if reporter is not None else None, pool=pool,
                                briefings=chosen, date=date, today=today)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _past_dates(briefings: Iterable[NamedBriefing], date: str | None, today: datetime.date) -> list[Problem]:
    """A warning for each briefing about to be built with a date before ``today``."""
    found = (past_date_warning(b, build_date(b, date, today), today, date is not None) for b in briefings)
    return [w for w in found if w is not None]


def _start_workers_early(project: Project, formats: tuple, workers: int | None,
                         force: bool) -> cf.ProcessPoolExecutor | None:
    """A pool started now (see :func:`early_pool`) when a whole build is likely to need every worker: more
    than one worker on more than one core, and no previous build (or ``force``); else None."""
    if (workers or 2) > 1 and (os.cpu_count() or 1) > 1 and (force or not (project.output_dir / MANIFEST).is_file()):
        return early_pool(workers or os.cpu_count() or 1, formats or project.spec.formats,
                          deck_pictures=project.spec.deck_charts == "picture")
    return None


def build_matrix(project: Project, library: Library, options: OutputOptions, audiences: Iterable[str] = (),
                 formats: Iterable[str] = (), force: bool = False, workers: int | None = None,
                 progress: Callable[[JobResult, int, int], None] | None = None,
                 pool: cf.Executor | None = None, briefings: Iterable[NamedBriefing] | None = None,
                 date: str | None = None, today: datetime.date | None = None, page_count: bool = True) -> MatrixResult:
    """Build every briefing × audience × format; see the module docstring.

    ``briefings`` default to the library's own; ``date`` overrides their dates, ``today`` is the day
    ``today`` means (default: the system's).  ``pool`` (from :func:`worker_pool`) runs the jobs in workers
    kept across builds; without it a pool of ``workers`` processes is made for this build.  ``progress`` is
    called once per job as it finishes: unchanged ones first.  ``page_count``: count the .docx memos' pages
    (:mod:`briefgen.commands.pages`; ``briefgen watch`` leaves it to the next build).
    """
    chosen = list(briefings) if briefings is not None else [default_briefing(library)]
    fmts = {nb.name: formats_to_build(project, formats, nb) for nb in chosen}
    views, withheld = _views(project, library, list(audiences), chosen, date, today or datetime.date.today())
    previous = load_manifest(project.output_dir).get("outputs", {})
    named = {b.name: b for b in chosen} if briefings is not None else {}
    jobs = _plan_jobs(project, library, views, fmts, options, named)
    inputs = protected_inputs(library, options)
    options = dataclasses.replace(options, inputs=inputs)  # every file a writer writes is checked against all
    results: dict[Job, JobResult] = {}
    finished = _Finished(results, len(jobs), progress)
    unchanged = {job: sha256 for job in jobs
                 if (sha256 := None if force else _unchanged_sha256(project, job, previous)) is not None}
    # Longest first, so no worker is left with a deck to write when the others are done.
    todo = sorted((j for j in jobs if j not in unchanged), key=lambda j: -FORMATS[j.fmt].cost)
    pages = _page_check(project, views, todo, previous, options, page_count)
    for job, sha256 in unchanged.items():
        result = JobResult(job, "unchanged", sha256=sha256)
        if not pages.take(result):  # a memo without a page count waits for one
            finished.add(result)
    kept = keep_edited_outputs(project, todo, previous, inputs)
    also_kept = keep_edited_companions(project, todo, previous)
    remove_stale_files(project, todo)
    # A deck a person edited (or one briefgen merged before) is merged with the new build; one as briefgen wrote
    # it is simply replaced (merging it would change nothing).
    bases = {} if force else {j: previous.get(str(j.target.relative_to(project.output_dir)), {}).get("shapes")
                              for j in kept if j.fmt == "pptx"}
    with contextlib.closing(_run_jobs(todo, views, options, workers, pool, bases)) as outcomes:
        for job, warnings, error, findings, record, merged in outcomes:
            result = _result(job, warnings, error, findings, kept.get(job), record, merged, also_kept.get(job, ()))
            if not pages.take(result):  # a memo waits for its page count
                finished.add(result)
    for result in pages.results():
        finished.add(result)
    ordered = [results[j] for j in jobs]
    check_target(project.output_dir / MANIFEST, inputs, project.output_dir, project.root)
    _write_manifest(project, library, ordered, previous)
    changes = _record_decks(project, library, views, ordered, inputs)
    if options.chart_cache is not None:
        from briefgen.render.charts.cache import prune  # not at import: a build with nothing to do needs no chart code

        prune(Path(options.chart_cache))  # this build's charts are the most recently used: kept
    return MatrixResult(ordered, changes, withheld)


def _views(project: Project, library: Library, audiences: list[str], briefings: Iterable[NamedBriefing],
           date: str | None, day: datetime.date) -> tuple[dict[tuple[str, str], BriefView], dict]:
    """The tailored view of each (briefing, audience) to build, and what releasability withheld from each
    variant of an audience with ``releasable_to`` (keyed BRIEFING/AUDIENCE, as the build's progress names them)."""
    views: dict[tuple[str, str], BriefView] = {}
    withheld = {}
    for nb in briefings:
        brief = dataclasses.replace(nb.briefing, date=build_date(nb, date, day))
        for name in _audiences_to_build(project, library, audiences or list(brief.audiences)):
            views[(nb.name, name)] = build_view(library, name, brief, day)
            if library.audiences[name].releasable_to:
                withheld["/".join(filter(None, (nb.name, name)))] = released(library, library.audiences[name],
                                                                             brief).withheld
    return views, withheld


def _page_check(project: Project, views: dict[tuple[str, str], BriefView], todo: list[Job], previous: dict,
                options: OutputOptions, enabled: bool = True) -> PageCheck:
    """The page count of the memos among ``todo`` and of unchanged memos without one
    (:mod:`briefgen.commands.pages`), each held to its briefing's promise, reusing the count the manifest records
    for a memo whose bytes did not change; ``enabled`` False: a check that holds nothing."""
    def recorded(job: Job, sha256: str) -> int | None:
        old = previous.get(str(job.target.relative_to(project.output_dir)), {})
        return old.get("pages") if old.get("sha256") == sha256 else None

    return PageCheck(sum(1 for j in todo if j.fmt == MEMO_FORMAT),
                     lambda job: memo_promise(views[(job.briefing, job.audience)]), recorded, options.reference_docx,
                     enabled)


def _record_decks(project: Project, library: Library, views: dict[tuple[str, str], BriefView], results: list,
                  inputs: tuple) -> dict:
    """Record each deck on disk (built now, or unchanged) beside the manifest and return what changed in what its
    room sees since the last build (:mod:`briefgen.commands.changes`), keyed by the output's path."""
    decks = {str(r.job.target.relative_to(project.output_dir)): (views[(r.job.briefing, r.job.audience)], library)
             for r in results if r.job.fmt == "pptx" and r.status != "failed"}
    if not decks:
        return {}
    return record_decks(project.output_dir, decks, inputs, project.root)


def _audiences_to_build(project: Project, library: Library, audiences: Iterable[str]) -> list[str]:
    """The audiences named (checked as the command line's), else briefgen.yaml's (checked where it names
    them), else every profile."""
    audiences = list(audiences)
    if audiences:
        return resolve_audiences(library, audiences)
    return resolve_audiences(library, project.spec.audiences, project.spec.locs.get("audiences"), "audiences")


def formats_to_build(project: Project, formats: Iterable[str], briefing: NamedBriefing | None = None) -> list[str]:
    """The formats named (``-f``), else the briefing's own ``formats``, else briefgen.yaml's, each once; an
    unknown one fails before any work (the writers are imported by the workers)."""
    own = briefing.briefing.formats if briefing is not None else None
    fmts = list(dict.fromkeys(list(formats) or list(own or ()) or list(project.spec.formats)))
    for f in fmts:
        check_format(f)
    return fmts


def _plan_jobs(project: Project, library: Library, views: dict[tuple[str, str], BriefView],
               fmts: dict[str, list[str]], options: OutputOptions, briefings: dict[str, NamedBriefing]) -> list[Job]:
    """One job per briefing × audience × format (``fmts``: the formats of each briefing, by name), in that order,
    each with the hash of everything its output depends on; two jobs that would write the same file are refused
    before anything is built."""
    template_hash = _tree_hash(list(options.template_dirs) + [options.master, options.reference_docx])
    jobs = []
    for (brief, name), view in views.items():
        view_json = view.to_json()
        for fmt in fmts[brief]:
            target = output_path(project, library, name, fmt, briefings.get(brief), view.date)
            jobs.append(Job(name, fmt, target, input_hash(view_json, fmt, template_hash, options), brief))
    _refuse_shared_targets(jobs)
    return jobs


def _refuse_shared_targets(jobs: list[Job]) -> None:
    """ConfigError when two outputs would be written to one file (a file name pattern that does not tell
    the variants apart)."""
    seen: dict[Path, Job] = {}
    problems = []
    for job in jobs:
        first = seen.setdefault(job.target, job)
        if first is not job:
            problems.append(Problem(None, "file_name", f"expected a file name pattern that tells outputs apart, "
                                    f"got {job.target.name!r} for two of them (briefing "
                                    f"{first.briefing or 'default'!r}, audience {first.audience!r} and briefing "
                                    f"{job.briefing or 'default'!r}, audience {job.audience!r}): add {{file_label}}"
                                    f" or {{briefing}}"))
    if problems:
        raise ConfigError(problems)


def _unchanged_sha256(project: Project, job: Job, previous: dict) -> str | None:
    """The sha256 of the job's output when the last build made it from the same inputs and the file is still
    as that build left it (and so are the files written beside it); None when it must be built."""
    old = previous.get(str(job.target.relative_to(project.output_dir)), {})
    same_inputs = old.get("input_hash") == job.input_hash
    if same_inputs and job.target.is_file() and file_sha256(job.target) == old.get("sha256"):
        for path in companion_paths(job.target, job.fmt).values():
            recorded = previous.get(str(path.relative_to(project.output_dir)), {}).get("sha256")
            if not path.is_file() or file_sha256(path) != recorded:
                return None
        return old["sha256"]
    return None


class _Finished:
    """Collects each job's result and reports it to ``progress`` with how many of ``total`` are done."""

    def __init__(self, results: dict, total: int, progress: Callable[[JobResult, int, int], None] | None):
        self.results, self.total, self.progress = results, total, progress

    def add(self, result: JobResult) -> None:
        """Record ``result`` and report it."""
        self.results[result.job] = result
        if self.progress:
            self.progress(result, len(self.results), self.total)


def _run_jobs(todo: list[Job], views: dict[tuple[str, str], BriefView], options: OutputOptions, workers: int | None,
              pool: cf.Executor | None, bases: dict | None = None) -> Iterator[tuple]:
    """(job, warnings, error, findings, record, merge lines) for each job of ``todo`` as it finishes: in this
    process when one worker would do, else in ``pool`` or a pool of ``workers`` processes made for these jobs.
    ``bases``: job -> the manifest's record of the deck it replaces, to merge the person's edits into."""
    bases = bases or {}
    if not todo:
        return
    workers = workers or min(len(todo), os.cpu_count() or 1)
    if pool is None and (workers <= 1 or len(todo) == 1):
        for job in todo:
            yield (job, *_run_job(views[(job.briefing, job.audience)], job.fmt, job.target, options,
                                  bases.get(job)))
        return
    with contextlib.ExitStack() as stack:
        if pool is None:
            pool = stack.enter_context(cf.ProcessPoolExecutor(max_workers=workers))
        stack.push(_stop_workers_on_interrupt)  # pushed last: runs before the pool waits for its jobs
        futures = {pool.submit(_run_job, views[(j.briefing, j.audience)], j.fmt, j.target, options, bases.get(j)): j
                   for j in todo}
        for fut in cf.as_completed(futures):
            yield (futures[fut], *fut.result())


def _result(job: Job, warnings: tuple, error: BriefgenError | None, findings: tuple = (),
            kept: KeptCopy | None = None, record: dict | None = None, merged: tuple = (),
            also_kept: tuple = ()) -> JobResult:
    if error is not None:
        return JobResult(job, "failed", error=error, kept=kept, also_kept=also_kept)
    companions = tuple((p, file_sha256(p)) for p in companion_paths(job.target, job.fmt).values() if p.is_file())
    return JobResult(job, "built", warnings, sha256=file_sha256(job.target), findings=tuple(findings), kept=kept,
                     record=record, merged=tuple(merged), also_kept=also_kept, companions=companions)


def keep_edited_outputs(project: Project, todo: list, previous: dict, inputs: tuple = ()) -> dict:
    """Before any of ``todo`` is rebuilt: copy each output a person changed since briefgen wrote it (or that
    has no record in the manifest) into the project's history folder; returns job -> KeptCopy.  A target
    that is one of the project's ``inputs`` is left to the writer, which refuses it."""
    protected = {_file_identity(Path(p)) for p in inputs if p is not None} - {None}
    kept = {}
    for job in todo:
        if not job.target.is_file() or _file_identity(job.target) in protected:  # also a hard link to an input
            continue
        key = str(job.target.relative_to(project.output_dir))
        old = previous.get(key, {})
        if old.get("merged") or is_edited(job.target, old.get("sha256"), file_sha256(job.target)):
            kept[job] = keep_edited_output(project.root, project.output_dir, job.target)
    return kept


def keep_edited_companions(project: Project, todo: list, previous: dict) -> dict:
    """Like :func:`keep_edited_outputs` for the files a job writes beside its output (a PDF's deck and notes
    handout): job -> tuple of KeptCopy."""
    kept: dict = {}
    for job in todo:
        for path in companion_paths(job.target, job.fmt).values():
            key = str(path.relative_to(project.output_dir))
            if path.is_file() and is_edited(path, previous.get(key, {}).get("sha256"), file_sha256(path)):
                kept[job] = kept.get(job, ()) + (keep_edited_output(project.root, project.output_dir, path),)
    return kept


def _file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file ``path`` leads to; None when there is none."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def remove_stale_files(project: Project, todo: list) -> None:
    """Remove the temporary files killed builds left beside the outputs about to be written (briefgen's own)."""
    folders: dict[Path, set] = {project.output_dir: {MANIFEST, DECK_RECORD}}
    for job in todo:
        names = [job.target.name] + [p.name for p in companion_paths(job.target, job.fmt).values()]
        folders.setdefault(job.target.parent, set()).update(names)
    for folder, names in folders.items():
        remove_stale_temporaries(folder, names)
    for job in todo:
        if job.fmt == "md":  # the Markdown memo's chart and picture folder is briefgen's alone
            remove_stale_temporaries(job.target.parent / f"{job.target.stem}-charts", None)


def _write_manifest(project: Project, library: Library, results: list, previous: dict) -> None:
    content_hash = _tree_hash([Path(library.root)])
    outputs = dict(previous)
    for r in results:
        key = str(r.job.target.relative_to(project.output_dir))
        if r.status == "failed":
            continue  # keep the entry of the output still on disk, if any
        entry = {"audience": r.job.audience, "format": r.job.fmt, "input_hash": r.job.input_hash,
                 "sha256": r.sha256}
        if r.job.briefing != DEFAULT_BRIEFING:
            entry["briefing"] = r.job.briefing
        if r.status == "built" and r.record is not None:
            # a deck: what each generated shape contained (merge, trace, pull); a memo: what each paragraph shows
            entry["shapes"] = r.record
            if r.merged:
                entry["merged"] = True  # it holds a person's edits: copied to the history before it is replaced
        elif r.status == "unchanged":
            entry.update({k: v for k, v in outputs.get(key, {}).items() if k in ("shapes", "merged", "pages")})
        if r.pages is not None:
            entry["pages"] = r.pages  # a memo's page count, for these bytes: not counted again while they stay
        outputs[key] = entry
        for path, sha256 in r.companions:  # recorded so that an edited one is kept and `check` reads it
            outputs[str(path.relative_to(project.output_dir))] = {"audience": r.job.audience, "format": r.job.fmt,
                                                                  "companion_of": key, "sha256": sha256}
    root = Path(library.root)
    inputs = {f: file_sha256(root / f) for f in sorted(library.files)}
    manifest = {"tool": "briefgen", "version": __version__, "content_hash": content_hash,
                "inputs": inputs, "outputs": dict(sorted(outputs.items()))}
    data = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    target = project.output_dir / MANIFEST
    if not (target.is_file() and target.read_bytes() == data):
        atomic_write_bytes(target, data)
