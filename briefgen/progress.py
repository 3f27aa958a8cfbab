"""Progress reporting for batch builds: a bar on a terminal, plain lines otherwise."""
from __future__ import annotations

import sys
from typing import Any

import click


class Reporter:
    """Receives each finished job; prints errors always, progress unless quiet."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self._bar: Any = None
        self.counts = {"built": 0, "unchanged": 0, "failed": 0}
        self.checked = 0  # built outputs the fast checks ran on
        self.problems = 0  # what they found

    def __enter__(self) -> "Reporter":
        return self

    def __exit__(self, exc_type: type | None, *exc: object) -> None:
        if self._bar is not None:
            self._bar.render_finish()
        if exc_type is not None and issubclass(exc_type, KeyboardInterrupt):
            # Workers may have finished outputs whose results never arrived: counts would understate them.
            click.echo("stopped: no output is left half-written, and the next build finishes the rest", err=True)
        elif not self.quiet and (exc_type is None or any(self.counts.values())):
            # A build that failed before any output (an unknown audience, say) ends with its error alone.
            c = self.counts
            click.echo(f"{c['built']} built, {c['unchanged']} unchanged, {c['failed']} failed", err=True)
            if self.checked:
                n = self.problems
                click.echo(f"{self.checked} output{'' if self.checked == 1 else 's'} checked, {n} "
                           f"problem{'' if n == 1 else 's'}" + (" (briefgen check lists them again)" if n else ""),
                           err=True)

    def update(self, result: Any, done: int, total: int) -> None:
        """Called once per job as it finishes (``done`` of ``total``)."""
        self.counts[result.status] += 1
        job = result.job
        name = "/".join(filter(None, (getattr(job, "briefing", ""), job.audience, job.fmt)))
        for kept in ((result.kept,) if result.kept is not None else ()) + tuple(getattr(result, "also_kept", ())):
            self._clear()  # said even when quiet: the person's version is somewhere new
            click.echo(f"{name}: {kept.line()}", err=True)
        for line in getattr(result, "merged", ()):  # said even when quiet: the person's edits and conflicts
            self._clear()
            click.echo(f"{name}: {line}", err=True)
        if result.error is not None:
            self._clear()
            for line in result.error.lines():
                click.echo(f"{name}: {line}", err=True)
        elif not self.quiet:
            for w in result.warnings:
                self._clear()
                click.echo(f"{name}: {w}", err=True)
        findings = getattr(result, "findings", None)
        if findings is not None:
            self.checked += 1
            self.problems += len(findings)
            for f in findings:
                if not self.quiet or f.severity == "error":
                    self._clear()
                    click.echo(str(f), err=True)
        if self.quiet:
            return
        if self.tty and total > 1:
            if self._bar is None:
                self._bar = click.progressbar(length=total, label="building", file=sys.stderr,
                                              show_pos=True)
            self._bar.update(1)
        elif result.status == "built":
            also = ", ".join(path.name for path, _ in getattr(result, "companions", ()))
            click.echo(f"wrote {job.target}" + (f" (and beside it {also})" if also else ""))
        elif result.status == "unchanged":
            click.echo(f"unchanged {job.target}")

    def _clear(self) -> None:
        if self._bar is not None:
            sys.stderr.write("\r\033[K")
