"""Regenerate docs/screenshots/: each step of the form at phone and desktop widths.

Usage: .venv/bin/python docs/screenshots.py   (needs Debian's chromium)
"""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from webapp import create_app

OUT = Path(__file__).parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {"phone": (320, 640), "desktop": (1280, 900)}


def save(page, name: str) -> None:
    png = page.screenshot(full_page=True)
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=128)
    image.save(OUT / f"{name}.png", optimize=True)


def steps(page, base: str):
    page.goto(base + "/")
    yield "1-form"
    page.click("#check-answers")
    yield "2-errors"
    page.select_option("#platform", "linkedin")
    page.select_option("#country", "GB")
    page.fill("#name", "Jane Doe")
    page.fill("#address", "1 High Street\nLondon SW1A 1AA")
    page.fill("#email", "jane@example.org")
    page.check("input[name=grounds][value=not_expected]")
    page.click("#check-answers")
    yield "3-check-and-download"


def main() -> None:
    app = create_app({"SECRET_KEY": "screenshots-only", "WARM_UP": False})
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_port}"
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=ARGS)
        for width_name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for step in steps(page, base):
                save(page, f"{step}-{width_name}")
            page.close()
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
