"""The OpenAPI 3.1 document, and a property-based run of schemathesis against it."""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from schemathesis.specs.openapi.checks import positive_data_acceptance

from webapp import create_app
from webapp.case import CaseError, parse_case

from .conftest import TODAY, make_case

APP = create_app({"TESTING": True, "WARM_UP": False, "SECRET_KEY": "openapi", "RATE_LIMIT": ""})
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)


def test_the_document_is_openapi_31_and_its_case_schema_is_valid():
    document = APP.test_client().get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    case_schema = document["components"]["schemas"]["Case"]
    Draft202012Validator.check_schema(case_schema)
    validator = Draft202012Validator(case_schema)
    for case in (make_case(), make_case(kind="complaint", country="DE", subdivision="DE-BY")):
        assert not list(validator.iter_errors(case))


@pytest.mark.parametrize(("changes", "field"), [
    ({"kind": "letter"}, "kind"), ({"country": "XX"}, "country"),
    ({"grounds": ["because"]}, "grounds"), ({"signature": {}}, "signature"),
])
def test_the_schema_and_the_validator_refuse_the_same_cases(catalog, changes, field):
    document = APP.test_client().get("/api/v1/openapi.json").get_json()
    validator = Draft202012Validator(document["components"]["schemas"]["Case"])
    bad = make_case(**changes)
    assert list(validator.iter_errors(bad))
    with pytest.raises(CaseError) as caught:
        parse_case(bad, catalog, TODAY)
    assert any(path.startswith(field) for path in caught.value.errors)


@SCHEMA.parametrize()
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_the_api_keeps_to_its_description(case):
    # A schema-valid case may still break a rule a schema cannot state (dates in order, a
    # subdivision of that country): the API answers 422 naming the field, as documented.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


def test_read_endpoints_carry_sources():
    client = APP.test_client()
    regulators = client.get("/api/v1/regulators").get_json()
    ico = next(r for r in regulators if r["id"] == "gb-ico")
    assert ico["name"]["source"].startswith("https://")
    assert json.dumps(client.get("/api/v1/platforms").get_json())
