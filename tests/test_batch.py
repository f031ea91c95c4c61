"""webapp.batch and `objector batch`: many cases on every core; bad lines named, others done."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from webapp.cli import main

from .conftest import make_case, pdf_text

COLUMNS = ["kind", "platform", "country", "subdivision", "date", "person.name",
           "person.address", "person.email", "grounds", "history.objection_sent",
           "history.channel", "signature.typed"]


def test_batch_jsonl_to_a_folder(runner, tmp_path):
    cases = tmp_path / "cases.jsonl"
    lines = [json.dumps(make_case(country="IE", platform="meta")),
             json.dumps(make_case(country="XX")), "{not json",
             json.dumps(make_case(kind="complaint", country="DE", subdivision="DE-HH"))]
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(cases), "--out", str(out), "--processes", "2"])
    assert result.exit_code == 2
    assert "line 2: country: Objector does not cover XX" in result.stderr
    assert "line 3: (case): not valid JSON" in result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["000001-objection-meta-2026-11-30.pdf",
                     "000004-complaint-de-hh-hmbbfdi-linkedin-2026-11-30.pdf",
                     "000004-reminder-linkedin-2026-11-30.pdf"]  # what to send first
    assert "Hamburg" in pdf_text((out / names[1]).read_bytes())


def test_batch_csv_to_a_zip(runner, tmp_path):
    cases = tmp_path / "cases.csv"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for i, country in enumerate(["GB", "FR", "PL"]):
        writer.writerow({"kind": "objection", "platform": "linkedin", "country": country,
                         "date": "2026-11-30", "person.name": f"Person {i}",
                         "person.address": "1 Road | Town", "person.email": f"p{i}@example.org",
                         "grounds": "own_work|irreversible", "signature.typed": f"Person {i}"})
    cases.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "pack.zip"
    result = runner.invoke(main, ["batch", str(cases), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        assert len(names) == 3
        assert "Person 2" in pdf_text(archive.read(sorted(names)[2]))


def test_batch_csv_names_an_organisation_and_a_us_state(runner, tmp_path):
    cases = tmp_path / "cases.csv"
    columns = [*COLUMNS, "organisation.name", "organisation.address"]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerow({"kind": "objection", "platform": "other", "country": "US",
                     "subdivision": "US-TX", "date": "2026-11-30", "person.name": "Pat Doe",
                     "person.address": "1 Road | Austin, TX", "person.email": "pat@example.org",
                     "signature.typed": "Pat Doe", "organisation.name": "Example Corp",
                     "organisation.address": "2 Avenue | Dallas, TX 75201"})
    cases.write_text(buffer.getvalue(), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["batch", str(cases), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    (pdf,) = out.iterdir()
    text = pdf_text(pdf.read_bytes())
    assert "Example Corp" in text
    assert "Dallas, TX 75201" in text
    assert "541." in text  # Texas's own statute
