"""Batch builds: every audience × format, in parallel, skipping what has not changed.

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
import hashlib
import importlib
import json
import multiprocessing
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from briefgen import __version__
from briefgen.atomic import atomic_write_bytes, refuse_inputs
from briefgen.commands.plan import build_view, output_path, resolve_audiences
from briefgen.errors import BriefgenError, BuildError, Loc, Problem
from briefgen.load.library import Library
from briefgen.project import Project
from briefgen.tailor.view import BriefView
from briefgen.write.registry import OutputOptions, check_format, get_writer

MANIFEST = "manifest.json"
_COST = {"pptx": 4, "pdf": 4, "docx": 2, "html": 2, "md": 1}  # rough relative time to write one output


@dataclass(frozen=True)
class Job:
    """One output to consider building."""

    audience: str
    fmt: str
    target: Path
    input_hash: str


@dataclass
class JobResult:
    """What happened to one job: built, skipped (unchanged) or failed."""

    job: Job
    status: str  # "built", "unchanged" or "failed"
    warnings: tuple = ()
    error: BriefgenError | None = None
    sha256: str = ""


@dataclass
class MatrixResult:
    """Results of a batch build, in job order."""

    results: list = field(default_factory=list)

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
    """Every file a build reads and must never write: content files and pictures, template files, master,
    reference."""
    root = Path(library.root)
    files = [root / f for f in library.files] + [Path(i.path) for i in library.images.values()]
    for folder in options.template_dirs:
        folder = Path(folder)
        if folder.is_dir():
            files.extend(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return tuple(options.inputs) + tuple(files)


def _run_job(view: BriefView, fmt: str, target: Path, options: OutputOptions, inputs: tuple = ()) -> tuple:
    """Worker-side: write one output (never over one of ``inputs``); returns (warnings, error)."""
    try:
        refuse_inputs(target, inputs)
        warnings = get_writer(fmt)(view, target, options) or []
        return tuple(warnings), None
    except BriefgenError as exc:
        return (), exc
    except Exception as exc:  # a bug, or an environment fault: report it against the output, keep going
        return (), BuildError([Problem(Loc(str(target)), "output", f"internal error: {type(exc).__name__}: {exc}")])


def load_manifest(output_dir: Path) -> dict:
    """The previous build's manifest ({} when there is none or it is unreadable)."""
    try:
        return json.loads((output_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


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


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def build_matrix(project: Project, library: Library, options: OutputOptions, audiences: Iterable[str] = (),
                 formats: Iterable[str] = (), force: bool = False, workers: int | None = None,
                 progress: Callable[[JobResult, int, int], None] | None = None,
                 pool: cf.Executor | None = None) -> MatrixResult:
    """Build every audience × format; see the module docstring.

    ``pool`` (from :func:`worker_pool`) runs the jobs in workers kept across
    builds; without it a pool of ``workers`` processes is made for this build.
    """
    audiences = list(audiences)
    if audiences:
        names = resolve_audiences(library, audiences)
    else:
        names = resolve_audiences(library, project.spec.audiences, project.spec.locs.get("audiences"), "audiences")
    fmts = list(formats) or list(project.spec.formats)
    for f in fmts:
        check_format(f)  # unknown format: fail before any work (writers are imported by the workers)
    template_hash = _tree_hash(list(options.template_dirs) + [options.master, options.reference_docx])
    manifest = load_manifest(project.output_dir)
    previous = manifest.get("outputs", {})
    views = {name: build_view(library, name) for name in names}
    view_json = {name: view.to_json() for name, view in views.items()}
    inputs = protected_inputs(library, options)
    jobs, todo = [], []
    for name in names:
        for fmt in fmts:
            target = output_path(project, library, name, fmt)
            job = Job(name, fmt, target, input_hash(view_json[name], fmt, template_hash, options))
            jobs.append(job)
            key = str(target.relative_to(project.output_dir))
            old = previous.get(key, {})
            unchanged = (not force and old.get("input_hash") == job.input_hash and target.is_file()
                         and file_sha256(target) == old.get("sha256"))
            if not unchanged:
                todo.append(job)
    results: dict[Job, JobResult] = {}
    done = 0
    for job in jobs:
        if job not in todo:
            key = str(job.target.relative_to(project.output_dir))
            results[job] = JobResult(job, "unchanged", sha256=previous[key]["sha256"])
            done += 1
            if progress:
                progress(results[job], done, len(jobs))
    # Longest first, so no worker is left with a deck to write when the others are done.
    todo.sort(key=lambda j: -_COST.get(j.fmt, 1))
    workers = workers or min(len(todo), os.cpu_count() or 1)
    if todo:
        if pool is None and (workers <= 1 or len(todo) == 1):
            outcomes = ((job, _run_job(views[job.audience], job.fmt, job.target, options, inputs)) for job in todo)
            for job, (warnings, error) in outcomes:
                done += 1
                results[job] = _result(job, warnings, error)
                if progress:
                    progress(results[job], done, len(jobs))
        else:
            with contextlib.ExitStack() as stack:
                if pool is None:
                    pool = stack.enter_context(cf.ProcessPoolExecutor(max_workers=workers))
                futures = {pool.submit(_run_job, views[j.audience], j.fmt, j.target, options, inputs): j for j in todo}
                for fut in cf.as_completed(futures):
                    job = futures[fut]
                    warnings, error = fut.result()
                    done += 1
                    results[job] = _result(job, warnings, error)
                    if progress:
                        progress(results[job], done, len(jobs))
    ordered = [results[j] for j in jobs]
    refuse_inputs(project.output_dir / MANIFEST, inputs)
    _write_manifest(project, library, ordered, previous)
    if options.chart_cache is not None:
        from briefgen.render.charts.cache import prune  # not at import: a build with nothing to do needs no chart code

        prune(Path(options.chart_cache))  # this build's charts are the most recently used: kept
    return MatrixResult(ordered)


def _result(job: Job, warnings: tuple, error: BriefgenError | None) -> JobResult:
    if error is not None:
        return JobResult(job, "failed", error=error)
    return JobResult(job, "built", warnings, sha256=file_sha256(job.target))


def _write_manifest(project: Project, library: Library, results: list, previous: dict) -> None:
    content_hash = _tree_hash([Path(library.root)])
    outputs = dict(previous)
    for r in results:
        key = str(r.job.target.relative_to(project.output_dir))
        if r.status == "failed":
            continue  # keep the entry of the output still on disk, if any
        outputs[key] = {"audience": r.job.audience, "format": r.job.fmt, "input_hash": r.job.input_hash,
                        "sha256": r.sha256}
    root = Path(library.root)
    inputs = {f: file_sha256(root / f) for f in sorted(library.files)}
    manifest = {"tool": "briefgen", "version": __version__, "content_hash": content_hash,
                "inputs": inputs, "outputs": dict(sorted(outputs.items()))}
    data = (json.dumps(manifest, indent=2, sort_keys=True) + "\n").encode()
    target = project.output_dir / MANIFEST
    if not (target.is_file() and target.read_bytes() == data):
        atomic_write_bytes(target, data)
