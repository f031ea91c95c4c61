"""Evidence a person attaches: screenshots and PDFs, checked by content, images re-encoded.

Images lose their metadata (a phone's screenshot may carry where it was taken); a PDF is kept
as it is once it reads as a PDF of a reasonable size. They travel inside the complaint as PDF/A-3
associated files.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from dataclasses import dataclass

from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .images import PILLOW_MAX_PIXELS, UploadRefused, open_upload
from .messages import N_

MAX_FILES = 5
MAX_BYTES = 4 * 1024 * 1024
MAX_PIXELS = PILLOW_MAX_PIXELS
MAX_PAGES = 30
_DATA_URL = re.compile(r"^data:(image/png|image/jpeg|application/pdf);base64,([A-Za-z0-9+/=\s]+)$")
_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class Evidence:
    name: str  # a safe file name
    mime: str  # image/png, image/jpeg or application/pdf, by content
    data: bytes
    shows: str  # what it shows, in the person's words
    detail: str  # "1280 × 800 px" or "3 pages"
    date: str = ""  # when it was made, from the file's own metadata (YYYY-MM-DD), if it says


class EvidenceError(ValueError):
    """A file was refused; the message (a message id with values) says why."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.params = params


def safe_name(name: str, mime: str) -> str:
    stem = _NAME.sub("-", name.rsplit(".", 1)[0]).strip("-.")[:60] or "evidence"
    return f"{stem}.{ {'image/png': 'png', 'image/jpeg': 'jpg'}.get(mime, 'pdf') }"


def clean_evidence(name: str, data_url: str, shows: str) -> Evidence:
    """Check one file by its content and return it ready to embed, or raise EvidenceError."""
    match = _DATA_URL.match(data_url.strip()) if isinstance(data_url, str) else None
    if not match:
        raise EvidenceError(N_("Must be a PNG or JPEG screenshot or a PDF (as a data URL)."))
    if len(match[2]) > MAX_BYTES * 4 // 3 + 4:
        raise EvidenceError(N_("The file is too large: at most %(mib)s MiB."),
                            mib=MAX_BYTES // 1024 // 1024)
    try:
        raw = base64.b64decode(match[2])
    except (binascii.Error, ValueError):
        raise EvidenceError(N_("The file data is not valid base64.")) from None
    if raw.startswith(b"%PDF-"):
        return _pdf(name, raw, shows)
    return _image(name, raw, shows)


def _pdf(name: str, raw: bytes, shows: str) -> Evidence:
    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise EvidenceError(N_("The PDF is protected by a password; attach an unprotected "
                                   "copy."))
        pages = len(reader.pages)
        made = _pdf_date(reader)
    except EvidenceError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise EvidenceError(N_("The file could not be read as a PDF.")) from None
    if not 1 <= pages <= MAX_PAGES:
        raise EvidenceError(N_("The PDF must have between 1 and %(pages)s pages."),
                            pages=MAX_PAGES)
    return Evidence(safe_name(name, "application/pdf"), "application/pdf", raw, shows,
                    f"{pages} p.", made)


def _image(name: str, raw: bytes, shows: str) -> Evidence:
    try:
        image = open_upload(raw, lambda w, h: w * h <= MAX_PIXELS)
    except UploadRefused as exc:
        if exc.reason == "format":
            raise EvidenceError(N_("Images must be PNG or JPEG.")) from None
        if exc.reason == "too_big":
            raise EvidenceError(N_("The image is too big: at most %(mp)s million pixels."),
                                mp=MAX_PIXELS // 1_000_000) from None
        raise EvidenceError(N_("The file could not be read as an image.")) from None
    made = _image_date(image)
    out = io.BytesIO()
    image.convert("RGB").save(out, format="PNG", optimize=True)  # metadata is not copied
    return Evidence(safe_name(name, "image/png"), "image/png", out.getvalue(), shows,
                    f"{image.width} × {image.height} px", made)


def _image_date(image: Image.Image) -> str:
    """Return the day the image says it was made (EXIF or PNG text), before it is stripped."""
    exif = image.getexif()
    stamp = exif.get_ifd(0x8769).get(0x9003) or exif.get(0x0132)  # DateTimeOriginal, DateTime
    stamp = stamp or image.info.get("Creation Time") or image.info.get("date:create")
    found = re.search(r"(\d{4})[:-](\d{2})[:-](\d{2})", str(stamp or ""))
    return "-".join(found.groups()) if found else ""


def _pdf_date(reader: PdfReader) -> str:
    stamp = (reader.metadata or {}).get("/CreationDate", "")
    found = re.search(r"(\d{4})(\d{2})(\d{2})", str(stamp))
    return "-".join(found.groups()) if found else ""
