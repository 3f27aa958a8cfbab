"""Make the picture fixtures: a small map-like PNG and a PNG decompression bomb.

``python -m tests.support.generated_images`` rewrites ``tests/fixtures/item-image/images/peninsula.png`` and
``tests/fixtures/bad-image-bomb/images/bomb.png``.  The tests use the committed files; these
functions also make fresh copies where a test needs changed bytes.
"""
from __future__ import annotations

import io
import struct
import zlib

from tests.support.paths import FIXTURES

FIXTURES = FIXTURES
SEA, LAND, COAST, GRID, MARK = (198, 222, 240), (233, 228, 205), (120, 110, 90), (170, 195, 215), (200, 40, 40)


def map_png(width: int = 400, height: int = 300, marker: tuple[int, int] = (250, 150)) -> bytes:
    """A map-like drawing: sea, a grid, two land masses with coastlines, and a red marker at ``marker``."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (width, height), SEA)
    d = ImageDraw.Draw(im)
    for x in range(0, width, 50):
        d.line([(x, 0), (x, height)], fill=GRID)
    for y in range(0, height, 50):
        d.line([(0, y), (width, y)], fill=GRID)
    peninsula = [(120, 0), (200, 0), (215, 60), (190, 120), (205, 190), (170, 250), (135, 235), (140, 160),
                 (110, 100), (100, 30)]
    islands = [(300, 120), (340, 90), (385, 110), (395, 200), (350, 260), (310, 250), (325, 190)]
    for shape in (peninsula, islands):
        d.polygon(shape, fill=LAND, outline=COAST)
    mx, my = marker
    d.ellipse([(mx - 6, my - 6), (mx + 6, my + 6)], fill=MARK)
    buf = io.BytesIO()
    im.quantize(16).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width: int = 20000, height: int = 20000) -> bytes:
    """A valid 1-bit PNG of ``width`` x ``height`` pixels, all black: tiny on disk, huge once decoded."""
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then the packed pixels
    comp = zlib.compressobj(9)
    body = b"".join(comp.compress(row) for _ in range(height)) + comp.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b"")


def main() -> None:
    """Rewrite the committed picture fixtures."""
    targets = {FIXTURES / "item-image" / "images" / "peninsula.png": map_png(),
               FIXTURES / "bad-image-bomb" / "images" / "bomb.png": bomb_png()}
    for path, data in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"{path.relative_to(FIXTURES.parent.parent)}: {len(data):,} bytes")


if __name__ == "__main__":
    main()
