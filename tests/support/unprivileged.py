"""Run a command as an ordinary user would meet the file system: folder and file permissions apply.

root ignores permissions (``CAP_DAC_OVERRIDE``), so as root the command runs through util-linux's
``setpriv`` with the capabilities that bypass permission checks taken out of its bounding set; the
process is still root for everything else (it can read the interpreter and packages under ``/root``).
As any other user it runs as it is.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The capabilities that let root read, write or chmod what it does not have permission for.
BYPASSING = "-dac_override,-dac_read_search,-fowner"


def running_as_root() -> bool:
    """Whether this process is root (permissions are not enforced on it)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def tools_needed() -> tuple[str, ...]:
    """The tools :func:`run_python` needs here: ``setpriv`` as root, nothing otherwise."""
    return ("setpriv",) if running_as_root() else ()


def command_prefix() -> list[str]:
    """What to put before a command so that file permissions apply to it."""
    return ["setpriv", f"--bounding-set={BYPASSING}", "--"] if running_as_root() else []


def run_python(args: list[str], cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run ``python ARGS`` (this interpreter) in ``cwd`` with file permissions enforced; text output."""
    return subprocess.run([*command_prefix(), sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=300)
