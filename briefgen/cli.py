"""The ``briefgen`` command: a thin click layer over the library API (:mod:`briefgen.api`).

Each command parses its options, calls the API (or a command module for
list, init, watch and templates) and prints the result.  briefgen's own
errors become one line per problem on stderr and the error class's exit
code; tracebacks are for bugs only.

Exit codes: 0 success; 1 invalid content, profile or settings (or warnings
under --strict); 2 bad command-line usage; 3 unusable template, master or
reference document; 4 an output could not be built or written; 5 a needed
external program (LibreOffice) is missing.
"""
from __future__ import annotations

import signal
import sys
from typing import Any

import click

from briefgen import __version__, api
from briefgen.commands.listing import LISTABLE
from briefgen.errors import BriefgenError, Problem, display_path, summarise
from briefgen.project import init_project, load_project
from briefgen.write.registry import DEFAULT_FORMATS, FORMAT_NAMES, PREVIEW_FORMATS


# The --project option, as commands that need a project take it, and as those that also take a content folder do.
PROJECT_OPTION = click.option("--project", "-p", "path", type=click.Path(), help="Project folder (default: .).")
CONTENT_OPTION = click.option("--project", "-p", "path", type=click.Path(),
                              help="Project or content folder (default: .).")


class _Group(click.Group):
    """Maps BriefgenError to clean output and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BriefgenError as exc:
            _print_lines(summarise(exc.problems, ctx.meta.get("all_warnings", False)))
            n = sum(1 for p in exc.problems if p.severity == "error")
            if n > 1:
                click.echo(f"{n} errors", err=True)
            ctx.exit(exc.exit_code)
        except Terminated:
            click.echo("terminated", err=True)
            ctx.exit(128 + signal.SIGTERM)
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


def _warn(problem: Problem) -> None:
    click.echo(str(problem), err=True)


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)


@cli.command()
@click.argument("path", required=False, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--all-warnings", is_flag=True, help="List every warning (a warning repeated for many items is "
                                                    "otherwise counted after its first few).")
def validate(path: str | None, strict: bool, all_warnings: bool) -> None:
    """Check a content library and report every problem at once.

    PATH is a project folder (with briefgen.yaml) or a content folder;
    default: the current folder.

    \b
    Example:
      briefgen validate --strict content
    """
    click.get_current_context().meta["all_warnings"] = all_warnings  # also for warnings printed with errors
    loaded = api.validate(path or ".")
    _print_lines(summarise(loaded.warnings, all_warnings))
    if strict and loaded.warnings:
        click.echo(f"{len(loaded.warnings)} warning(s) (failing because of --strict)", err=True)
        sys.exit(1)
    click.echo("ok: " + ", ".join(f"{n} {kind}" for kind, n in loaded.counts().items()))


@cli.command(name="list")
@click.argument("kind", type=click.Choice(LISTABLE + ("briefings",)))
@click.option("--audience", "-a", help="Show the order and role (lead/normal/backup/omitted) this audience sees.")
@CONTENT_OPTION
def list_cmd(kind: str, audience: str | None, path: str | None) -> None:
    """Print the items of KIND (or the project's briefings) as a table.

    \b
    Examples:
      briefgen list options --audience hawkish
      briefgen list briefings
    """
    from briefgen.commands.briefings import briefing_rows
    from briefgen.commands.listing import format_table, list_rows

    loaded = api.load(path or ".")
    if kind == "briefings":
        header, rows = briefing_rows(loaded.project, loaded.library)
    else:
        header, rows = list_rows(loaded.library, kind, audience)
    click.echo(format_table(header, rows))


@cli.command()
@click.argument("directory", type=click.Path())
@click.option("--blank", is_flag=True, help="Start an empty library on a new topic (a commented vocabulary and one "
                                            "example of each kind) instead of the example library.")
def init(directory: str, blank: bool) -> None:
    """Create a working project in DIRECTORY: briefgen.yaml, content/ and templates/.

    \b
    Example:
      briefgen init my-brief && cd my-brief && briefgen validate
      briefgen init my-topic --blank   # an empty library: start with content/vocabulary.yaml
    """
    dest = init_project(directory, blank)
    click.echo(f"created {dest}: edit content/*.yaml, then run `briefgen validate` and `briefgen build --all` there")


@cli.command()
@click.option("--audience", "-a", "audiences", multiple=True,
              help="Audience to build (repeatable; default: the briefing's audiences, else briefgen.yaml's).")
@click.option("--format", "-f", "formats", multiple=True,
              type=click.Choice(FORMAT_NAMES), help="Format to build (repeatable; default: the briefing's formats, else briefgen.yaml's).")
@click.option("--briefing", "-b", "briefings", multiple=True,
              help="Named briefing to build, briefings/NAME.yaml (repeatable; default: content/briefing.yaml).")
@click.option("--all", "build_all", is_flag=True,
              help=f"Every briefing x audience x format (default formats: {', '.join(DEFAULT_FORMATS)}).")
@click.option("--date", help="Date the briefings for this build: YYYY-MM-DD or today.")
@click.option("--master", type=click.Path(), help="A master .pptx to build decks on.")
@click.option("--reference-docx", type=click.Path(), help="A .docx whose styles memos use.")
@click.option("--force", is_flag=True, help="Rebuild outputs even when their inputs did not change.")
@click.option("--workers", "-j", type=click.IntRange(1, 64), help="Worker processes (default: one per core).")
@PROJECT_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
def build(audiences: tuple, formats: tuple, briefings: tuple, build_all: bool, date: str | None,
          master: str | None, reference_docx: str | None, force: bool, workers: int | None, path: str | None,
          quiet: bool) -> None:
    """Build decks and memos: a briefing's audiences and formats, or the whole matrix.

    Outputs go to out/AUDIENCE/SLUG.EXT (a named briefing's to
    out/BRIEFING/AUDIENCE/...) with a manifest.json; outputs whose inputs did
    not change are left alone. A failing output does not stop the others, and
    its previous file is kept.

    \b
    Examples:
      briefgen build --audience hawkish --format pptx
      briefgen build --briefing senator --date today
      briefgen build --all
    """
    from briefgen.progress import Reporter

    if not build_all and not audiences and not briefings:
        raise click.UsageError("name an --audience or a --briefing, or pass --all")
    outcome = api.build(path or ".", audiences, formats, build_all=build_all, master=master,
                        reference_docx=reference_docx, force=force, workers=workers,
                        on_warning=None if quiet else _warn, reporter=Reporter(quiet), briefings=briefings,
                        date=date)
    for folder, withheld in outcome.withheld.items():  # even with -q: nothing is withheld silently
        click.echo(f"{folder}: {withheld.line()}", err=True)
    if not quiet:
        _print_changes(outcome.changes)
    failed = outcome.failed
    if failed:
        click.echo(f"{len(failed)} of {len(outcome.results)} outputs failed; their previous files were left as "
                   f"they were", err=True)
        sys.exit(max(r.error.exit_code for r in failed))


def _print_changes(changes: dict) -> None:
    """After a build: for each deck, the first few changes in what its room sees since the last build."""
    from briefgen.commands.changes import format_changes

    for name, found in changes.items():
        for line in format_changes(name, found):
            click.echo(line, err=True)


@cli.command()
@click.argument("outputs", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@PROJECT_OPTION
def check(outputs: tuple, strict: bool, path: str | None) -> None:
    """Check outputs are accessible and valid: one line per problem, with what to do.

    OUTPUT is a .pptx, .docx, .html, .pdf or .md file briefgen wrote; default:
    every output of the project (its manifest and diff pages). Exits 1 on
    errors (--strict: on warnings too). Open XML validity needs
    openxml-audit (pip install 'briefgen[check]').

    \b
    Examples:
      briefgen check
      briefgen check --strict out/hawkish/brief.pptx
    """
    from briefgen.commands.check import check_outputs, project_outputs, summary

    paths = outputs or project_outputs(load_project(path or "."))
    report = check_outputs(paths)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for finding in report.findings:
        click.echo(str(finding))
    click.echo(summary(report), err=True)
    if report.errors or (strict and report.warnings):
        if strict and report.warnings and not report.errors:
            click.echo(f"{len(report.warnings)} warning(s) (failing because of --strict)", err=True)
        sys.exit(1)


@cli.command()
@click.option("--audience", "-a", "audiences", multiple=True,
              help="Audience to rebuild (default: each briefing's, else briefgen.yaml's).")
@click.option("--format", "-f", "formats", multiple=True,
              type=click.Choice(FORMAT_NAMES), help="Format to rebuild (default: each briefing's, else briefgen.yaml's).")
@click.option("--briefing", "-b", "briefings", multiple=True,
              help="Briefing to rebuild, briefings/NAME.yaml (repeatable; default: every briefing).")
@click.option("--project", "-p", "path", type=click.Path(), default=".", help="Project folder (default: .).")
def watch(audiences: tuple, formats: tuple, briefings: tuple, path: str) -> None:
    """Rebuild the outputs a changed file affects, until Ctrl-C.

    Every briefing is built (the library's and each briefings/NAME.yaml), or
    those named; a changed briefing file rebuilds that briefing only. Invalid
    content is reported and the last good outputs are kept.

    \b
    Example:
      briefgen watch --briefing senator --format pptx
    """
    from briefgen.commands.watch import watch_project
    from briefgen.progress import Reporter

    def built() -> None:
        click.echo(f"[{_now()}] up to date; watching for changes (Ctrl-C to stop)", err=True)

    def not_built(exc: BriefgenError) -> None:
        _print_lines(exc.lines())
        click.echo(f"[{_now()}] not rebuilt: fix the problem above; the last good outputs are kept", err=True)

    try:
        watch_project(path, audiences, formats, on_warning=_warn, reporter=Reporter, on_built=built,
                      on_error=not_built, briefings=briefings)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


@cli.command()
@click.option("--audience", "-a", "audiences", multiple=True, help="Audience to show (default: all).")
@click.option("--format", "-f", "formats", multiple=True, type=click.Choice(PREVIEW_FORMATS),
              help=f"Formats to show (default: each briefing's {' and '.join(PREVIEW_FORMATS)}).")
@click.option("--briefing", "-b", "briefings", multiple=True,
              help="Briefing to show, briefings/NAME.yaml (repeatable; default: every briefing).")
@PROJECT_OPTION
def preview(audiences: tuple, formats: tuple, briefings: tuple, path: str | None) -> None:
    """Render every variant of every briefing to thumbnails in one HTML contact sheet and print its path.

    Needs LibreOffice and pdftoppm (poppler-utils).

    \b
    Example:
      briefgen preview --briefing senator && xdg-open out/preview.html
    """
    click.echo(str(api.preview(api.load(path or "."), audiences, formats, briefings)))


def _now() -> str:
    import time

    return time.strftime("%H:%M:%S")


@cli.command()
@click.argument("a", required=False)
@click.argument("b", required=False)
@click.option("--since-last-build", "since", is_flag=True,
              help="What the last build changed in what each deck's room sees (A: only that audience's decks).")
@click.option("--format", "-f", "fmt", type=click.Choice(["text", "html"]), default="text", show_default=True,
              help="Terminal text, or a self-contained HTML page.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Where --format html writes (default: OUTPUT/diff-A-B.html).")
@click.option("--width", type=click.IntRange(40, 1000), help="Wrap text to this many columns (default: terminal).")
@CONTENT_OPTION
def diff(a: str | None, b: str | None, since: bool, fmt: str, output: str | None, width: int | None,
         path: str | None) -> None:
    """Show what audience A sees that audience B does not, and the reverse.

    Items only one side shows, role changes (lead/normal/backup), order within
    sections, section titles, BLUF, recommendation and framing side by side.

    \b
    Examples:
      briefgen diff hawkish dovish
      briefgen diff hawkish dovish --format html -o hawk-vs-dove.html
      briefgen diff --since-last-build
    """
    from briefgen.commands.diff import format_diff_text

    if since:
        if b or fmt != "text" or output:
            raise click.UsageError("--since-last-build takes at most one audience and prints text")
        _print_since_last_build(path or ".", [a] if a else [])
        return
    if not (a and b):
        raise click.UsageError("name two audiences (briefgen diff A B), or pass --since-last-build")
    if output and fmt != "html":
        raise click.UsageError("--output needs --format html")
    loaded = api.load(path or ".")
    d = api.diff(loaded.library, a, b)
    if fmt == "text":
        click.echo(format_diff_text(d, width), nl=False)
    else:
        click.echo(f"wrote {api.write_diff_html(loaded, d, output)}")


def _print_since_last_build(path: str, audiences: list) -> None:
    from briefgen.commands.changes import format_changes

    decks = api.since_last_build(path, audiences)
    if not decks:
        click.echo("no build recorded yet: run briefgen build, then this again after the next one")
    for name, first, changes in decks:
        if changes:
            click.echo("\n".join(format_changes(name, changes, full=True)))
        else:
            click.echo(f"{name}: " + ("first build: nothing to compare with" if first else
                                      "no change in what the room sees at its last build"))


@cli.command()
@click.option("--audience", "-a", "audiences", multiple=True, help="Audience column to show (repeatable; default: all).")
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True,
              help="A table for the terminal, or CSV on stdout.")
@CONTENT_OPTION
def coverage(audiences: tuple, fmt: str, path: str | None) -> None:
    """Print every item x every audience: lead, normal, backup or omitted.

    \b
    Examples:
      briefgen coverage
      briefgen coverage --format csv > coverage.csv
    """
    from briefgen.commands.coverage import coverage_csv, coverage_table
    from briefgen.commands.listing import format_table

    cov = api.coverage(api.load(path or ".").library, audiences)
    if fmt == "csv":
        click.echo(coverage_csv(cov), nl=False)
    else:
        click.echo(format_table(*coverage_table(cov)))


@cli.command()
@click.argument("output", type=click.Path(dir_okay=False))
@click.option("--slide", "-s", type=int, help="Trace only this slide of a deck (numbered from 1).")
@click.option("--page", type=int, help="Trace only the paragraphs starting on this page of a Word memo (needs "
                                      "LibreOffice).")
@PROJECT_OPTION
def trace(output: str, slide: int | None, page: int | None, path: str | None) -> None:
    """List each claim in a deck or memo with its item, field, file:line, source and quote.

    OUTPUT is a deck (.pptx) or a Word, Markdown or HTML memo (.docx, .md,
    .html). Works on a deck or memo edited by hand or saved by LibreOffice:
    text a person changed is marked with what briefgen wrote, and what has
    no origin is listed.

    \b
    Examples:
      briefgen trace out/hawkish/brief.pptx --slide 7
      briefgen trace out/hawkish/brief.docx --page 2
      briefgen trace out/hawkish/brief.md
    """
    from briefgen.commands.trace_memo import trace_output

    for line in trace_output(output, slide, page, path or ".").lines():
        click.echo(line)


@cli.command()
@click.argument("deck", type=click.Path(dir_okay=False))
@click.option("--apply", is_flag=True, help="Write the changes to the content files (default: only show the diff).")
@PROJECT_OPTION
def pull(deck: str, apply: bool, path: str | None) -> None:
    """Take the text edits of a deck back into the content library.

    Slide titles, "so what" lines, facts, the BLUF, recommendation and
    decisions map back to their fields; prints a diff of the YAML files and
    writes only with --apply. Edits with no field to go to are listed.

    \b
    Examples:
      briefgen pull out/hawkish/brief.pptx
      briefgen pull out/hawkish/brief.pptx --apply
    """
    from briefgen.commands.pull import pull_deck

    for line in pull_deck(deck, apply, path or ".").lines(apply):
        click.echo(line)


@cli.group()
def new() -> None:
    """Start a new briefing file.

    \b
    Example:
      briefgen new briefing senator --audience neutral --date 2026-12-10
    """


@new.command(name="briefing")
@click.argument("name")
@click.option("--audience", "-a", "audiences", multiple=True, help="Audience it is built for (repeatable).")
@click.option("--date", help="Its date: YYYY-MM-DD, or today (the default: the day of each build).")
@PROJECT_OPTION
def new_briefing(name: str, audiences: tuple, date: str | None, path: str | None) -> None:
    """Write briefings/NAME.yaml, a commented starting file; never overwrites."""
    written = api.new_briefing(api.load(path or "."), name, audiences, date)
    click.echo(f"wrote {display_path(written)}: edit it, then run `briefgen build --briefing {name}`")


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
    """List what a master .pptx lacks for briefgen's decks (exit 3 if anything), what it will do to them, and
    whether every deck builds cleanly on it."""
    from briefgen.commands.templates import check_master_file

    found = check_master_file(file, load_project(path or "."))
    for line in found.notes + [str(w) for w in found.warnings]:
        click.echo(line)
    built = "; ".join(found.built)
    if found.warnings:
        click.echo(f"{file}: usable, with {len(found.warnings)} warning{'s' if len(found.warnings) != 1 else ''} "
                   f"({built})")
    else:
        click.echo(f"ok: {file} has every layout briefgen uses ({', '.join(found.layouts)}) and every deck builds "
                   f"cleanly on it ({built})")


@templates.command(name="export")
@click.argument("directory", type=click.Path(file_okay=False))
def templates_export(directory: str) -> None:
    """Copy the shipped templates (deck, master, memo) into DIRECTORY to edit; never overwrites."""
    from briefgen.commands.templates import export_templates

    written = export_templates(directory)
    for p in written:
        click.echo(f"wrote {p}")
    click.echo(f"{len(written)} files; point briefgen.yaml's templates: at {directory} to use them")


class Terminated(KeyboardInterrupt):
    """Raised in the main thread when the process receives SIGTERM, so that a build stops as it does on
    Ctrl-C: its workers are stopped, no output is left half-written, and it exits with one line."""


def _terminate(signum: int, frame: Any) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and ``python -m briefgen``."""
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _terminate)
    cli.main(args=argv, prog_name="briefgen")


__all__ = ["cli", "main"]
