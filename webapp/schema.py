"""The case as JSON Schema (OpenAPI 3.1), built from the constants the validator uses."""

from __future__ import annotations

from .case import CHANNELS, KINDS, LIMITS, OTHER, REPLIES
from .catalog import Catalog
from .evidence import MAX_FILES
from .grounds import GROUNDS

DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
LANGUAGE = {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"}


def _text(limit: int, description: str, required: bool = True) -> dict:
    schema = {"type": "string", "maxLength": limit, "description": description}
    if required:
        schema["minLength"] = 1
    return schema


ADDRESS = {"type": "array", "minItems": 1, "maxItems": LIMITS["address_lines"],
           "items": _text(LIMITS["address_line"], "An address line.")}
EMAIL = {"type": "string", "format": "email", "maxLength": LIMITS["email"]}


def case_schema(catalog: Catalog) -> dict:
    """Return the JSON Schema of a case: the same fields, choices and limits parse_case applies.

    parse_case also checks what a schema cannot say (dates in order, a subdivision of the
    country, text the letter font can print); those answer 422 naming the field.
    """
    subdivisions = sorted({code for j in catalog.jurisdictions.values()
                           for code in ((j.plain.get("subdivisions") or {}).get("names") or {})})
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "platform", "country", "person", "signature"],
        "properties": {
            "kind": {"enum": list(KINDS), "description": "The letter to write."},
            "platform": {"enum": [*sorted(catalog.platforms), OTHER],
                         "description": f"A platform of the catalog, or {OTHER!r} for an "
                                        "organisation given in `organisation`."},
            "organisation": {
                "type": "object", "additionalProperties": False,
                "required": ["name", "address"],
                "description": f"Required with platform {OTHER!r} and with a workspace tool "
                               "(a platform whose role is processor: the workspace's owner).",
                "properties": {
                    "name": _text(LIMITS["name"], "The organisation's name."),
                    "address": ADDRESS,
                    "email": EMAIL,
                },
            },
            "country": {"enum": sorted(catalog.jurisdictions),
                        "description": "ISO 3166-1 alpha-2 code of the country of residence."},
            "subdivision": {"enum": subdivisions,
                            "description": "ISO 3166-2 code, where the regulator depends on it."},
            "language": {**LANGUAGE, "description": "The letter's language (default: the first "
                                                    "the recipient accepts)."},
            "date": {**DATE, "description": "The letter's date (default: today)."},
            "person": {
                "type": "object", "additionalProperties": False,
                "required": ["name", "address", "email"],
                "properties": {
                    "name": _text(LIMITS["name"], "Full name."),
                    "address": ADDRESS,
                    "email": EMAIL,
                    "account": _text(LIMITS["account"], "Profile URL or user name.", False),
                    "language": {**LANGUAGE, "description": "The person's own language: a "
                                 "courtesy translation follows when the letter is in another."},
                },
            },
            "grounds": {"type": "array", "items": {"enum": list(GROUNDS)}, "uniqueItems": True,
                        "description": "Under the GDPR, give at least one ground or "
                                       "grounds_text (the right to object rests on them)."},
            "grounds_text": _text(LIMITS["grounds_text"], "Own reasons.", False),
            "history": {
                "type": "object", "additionalProperties": False,
                "required": ["objection_sent", "channel"],
                "properties": {
                    "objection_sent": DATE,
                    "channel": {"enum": list(CHANNELS)},
                    "reply": {"enum": list(REPLIES)},
                    "reply_date": DATE,
                    "details": _text(LIMITS["details"], "What happened.", False),
                },
            },
            "evidence": {
                "type": "array", "maxItems": MAX_FILES,
                "description": "Screenshots or PDFs, embedded in the complaint.",
                "items": {"type": "object", "additionalProperties": False, "required": ["data"],
                          "properties": {
                              "name": {"type": "string", "maxLength": 120},
                              "data": {"type": "string", "pattern":
                                       r"^data:(image/png|image/jpeg|application/pdf);base64,"},
                              "shows": _text(LIMITS["shows"], "What it shows.", False)}},
            },
            "signature": {
                "oneOf": [
                    {"type": "object", "additionalProperties": False, "required": ["typed"],
                     "properties": {"typed": _text(LIMITS["typed"], "Name as signature.")}},
                    {"type": "object", "additionalProperties": False, "required": ["image"],
                     "properties": {"image": {
                         "type": "string", "pattern": r"^data:image/(png|jpeg);base64,",
                         "description": "A drawn signature, PNG or JPEG."}}},
                ],
            },
        },
    }


ERROR = {
    "type": "object", "additionalProperties": False, "required": ["error", "errors"],
    "properties": {
        "error": {"type": "string"},
        "errors": {"type": "object",
                   "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
}


def openapi(catalog: Catalog) -> dict:
    """Return the OpenAPI 3.1 description of the API."""
    errors = {str(code): {"description": text, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Error"}}}}
        for code, text in ((400, "Malformed JSON."), (413, "Body too large."),
                           (422, "Invalid case; each field path has its messages."),
                           (429, "Too many requests."))}
    listing = {"200": {"description": "The records, with each fact's source and date.",
                       "content": {"application/json": {"schema": {"type": "array",
                                                                   "items": {"type": "object"}}}}}}
    reads = {f"/api/v1/{name}": {"get": {"summary": f"List the {name}.",
                                         "operationId": f"list_{name}", "responses": listing}}
             for name in ("platforms", "jurisdictions", "regulators", "campaigns")}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Objector", "version": "1",
                 "description": "Objection letters and regulator complaints against AI "
                                "training on personal data, as PDF."},
        "paths": {
            "/api/v1/letters": {"post": {
                "summary": "Render a case's letter (PDF), or all its letters (ZIP).",
                "operationId": "render_letters",
                "parameters": [{"name": "all", "in": "query", "required": False,
                                "schema": {"enum": ["1"]},
                                "description": "1: every letter and instructions as a ZIP."}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Case"}}}},
                "responses": {"200": {"description": "The letter(s).", "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    "application/zip": {"schema": {"type": "string", "format": "binary"}}}},
                    **errors},
            }},
            **reads,
        },
        "components": {"schemas": {"Case": case_schema(catalog), "Error": ERROR}},
    }
