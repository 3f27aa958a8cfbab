"""The Markdown memo rules: images with alt text, link text; the shipped memos pass."""
from __future__ import annotations

from pathlib import Path

from briefgen.write.md_check import check_md
from tests.support.shipped_outputs import shipped_outputs


def test_image_without_alt_text_and_vague_links(tmp_path: Path) -> None:
    memo = tmp_path / "memo.md"
    memo.write_text("# Memo\n\n![A chart](chart.png)\n\n![](map.png \"Map\")\n\n"
                    "See [the CSIS report](https://example.org) or [click here](https://example.org).\n",
                    encoding="utf-8")
    assert [str(f) for f in check_md(memo, "memo.md")] == [
        "memo.md: line 5: alt-text: image 'map.png' has no alt text; write what it shows between the brackets",
        "memo.md: line 7: warning: link-text: link text 'click here' does not say where it goes; use the name of "
        "what it opens"]


def test_the_shipped_memos_pass(shipped_project: Path) -> None:
    for path in shipped_outputs(shipped_project, "md"):
        assert check_md(path, path.name) == []
