"""Open XML validity of a .pptx or .docx, by the optional ``openxml-audit`` validator (``briefgen[check]``).

A file the Open XML SDK's rules reject is one PowerPoint or Word may refuse or "repair".  The validator
is pure Python but optional; without it :func:`validator_available` is False and ``briefgen check`` says
once that validity was not checked.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from briefgen.write.findings import Finding, Rule, Rules

RULES = Rules(
    Rule("valid", "error", "the package passes the Open XML validator (openxml-audit) with no errors"),
)
INSTALL_HINT = "pip install 'briefgen[check]'"
MAX_SHOWN = 5  # validator errors printed per output; the rest are counted


def validator_available() -> bool:
    """Whether ``openxml-audit`` is installed."""
    return importlib.util.find_spec("openxml_audit") is not None


def check_validity(path: Path, shown: str) -> list[Finding]:
    """The validator's errors for the package at ``path`` (warnings it reports are left out), at most
    :data:`MAX_SHOWN` and a count of the rest."""
    from openxml_audit import OpenXmlValidator, ValidationSeverity

    result = OpenXmlValidator(max_errors=200).validate(path)
    errors = [e for e in result.errors if e.severity == ValidationSeverity.ERROR]
    findings = [RULES.finding(shown, "valid", f"{_where(e)}{e.description}; this is what Office would "
                                              f"repair or refuse: rebuild the file, or fix the master or "
                                              f"reference document it came from", where=_part(e))
                for e in errors[:MAX_SHOWN]]
    if len(errors) > MAX_SHOWN:
        findings.append(RULES.finding(shown, "valid", f"and {len(errors) - MAX_SHOWN} more validator errors"))
    return findings


def _part(error) -> str:
    return error.part_uri.lstrip("/") if error.part_uri else ""


def _where(error) -> str:
    return f"{error.path}: " if error.path else ""
