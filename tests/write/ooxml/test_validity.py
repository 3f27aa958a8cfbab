"""Open XML validity by openxml-audit: the shipped decks and memos have no errors; a broken part is found."""
from __future__ import annotations

import zipfile
from pathlib import Path

from briefgen.write.ooxml.validity import check_validity, validator_available
from tests.support.shipped_outputs import shipped_outputs


def test_the_validator_is_installed_for_the_tests() -> None:
    assert validator_available()  # the test extra installs it; without it these tests would prove nothing


def test_the_shipped_decks_and_memos_are_valid(shipped_project: Path) -> None:
    outputs = shipped_outputs(shipped_project, "pptx") + shipped_outputs(shipped_project, "docx")
    assert len(outputs) == 6
    for path in outputs:
        assert [str(f) for f in check_validity(path, path.name)] == []


def test_an_element_out_of_schema_is_an_error(shipped_project: Path, tmp_path: Path) -> None:
    source = shipped_outputs(shipped_project, "pptx")[0]
    broken = tmp_path / "deck.pptx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "ppt/slides/slide2.xml":
                data = data.replace(b"<p:cSld>", b"<p:cSld><p:bogus/>", 1)
            zout.writestr(item, data)
    found = check_validity(broken, "deck.pptx")
    assert found and all(f.rule == "valid" and f.severity == "error" for f in found)
    assert any(f.where == "ppt/slides/slide2.xml" for f in found), [str(f) for f in found]
