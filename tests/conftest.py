"""Shared pytest options and fixtures.

``--accept`` rewrites golden snapshots (tests/golden/) from the current output
instead of comparing against them; review ``git diff tests/golden`` afterwards.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import settings

from tests.support.tools import REQUIRE_ENV, require

# CI (which sets CI=true) runs property tests derandomized, so a red run can be re-run; locally they keep
# Hypothesis's normal randomness and find new examples.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``needs`` marker."""
    config.addinivalue_line("markers", "needs(*tools): the test needs these programs or fonts (see "
                                       "tests/support/tools.py); skipped without them, failed under "
                                       f"{REQUIRE_ENV}=1")


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Skip, or under ``BRIEFGEN_TEST_REQUIRE_TOOLS=1`` fail, a test whose ``needs`` are not installed."""
    require(tuple(n for mark in item.iter_markers("needs") for n in mark.args))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that read ``shipped_decks`` run after the others (in their order), so a run that stops at its first
    failure (``-x``, as every mutant's run does) stops before building the decks when a quick test fails."""
    quick = [item for item in items if "shipped_decks" not in getattr(item, "fixturenames", ())]
    items[:] = quick + [item for item in items if "shipped_decks" in getattr(item, "fixturenames", ())]


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
    """The text measurer for Calibri (Carlito's metrics); skipped (failed under BRIEFGEN_TEST_REQUIRE_TOOLS=1) without Carlito."""
    from briefgen.render.deck.fit import measurer_for

    require(("carlito",))
    m, warnings = measurer_for("Calibri")
    assert not warnings, warnings
    return m


@pytest.fixture(scope="session", params=["shipped", "other-topic"])
def shipped_project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A project made by ``briefgen init`` with every output built, once for the shipped library and once for
    the library on another topic (see tests/support/shipped_outputs.py); built once per run, read only."""
    from tests.support.shipped_outputs import build_shipped_project

    return build_shipped_project(tmp_path_factory.mktemp(request.param) / "project", request.param)


@pytest.fixture(scope="session", params=["shipped", "other-topic"])
def shipped_decks(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """A project made by ``briefgen init`` with only its decks built, for each library of
    tests/support/shipped_outputs.py: for the deck checks, whose mutation runs build it once per mutant."""
    from tests.support.shipped_outputs import build_shipped_decks

    return build_shipped_decks(tmp_path_factory.mktemp(f"decks-{request.param}") / "project", request.param)
