"""Write the memo as one self-contained HTML page.

The Markdown memo is parsed with markdown-it (raw HTML off, links limited
to http/https/mailto), charts are embedded as PNG ``data:`` images (the same
drawings as the Word and Markdown memos), item pictures (verified at load
time) as PNG, JPEG or GIF ``data:`` images, and the
page template ``memo/memo.html.j2`` (autoescaped) supplies the CSS, print
stylesheet and the classification marking.  The page makes no outside
requests: no fonts, no scripts, no remote images (its Content-Security-Policy
forbids them too).  The manifest keeps which content field each block of the page
shows (:mod:`briefgen.write.memo_origins`).
"""
from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup, escape

from briefgen.atomic import atomic_write
from briefgen.errors import Problem
from briefgen.render.environment import render_template, shared_environment
from briefgen.render.memo.assemble import assemble_memo
from briefgen.render.memo.parse import memo_parser
from briefgen.tailor.view import BriefView
from briefgen.write.memo_origins import block_record, html_blocks
from briefgen.write.registry import OutputOptions, Written, guard_output

PAGE_TEMPLATE = "memo/memo.html.j2"
_MIME = {"svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "gif": "image/gif"}


def memo_html_body(markdown: str, images: dict) -> str:
    """The memo's Markdown as an HTML fragment; ``images`` maps a chart's or picture's src -> image bytes."""
    md = memo_parser(images)
    tokens = md.parse(markdown)
    for i, tok in enumerate(tokens):  # a paragraph holding just one image becomes a <figure>
        if tok.type == "inline" and tok.children and len(tok.children) == 1 and tok.children[0].type == "image":
            tokens[i - 1].tag = tokens[i + 1].tag = "figure"
            tokens[i - 1].attrSet("class", "chart")

    def image(self, toks, idx, options, env):
        tok = toks[idx]
        src = tok.attrGet("src") or ""
        alt = self.renderInlineAsText(tok.children or [], options, env)
        caption = tok.attrGet("title") or ""
        if src not in images:  # never fetch anything: an outside image shows as its description
            return str(escape(f"[image: {alt}]"))
        mime = _MIME.get(src.rsplit(".", 1)[-1], "application/octet-stream")
        data = base64.b64encode(images[src]).decode("ascii")
        out = f'<img src="data:{mime};base64,{data}" alt="{escape(alt)}">'
        if caption:
            out += f"<figcaption>{escape(caption)}</figcaption>"
        return out

    def caption(self, toks, idx, options, env):
        return f"{escape(toks[idx].meta.get('label', toks[idx].meta['id'] + 1))}"

    def ref(self, toks, idx, options, env):
        meta = toks[idx].meta
        ident = f"{meta['id'] + 1}"
        refid = ident + (f"-{meta['subId']}" if meta.get("subId", 0) > 0 else "")
        # Adjacent references get a superscript comma between them, as Word's do: "alliance²,⁴", not "²⁴".
        separator = '<sup class="footnote-sep">,</sup>' if idx > 0 and toks[idx - 1].type == "footnote_ref" else ""
        return (f'{separator}<sup class="footnote-ref"><a href="#fn{ident}" id="fnref{refid}">'
                f"{caption(self, toks, idx, options, env)}</a></sup>")

    def block_open(self, toks, idx, options, env):
        return '<section class="footnotes" aria-labelledby="notes-heading">\n<h2 id="notes-heading">Notes</h2>\n<ol>\n'

    def note_open(self, toks, idx, options, env):
        meta = toks[idx].meta
        value = meta.get("label", "")
        value_attr = f' value="{escape(value)}"' if str(value).isdigit() else ""
        return f'<li id="fn{meta["id"] + 1}"{value_attr}>'

    def anchor(self, toks, idx, options, env):
        meta = toks[idx].meta
        if meta.get("subId", 0) > 0:  # one back-link per note, to its first citation; not one per citation
            return ""
        label = escape(meta.get("label", meta["id"] + 1))
        return (f' <a href="#fnref{meta["id"] + 1}" class="backref" '
                f'aria-label="back to the first citation of note {label}">\u21a9\ufe0e</a>')

    md.add_render_rule("image", image)
    md.add_render_rule("footnote_caption", caption)
    md.add_render_rule("footnote_ref", ref)
    md.add_render_rule("footnote_block_open", block_open)
    md.add_render_rule("footnote_open", note_open)
    md.add_render_rule("footnote_anchor", anchor)
    return md.renderer.render(tokens, md.options, {})


def render_html(view: BriefView, options: OutputOptions) -> tuple[str, list[Problem]]:
    """The complete HTML page of ``view``'s memo, and warnings."""
    memo = assemble_memo(view, options.template_dirs, options.chart_cache, lambda kind, fmt: f"chart-{kind}.{fmt}",
                         lambda item_id, ext: f"picture-{item_id}.{ext}", page_marking=False)
    body = memo_html_body(memo.markdown, memo.images)
    env = shared_environment(options.template_dirs, autoescape=True)
    page = render_template(env, PAGE_TEMPLATE, embedded_chars=len(body), view=view, body=Markup(body),
                           title=view.title, classification=view.classification, audience=view.audience,
                           audience_label=view.audience_label, banner_colors=view.banner_colors)
    return page, memo.warnings


def write_html(view: BriefView, target: Path, options: OutputOptions) -> list[Problem]:
    """Write the self-contained HTML memo of ``view`` to ``target``; return warnings, with the record of what each
    block of the page shows (:func:`briefgen.write.memo_origins.block_record`, for ``briefgen trace``)."""
    target = Path(target)
    guard_output(target, options)
    page, warnings = render_html(view, options)
    guard_output(target, options)
    atomic_write(target, lambda tmp: tmp.write_text(page, encoding="utf-8", newline="\n"))
    return Written(warnings, record={"memo": block_record(html_blocks(page), view)})
