"""Open uploaded images strictly, with Pillow's own bomb guard set lower than its default."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable

from PIL import Image

PILLOW_MAX_PIXELS = 25_000_000  # the largest image any upload may have (evidence screenshots)


class UploadRefused(ValueError):
    """An uploaded image was refused; `reason` is "format", "too_big" or "unreadable"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def open_upload(raw: bytes, fits: Callable[[int, int], bool]) -> Image.Image:
    """Return the loaded image if it is a PNG or JPEG that `fits` (width, height) and is whole.

    WeasyPrint lets Pillow load truncated images (ImageFile.LOAD_TRUNCATED_IMAGES), which suits
    a renderer but not an upload check: verify() reads every chunk and its checksum first.
    """
    Image.MAX_IMAGE_PIXELS = PILLOW_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw))
            if image.format not in ("PNG", "JPEG"):
                raise UploadRefused("format")
            if not fits(*image.size):
                raise UploadRefused("too_big")
            Image.open(io.BytesIO(raw)).verify()
            image.load()
    except UploadRefused:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UploadRefused("too_big") from None
    except (OSError, ValueError, SyntaxError):
        raise UploadRefused("unreadable") from None
    return image
