"""Pillow's own guard against decompression bombs, set lower than its default (89 Mpx), and
a strict check of an uploaded image's data."""

import io

from PIL import Image

PILLOW_MAX_PIXELS = 25_000_000  # the largest image any upload may have (evidence screenshots)


def guard_pillow() -> None:
    """Lower Pillow's pixel limit; each upload also checks its own, smaller limit."""
    Image.MAX_IMAGE_PIXELS = PILLOW_MAX_PIXELS


def verify(raw: bytes) -> None:
    """Raise OSError or SyntaxError when the image data is broken or cut short.

    WeasyPrint lets Pillow load truncated images (ImageFile.LOAD_TRUNCATED_IMAGES), which suits
    a renderer but not an upload check: verify() reads every chunk and its checksum.
    """
    Image.open(io.BytesIO(raw)).verify()
