"""`objector serve`: a real gunicorn with preloaded, warmed-up workers on loopback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import make_case, pdf_text

OBJECTOR = Path(sys.executable).parent / "objector"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(process.stderr.read())
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("the server did not start")


@pytest.mark.slow
def test_serve_answers_with_pdfs_from_two_workers(tmp_path):
    port = free_port()
    env = {**os.environ, "OBJECTOR_SECRET_KEY": "server-test-secret"}
    process = subprocess.Popen([str(OBJECTOR), "serve", "--port", str(port), "--workers", "2"],
                               env=env, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        wait_for(port, process)
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/letters", method="POST",
            data=json.dumps(make_case(country="IE", platform="meta")).encode(),
            headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Content-Type"] == "application/pdf"
            assert "Meta Platforms Ireland Limited" in pdf_text(response.read())
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert b"Object to AI training" in response.read()
    finally:
        process.send_signal(signal.SIGTERM)
        _, log = process.communicate(timeout=30)
    assert "Booting worker" in log
    assert "Jane O'Brien" not in log  # no request content in the server's log


def test_serve_refuses_the_default_secret(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "OBJECTOR_SECRET_KEY"}
    result = subprocess.run([str(OBJECTOR), "serve", "--port", str(free_port())], env=env,
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode != 0
    assert "OBJECTOR_SECRET_KEY" in result.stderr


def test_a_missing_harfbuzz_subsetting_is_a_warning_at_start(monkeypatch, caplog):
    from weasyprint.text import ffi

    from webapp import create_app

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    with caplog.at_level("WARNING"):
        create_app({"TESTING": True, "WARM_UP": False, "SECRET_KEY": "hb"})
    assert "libharfbuzz-subset0" in caplog.text
