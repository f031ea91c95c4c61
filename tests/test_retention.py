"""Zero retention: every path runs with a marker in every personal field; then the logs, the
temporary folders and the instance folder are searched for it. Found nowhere."""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .conftest import make_case
from .test_server import OBJECTOR, free_port, wait_for

pytestmark = pytest.mark.slow


def personal(mark: str, kind: str = "objection") -> dict:
    return make_case(kind=kind, country="FR", platform="meta",
                     person={"name": f"{mark} Name", "address": [f"{mark} Street", "Paris"],
                             "email": f"{mark.lower()}@example.org",
                             "account": f"https://example.org/{mark}"},
                     grounds_text=f"{mark} grounds",
                     history={"objection_sent": "2026-09-01", "channel": "email",
                              "reply": "refused", "reply_date": "2026-10-01",
                              "details": f"{mark} details"},
                     signature={"typed": f"{mark} Sign"})


def form_fields(mark: str) -> dict:
    return {"platform": "meta", "country": "FR", "name": f"{mark} Name",
            "address": f"{mark} Street\nParis", "email": f"{mark.lower()}@example.org",
            "account": f"https://example.org/{mark}", "grounds": "own_work",
            "grounds_text": f"{mark} grounds", "stage": "refused",
            "objection_sent": "2026-09-01", "channel": "email", "reply_date": "2026-10-01",
            "details": f"{mark} details", "signature_mode": "typed",
            "signature_typed": f"{mark} Sign"}


class Browser:
    """A cookie-keeping HTTP client: the form flow as a browser without JavaScript runs it."""

    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path: str, data: bytes | None = None, headers=None) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def token(self) -> str:
        _, page = self.request("/")
        return re.search(rb'name="csrf_token" type="hidden" value="([^"]+)"', page)[1].decode()

    def post_form(self, path: str, fields: dict) -> tuple[int, bytes]:
        return self.request(path, urllib.parse.urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def post_json(self, path: str, body: bytes) -> tuple[int, bytes]:
        return self.request(path, body, {"Content-Type": "application/json"})


def files_containing(root: Path, needle: bytes) -> list[str]:
    """Search every file below `root`; files other processes remove meanwhile are skipped."""
    found = []
    for folder, _, names in os.walk(root, onerror=lambda _error: None):
        for name in names:
            path = Path(folder) / name
            try:
                if path.is_file() and needle in path.read_bytes():
                    found.append(str(path))
            except OSError:
                continue
    return found


def test_nothing_personal_is_kept_on_any_path(tmp_path):
    mark = "Mrk" + secrets.token_hex(6)
    temp, instance, out = tmp_path / "tmp", tmp_path / "instance", tmp_path / "out"
    for folder in (temp, instance, out):
        folder.mkdir()
    env = {**os.environ, "OBJECTOR_SECRET_KEY": "retention-test", "TMPDIR": str(temp),
           "OBJECTOR_INSTANCE_PATH": str(instance), "OBJECTOR_RATE_LIMIT": "",
           "OBJECTOR_MAX_CONTENT_LENGTH": "200000"}
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen([str(OBJECTOR), "serve", "--port", str(port), "--workers", "2"],
                              env=env, stderr=log, stdout=log, cwd=tmp_path)
    try:
        wait_for(port, server)
        web = Browser(f"http://127.0.0.1:{port}")
        seen = []
        fields = {**form_fields(mark), "csrf_token": web.token()}
        seen.append(web.post_form("/check", fields)[0])                       # check page
        seen.append(web.post_form("/edit", fields)[0])                        # change answers
        for letter in ("complaint-fr-cnil", "all"):                           # downloads
            seen.append(web.post_form("/download", {**fields, "letter": letter})[0])
        seen.append(web.post_form("/check", {**fields, "email": ""})[0])      # invalid form
        seen.append(web.post_form("/check", {**fields, "csrf_token": "x"})[0])  # expired
        body = json.dumps(personal(mark, "complaint")).encode()
        seen.append(web.post_json("/api/v1/letters", body)[0])                # API, PDF
        seen.append(web.post_json("/api/v1/letters?all=1", body)[0])          # API, pack
        bad = dict(personal(mark), country="XX")
        seen.append(web.post_json("/api/v1/letters", json.dumps(bad).encode())[0])  # 422
        seen.append(web.post_json("/api/v1/letters", body[:-5])[0])           # 400
        seen.append(web.post_json("/api/v1/letters", body + b" " * 300_000)[0])  # 413
        assert seen == [200, 200, 200, 200, 422, 400, 200, 200, 422, 400, 413]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    cli = [str(OBJECTOR), "render", "-", "-o"]
    for case, target in ((personal(mark), str(out / "letter.pdf")),
                         (personal(mark, "complaint"), str(out / "pack.zip")),
                         (dict(personal(mark), date="never"), str(out / "bad.pdf"))):
        extra = ["--all"] if target.endswith(".zip") else []
        subprocess.run([*cli, target, *extra], input=json.dumps(case).encode(), env=env,
                       capture_output=True, cwd=tmp_path, timeout=120)
    assert (out / "letter.pdf").exists()
    assert (out / "pack.zip").exists()

    server_log = (tmp_path / "server.log").read_text()
    assert "Booting worker" in server_log
    assert mark not in server_log
    assert mark.lower() not in server_log
    addresses = [line for line in server_log.splitlines()
                 if "127.0.0.1" in line and "Listening at" not in line]
    assert not addresses, addresses
    needle = mark.encode()
    for root in (temp, instance, Path("/dev/shm")):
        assert not files_containing(root, needle), root
        assert not files_containing(root, mark.lower().encode()), root
    if sys.platform == "linux":
        assert not files_containing(Path(os.environ.get("TMPDIR", "/tmp")), needle)
