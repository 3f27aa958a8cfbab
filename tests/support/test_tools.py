"""Tests of tests/support/tools.py: a missing tool skips a test locally and fails it in CI."""
from __future__ import annotations

import pytest

from tests.support import tools


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every tool reported missing."""
    monkeypatch.setattr(tools, "is_available", lambda name: False)


def test_a_missing_tool_skips_with_what_to_install(nothing_installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(tools.REQUIRE_ENV, raising=False)
    with pytest.raises(pytest.skip.Exception) as exc:
        tools.require(("soffice", "pdftotext"))
    assert str(exc.value) == ("needs soffice, pdftotext (install: apt-get install libreoffice-impress "
                              "libreoffice-writer; apt-get install poppler-utils)")


def test_a_missing_tool_fails_when_tools_are_required(nothing_installed: None,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tools.REQUIRE_ENV, "1")
    with pytest.raises(pytest.fail.Exception) as exc:
        tools.require(("carlito",))
    assert str(exc.value) == ("needs carlito (install: apt-get install fonts-crosextra-carlito); "
                              "BRIEFGEN_TEST_REQUIRE_TOOLS=1 forbids skipping it")


def test_nothing_happens_when_the_tools_are_there(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(tools.REQUIRE_ENV, "1")
    monkeypatch.setattr(tools, "is_available", lambda name: name == "pdftoppm")
    tools.require(("pdftoppm",))
    assert tools.missing(("pdftoppm", "chromium")) == ["chromium"]


def test_an_unknown_tool_name_is_a_mistake_in_the_test() -> None:
    with pytest.raises(KeyError):
        tools.is_available("sofice")
