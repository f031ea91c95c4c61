"""The JSON API: POST a case, get the PDF (or every letter as a ZIP). One error shape."""

from __future__ import annotations

import datetime as dt
import io
import json

from flask import Blueprint, jsonify, request, send_file

from ..case import CaseError
from ..pdf import RenderError
from ..schema import openapi
from ..security import limiter, render_limit
from ..services import campaigns, case_from, pipeline

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def error(summary: str, status: int, errors: dict[str, list[str]] | None = None):
    """Return the API's one error shape: {"error": ..., "errors": {path: [messages]}}."""
    return jsonify({"error": summary, "errors": errors or {}}), status


@bp.post("/letters")
@limiter.limit(render_limit)
def letters():
    try:
        data = json.loads(request.get_data(cache=False) or b"")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return error("The request body is not valid JSON.", 400,
                     {"": [f"Invalid JSON at line {getattr(exc, 'lineno', 1)}."]})
    try:
        case = case_from(data)
        if request.args.get("all") in ("1", "true", "yes"):
            body = pipeline().zip(case)
            name = f"objector-{case.platform}-{case.date.isoformat()}.zip"
            return send_file(io.BytesIO(body), mimetype="application/zip",
                             as_attachment=True, download_name=name)
        route = pipeline().route(case)
        rendered = pipeline().render(route, route.letters[0])
    except CaseError as exc:
        return error("The case is invalid.", 422, exc.errors)
    except RenderError as exc:
        return error(str(exc), 422, {"": [str(exc)]})
    return send_file(io.BytesIO(rendered.pdf), mimetype="application/pdf",
                     as_attachment=True, download_name=rendered.filename)



@bp.get("/openapi.json")
def openapi_document():
    return jsonify(openapi(pipeline().catalog))


def _facts(record, day: dt.date) -> dict:
    out = {"id": record.id, **{k: v for k, v in record.plain.items() if k != "id"}}
    for name in record.facts:
        fact = record.fact(name, day)
        if fact is not None:
            out[name] = {"value": fact.value, "source": fact.source,
                         "checked": fact.checked.isoformat(),
                         **({"unconfirmed": fact.unconfirmed} if fact.unconfirmed else {})}
    return out


def _listing(records):
    day = dt.date.today()
    return jsonify(json.loads(json.dumps([_facts(r, day) for r in records], default=str)))


@bp.get("/platforms")
def list_platforms():
    return _listing(pipeline().catalog.platforms.values())


@bp.get("/jurisdictions")
def list_jurisdictions():
    return _listing(pipeline().catalog.jurisdictions.values())


@bp.get("/regulators")
def list_regulators():
    return _listing(pipeline().catalog.regulators.values())


@bp.get("/campaigns")
def list_campaigns():
    return jsonify([{"slug": c.slug, "title": c.title, "organisation": c.organisation,
                     "platforms": list(c.platforms), "countries": list(c.countries),
                     "kinds": list(c.kinds), "url": f"/c/{c.slug}"}
                    for c in campaigns().values() if not c.hidden])
