"""Accessibility rules for a written PDF memo: tagged, with a title and a language.

A tagged PDF (a structure tree, ``/MarkInfo << /Marked true >>``) is what screen readers and PDF/UA
need; its catalog's ``/Lang`` tells them how to speak it; its title is shown instead of the file name.
The PDF is read with a small parser of its own (objects in plain text or in compressed object streams),
enough for what LibreOffice writes; no PDF library is needed.
"""
from __future__ import annotations

import re
import zlib
from pathlib import Path

from briefgen.write.findings import Finding, Rule, Rules

RULES = Rules(
    Rule("tagged", "error", "the PDF is tagged (has a structure tree), so screen readers can follow it"),
    Rule("document-title", "error", "the PDF has a title"),
    Rule("language", "error", "the PDF declares its language (/Lang)"),
)

_STREAM = re.compile(rb"<<(?:(?!>>\s*stream).)*?/(?:Type\s*/ObjStm)(?:(?!stream).)*?>>\s*stream\r?\n", re.S)


def check_pdf(path: Path, shown: str) -> list[Finding]:
    """Every accessibility problem of the PDF at ``path`` (``shown``: how its path is printed)."""
    data = path.read_bytes()
    texts = [data] + _object_streams(data)
    catalog = next((m for t in texts for m in re.finditer(rb"/Type\s*/Catalog\b", t)), None)
    findings = []
    if catalog is None or not data.startswith(b"%PDF"):
        return [RULES.finding(shown, "tagged", "not a PDF briefgen can read (no document catalog); rebuild it")]
    cat = next(_dictionary_around(t, m.start()) for t in texts for m in re.finditer(rb"/Type\s*/Catalog\b", t))
    if not re.search(rb"/StructTreeRoot\s+\d+\s+\d+\s+R", cat) or not re.search(rb"/Marked\s+true", cat):
        findings.append(RULES.finding(shown, "tagged", "the PDF is not tagged; export it as a tagged PDF "
                                                       "(LibreOffice: PDF Options > Universal Accessibility or "
                                                       "Tagged PDF; briefgen build -f pdf does this)"))
    lang = re.search(rb"/Lang\s*(\(([^)]*)\)|<([0-9A-Fa-f]*)>)", cat)
    if lang is None or not (lang.group(2) or lang.group(3) or b"").strip():
        findings.append(RULES.finding(shown, "language", "the PDF declares no language (/Lang); set the "
                                                         "document's language before exporting"))
    if not _has_title(data, texts):
        findings.append(RULES.finding(shown, "document-title", "the PDF has no title; set the document's title "
                                                               "before exporting"))
    return findings


def _object_streams(data: bytes) -> list[bytes]:
    """The decompressed contents of the PDF's object streams (where PDF 1.5+ may keep its catalog)."""
    out = []
    for m in _STREAM.finditer(data):
        end = data.find(b"endstream", m.end())
        if end < 0:
            continue
        try:
            out.append(zlib.decompress(data[m.end():end]))
        except zlib.error:
            continue
    return out


def _dictionary_around(text: bytes, at: int) -> bytes:
    """The innermost ``<< ... >>`` dictionary holding position ``at``, nested dictionaries included."""
    start, depth, i = at, 0, at
    while i > 0:  # back to the "<<" that opens the dictionary holding ``at``
        i -= 1
        if text[i:i + 2] == b">>":
            depth += 1
        elif text[i:i + 2] == b"<<":
            if depth == 0:
                start = i
                break
            depth -= 1
    depth, j = 0, start
    while j < len(text) - 1:
        if text[j:j + 2] == b"<<":
            depth += 1
            j += 2
            continue
        if text[j:j + 2] == b">>":
            depth -= 1
            j += 2
            if depth == 0:
                return text[start:j]
            continue
        j += 1
    return text[start:]


def _has_title(data: bytes, texts: list[bytes]) -> bool:
    info = re.findall(rb"/Info\s+(\d+)\s+(\d+)\s+R", data)
    for num, gen in reversed(info):  # the last trailer's Info dictionary
        for t in texts:
            m = re.search(rb"(?<!\d)" + num + rb"\s+" + gen + rb"\s+obj\s*", t)
            if m is not None:
                title = re.search(rb"/Title\s*(\(([^)]*)\)|<([0-9A-Fa-f]*)>)", _dictionary_around(t, m.end() + 2))
                if title is not None and _decoded(title.group(2), title.group(3)).strip():
                    return True
    xmp = re.search(rb"<dc:title>.*?<rdf:li[^>]*>([^<]+)</rdf:li>", data, re.S)
    return xmp is not None and bool(xmp.group(1).strip())


def _decoded(literal: bytes | None, hexa: bytes | None) -> str:
    if literal is not None:
        return literal.decode("latin-1")
    raw = bytes.fromhex(hexa.decode("ascii")) if hexa else b""
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", "replace")
    return raw.decode("latin-1")
