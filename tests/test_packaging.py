"""The wheel carries templates, translations, catalog data and fonts, and renders from there."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import make_case, pdf_text

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_a_wheel_renders_from_its_installed_copy(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                    "--outdir", str(tmp_path / "dist"), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = (tmp_path / "dist").glob("objector-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for wanted in ("webapp/_letter_templates/objection/letter.html",
                   "webapp/_letter_templates/fonts/NotoSans-Regular.ttf",
                   "webapp/_letter_templates/fonts/LICENSE.txt",
                   "webapp/_translations/de/LC_MESSAGES/messages.mo",
                   "webapp/catalog/data/regimes/uk-gdpr.yaml",
                   "webapp/web/templates/form.html",
                   "webapp/web/static/enhance.js"):
        assert wanted in names, wanted
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--target", str(target), str(wheel)], check=True, capture_output=True)
    case = tmp_path / "case.json"
    case.write_text(json.dumps(make_case(kind="complaint", country="DE", subdivision="DE-BY")))
    script = ("import sys, webapp; from webapp.cli import main; "
              "assert webapp.__file__.startswith(sys.argv[1]), webapp.__file__; "
              "main(sys.argv[2:])")
    out = tmp_path / "out.pdf"
    result = subprocess.run(
        [sys.executable, "-c", script, str(target), "render", str(case), "-o", str(out)],
        cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    text = pdf_text(out.read_bytes())
    assert "Bayerisches Landesamt für Datenschutzaufsicht" in text
    assert "DSGVO" in text
