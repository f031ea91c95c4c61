"""Check a drawn signature by its content and re-encode it before it reaches a PDF."""

from __future__ import annotations

import base64
import binascii
import io
import re

from PIL import Image, ImageOps

from .images import UploadRefused, open_upload
from .messages import N_

MAX_BYTES = 512 * 1024
MAX_SIDE = 3000
MIN_WIDTH, MIN_HEIGHT = 40, 20
MAX_PIXELS = 4_000_000
_DATA_URL = re.compile(r"^data:image/(png|jpeg);base64,([A-Za-z0-9+/=\s]+)$")


class SignatureError(ValueError):
    """The signature image was refused; the message (a message id) says why."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.params = params

    def __str__(self) -> str:
        return self.args[0] % self.params if self.params else self.args[0]


def clean_signature_image(data_url: object) -> bytes:
    """Return a PNG of the ink cropped and flattened on white, or raise SignatureError."""
    if not isinstance(data_url, str):
        raise SignatureError(N_("Must be a data URL (data:image/png;base64,...)."))
    match = _DATA_URL.match(data_url.strip())
    if not match:
        raise SignatureError(N_("Must be a PNG or JPEG data URL (data:image/png;base64,...)."))
    if len(match[2]) > MAX_BYTES * 4 // 3 + 4:
        raise SignatureError(N_("The image is too large: at most %(kib)s KiB."),
                             kib=MAX_BYTES // 1024)
    try:
        raw = base64.b64decode(match[2], validate=False)
    except (binascii.Error, ValueError):
        raise SignatureError(N_("The image data is not valid base64.")) from None
    try:
        image = open_upload(raw, lambda w, h: max(w, h) <= MAX_SIDE and w * h <= MAX_PIXELS)
    except UploadRefused as exc:
        if exc.reason == "format":
            raise SignatureError(N_("The image must be a PNG or a JPEG.")) from None
        if exc.reason == "too_big":
            raise SignatureError(N_("The image is too big: at most %(side)s pixels a side."),
                                 side=MAX_SIDE) from None
        raise SignatureError(N_("The image could not be read as a PNG or JPEG.")) from None
    if image.width < MIN_WIDTH or image.height < MIN_HEIGHT:
        raise SignatureError(N_("The image is too small to be a signature."))
    rgba = image.convert("RGBA")
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    grey = Image.alpha_composite(white, rgba).convert("L")
    box = ImageOps.invert(grey).point(lambda v: 255 if v > 40 else 0).getbbox()
    if box is None:
        raise SignatureError(N_("The signature is empty: draw it, or type your name instead."))
    margin = 6
    box = (max(box[0] - margin, 0), max(box[1] - margin, 0),
           min(box[2] + margin, grey.width), min(box[3] + margin, grey.height))
    out = io.BytesIO()
    grey.crop(box).save(out, format="PNG", optimize=True)
    return out.getvalue()
