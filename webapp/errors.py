"""One way to show each kind of error: pages for people, JSON for the API."""

from __future__ import annotations

from flask import Flask, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def init_app(app: Flask) -> None:
    from .web.api import error

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        # keep the exception's own headers (Allow on 405, Retry-After on 429)
        headers = [(k, v) for k, v in exc.get_headers() if k.lower() != "content-type"]
        if _wants_json():
            body, status = error(exc.description or exc.name, exc.code or 500)
            return body, status, headers
        titles = {404: _("Page not found"), 405: _("Not allowed"),
                  413: _("Too much data"), 400: _("Bad request"), 429: _("Too many requests")}
        return render_template("error.html", title=titles.get(exc.code, exc.name),
                               message=_("Please go back to the form and try again.")), \
            exc.code, headers

    @app.errorhandler(InternalServerError)
    def server_error(_exc):
        # Never show exception text: it may quote what the person typed.
        if _wants_json():
            return error("Something went wrong on our side. Nothing you sent was kept.", 500)
        return render_template("error.html", title=_("Something went wrong"),
                               message=_("Something went wrong on our side. Nothing you "
                                         "sent was kept. Please try again.")), 500
