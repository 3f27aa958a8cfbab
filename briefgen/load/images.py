"""Check user images before any writer touches them.

An item may carry an ``image`` (a map, a photo): a path inside the content
folder to a PNG, JPEG or GIF.  ``check_image`` refuses paths that leave the
folder (``..``, absolute, a symlink out), files that are not raster images
(SVG included), truncated files and decompression bombs (a pixel cap checked
from the header before decoding), each as one located problem.
"""
from __future__ import annotations

import hashlib
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

from briefgen.errors import Loc, Problem, display_path
from briefgen.files import NotRegularFile, read_regular, real_path

MAX_PIXELS = 40_000_000  # e.g. 8000 x 5000; larger images are refused, not decoded
MAX_BYTES = 20 * 1024 * 1024
RASTER_FORMATS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif"}


@dataclass(frozen=True)
class CheckedImage:
    """A verified image: where it is, its format, size in pixels and content hash."""

    path: str  # absolute, resolved
    fmt: str  # png, jpeg or gif
    width: int
    height: int
    sha256: str


def check_image(root: Path, rel: str, loc: Loc | None, field: str) -> CheckedImage | Problem:
    """Verify the image ``rel`` (relative to ``root``); a CheckedImage, or the Problem that refuses it."""
    def refuse(message: str) -> Problem:
        return Problem(loc, field, message)

    if os.path.isabs(rel) or rel.startswith(("\\\\", "//")) or (len(rel) > 1 and rel[1] == ":"):
        return refuse(f"expected a path inside the content folder, got the absolute path {rel!r}")
    target = root / rel
    resolved = real_path(target)
    try:
        resolved.relative_to(real_path(root))
    except ValueError:
        return refuse(f"expected a path inside the content folder, got {rel!r}, which leaves it")
    try:
        data = read_regular(target, MAX_BYTES)
    except NotRegularFile as exc:
        return refuse(f"expected an image file, got {exc.what} at {rel!r}")
    except FileNotFoundError:
        return refuse(f"expected an image file, got nothing at {rel!r}")
    except OSError as exc:
        return refuse(f"cannot read {rel!r}: {exc.strerror or exc}")
    if len(data) > MAX_BYTES:
        size = os.stat(target).st_size
        got = f"{size / 1024 / 1024:.1f} MiB" if size > MAX_BYTES else "more"
        return refuse(f"expected an image of at most {MAX_BYTES // 1024 // 1024} MiB, got {got}")
    head = data[:512].lstrip().lower()
    if head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head:
        return refuse(f"expected a raster image (PNG, JPEG or GIF), got SVG in {rel!r}")
    import io

    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as im:
            fmt = im.format or ""
            width, height = im.size
            if fmt not in RASTER_FORMATS:
                return refuse(f"expected a PNG, JPEG or GIF image, got {fmt or 'an unknown format'} in {rel!r}")
            if width * height > MAX_PIXELS:
                return refuse(f"expected at most {MAX_PIXELS:,} pixels, got {width} x {height} "
                              f"({width * height:,}) in {rel!r}")
        # A second open: verify() checks structure and checksums, load() decodes (catches truncation).
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as im:
                im.verify()
            with Image.open(io.BytesIO(data)) as im:
                im.load()
    except UnidentifiedImageError:
        return refuse(f"expected a PNG, JPEG or GIF image, got a file that is not an image: {rel!r}")
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return refuse(f"expected at most {MAX_PIXELS:,} pixels, got a decompression bomb in {rel!r}")
    except (OSError, SyntaxError, ValueError):  # Pillow's own wording varies between versions: not shown
        return refuse(f"expected a complete image, got a damaged or truncated file {rel!r}")
    return CheckedImage(str(resolved), RASTER_FORMATS[fmt], width, height, hashlib.sha256(data).hexdigest())


def read_verified(path: str, sha256: str) -> bytes:
    """The bytes of an image checked at load time; BuildError if the file is gone or has changed since.

    Writers embed only what this returns, so nothing but a verified image (format, size, pixel cap)
    ever reaches python-pptx, python-docx or a browser: a file swapped after loading is refused."""
    from briefgen.errors import BuildError

    where = Loc(display_path(Path(path)))
    try:
        data = read_regular(path, MAX_BYTES)
    except NotRegularFile as exc:
        raise BuildError([Problem(where, "image", f"expected an image file, got {exc.what}")]) from None
    except OSError as exc:
        raise BuildError([Problem(where, "image", f"cannot read: {exc.strerror or exc}")]) from None
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BuildError([Problem(where, "image", "changed after the content was checked; build again")])
    return data


def image_format(data: bytes) -> str:
    """png, jpeg or gif, from a verified image's first bytes."""
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8"):
        return "jpeg"
    if data.startswith(b"GIF8"):
        return "gif"
    raise ValueError("not a verified PNG, JPEG or GIF image")
