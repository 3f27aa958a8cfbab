"""``briefgen check``: every output accessible, valid and readable.

Picks the rule module for each output by its extension (the one list,
:data:`briefgen.write.findings.CHECKERS`), runs it, and adds Open XML validity for decks and Word memos
when ``openxml-audit`` is installed.  ``build`` runs the fast checks (everything but validity) on each
output it writes, in the worker that wrote it (:func:`briefgen.write.findings.fast_check`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from briefgen.errors import ConfigError, Loc, Problem, display_path
from briefgen.project import Project
from briefgen.write.findings import checker_for

VALIDATED = (".pptx", ".docx")  # Open XML packages: checked by the validator too (slow: not during build)
RULE_MODULES = {  # where each kind of output's rules are declared, for the README table and tests
    ".pptx": "briefgen.write.pptx.check", ".docx": "briefgen.write.docx.check", ".html": "briefgen.write.html_check",
    ".pdf": "briefgen.write.pdf_check", ".md": "briefgen.write.md_check", "validity": "briefgen.write.ooxml.validity",
}


@dataclass
class CheckReport:
    """What a check found: the findings, how many outputs were checked, and notes (what was not checked)."""

    findings: list = field(default_factory=list)
    checked: int = 0
    notes: list = field(default_factory=list)

    @property
    def errors(self) -> list:
        """The findings that are errors."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list:
        """The findings that are warnings."""
        return [f for f in self.findings if f.severity == "warning"]


def check_outputs(paths: Iterable[Path], validity: bool = True) -> CheckReport:
    """Check each output; ``validity``: also run the Open XML validator where it is installed."""
    from briefgen.write.ooxml.validity import INSTALL_HINT, check_validity, validator_available

    paths = [Path(p) for p in paths]
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise ConfigError([Problem(Loc(display_path(p)), "output", "no such file; build it first (briefgen build) "
                                                                   "or name an existing output") for p in missing])
    checkers = {p: checker_for(p) for p in paths}  # every kind known before any work
    report = CheckReport()
    can_validate = validity and validator_available()
    if validity and not can_validate and any(p.suffix.lower() in VALIDATED for p in paths):
        report.notes.append(f"Open XML validity not checked: openxml-audit is not installed ({INSTALL_HINT})")
    for path in paths:
        shown = display_path(path)
        report.findings.extend(checkers[path](path, shown))
        if can_validate and path.suffix.lower() in VALIDATED:
            report.findings.extend(check_validity(path, shown))
        report.checked += 1
    return report


def project_outputs(project: Project) -> list[Path]:
    """Every output of the project on disk: those its build manifest lists, and its diff pages."""
    from briefgen.commands.build import load_manifest

    out = project.output_dir
    listed = [out / key for key in load_manifest(out).get("outputs", {})]
    found = [p for p in listed if p.is_file()] + sorted(out.glob("diff-*.html"))
    if not found:
        raise ConfigError([Problem(Loc(display_path(out)), "output", "no outputs to check; run briefgen build "
                                                                     "first, or name the files to check")])
    return sorted(dict.fromkeys(found))


def summary(report: CheckReport) -> str:
    """The one line that ends a check: ``12 outputs checked, 0 problems``."""
    n = len(report.findings)
    outputs = "output" if report.checked == 1 else "outputs"
    line = f"{report.checked} {outputs} checked, {n} problem{'' if n == 1 else 's'}"
    if n:
        line += f" ({len(report.errors)} errors, {len(report.warnings)} warnings)"
    return line
