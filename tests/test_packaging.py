"""Packaging: every subpackage ships, and the shipped data is reachable."""
from __future__ import annotations

from briefgen.resources import shipped_content, shipped_templates
from tests.support.paths import REPO


def test_setup_cfg_lists_every_package() -> None:
    root = REPO
    cfg = (root / "setup.cfg").read_text()
    for init in (root / "briefgen").rglob("__init__.py"):
        pkg = ".".join(init.parent.relative_to(root).parts)
        assert f"\n    {pkg}\n" in cfg, f"{pkg} missing from setup.cfg packages"


def test_shipped_data_is_found() -> None:
    assert (shipped_content() / "briefing.yaml").is_file()
    assert (shipped_templates() / "pptx" / "default.pptx").is_file()
    assert (shipped_templates() / "memo" / "memo.md.j2").is_file()
