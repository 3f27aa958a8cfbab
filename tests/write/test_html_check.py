"""The structural HTML rules (no browser): a page that breaks each rule and the exact line printed; the
shipped memos and diff page break none."""
from __future__ import annotations

from pathlib import Path

from briefgen.write.html_check import check_html, screen_rules
from tests.support.shipped_outputs import shipped_outputs

GOOD = ('<!DOCTYPE html><html lang="en"><head><title>Memo</title><style>{css}</style></head><body><main>'
        '<h1>Memo</h1><table><thead><tr><th>Option</th></tr></thead><tbody><tr><td>A</td></tr></tbody></table>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="A chart">{extra}</main></body></html>')


def page(tmp_path: Path, css: str = "body { color: #1a1a1a; }", extra: str = "", html: str | None = None) -> Path:
    target = tmp_path / "memo.html"
    target.write_text(html if html is not None else GOOD.format(css=css, extra=extra), encoding="utf-8")
    return target


def lines(path: Path) -> list[str]:
    return [str(f) for f in check_html(path, "memo.html")]


def test_a_plain_page_passes(tmp_path: Path) -> None:
    assert lines(page(tmp_path)) == []


def test_language_and_title(tmp_path: Path) -> None:
    html = GOOD.format(css="", extra="").replace(' lang="en"', "").replace("<title>Memo</title>", "")
    assert lines(page(tmp_path, html=html)) == [
        'memo.html: language: <html> has no lang attribute; add one, e.g. <html lang="en">',
        "memo.html: document-title: the page has no <title>; add one naming the document"]


def test_table_without_header_cells_but_layout_tables_are_fine(tmp_path: Path) -> None:
    extra = ('<table role="presentation"><tr><td>layout</td></tr></table>'
             "<table><tr><td>Option</td><td>Cost</td></tr></table>")
    assert lines(page(tmp_path, extra=extra)) == [
        "memo.html: table-header: table 2 has no header cells; make its first row <th> cells (in a <thead>)"]


def test_images_without_alt_text(tmp_path: Path) -> None:
    extra = '<img src="data:image/png;base64,iVBORw0KGgo="><img src="x.png" alt="" role="presentation">'
    assert lines(page(tmp_path, extra=extra)) == [
        "memo.html: alt-text: image 2 has no alt text; add an alt attribute describing what it shows"]


def test_contrast_of_the_stylesheet_with_variables_and_page_background(tmp_path: Path) -> None:
    css = (":root { --muted: #999999; } html { background: #ffffff; } body { color: #1a1a1a; } "
           ".note { color: var(--muted); } h1 { font-size: 24pt; color: #949494; } "  # large: 3.03:1 is enough
           "thead th { background: #1f3864; } @media print { .faint { color: #eeeeee; } }")
    assert lines(page(tmp_path, css=css)) == [
        "memo.html: contrast: '.note' sets text #999999 on #FFFFFF: contrast 2.85:1, needs 4.5:1; darken the text "
        "or lighten the background",
        "memo.html: contrast: 'thead th' sets text #1A1A1A on #1F3864: contrast 1.50:1, needs 4.5:1; darken the "
        "text or lighten the background"]


def test_screen_rules_leave_out_print_and_page_blocks() -> None:
    rules = screen_rules("a { color: red; } @page { size: letter; } @media print { a { color: blue; } } "
                         "/* b { color: green; } */")
    assert rules == [("a", {"color": "red"})]


def test_the_shipped_pages_pass(shipped_project: Path) -> None:
    pages = shipped_outputs(shipped_project, "html") + [shipped_project / "out" / "diff-hawkish-dovish.html"]
    assert len(pages) == 4
    for path in pages:
        assert [str(f) for f in check_html(path, path.name)] == []
