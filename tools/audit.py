"""Audit the pinned dependencies against PyPI's own vulnerability records.

Usage: .venv/bin/python tools/audit.py [constraints.txt]
Exit 1 when a pinned version has a known vulnerability, 2 when PyPI cannot be reached.

Why not pip-audit: it asks PyPI for each version (`/pypi/<name>/<version>/json`) or OSV, and
neither answers from the machines this project is built on; the project document
(`/pypi/<name>/json`) does, and its `vulnerabilities` are those of the project's newest release
(the same OSV/PYSEC/GHSA records pip-audit reads). So a pin is audited when it is that release;
a pin that is not (a newer release came out, or the newest needs a newer Python) is listed as
not audited here, with the newest version, so that someone bumps it or audits it elsewhere.
"""

from __future__ import annotations

import concurrent.futures
import json
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

INDEX = "https://pypi.org/pypi/{name}/json"


@dataclass
class Report:
    vulnerable: dict[str, list[str]] = field(default_factory=dict)  # "name==v": findings
    not_audited: dict[str, str] = field(default_factory=dict)  # "name==v": why
    clean: list[str] = field(default_factory=list)


def pins(path: Path) -> list[tuple[str, str]]:
    """Return (name, version) for every `name==version` line of a constraints file."""
    out = []
    for line in path.read_text().splitlines():
        line = line.split("#")[0].split(";")[0].strip()
        if "==" in line:
            name, version = (part.strip() for part in line.split("==", 1))
            out.append((name, version))
    return out


def judge(name: str, version: str, project: dict, report: Report) -> None:
    """File one pin under vulnerable, clean or not audited, from PyPI's project document."""
    pin = f"{name}=={version}"
    newest = project["info"]["version"]
    if newest != version:
        report.not_audited[pin] = f"PyPI's records describe {newest}, the newest release"
        return
    found = [f"{v['id']} ({', '.join(v.get('aliases') or []) or 'no alias'}); fixed in "
             f"{', '.join(v.get('fixed_in') or []) or 'no release yet'}"
             for v in project.get("vulnerabilities") or [] if not v.get("withdrawn")]
    if found:
        report.vulnerable[pin] = found
    else:
        report.clean.append(pin)


def fetch(name: str) -> dict:
    with urllib.request.urlopen(INDEX.format(name=name), timeout=30) as response:
        return json.load(response)


def audit(pinned: list[tuple[str, str]], get=fetch) -> Report:
    report = Report()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        projects = dict(zip(pinned, pool.map(lambda pin: get(pin[0]), pinned), strict=True))
    for (name, version), project in projects.items():
        judge(name, version, project, report)
    return report


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "constraints.txt")
    pinned = pins(path)
    try:
        # the check must be able to fail: a release PyPI records as vulnerable must show so
        canary = Report()
        judge("pycrypto", "2.6.1", fetch("pycrypto"), canary)
        report = audit(pinned)
    except (urllib.error.URLError, OSError) as exc:
        print(f"audit: PyPI cannot be reached ({exc}); nothing was audited", file=sys.stderr)
        return 2
    if not canary.vulnerable:
        print("audit: PyPI returned no vulnerability records for pycrypto 2.6.1, which has "
              "several; its records cannot be trusted here", file=sys.stderr)
        return 2
    for pin, findings in sorted(report.vulnerable.items()):
        print(f"VULNERABLE {pin}: " + "; ".join(findings))
    for pin, why in sorted(report.not_audited.items()):
        print(f"not audited {pin}: {why}")
    print(f"audit: {len(pinned)} pins in {path}: {len(report.clean)} without known "
          f"vulnerabilities, {len(report.vulnerable)} vulnerable, {len(report.not_audited)} "
          "not audited here")
    return 1 if report.vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
