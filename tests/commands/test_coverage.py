"""Tests of briefgen.commands.coverage: the item x audience table of roles."""
from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings

from briefgen.commands.coverage import ROLES, coverage, coverage_csv, coverage_table
from briefgen.commands.listing import format_table
from briefgen.errors import ConfigError
from briefgen.load.library import load_library
from briefgen.load.model import Library
from tests.support.generated_library import expected_emphasis, libraries
from tests.support.paths import TESTS

TESTS = TESTS
CUSTOM = TESTS / "fixtures" / "custom-audience"
PROPS = settings(max_examples=60, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@PROPS
@given(libraries())
def test_roles_follow_emphasis(lib: Library) -> None:
    cov = coverage(lib)
    assert cov.audiences == tuple(sorted(lib.audiences))
    assert [r.id for r in cov.rows] == [i.id for i in lib.all_items()]
    for name in cov.audiences:
        prof = lib.audiences[name]
        for item in lib.all_items():
            role = cov.role(item.id, name)
            e = expected_emphasis(item, prof)
            assert role in ROLES
            assert (role == "omitted") == (e == 0)
            if role == "lead":
                assert e == 3
            if e < prof.threshold and e > 0:
                assert role == "backup"
        assert sum(cov.counts(name).values()) == len(lib.all_items())
    rows = list(csv.reader(io.StringIO(coverage_csv(cov))))
    assert rows[0] == ["kind", "id", "title"] + list(cov.audiences)
    assert len(rows) == len(lib.all_items()) + 1


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library(CUSTOM).library


def test_custom_library_table(lib: Library) -> None:
    cov = coverage(lib)
    assert cov.audiences == ("congressional", "dovish", "hawkish", "neutral")
    assert cov.rows[0].roles == ("lead", "normal", "lead", "lead")  # missile-threat
    assert cov.role("combined-planning", "congressional") == "backup"  # its section is not shown there
    assert cov.role("reassurance-channel", "dovish") == "lead"
    assert cov.counts("congressional") == {"lead": 3, "normal": 0, "backup": 5, "omitted": 0, "withheld": 0}
    header, rows = coverage_table(cov)
    text = format_table(header, rows, width=200)
    assert text.splitlines()[0].split() == ["kind", "id", "title", "congressional", "dovish", "hawkish", "neutral"]
    assert "combined-planning" in text


def test_chosen_audiences_and_omitted(lib: Library) -> None:
    import dataclasses

    from briefgen.load.schema import FrozenMap

    risks = list(lib.risks)
    risks[1] = dataclasses.replace(risks[1], emphasis=FrozenMap({"hawkish": 0}))
    cov = coverage(dataclasses.replace(lib, risks=tuple(risks)), ["hawkish", "dovish", "hawkish"])
    assert cov.audiences == ("hawkish", "dovish")
    assert cov.role("domestic-fatigue", "hawkish") == "omitted"
    assert cov.role("domestic-fatigue", "dovish") == "normal"


def test_csv_quotes_and_line_ends(lib: Library) -> None:
    import dataclasses

    threats = list(lib.threats)
    threats[0] = dataclasses.replace(threats[0], title='Missiles, "now"')
    text = coverage_csv(coverage(dataclasses.replace(lib, threats=tuple(threats)), ["neutral"]))
    assert text.splitlines()[1] == 'threats,missile-threat,"Missiles, ""now""",lead'
    assert "\r" not in text and text.endswith("\n")


def test_unknown_audience(lib: Library) -> None:
    with pytest.raises(ConfigError) as exc:
        coverage(lib, ["neutrl"])
    assert exc.value.lines() == ["--audience: unknown audience 'neutrl' (did you mean 'neutral'?); expected one of "
                                 "congressional, dovish, hawkish, neutral"]


def test_kinds_are_named_as_the_librarys_vocabulary_names_them() -> None:
    lib = load_library(TESTS / "fixtures" / "library-other-topic").library
    header, rows = coverage_table(coverage(lib))
    assert header[:3] == ["kind", "id", "title"]
    assert [r[0] for r in rows] == ["dangers"] * 3 + ["capabilities"] * 4 + ["measures"] * 4 + ["risks"] * 2


def test_items_not_releasable_to_an_audiences_countries_read_withheld_not_omitted(tmp_path) -> None:
    from briefgen import api
    from tests.support.fixture_projects import make_project

    lib = api.load(make_project(tmp_path / "proj", "markings-releasable")).library
    cov = coverage(lib, ["visitors", "neutral"])
    assert [(r.id, r.roles) for r in cov.rows] == [
        ("thr-missiles", ("normal", "normal")), ("thr-bloc", ("withheld", "normal")),
        ("cap-strike", ("normal", "normal")), ("opt-planning", ("withheld", "normal")),
        ("opt-reassure", ("normal", "normal")), ("risk-uncoordinated", ("normal", "normal"))]
    assert cov.counts("visitors") == {"lead": 0, "normal": 4, "backup": 0, "omitted": 0, "withheld": 2}
