"""Shared pytest options and fixtures.

``--accept`` rewrites golden snapshots (tests/golden/) from the current output
instead of comparing against them; review ``git diff tests/golden`` afterwards.
"""
from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register ``--accept``."""
    parser.addoption("--accept", action="store_true", default=False,
                     help="rewrite golden snapshots from the current output instead of comparing")


@pytest.fixture
def accept(request: pytest.FixtureRequest) -> bool:
    """True when the run was started with ``--accept``."""
    return bool(request.config.getoption("--accept"))


@pytest.fixture(autouse=True, scope="session")
def private_template_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Compiled shipped templates go to a folder of this run, not the user's own cache."""
    from briefgen.render import environment as templating

    templating.CACHE_DIRECTORY = str(tmp_path_factory.mktemp("template-cache"))


@pytest.fixture(scope="module")
def measure():
    """The text measurer for Calibri (Carlito's metrics); the test is skipped where Carlito is not installed."""
    from briefgen.render.deck.fit import measurer_for

    m, warnings = measurer_for("Calibri")
    if warnings:
        pytest.skip("Carlito (metric-compatible with Calibri) is not installed")
    return m
