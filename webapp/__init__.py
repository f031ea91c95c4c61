"""Objector: objections to AI training on personal data, and complaints to regulators."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask


def new_flask() -> Flask:
    """Return the bare Flask object: where the templates, static files and instance folder are."""
    return Flask(__name__, instance_relative_config=True,
                 instance_path=os.environ.get("OBJECTOR_INSTANCE_PATH") or None,
                 template_folder="web/templates", static_folder="web/static")


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, extensions, blueprints, commands."""
    from . import config, counts, errors, i18n, security, services
    from .cli import catalog_group
    from .web import api, views
    from .web import campaigns as campaign_pages
    from .web.csrf import csrf

    app = new_flask()
    app.config.from_mapping(config.defaults())
    app.config.from_pyfile("objector.cfg", silent=True)
    app.config.from_mapping(config.from_environment())
    if test_config is not None:
        app.config.from_mapping(test_config)
    if app.config["SECRET_KEY"] == config.DEFAULT_SECRET_KEY and not (
            app.debug or app.testing):
        raise RuntimeError("Set OBJECTOR_SECRET_KEY to a long random value: the default "
                           "secret key is only for debugging and tests.")

    security.init_app(app)
    csrf.init_app(app)
    csrf.exempt(api.bp)  # JSON only, no cookies or sessions: nothing to forge
    i18n.init_app(app)
    services.init_app(app)
    counts.init_app(app)
    errors.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(campaign_pages.bp)
    app.cli.add_command(catalog_group)
    return app
