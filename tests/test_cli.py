"""webapp.cli: render (file, stdin, ZIP), catalog check and list; exit codes pinned."""

from __future__ import annotations

import io
import json
import zipfile

from webapp.cli import main

from .conftest import make_case, pdf_text


def test_render_a_case_file(runner, tmp_path):
    case = tmp_path / "case.json"
    case.write_text(json.dumps(make_case(country="FR", platform="meta")), encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = runner.invoke(main, ["render", str(case), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Meta Platforms Ireland Limited" in pdf_text(out.read_bytes())


def test_render_from_stdin_to_stdout(runner):
    result = runner.invoke(main, ["render", "-", "-o", "-"],
                           input=json.dumps(make_case()).encode())
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"%PDF-")
    assert "LinkedIn Corporation" in pdf_text(result.stdout_bytes)


def test_render_all_to_a_zip(runner, tmp_path):
    out = tmp_path / "all.zip"
    result = runner.invoke(main, ["render", "-", "--all", "-o", str(out)],
                           input=json.dumps(make_case(kind="complaint")).encode())
    assert result.exit_code == 0
    with zipfile.ZipFile(io.BytesIO(out.read_bytes())) as archive:
        assert sorted(archive.namelist()) == ["complaint-gb-ico-linkedin-2026-11-30.pdf",
                                              "dates.ics", "how-to-send.txt",
                                              "reminder-linkedin-2026-11-30.pdf"]


def test_an_invalid_case_exits_2_with_one_line_per_problem(runner, tmp_path):
    bad = make_case(country="XX", person={"name": "", "address": [], "email": "x"})
    out = tmp_path / "out.pdf"
    result = runner.invoke(main, ["render", "-", "-o", str(out)], input=json.dumps(bad))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert {line.split(":")[0] for line in lines} == {
        "country", "person.name", "person.address", "person.email"}
    assert not out.exists()


def test_not_json_exits_2(runner, tmp_path):
    result = runner.invoke(main, ["render", "-", "-o", str(tmp_path / "x.pdf")], input="{")
    assert result.exit_code == 2
    assert "not valid JSON" in result.stderr


def test_catalog_check_and_list(runner):
    result = runner.invoke(main, ["catalog", "check"])
    assert result.exit_code == 0
    assert result.output.startswith("catalog OK")
    listing = runner.invoke(main, ["catalog", "list"]).output
    for text in ("GB", "United Kingdom", "uk-gdpr", "gb-ico", "linkedin", "meta",
                 "de-by-baylda", "Commission nationale"):
        assert text in listing


def test_catalog_check_stale(runner):
    assert runner.invoke(main, ["catalog", "check", "--stale", "100000"]).exit_code == 0
