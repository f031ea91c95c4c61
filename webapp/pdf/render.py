"""Render letter HTML to PDF/A-3b with tags, in memory, with the shipped fonts."""

from __future__ import annotations

import contextlib
import gc
import io
import signal
import threading
from importlib.resources import files

import pydyf
from weasyprint import CSS, HTML, Attachment
from weasyprint.css import ColorProfile
from weasyprint.text.fonts import FontConfiguration

from ..resources import LETTER_TEMPLATES
from .fetcher import AssetFetcher

OUTPUT_INTENT = "objector-srgb"
PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True, "output_intent": OUTPUT_INTENT}


def _srgb_profile() -> ColorProfile:
    """Load WeasyPrint's sRGB profile once (its own default opens the file on every render)."""
    data = (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()
    return ColorProfile(io.BytesIO(data), "sRGB2014.icc", "relative-colorimetric",
                        (["r"], ["g"], ["b"]))


class RenderError(RuntimeError):
    """A letter could not be rendered within its bounds; the message is safe to show."""


def harfbuzz_subsetting() -> bool:
    """Tell whether WeasyPrint found libharfbuzz-subset (without it, renders are ~3× slower)."""
    from weasyprint.text import ffi

    return ffi.harfbuzz_subset is not None


def _show_title(_document, pdf) -> None:
    """Ask viewers to show the document's title rather than its file name (PDF/UA, PDF/A)."""
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})


class RenderTimeout(RenderError):
    """A render took longer than its time limit."""


class _Expired(BaseException):
    """Raised by the alarm inside a render; turned into RenderTimeout outside it."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Interrupt the block after `seconds` with RenderTimeout.

    Signals reach only the main thread, which is where gunicorn's sync workers and the CLI
    render; elsewhere (a threaded development server) the page cap and input limits bound
    the work, and gunicorn's worker timeout is the last resort.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise _Expired  # not an Exception: WeasyPrint's own `except Exception` must not eat it

    previous = signal.signal(signal.SIGALRM, expire)
    # An alarm that lands in a finaliser run by the garbage collector cannot reach the render:
    # Python reports it as "unraisable" and drops it. So no collection runs meanwhile (the
    # render is also ~3 % faster), and the alarm keeps firing every 50 ms.
    collecting = gc.isenabled()
    gc.disable()
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)
    try:
        yield
    except _Expired:
        raise RenderTimeout(f"The letter took longer than {seconds:g} seconds to lay out and "
                            "was stopped. Shorten the free-text fields and try again.") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if collecting:
            gc.enable()


class Renderer:
    """Hold what every render shares: the font configuration and the parsed stylesheet.

    A fresh FontConfiguration per render leaks memory, so there is one per process.
    """

    def __init__(self, max_pages: int = 8, timeout: float = 10):
        self.max_pages = max_pages
        self.timeout = timeout
        self.font_config = FontConfiguration()
        self.base_url = LETTER_TEMPLATES.as_uri() + "/"
        self.stylesheet = CSS(filename=str(LETTER_TEMPLATES / "letter.css"),
                              font_config=self.font_config,
                              url_fetcher=AssetFetcher(LETTER_TEMPLATES))
        self.srgb = _srgb_profile()
        self._lock = threading.Lock()  # FontConfiguration is not safe to share across threads

    def render(self, html: str, memory: dict[str, tuple[bytes, str]] | None = None,
               attachments: list[Attachment] | None = None) -> bytes:
        """Return the PDF of `html`; refuse a letter longer than `max_pages`.

        `attachments` become PDF/A-3 associated files.
        """
        fetcher = AssetFetcher(LETTER_TEMPLATES, memory)
        with self._lock, time_limit(self.timeout):
            document = HTML(string=html, base_url=self.base_url, url_fetcher=fetcher).render(
                stylesheets=[self.stylesheet], font_config=self.font_config,
                color_profiles={OUTPUT_INTENT: self.srgb}, **PDF_OPTIONS)
            if len(document.pages) > self.max_pages:
                raise RenderError(f"The letter would run to {len(document.pages)} pages; the "
                                  f"limit is {self.max_pages}. Shorten the free-text fields.")
            return document.write_pdf(attachments=attachments or None, finisher=_show_title,
                                      **PDF_OPTIONS)
