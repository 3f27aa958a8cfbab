"""The shipped library's outputs, part by part, against the goldens in ``tests/golden/outputs.json``.

A project made by ``briefgen init`` is built for every audience as pptx, docx, md and html under a fixed
``SOURCE_DATE_EPOCH``; each XML part of each deck and memo (and the Markdown and HTML text, pictures
left out) is compared by its SHA-256 with the golden.  Pictures drawn by matplotlib are compared by name
only: their pixels change with matplotlib's version, which the tests do not pin.  A change in what
briefgen writes shows as the parts that differ; if it is intended, regenerate with
``python -m pytest tests/test_golden_outputs.py --accept`` and say in the commit which parts changed.
"""
from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import cli
from tests.support.paths import GOLDEN

GOLDEN_FILE = GOLDEN / "outputs.json"
FORMATS = ("pptx", "docx", "md", "html")
EPOCH = "1764547200"  # 2025-12-01
_DATA_URI = re.compile(rb"data:image/[a-z+]+;base64,[A-Za-z0-9+/=]+")


def digest(data: bytes) -> str:
    """The SHA-256 of ``data``, in hex."""
    return hashlib.sha256(data).hexdigest()


def parts_of(path: Path) -> dict[str, str]:
    """Each part of an output -> its digest; pictures -> "picture" (compared by name only)."""
    if path.suffix in (".pptx", ".docx"):
        with zipfile.ZipFile(path) as z:
            return {name: (digest(z.read(name)) if name.endswith((".xml", ".rels")) else "picture")
                    for name in sorted(z.namelist())}
    text = path.read_bytes()
    if path.suffix == ".html":
        text = _DATA_URI.sub(b"data:picture", text)
    return {"text": digest(text)}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Every output of the shipped library (relative path -> its parts)."""
    root = tmp_path_factory.mktemp("golden") / "project"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", str(root)]).exit_code == 0
    args = ["build", "--all", "-j", "1", "-q", "-p", str(root)] + [a for f in FORMATS for a in ("-f", f)]
    result = runner.invoke(cli, args, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code == 0, result.output
    outputs = sorted(p for p in (root / "out").glob("*/*.*") if p.suffix.lstrip(".") in FORMATS)
    return {p.relative_to(root / "out").as_posix(): parts_of(p) for p in outputs}


def test_every_output_matches_its_golden_part_by_part(built: dict, accept: bool) -> None:
    if accept:
        GOLDEN_FILE.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    golden = json.loads(GOLDEN_FILE.read_text(encoding="utf-8"))
    assert sorted(built) == sorted(golden)
    differ = [f"{output}: {part}" for output in sorted(golden)
              for part in sorted(set(golden[output]) | set(built[output]))
              if golden[output].get(part) != built[output].get(part)]
    assert differ == [], f"{len(differ)} parts differ from tests/golden/outputs.json:\n" + "\n".join(differ)


def test_the_comparison_sees_a_change_in_one_part(tmp_path: Path, built: dict) -> None:
    deck = tmp_path / "deck.pptx"
    with zipfile.ZipFile(deck, "w") as z:
        z.writestr("ppt/slides/slide1.xml", b"<a/>")
        z.writestr("ppt/media/image1.png", b"\x89PNG")
    before = parts_of(deck)
    with zipfile.ZipFile(deck, "w") as z:
        z.writestr("ppt/slides/slide1.xml", b"<b/>")
        z.writestr("ppt/media/image1.png", b"\x89PNG other pixels")
    after = parts_of(deck)
    assert before["ppt/slides/slide1.xml"] != after["ppt/slides/slide1.xml"]
    assert before["ppt/media/image1.png"] == after["ppt/media/image1.png"] == "picture"
    assert len(built) == 12 and all(len(parts) > 1 for name, parts in built.items() if name.endswith(".pptx"))
