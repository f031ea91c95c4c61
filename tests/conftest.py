"""Fixtures: the app, its clients, the pipeline, sample cases; engine warnings fail tests."""

from __future__ import annotations

import copy
import datetime as dt
import io
import logging
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from werkzeug.serving import make_server

from webapp import create_app
from webapp.catalog import default_catalog
from webapp.letters import Pipeline
from webapp.resources import letter_languages

TODAY = dt.date(2026, 11, 30)

BASE_CASE = {
    "kind": "objection",
    "platform": "linkedin",
    "country": "GB",
    "date": "2026-11-30",
    "person": {"name": "Jane O'Brien", "address": ["1 High Street", "London SW1A 1AA"],
               "email": "jane@example.org", "account": "https://www.linkedin.com/in/jane"},
    "grounds": ["not_expected", "own_work"],
    "grounds_text": "I am a freelance writer and my posts are my portfolio.",
    "signature": {"typed": "Jane O'Brien"},
}
HISTORY = {"objection_sent": "2026-09-01", "channel": "email", "reply": "none"}


def make_case(**changes) -> dict:
    """Return a fresh copy of the sample case with `changes` applied (history for complaints)."""
    case = copy.deepcopy(BASE_CASE)
    if changes.get("kind") == "complaint" and "history" not in changes:
        case["history"] = dict(HISTORY)
    for key, value in changes.items():
        if value is None:
            case.pop(key, None)
        else:
            case[key] = value
    return case


def pdf_text(data: bytes) -> str:
    """Return the text of every page, whitespace collapsed (lines broken anywhere)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


class _EngineWarnings(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture(autouse=True)
def engine_warnings(request):
    """Fail any test during which WeasyPrint logs a warning or an error.

    A test marked `engine_warnings_expected` gets the records to assert on instead.
    """
    handler = _EngineWarnings()
    loggers = [logging.getLogger(n) for n in ("weasyprint", "weasyprint.progress")]
    for logger in loggers:
        logger.addHandler(handler)
    yield handler.records
    for logger in loggers:
        logger.removeHandler(handler)
    if not request.node.get_closest_marker("engine_warnings_expected"):
        assert not handler.records, [r.getMessage() for r in handler.records]


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Refuse sockets to anything but this machine: tests never touch the network."""
    real_connect = socket.socket.connect

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            if not (host in ("localhost", "::1") or host.startswith("127.")):
                raise OSError(f"tests may not connect to {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture(scope="session")
def catalog():
    return default_catalog()


@pytest.fixture(scope="session")
def pipeline(catalog):
    return Pipeline(catalog, letter_languages())


@pytest.fixture
def app():
    return create_app({"TESTING": True, "WARM_UP": False, "SECRET_KEY": "test-secret",
                       "RATE_LIMIT": "10000 per minute"})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
AXE = Path(__file__).parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str, how: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {what} is missing ({how})")
    pytest.skip(f"{what} is missing ({how})")


@pytest.fixture(scope="session")
def server():
    """Serve the app on a loopback port from a thread: a real HTTP server, CSRF on."""
    app = create_app({"SECRET_KEY": "browser-test", "WARM_UP": False,
                      "RATE_LIMIT": "10000 per minute"})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; missing, it skips (fails with CI=true)."""
    if not os.path.exists(CHROMIUM):
        _missing("Debian's chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        _missing("axe-core", "npm ci --prefix tests/a11y")
    return AXE
