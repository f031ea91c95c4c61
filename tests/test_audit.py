"""tools/audit.py: how a pin is judged from PyPI's project record (recorded, offline)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import audit  # noqa: E402

PYCRYPTO = json.loads((Path(__file__).parent / "fixtures" / "pypi-pycrypto.json").read_text())


def test_a_pinned_release_with_records_is_vulnerable():
    report = audit.Report()
    audit.judge("pycrypto", "2.6.1", PYCRYPTO, report)
    (findings,) = report.vulnerable.values()
    assert any(f.startswith("PYSEC-2017-94 (CVE-2013-7459") for f in findings)
    assert not report.clean


def test_withdrawn_records_do_not_count_and_a_clean_pin_is_clean():
    withdrawn = {**PYCRYPTO, "vulnerabilities": [
        {**v, "withdrawn": "2024-01-01T00:00:00Z"} for v in PYCRYPTO["vulnerabilities"]]}
    report = audit.Report()
    audit.judge("pycrypto", "2.6.1", withdrawn, report)
    assert report.clean == ["pycrypto==2.6.1"]


def test_a_pin_behind_the_newest_release_is_not_called_clean():
    report = audit.Report()
    audit.judge("pycrypto", "2.6", {**PYCRYPTO, "vulnerabilities": []}, report)
    assert report.not_audited == {
        "pycrypto==2.6": "PyPI's records describe 2.6.1, the newest release"}
    assert not report.clean


def test_every_pin_of_the_constraints_file_is_read():
    pinned = audit.pins(ROOT / "constraints.txt")
    lines = [ln for ln in (ROOT / "constraints.txt").read_text().splitlines() if "==" in ln]
    assert len(pinned) == len(lines) > 50
    assert ("weasyprint", "70.0") in pinned
