"""What the app holds per process: the catalog and the letter pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from flask import Flask, current_app

from .campaigns import Campaign, load_campaigns
from .case import Case, parse_case
from .catalog import default_catalog
from .letters import Pipeline
from .pdf.render import harfbuzz_subsetting
from .resources import letter_languages

WARM_UP_CASE = {
    "kind": "objection", "platform": "linkedin", "country": "IE",
    "person": {"name": "Warm Up", "address": ["1 Example Street", "Dublin"],
               "email": "warm-up@example.org"},
    "grounds": ["not_expected"], "signature": {"typed": "Warm Up"},
}


def init_app(app: Flask) -> None:
    """Load the catalog, build the pipeline once, and render one letter if asked to."""
    if not harfbuzz_subsetting():
        app.logger.warning("HarfBuzz subsetting (libharfbuzz-subset0) is missing: every PDF "
                           "takes about three times longer. Install libharfbuzz-subset0.")
    pipeline = Pipeline(default_catalog(), letter_languages(),
                        max_pages=app.config["RENDER_MAX_PAGES"],
                        timeout=app.config["RENDER_TIMEOUT"])
    if app.config["SEAL_P12"]:
        from .pdf.seal import Sealer  # the host's key, loaded once per process

        pipeline.sealer = Sealer.from_file(app.config["SEAL_P12"],
                                           app.config["SEAL_P12_PASSPHRASE"] or None,
                                           app.config["SEAL_TSA_URL"] or None)
    app.extensions["objector"] = pipeline
    folder = Path(app.instance_path) / "campaigns"
    app.extensions["objector.campaigns"] = load_campaigns(folder, pipeline.catalog,
                                                          app.config["UI_LANGUAGES"])
    if app.config["WARM_UP"]:
        case = parse_case(WARM_UP_CASE, pipeline.catalog)
        pipeline.render_all(case)


def pipeline() -> Pipeline:
    return current_app.extensions["objector"]


def campaigns() -> dict[str, Campaign]:
    return current_app.extensions["objector.campaigns"]


def case_from(data: object, today: dt.date | None = None) -> Case:
    """Validate case JSON against the app's catalog and route it (errors: CaseError)."""
    case = parse_case(data, pipeline().catalog, today)
    pipeline().route(case)  # routing errors (language, regulator) are case errors too
    return case
