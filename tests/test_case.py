"""webapp.case: case JSON is validated field by field, each error naming its path."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from webapp.case import CaseError, parse_case

from .conftest import TODAY, make_case, pdf_text


def png_data_url(width=300, height=100, ink=True, fmt="PNG") -> str:
    image = Image.new("RGB", (width, height), "white")
    if ink:
        for x in range(20, width - 20):
            image.putpixel((x, height // 2 + (x % 7) - 3), (0, 0, 0))
    out = io.BytesIO()
    image.save(out, format=fmt)
    mime = "png" if fmt == "PNG" else fmt.lower()
    return f"data:image/{mime};base64," + base64.b64encode(out.getvalue()).decode()


def test_a_good_case_parses(catalog):
    case = parse_case(make_case(), catalog, TODAY)
    assert case.person.name == "Jane O'Brien"
    assert case.date.isoformat() == "2026-11-30"
    assert case.signature.typed == "Jane O'Brien"


def test_the_date_defaults_to_today(catalog):
    assert parse_case(make_case(date=None), catalog, TODAY).date == TODAY


INVALID = [
    ({"kind": "letter"}, "kind", "one of"),
    ({"platform": "myspace"}, "platform", "one of"),
    ({"country": "XX"}, "country", "does not cover XX"),
    ({"country": None}, "country", "required"),
    ({"country": "DE"}, "subdivision", "Required"),
    ({"country": "DE", "subdivision": "DE-XX"}, "subdivision", "Not a subdivision"),
    ({"language": "english!"}, "language", "language tag"),
    ({"date": "30/11/2026"}, "date", "YYYY-MM-DD"),
    ({"date": "2017-01-01"}, "date", "2018-05-25"),
    ({"date": "2099-01-01"}, "date", "future"),
    ({"person": {"address": ["x"], "email": "a@b.org"}}, "person.name", "required"),
    ({"person": {"name": "A", "address": [], "email": "a@b.org"}}, "person.address", "address"),
    ({"person": {"name": "A", "address": ["x"], "email": "nope"}}, "person.email", "e-mail"),
    ({"person": {"name": "A" * 121, "address": ["x"], "email": "a@b.org"}}, "person.name",
     "at most 120"),
    ({"person": {"name": "A\x00B", "address": ["x"], "email": "a@b.org"}}, "person.name",
     "control characters"),
    ({"person": {"name": "A", "address": ["x" * 101], "email": "a@b.org"}},
     "person.address[0]", "at most 100"),
    ({"person": {"name": "A", "address": ["x"], "email": "a@b.org", "age": 3}},
     "person.age", "Unknown"),
    ({"grounds": ["because"]}, "grounds[0]", "Unknown ground"),
    ({"grounds": [], "grounds_text": ""}, "grounds", "at least one"),
    ({"kind": "complaint", "history": None}, "history", "required"),
    ({"kind": "complaint", "history": {"channel": "email"}}, "history.objection_sent",
     "required"),
    ({"kind": "complaint", "history": {"objection_sent": "2026-12-01", "channel": "email"}},
     "history.objection_sent", "after the date"),
    ({"kind": "complaint", "history": {"objection_sent": "2026-09-01", "channel": "fax"}},
     "history.channel", "one of"),
    ({"kind": "complaint", "history": {"objection_sent": "2026-09-01", "channel": "email",
                                       "reply": "refused"}}, "history.reply_date", "required"),
    ({"kind": "complaint", "history": {"objection_sent": "2026-09-01", "channel": "email",
                                       "reply": "refused", "reply_date": "2026-08-01"}},
     "history.reply_date", "before the objection"),
    ({"signature": {}}, "signature", "exactly one"),
    ({"signature": {"typed": "A", "image": "data:"}}, "signature", "exactly one"),
    ({"signature": {"image": "https://example.org/x.png"}}, "signature.image", "data URL"),
    ({"signature": {"image": "data:image/png;base64,AAAA"}}, "signature.image",
     "could not be read"),
    ({"signature": {"image": png_data_url(ink=False)}}, "signature.image", "empty"),
    ({"signature": {"image": png_data_url(width=10, height=10)}}, "signature.image",
     "too small"),
    ({"signature": {"image": png_data_url(width=3001, height=50)}}, "signature.image",
     "too big"),
    ({"signature": {"image": png_data_url(fmt="GIF").replace("image/gif", "image/png")}},
     "signature.image", "PNG or a JPEG"),
    ({"extra": 1}, "extra", "Unknown field"),
]


@pytest.mark.parametrize(("changes", "path", "message"), INVALID)
def test_invalid_cases_name_the_field(catalog, changes, path, message):
    with pytest.raises(CaseError) as caught:
        parse_case(make_case(**changes), catalog, TODAY)
    assert path in caught.value.errors, caught.value.errors
    assert any(message in m for m in caught.value.errors[path]), caught.value.errors[path]


def test_a_drawn_signature_is_cropped_and_reencoded(catalog):
    case = parse_case(make_case(signature={"image": png_data_url(fmt="JPEG")}), catalog,
                      TODAY)
    image = Image.open(io.BytesIO(case.signature.image))
    assert image.format == "PNG"
    assert image.mode == "L"
    assert image.width < 300
    assert image.height < 100


def test_not_an_object(catalog):
    with pytest.raises(CaseError) as caught:
        parse_case(["kind"], catalog, TODAY)
    assert "" in caught.value.errors


@pytest.mark.parametrize("name", ["王小明", "\U0009aff4", "محمد"])
def test_characters_the_font_cannot_print_are_refused(catalog, name):
    with pytest.raises(CaseError) as caught:
        parse_case(make_case(person={"name": name, "address": ["x"], "email": "a@b.org"}),
                   catalog, TODAY)
    assert "cannot print" in caught.value.errors["person.name"][0]


@pytest.mark.parametrize("name", ["Zoë Ångström-Łukasiewicz", "Γιώργος Παπαδόπουλος",
                                  "Иван Петров", "Şükrü Çağlar", "Nguyễn Thị"])
def test_latin_greek_and_cyrillic_names_are_fine(catalog, pipeline, name):
    case = parse_case(make_case(person={"name": name, "address": ["x"], "email": "a@b.org"},
                                signature={"typed": name}), catalog, TODAY)
    route = pipeline.route(case)
    assert name in pdf_text(pipeline.render(route, route.letters[0]).pdf)
