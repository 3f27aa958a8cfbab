"""The self-contained HTML memo: structure, inline charts, no outside requests, hostile text as text."""
from __future__ import annotations

import base64
import dataclasses
import re
from pathlib import Path

import lxml.html
import pytest

from briefgen.write.html import memo_html_body, write_html
from briefgen.write.memo_origins import html_blocks
from tests.support.memo_views import (CONTENT, FIXTURES, fields_by_block, install_fake_charts, options, shipped_audiences,
                                      view_of)


@pytest.fixture(autouse=True)
def fake_charts(monkeypatch):
    install_fake_charts(monkeypatch)


def _page(tmp_path: Path, content: Path, audience: str):
    target = tmp_path / "memo.html"
    view = view_of(content, audience)
    assert write_html(view, target, options()) == []
    text = target.read_text(encoding="utf-8")
    return view, text, lxml.html.document_fromstring(text)


def test_structure(tmp_path: Path) -> None:
    view, _, doc = _page(tmp_path, CONTENT, "neutral")
    main = doc.xpath("//main")[0]
    assert [h.text_content() for h in main.iter("h1")] == ["MEMORANDUM"]
    h2 = [h.text_content() for h in main.iter("h2")]
    for s in view.sections:
        if s.items or s.key == "context":
            assert s.title in h2
    assert h2[-1] == "Notes"
    table = main.xpath(".//table")[0]
    assert [th.text_content() for th in table.xpath(".//th")] == ["Option", "Deterrence value", "Escalation risk",
                                                                    "Cost", "Horizon"]
    rows = table.xpath("./tbody/tr")
    assert len(rows) == len(view.section("options").items)
    bold = [r.xpath("./td[1]/strong")[0].text_content() for r in rows if r.xpath("./td[1]/strong")]
    assert bold == [i.title for i in view.section("options").items if i.recommended]
    notes = main.xpath(".//section[@class='footnotes']//li")
    assert [li.get("value") for li in notes] == [str(s.num) for s in view.sources]
    assert doc.xpath("//title")[0].text_content() == view.title
    markings = doc.xpath("//*[contains(@class, 'marking')]")
    assert [m.text_content() for m in markings] == [view.classification] * 2


