"""Security headers, rate limits on the endpoints that render, and proxy awareness."""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, current_app, g, request
from flask_limiter import Limiter
from werkzeug.middleware.proxy_fix import ProxyFix

CSP = "; ".join([
    "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
    "font-src 'self'", "connect-src 'self'", "form-action 'self'", "base-uri 'none'",
])
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
                          "interest-cohort=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def client_key() -> str:
    """Key rate limits by a keyed hash of the address: the address itself is never stored."""
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, (request.remote_addr or "-").encode(), hashlib.sha256).hexdigest()[:32]


limiter = Limiter(key_func=client_key, default_limits=[], headers_enabled=True)


def render_limit() -> str:
    return current_app.config["RATE_LIMIT"]


def set_headers(response):
    ancestors = getattr(g, "frame_ancestors", ())  # a campaign's embedding origins
    allowed = " ".join(ancestors) if ancestors else "'none'"
    response.headers.setdefault("Content-Security-Policy", f"{CSP}; frame-ancestors {allowed}")
    for name, value in HEADERS.items():
        if name == "X-Frame-Options" and ancestors:
            continue  # superseded by frame-ancestors, which names the allowed origins
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security",
                                    "max-age=63072000; includeSubDomains")
    return response


def init_app(app: Flask) -> None:
    app.config["RATELIMIT_STORAGE_URI"] = app.config["RATE_LIMIT_STORAGE"]
    app.config["RATELIMIT_ENABLED"] = bool(app.config["RATE_LIMIT"])
    app.config.setdefault("MAX_FORM_MEMORY_SIZE", app.config["MAX_CONTENT_LENGTH"])
    limiter.init_app(app)
    app.after_request(set_headers)
    if app.config["PROXY_COUNT"]:
        hops = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
