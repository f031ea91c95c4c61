"""Campaign pages: /c/<slug>, their theme, logo and the counts export for the host."""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, abort, request

from .. import counts
from ..services import campaigns
from .views import _show_form, prefilled

bp = Blueprint("campaign", __name__, url_prefix="/c")


def _campaign(slug: str):
    found = campaigns().get(slug)
    if found is None:
        abort(404)
    return found


@bp.get("/<slug>")
def page(slug: str):
    return _show_form(prefilled(_campaign(slug)))


@bp.get("/<slug>/theme.css")
def theme(slug: str):
    colours = _campaign(slug).colours
    rules = [f"--accent: {colours['primary']};" if "primary" in colours else "",
             f"--ink: {colours['text']};" if "text" in colours else ""]
    css = ":root { " + " ".join(r for r in rules if r) + " }\n"
    return Response(css, mimetype="text/css", headers={"Cache-Control": "public, max-age=300"})


@bp.get("/<slug>/logo")
def logo(slug: str):
    found = _campaign(slug).logo
    if found is None:
        abort(404)
    body, mime = found
    return Response(body, mimetype=mime, headers={"Cache-Control": "public, max-age=3600"})


@bp.get("/<slug>/counts.csv")
def export(slug: str):
    """Counts as CSV for the host: give the campaign's export_token as a bearer token."""
    campaign = _campaign(slug)
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not campaign.export_token or not hmac.compare_digest(given, campaign.export_token):
        abort(403)
    return Response(counts.export_csv(slug), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{slug}-counts.csv"',
                             "Cache-Control": "no-store"})
