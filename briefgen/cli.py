"""The ``briefgen`` command: a thin click layer over the library API.

Each command parses its options, calls one API function and prints the
result.  briefgen's own errors become one line per problem on stderr and the
error class's exit code; tracebacks are for bugs only.

Exit codes: 0 success; 1 invalid content, profile or settings (or warnings
under --strict); 2 bad command-line usage; 3 unusable template, master or
reference document; 4 an output could not be built or written; 5 a needed
external program (LibreOffice) is missing.
"""
from __future__ import annotations

import os
import sys
from typing import Any

import click

from briefgen import __version__
from briefgen.errors import BriefgenError
from briefgen.load.library import LoadResult, load_library
from briefgen.project import Project, init_project, load_project


class _Group(click.Group):
    """Maps BriefgenError to clean output and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            n = sum(1 for p in exc.problems if p.severity == "error")
            if n > 1:
                click.echo(f"{n} errors", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
def cli() -> None:
    """Build audience-tailored briefing decks and memos from a content library.

    \b
    Example:
      briefgen init my-brief && cd my-brief
      briefgen validate
      briefgen build --all
    """


def _open(path: str | None) -> tuple[Project, LoadResult]:
    project = load_project(path or ".")
    return project, load_library(project.content_dir)


def _print_warnings(result: LoadResult) -> None:
    for w in result.warnings:
        click.echo(str(w), err=True)


@cli.command()
@click.argument("path", required=False, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
def validate(path: str | None, strict: bool) -> None:
    """Check a content library and report every problem at once.

    PATH is a project folder (with briefgen.yaml) or a content folder;
    default: the current folder.

    \b
    Example:
      briefgen validate --strict content
    """
    _, result = _open(path)
    _print_warnings(result)
    lib = result.library
    counts = ", ".join(f"{len(lib.items(k))} {k}" for k in ("threats", "capabilities", "options", "risks",
                                                             "sources", "events"))
    if strict and result.warnings:
        click.echo(f"{len(result.warnings)} warning(s) (failing because of --strict)", err=True)
        sys.exit(1)
    click.echo(f"ok: {counts}, {len(lib.audiences)} audiences")


@cli.command(name="list")
@click.argument("kind", type=click.Choice(["threats", "capabilities", "options", "risks", "sources", "events",
                                           "audiences"]))
@click.option("--audience", "-a", help="Show the order and role (lead/normal/backup/omitted) this audience sees.")
@click.option("--project", "-p", "path", type=click.Path(), help="Project or content folder (default: .).")
def list_cmd(kind: str, audience: str | None, path: str | None) -> None:
    """Print the items of KIND as a table.

    \b
    Example:
      briefgen list options --audience hawkish
    """
    from briefgen.commands.listing import format_table, list_rows

    _, result = _open(path)
    header, rows = list_rows(result.library, kind, audience)
    click.echo(format_table(header, rows))


@cli.command()
@click.argument("directory", type=click.Path())
def init(directory: str) -> None:
    """Create a working project in DIRECTORY: briefgen.yaml, content/ and templates/.

    \b
    Example:
      briefgen init my-brief && cd my-brief && briefgen validate
    """
    dest = init_project(directory)
    click.echo(f"created {dest}: edit content/*.yaml, then run `briefgen validate` and `briefgen build --all` there")


@cli.command()
@click.option("--audience", "-a", "audiences", multiple=True, help="Audience to build (repeatable).")
@click.option("--format", "-f", "formats", multiple=True,
              type=click.Choice(["pptx", "docx", "md", "html", "pdf"]), help="Format to build (repeatable).")
@click.option("--all", "build_all", is_flag=True,
              help="Every audience x format in briefgen.yaml (default: all audiences x pptx, docx, md, html).")
@click.option("--master", type=click.Path(), help="A master .pptx to build decks on.")
@click.option("--reference-docx", type=click.Path(), help="A .docx whose styles memos use.")
@click.option("--force", is_flag=True, help="Rebuild outputs even when their inputs did not change.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), help="Worker processes (default: one per core).")
@click.option("--project", "-p", "path", type=click.Path(), help="Project folder (default: .).")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
def build(audiences: tuple, formats: tuple, build_all: bool, master: str | None, reference_docx: str | None,
          force: bool, workers: int | None, path: str | None, quiet: bool) -> None:
    """Build decks and memos: one audience and format, or the whole matrix.

    Outputs go to out/AUDIENCE/SLUG.EXT with a manifest.json; outputs whose
    inputs did not change are left alone. A failing output does not stop the
    others, and its previous file is kept.

    \b
    Examples:
      briefgen build --audience hawkish --format pptx
      briefgen build --all
    """
    from briefgen.commands.build import MANIFEST, build_matrix, early_pool
    from briefgen.commands.plan import output_options
    from briefgen.progress import Reporter

    if not build_all and not audiences:
        raise click.UsageError("name an --audience, or pass --all")
    project = load_project(path or ".")
    if not formats and not build_all:
        formats = ("pptx",)
    pool = None
    if build_all and (workers or 2) > 1 and (os.cpu_count() or 1) > 1 and \
            (force or not (project.output_dir / MANIFEST).is_file()):
        # Everything will be built: start the workers while the content loads.
        pool = early_pool(workers or os.cpu_count() or 1, formats or project.spec.formats,
                          deck_pictures=project.spec.deck_charts == "picture")
    try:
        result = load_library(project.content_dir)
        if not quiet:
            _print_warnings(result)
        opts = output_options(project, master, reference_docx)
        with Reporter(quiet) as reporter:
            outcome = build_matrix(project, result.library, opts, audiences, formats, force=force,
                                   workers=workers, progress=reporter.update, pool=pool)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    failed = outcome.failed
    if failed:
        click.echo(f"{len(failed)} of {len(outcome.results)} outputs failed; their previous files were left as "
                   f"they were", err=True)
        sys.exit(max(r.error.exit_code for r in failed))


@cli.command()
@click.option("--audience", "-a", "audiences", multiple=True, help="Audience to rebuild (default: all).")
@click.option("--format", "-f", "formats", multiple=True,
              type=click.Choice(["pptx", "docx", "md", "html", "pdf"]), help="Format to rebuild (default: all).")
@click.option("--project", "-p", "path", type=click.Path(), default=".", help="Project folder (default: .).")
def watch(audiences: tuple, formats: tuple, path: str) -> None:
    """Rebuild the outputs a changed file affects, until Ctrl-C.

    Invalid content is reported and the last good outputs are kept.

    \b
    Example:
      briefgen watch --format pptx
    """
    import threading

    from briefgen.commands.build import build_matrix, worker_pool
    from briefgen.commands.plan import output_options, source_date_epoch
    from briefgen.commands.watch import watch as run_watch
    from briefgen.progress import Reporter

    source_date_epoch(os.environ)  # a bad value cannot be fixed by editing files: stop before watching
    pool = worker_pool()  # kept warm between rebuilds

    def rebuild(project: Project) -> None:
        result = load_library(project.content_dir)
        _print_warnings(result)
        with Reporter(quiet=False) as reporter:
            build_matrix(project, result.library, output_options(project), audiences, formats,
                         progress=reporter.update, pool=pool)
        click.echo(f"[{_now()}] up to date; watching for changes (Ctrl-C to stop)", err=True)

    def report(exc: BriefgenError) -> None:
        for line in exc.lines():
            click.echo(line, err=True)
        click.echo(f"[{_now()}] not rebuilt: fix the problem above; the last good outputs are kept", err=True)

    stop = threading.Event()
    try:
        run_watch(path, rebuild, stop, report)
    except KeyboardInterrupt:
        stop.set()
        click.echo("stopped", err=True)
    finally:
        pool.shutdown(cancel_futures=True)


@cli.command()
@click.option("--audience", "-a", "audiences", multiple=True, help="Audience to show (default: all).")
@click.option("--format", "-f", "formats", multiple=True, type=click.Choice(["pptx", "docx"]),
              help="Formats to show (default: pptx and docx).")
@click.option("--project", "-p", "path", type=click.Path(), help="Project folder (default: .).")
def preview(audiences: tuple, formats: tuple, path: str | None) -> None:
    """Render every variant to thumbnails in one HTML contact sheet and print its path.

    Needs LibreOffice and pdftoppm (poppler-utils).

    \b
    Example:
      briefgen preview && xdg-open out/preview.html
    """
    from briefgen.commands.plan import output_options
    from briefgen.commands.preview import preview as run_preview

    project, result = _open(path)
    target = run_preview(project, result.library, output_options(project), audiences, formats or ("pptx", "docx"))
    click.echo(str(target))


def _now() -> str:
    import time

    return time.strftime("%H:%M:%S")


@cli.command()
@click.argument("a")
@click.argument("b")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True,
              help="Terminal text, or a self-contained HTML page.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Where --format html writes (default: OUTPUT/diff-A-B.html).")
@click.option("--width", type=click.IntRange(40, 1000), help="Wrap text to this many columns (default: terminal).")
@click.option("--project", "-p", "path", type=click.Path(), help="Project or content folder (default: .).")
def diff(a: str, b: str, fmt: str, output: str | None, width: int | None, path: str | None) -> None:
    """Show what audience A sees that audience B does not, and the reverse.

    Items only one side shows, role changes (lead/normal/backup), order within
    sections, section titles, BLUF, recommendation and framing side by side.

    \b
    Examples:
      briefgen diff hawkish dovish
      briefgen diff hawkish dovish --format html -o hawk-vs-dove.html
    """
    from pathlib import Path

    from briefgen.commands.diff import default_diff_path, diff_audiences, format_diff_text, write_diff_html

    if output and fmt != "html":
        raise click.UsageError("--output needs --format html")
    project, result = _open(path)
    d = diff_audiences(result.library, a, b)
    if fmt == "text":
        click.echo(format_diff_text(d, width), nl=False)
        return
    from briefgen.commands.build import protected_inputs
    from briefgen.commands.plan import output_options

    target = Path(output) if output else default_diff_path(project.output_dir, a, b)
    inputs = protected_inputs(result.library, output_options(project))  # content, templates, master, reference
    click.echo(f"wrote {write_diff_html(d, target, project.template_dirs, inputs)}")


@cli.command()
@click.option("--audience", "-a", "audiences", multiple=True, help="Audience column to show (repeatable; default: all).")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True,
              help="A table for the terminal, or CSV on stdout.")
@click.option("--project", "-p", "path", type=click.Path(), help="Project or content folder (default: .).")
def coverage(audiences: tuple, fmt: str, path: str | None) -> None:
    """Print every item x every audience: lead, normal, backup or omitted.

    \b
    Examples:
      briefgen coverage
      briefgen coverage --format csv > coverage.csv
    """
    from briefgen.commands.coverage import coverage as make_coverage
    from briefgen.commands.coverage import coverage_csv, coverage_table
    from briefgen.commands.listing import format_table

    _, result = _open(path)
    cov = make_coverage(result.library, audiences)
    if fmt == "csv":
        click.echo(coverage_csv(cov), nl=False)
    else:
        click.echo(format_table(*coverage_table(cov)))


@cli.group()
def templates() -> None:
    """Check a master deck, or export the shipped templates to edit.

    \b
    Examples:
      briefgen templates check our-master.pptx
      briefgen templates export templates
    """


@templates.command(name="check")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--project", "-p", "path", type=click.Path(), help="Project whose layouts mapping applies (default: .).")
def templates_check(file: str, path: str | None) -> None:
    """List what a master .pptx lacks for briefgen's decks (exit 3 if anything)."""
    from pathlib import Path

    from briefgen.errors import TemplateError
    from briefgen.render.deck.model import LAYOUTS
    from briefgen.write.pptx.master import check_master

    project = load_project(path or ".")
    layouts = dict(project.spec.layouts)
    problems = check_master(Path(file), layouts)
    if problems:
        raise TemplateError(problems)
    names = ", ".join(f"{n} -> {layouts[n]}" if n in layouts else n for n in LAYOUTS)
    click.echo(f"ok: {file} has every layout briefgen uses ({names})")


@templates.command(name="export")
@click.argument("directory", type=click.Path(file_okay=False))
def templates_export(directory: str) -> None:
    """Copy the shipped templates (deck, master, memo) into DIRECTORY to edit; never overwrites."""
    from briefgen.commands.templates import export_templates

    written = export_templates(directory)
    for p in written:
        click.echo(f"wrote {p}")
    click.echo(f"{len(written)} files; point briefgen.yaml's templates: at {directory} to use them")


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and ``python -m briefgen``."""
    cli.main(args=argv, prog_name="briefgen")


__all__ = ["cli", "main"]
