"""Warm timings: one letter in process, and a whole request through `objector serve`.

Usage: .venv/bin/python bench/warm.py [--runs N]
Prints median and p90 in milliseconds. A measurement, not a test: run it on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from webapp.case import parse_case
from webapp.catalog import default_catalog
from webapp.letters import Pipeline
from webapp.resources import letter_languages

CASE = {
    "kind": "objection", "platform": "linkedin", "country": "GB",
    "person": {"name": "Jane Doe", "address": ["1 High Street", "London SW1A 1AA"],
               "email": "jane@example.org"},
    "grounds": ["not_expected", "own_work"], "signature": {"typed": "Jane Doe"},
}


def summary(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    return (f"median {statistics.median(ms):6.1f} ms   p90 {ms[int(len(ms) * 0.9) - 1]:6.1f} ms"
            f"   (n={len(ms)})")


def in_process(runs: int) -> dict[str, list[float]]:
    pipeline = Pipeline(default_catalog(), letter_languages())
    case = parse_case(CASE, pipeline.catalog)
    route = pipeline.route(case)
    for _ in range(5):
        pipeline.render(route, route.letters[0])
    times: dict[str, list[float]] = {"html": [], "letter": [], "case->pdf": []}
    for _ in range(runs):
        start = time.perf_counter()
        pipeline.html(route, route.letters[0])
        times["html"].append(time.perf_counter() - start)
        start = time.perf_counter()
        pipeline.render(route, route.letters[0])
        times["letter"].append(time.perf_counter() - start)
        start = time.perf_counter()
        full = parse_case(CASE, pipeline.catalog)
        r = pipeline.route(full)
        pipeline.render(r, r.letters[0])
        times["case->pdf"].append(time.perf_counter() - start)
    return times


def over_http(runs: int) -> list[float]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    objector = Path(sys.executable).parent / "objector"
    env = {**os.environ, "OBJECTOR_SECRET_KEY": "bench-only-secret", "OBJECTOR_RATE_LIMIT": ""}
    server = subprocess.Popen([str(objector), "serve", "--port", str(port), "--workers", "1"],
                              env=env, stderr=subprocess.DEVNULL)
    body = json.dumps(CASE).encode()
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        times = []
        for i in range(runs + 5):
            request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/letters",
                                             data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            start = time.perf_counter()
            with urllib.request.urlopen(request) as response:
                response.read()
            if i >= 5:
                times.append(time.perf_counter() - start)
        return times
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    for name, samples in in_process(runs).items():
        print(f"in process, {name:<10} {summary(samples)}")
    print(f"HTTP POST /api/v1/letters (gunicorn, 1 worker) {summary(over_http(runs))}")


if __name__ == "__main__":
    main()