def test_charts_are_inline_with_alt_text_and_nothing_is_fetched(tmp_path: Path) -> None:
    _, text, doc = _page(tmp_path, CONTENT, "neutral")
    imgs = doc.xpath("//img")
    assert len(imgs) == 3
    for img in imgs:
        assert img.get("src").startswith("data:image/png;base64,")
        assert base64.b64decode(img.get("src").split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n")
        assert img.get("alt").startswith("Alt text for the")
        assert img.getparent().tag == "figure" and img.getnext().tag == "figcaption"
    # no external resource of any kind: only data: images, in-page anchors and plain links to sources
    for el in doc.iter():
        for attr in ("src", "srcset", "data", "poster"):
            assert not el.get(attr) or el.get(attr).startswith("data:")
    assert not doc.xpath("//link|//script|//iframe|//object|//embed")
    assert "@import" not in text and "url(" not in text
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    assert "default-src 'none'" in csp


def test_a_large_photo_is_inlined_whole(tmp_path: Path) -> None:
    # A 9 MB phone photo: its data: URI alone is longer than the cap on what a template may write.
    import os
    import shutil

    from PIL import Image

    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "item-image", content)
    photo = content / "images" / "peninsula.png"
    Image.frombytes("RGB", (2000, 1500), os.urandom(2000 * 1500 * 3)).save(photo, compress_level=0)
    view, text, _ = _page(tmp_path, content, "neutral")
    # Read with a pattern: lxml's parser cuts attribute values over 10 MB.
    alt = view.section("threats").items[0].image.alt
    pictures = re.findall(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">', text)
    assert [a for _, a in pictures if not a.startswith("Alt text for the")] == [alt]
    assert base64.b64decode(next(d for d, a in pictures if a == alt)) == photo.read_bytes()


@pytest.mark.parametrize("audience", shipped_audiences())
def test_audience_only_in_meta(tmp_path: Path, audience: str) -> None:
    view, _, doc = _page(tmp_path, CONTENT, audience)
    assert doc.xpath("//meta[@name='briefgen:audience']")[0].get("content") == audience
    body = doc.xpath("//body")[0].text_content()
    assert view.audience_label not in body


def test_print_stylesheet(tmp_path: Path) -> None:
    _, text, _ = _page(tmp_path, CONTENT, "neutral")
    assert "@page" in text and "@media print" in text
    assert re.search(r"\.marking-top[^{]*\{[^}]*position: fixed", text) or "position: fixed" in text


def test_hostile_text_shows_as_text(tmp_path: Path) -> None:
    view, text, doc = _page(tmp_path, FIXTURES / "hostile-text", "neutral")
    assert not doc.xpath("//script|//iframe|//svg|//b|//i|//img[not(starts-with(@src, 'data:'))]")
    assert len(doc.xpath("//style")) == 1  # the page's own
    body = doc.xpath("//main")[0].text_content()
    assert "<script>alert('threat')</script>" in body
    assert "[Option two](javascript:alert(10))" in body
    assert "![img](http://evil.example/track.png)" in body
    hrefs = [a.get("href") for a in doc.iter("a")]
    assert all(h.startswith(("#", "https://", "http://", "mailto:")) for h in hrefs), hrefs
    assert "javascript:" not in " ".join(hrefs)
    assert "evil.example" not in " ".join(el.get("src") or "" for el in doc.iter())
    assert doc.xpath("//title")[0].text_content() == view.title  # escaped, shown as text


@pytest.mark.parametrize("markdown", [
    "[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "<javascript:alert(1)>", "[x](data:text/html,hi)",
    "[x]( javascript:alert(1))", "[x](vbscript:msgbox)", "<script>alert(1)</script>",
])
def test_dangerous_markdown_is_not_a_link_or_element(markdown: str) -> None:
    html = memo_html_body(markdown, {})
    frag = lxml.html.fragment_fromstring(html, create_parent="div")
    assert not frag.xpath(".//a|.//script"), html


def test_outside_images_are_described_not_fetched() -> None:
    html = memo_html_body("![a tracker](https://evil.example/t.png)", {})
    assert "<img" not in html and "[image: a tracker]" in html


def test_safe_links_survive() -> None:
    html = memo_html_body("<https://example.org> [m](mailto:a@b.org)", {})
    frag = lxml.html.fragment_fromstring(html, create_parent="div")
    assert [a.get("href") for a in frag.iter("a")] == ["https://example.org", "mailto:a@b.org"]


def test_adjacent_note_references_are_separated_by_a_comma() -> None:
    html = memo_html_body("Alliance[^2][^4] and Taiwan[^3].\n\n[^2]: Two.\n[^3]: Three.\n[^4]: Four.\n", {})
    frag = lxml.html.fragment_fromstring(html, create_parent="div")
    first = frag.xpath(".//p")[0]
    assert first.text_content() == "Alliance2,4 and Taiwan3."  # "2,4", not "24"
    assert [s.get("class") for s in first.iter("sup")] == ["footnote-ref", "footnote-sep", "footnote-ref",
                                                            "footnote-ref"]


def test_each_note_has_one_back_link_to_its_first_citation() -> None:
    text = "".join(f"Fact {n}[^1].\n\n" for n in range(9)) + "Other[^2].\n\n[^1]: Cited nine times.\n[^2]: Once.\n"
    frag = lxml.html.fragment_fromstring(memo_html_body(text, {}), create_parent="div")
    notes = frag.xpath(".//section[@class='footnotes']//li")
    links = [[(a.get("href"), a.get("aria-label")) for a in li.xpath(".//a[@class='backref']")] for li in notes]
    assert links == [[("#fnref1", "back to the first citation of note 1")],
                     [("#fnref2", "back to the first citation of note 2")]]
    assert frag.xpath(".//*[@id='fnref1']")[0].text_content() == "1"


def test_the_classification_lines_are_coloured_by_the_scheme_and_checked_for_contrast(tmp_path: Path) -> None:
    from briefgen import api
    from briefgen.write.html_check import check_html
    from tests.support.fixture_projects import make_project

    loaded = api.load(make_project(tmp_path / "proj", "markings-fictional"))
    view = api.tailor_view(loaded.library, "neutral")  # SEALED//HOUSE ONLY: 6A1B9A, text FFFF00
    write_html(view, tmp_path / "memo.html", options())
    page = (tmp_path / "memo.html").read_text(encoding="utf-8")
    assert ".marking { background: #6A1B9A; color: #FFFF00; padding: .2rem 0; }" in page
    doc = lxml.html.fromstring(page.encode("utf-8"))
    assert [m.text_content() for m in doc.xpath("//*[contains(@class, 'marking')]")] == ["SEALED//HOUSE ONLY"] * 2
    assert check_html(tmp_path / "memo.html", "memo.html") == []
    # a scheme whose banner colours a reader cannot tell apart is caught by the contrast rule
    pale = dataclasses.replace(view, banner_colors=("777777", "888888"))
    write_html(pale, tmp_path / "pale.html", options())
    assert [f"{f.rule}: {f.message}" for f in check_html(tmp_path / "pale.html", "pale.html")] == [
        "contrast: '.marking' sets text #888888 on #777777: contrast 1.26:1, needs 4.5:1; darken the text or "
        "lighten the background"]


def test_the_writer_records_the_fields_each_block_of_the_page_shows(tmp_path: Path) -> None:
    target = tmp_path / "memo.html"
    view = view_of(CONTENT, "dovish")
    written = write_html(view, target, options())
    by_text = fields_by_block(written, html_blocks(target.read_text(encoding="utf-8")), view)
    assert list(by_text)[:2] == [view.classification, "MEMORANDUM"]
    recommendation = next(t for t in by_text if t.startswith(view.recommendation))
    assert by_text[recommendation] == ["briefing.recommendation"]
    row = next(t for t in by_text if t.startswith("Option | "))
    assert by_text[row] == []
