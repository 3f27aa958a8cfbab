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

import sys
from typing import Any

import click

from . import __version__
from .errors import BriefgenError
from .library import LoadResult, load_library
from .project import Project, init_project, load_project


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
    from .listing import format_table, list_rows

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
    from .batch import build_matrix
    from .build import output_options
    from .progress import Reporter

    project, result = _open(path)
    if not build_all and not audiences:
        raise click.UsageError("name an --audience, or pass --all")
    if not quiet:
        _print_warnings(result)
    opts = output_options(project, master, reference_docx)
    if not formats and not build_all:
        formats = ("pptx",)
    with Reporter(quiet) as reporter:
        outcome = build_matrix(project, result.library, opts, audiences, formats, force=force, workers=workers,
                               progress=reporter.update)
    failed = outcome.failed
    if failed:
        click.echo(f"{len(failed)} of {len(outcome.results)} outputs failed; their previous files were left as "
                   f"they were", err=True)
        sys.exit(max(r.error.exit_code for r in failed))


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script and ``python -m briefgen``."""
    cli.main(args=argv, prog_name="briefgen")


__all__ = ["cli", "main"]
