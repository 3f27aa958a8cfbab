"""The programs and fonts some tests need, and what a test does when one is missing.

A test that needs LibreOffice, poppler, the Carlito font, a browser (and axe-core, from npm), or (as
root) ``setpriv`` is marked ``@pytest.mark.needs("soffice", "pdftotext")``.  Where one is missing the test is skipped with
the reason, unless ``BRIEFGEN_TEST_REQUIRE_TOOLS=1`` is set (``.ci/run`` sets it): then it fails, so CI
cannot pass by skipping what it was meant to check.
"""
from __future__ import annotations

import functools
import os
import shutil

REQUIRE_ENV = "BRIEFGEN_TEST_REQUIRE_TOOLS"

# What each name checks, and how a reader gets it on Debian/Ubuntu.
INSTALL = {
    "soffice": "apt-get install libreoffice-impress libreoffice-writer",
    "pdftotext": "apt-get install poppler-utils",
    "pdftoppm": "apt-get install poppler-utils",
    "carlito": "apt-get install fonts-crosextra-carlito",
    "setpriv": "apt-get install util-linux",
    "chromium": "apt-get install chromium",
    "chromedriver": "apt-get install chromium-driver",
    "axe-core": "npm ci --prefix tests/support/axe",
}


def tools_required() -> bool:
    """Whether a missing tool fails a test instead of skipping it (``BRIEFGEN_TEST_REQUIRE_TOOLS=1``)."""
    return os.environ.get(REQUIRE_ENV, "") == "1"


@functools.lru_cache(maxsize=None)
def is_available(name: str) -> bool:
    """Whether the program or font ``name`` (a key of :data:`INSTALL`) is on this machine."""
    if name not in INSTALL:
        raise KeyError(f"unknown tool {name!r}: expected one of {', '.join(INSTALL)}")
    if name == "carlito":
        return _font_installed("Carlito")
    if name == "axe-core":
        from tests.support.browser import AXE_JS

        return AXE_JS.is_file()
    if name == "soffice":
        return shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
    return shutil.which(name) is not None


def _font_installed(family: str) -> bool:
    from matplotlib import font_manager

    try:
        font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    except ValueError:
        return False
    return True


def missing(names: tuple[str, ...]) -> list[str]:
    """The names in ``names`` that are not available here."""
    return [n for n in names if not is_available(n)]


def missing_message(names: list[str]) -> str:
    """One line naming what is missing and how to install it."""
    how = "; ".join(dict.fromkeys(INSTALL[n] for n in names))
    return f"needs {', '.join(names)} (install: {how})"


def require(names: tuple[str, ...]) -> None:
    """Skip the running test when a name in ``names`` is missing, or fail it under
    ``BRIEFGEN_TEST_REQUIRE_TOOLS=1``."""
    import pytest

    absent = missing(names)
    if not absent:
        return
    if tools_required():
        pytest.fail(f"{missing_message(absent)}; {REQUIRE_ENV}=1 forbids skipping it", pytrace=False)
    pytest.skip(missing_message(absent))
