"""webapp.web.api: POST /api/v1/letters; one JSON error shape, pinned here."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from .conftest import make_case, pdf_text


def post(client, body, query=""):
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.post(f"/api/v1/letters{query}", data=data,
                       content_type="application/json")


def assert_error_shape(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error", "errors"}
    assert isinstance(body["error"], str)
    assert body["error"]
    assert isinstance(body["errors"], dict)
    assert all(isinstance(v, list) and all(isinstance(m, str) for m in v)
               for v in body["errors"].values())
    return body


def test_a_case_becomes_a_pdf(client):
    response = post(client, make_case(country="IE", platform="meta"))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "Meta Platforms Ireland Limited" in text
    assert "Article 21(1) GDPR" in text


def test_all_gives_a_zip(client):
    response = post(client, make_case(kind="complaint", country="DE", subdivision="DE-BY"),
                    "?all=1")
    assert response.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert any(n.startswith("complaint-de-by-baylda-linkedin") for n in archive.namelist())
        assert "how-to-send.txt" in archive.namelist()


def test_api_is_csrf_exempt_while_forms_are_not(app):
    app.config["WTF_CSRF_ENABLED"] = True
    client = app.test_client()
    assert post(client, make_case()).status_code == 200
    assert client.post("/check", data={"name": "x"}).status_code == 400


@pytest.mark.parametrize("body", [b"{not json", b"", "\u00ff".encode("latin-1")])
def test_malformed_json_is_400(client, body):
    assert_error_shape(post(client, body), 400)


@pytest.mark.parametrize(("changes", "path"), [
    ({"country": "ZZ"}, "country"),
    ({"person": {"name": "", "address": ["x"], "email": "a@b.org"}}, "person.name"),
    ({"kind": "complaint", "history": {"objection_sent": "nope", "channel": "email"}},
     "history.objection_sent"),
    ({"country": "FR", "kind": "complaint", "language": "de"}, "language"),
])
def test_an_invalid_case_is_422_naming_the_field(client, changes, path):
    body = assert_error_shape(post(client, make_case(**changes)), 422)
    assert path in body["errors"]


def test_unknown_api_path_and_method_use_the_same_shape(client):
    assert_error_shape(client.get("/api/v1/nothing"), 404)
    assert_error_shape(client.get("/api/v1/letters"), 405)


def test_oversized_body_is_413(app):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    assert_error_shape(post(app.test_client(), make_case(grounds_text="x" * 2000)), 413)
