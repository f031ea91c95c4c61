"""Property-based runs over the case schema, the API, the form and the signature upload.

Thousands of generated inputs: markup, control characters, right-to-left text, very long
strings, invalid dates, broken images. No 5xx; every 4xx names a field; input never becomes
markup.
"""

from __future__ import annotations

import base64
import io
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from PIL import Image

from webapp import create_app
from webapp.case import CaseError, parse_case
from webapp.signature import SignatureError, clean_signature_image

from .conftest import TODAY, make_case

HOSTILE = st.sampled_from([
    "<b>bold</b>", "<script>alert(1)</script>", "&amp;&lt;", "\u202eevil\u202c", "שלום עולם",
    "\x00\x07\x1b", "'; DROP TABLE x; --", "{{ 7*7 }}", "%(name)s", "\ud7ff\ufeff", "\n\r\t",
    "<img src=x onerror=alert(1)>", "<base href='file:///'>", "2026-02-30", "9999-99-99",
    "x" * 5000, "",
])
TEXT = st.one_of(HOSTILE, st.text(max_size=300), st.text(min_size=1000, max_size=3000))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12)
FIELDS = ["kind", "platform", "country", "subdivision", "language", "date", "person",
          "person.name", "person.address", "person.email", "person.account", "grounds",
          "grounds_text", "history", "history.objection_sent", "history.channel",
          "history.reply", "history.reply_date", "history.details", "signature",
          "signature.typed", "signature.image"]


@st.composite
def mutated_cases(draw):
    """A valid case with some fields replaced by hostile or random values."""
    case = make_case(kind=draw(st.sampled_from(["objection", "complaint"])),
                     country=draw(st.sampled_from(["GB", "IE", "FR", "DE", "NO", "IT"])))
    if case["country"] == "DE":
        case["subdivision"] = "DE-BY"
    for path in draw(st.lists(st.sampled_from(FIELDS), max_size=4, unique=True)):
        value = draw(st.one_of(TEXT, JSON))
        head, _, tail = path.partition(".")
        if tail and isinstance(case.get(head), dict):
            case[head][tail] = value
        else:
            case[head] = value
    return case


def assert_names_fields(errors: dict) -> None:
    assert errors
    for path, messages in errors.items():
        assert isinstance(path, str)
        assert messages
        assert all(isinstance(m, str) and m for m in messages)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(mutated_cases(), JSON))
def test_case_schema_accepts_or_names_the_field(catalog, pipeline, data):
    try:
        case = parse_case(data, catalog, TODAY)
        pipeline.route(case)
    except CaseError as exc:
        assert_names_fields(exc.errors)


@pytest.fixture(scope="module")
def fuzz_client():
    app = create_app({"TESTING": True, "WARM_UP": False, "SECRET_KEY": "fuzz",
                      "WTF_CSRF_ENABLED": False, "RATE_LIMIT": ""})
    return app.test_client()


@settings(max_examples=300, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=st.one_of(mutated_cases().map(json.dumps), JSON.map(json.dumps),
                      st.binary(max_size=200)))
def test_api_never_fails_with_5xx(fuzz_client, body):
    response = fuzz_client.post("/api/v1/letters", data=body, content_type="application/json")
    assert response.status_code in (200, 400, 413, 422), response.status_code
    if response.status_code == 200:
        assert response.data.startswith(b"%PDF-")
    else:
        payload = response.get_json()
        assert set(payload) == {"error", "errors"}
        if response.status_code == 422:
            assert_names_fields(payload["errors"])


FORM_FIELDS = ["platform", "country", "subdivision", "language", "name", "address", "email",
               "account", "grounds", "grounds_text", "stage", "objection_sent", "channel",
               "reply_date", "details", "signature_mode", "signature_typed", "signature_image"]
GOOD_FORM = {"platform": "meta", "country": "IE", "name": "Ann", "address": "1 Road\nCork",
             "email": "ann@example.org", "grounds": "own_work", "stage": "none",
             "signature_mode": "typed"}


@settings(max_examples=300, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(changes=st.dictionaries(st.sampled_from(FORM_FIELDS), TEXT, max_size=5))
def test_form_never_fails_with_5xx_and_names_the_field(fuzz_client, changes):
    response = fuzz_client.post("/check", data={**GOOD_FORM, **changes})
    assert response.status_code in (200, 413, 422), response.status_code
    html = response.get_data(as_text=True)
    if response.status_code == 422:
        assert 'id="error-summary"' in html
        assert re.search(r'<li><a href="#[a-z_]+">', html)


MODES = {"PNG": ["RGB", "RGBA", "L", "1", "P"], "JPEG": ["RGB", "L", "CMYK"],
         "GIF": ["L", "P", "1"], "BMP": ["RGB", "L", "1", "P"]}


@st.composite
def image_bytes(draw) -> bytes:
    """An image of any size, mode and format, perhaps cut short."""
    fmt = draw(st.sampled_from(sorted(MODES)))
    mode = draw(st.sampled_from(MODES[fmt]))
    size = (draw(st.integers(1, 400)), draw(st.integers(1, 300)))
    image = Image.new(mode, size)
    if draw(st.booleans()):  # some ink
        for x in range(0, size[0], 3):
            image.putpixel((x, size[1] // 2), 255 if mode in ("L", "1", "P") else (255,) * len(
                mode))
    out = io.BytesIO()
    image.save(out, format=fmt)
    data = out.getvalue()
    cut = draw(st.one_of(st.none(), st.integers(0, len(data))))
    return data if cut is None else data[:cut]


@st.composite
def uploads(draw):
    data = draw(st.one_of(st.binary(max_size=2000), image_bytes()))
    mime = draw(st.sampled_from(["png", "jpeg", "gif", "svg+xml"]))
    return f"data:image/{mime};base64," + base64.b64encode(data).decode()


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(upload=st.one_of(uploads(), TEXT))
def test_signature_upload_is_png_or_a_clear_refusal(upload):
    try:
        png = clean_signature_image(upload)
    except SignatureError as exc:
        message = str(exc)
    else:
        message = ""
        assert Image.open(io.BytesIO(png)).format == "PNG"
    assert message or png


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.one_of(HOSTILE, st.text(min_size=1, max_size=120)).filter(str.strip),
       text=st.one_of(HOSTILE, st.text(max_size=500)))
def test_input_never_becomes_markup_in_a_letter(catalog, pipeline, name, text):
    def letter(name: str, text: str):
        case = parse_case(make_case(person={"name": name, "address": ["1 Road"],
                                            "email": "a@example.org"}, grounds_text=text),
                          catalog, TODAY)
        route = pipeline.route(case)
        return case, route, pipeline.html(route, route.letters[0])

    try:
        case, route, html = letter(name, text)
    except CaseError:
        return
    for value in (case.person.name, case.grounds_text):
        if value and any(c in value for c in "<>&"):
            assert str(escape(value)) in html
    # the same letter for plain words has the same elements: the input made none
    _, _, plain = letter("Jane Doe", "plain words" if case.grounds_text else "")
    assert _elements(html) == _elements(plain)
    assert pipeline.render(route, route.letters[0]).pdf.startswith(b"%PDF-")


def _elements(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """Return every start tag of `html` with its attribute names, in order."""
    found: list[tuple[str, tuple[str, ...]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, tuple(name for name, _ in attrs)))

    Tags().feed(html)
    return found
