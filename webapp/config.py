"""Every setting once: its name, default and help, read from OBJECTOR_* variables."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return f"OBJECTOR_{self.name}"


DEFAULT_SECRET_KEY = "dev-only-not-secret"

SETTINGS: tuple[Setting, ...] = (
    Setting("SECRET_KEY", DEFAULT_SECRET_KEY,
            "Signs the CSRF token. Must be set to a long random value outside debug/testing."),
    Setting("MAX_CONTENT_LENGTH", 24 * 1024 * 1024,
            "Largest request body accepted, in bytes (evidence files and a drawn signature "
            "included)."),
    Setting("RENDER_MAX_PAGES", 8, "A letter that lays out to more pages than this is refused."),
    Setting("DEFAULT_LANGUAGE", "en",
            "Language of the pages when the browser asks for none we have."),
    Setting("RENDER_TIMEOUT", 10,
            "Seconds a render may take before it is stopped (in a worker's main thread)."),
    Setting("RATE_LIMIT", "30 per minute;300 per hour",
            "Limits per client on the endpoints that render (Flask-Limiter syntax); "
            "empty to switch them off."),
    Setting("RATE_LIMIT_STORAGE", "memory://",
            "Where rate-limit counters live: memory:// for one instance, redis://host:6379 "
            "for several."),
    Setting("PROXY_COUNT", 0,
            "Reverse proxies in front of the app whose X-Forwarded-* headers to trust."),
    Setting("DATABASE_URL", "",
            "Where campaign counts go (SQLAlchemy URL, e.g. postgresql://...); empty: SQLite "
            "in the instance folder."),
    Setting("SEAL_P12", "",
            "Path of a PKCS#12 file: when set, every PDF is sealed with it (PAdES B-B)."),
    Setting("SEAL_P12_PASSPHRASE", "", "Passphrase of SEAL_P12."),
    Setting("SEAL_TSA_URL", "",
            "URL of an RFC 3161 time-stamp authority: seals become PAdES B-T."),
    Setting("WARM_UP", True,
            "Render one letter when the app starts, so the first person waits less."),
)

_BOOL_WORDS = {"1": True, "true": True, "yes": True, "on": True,
               "0": False, "false": False, "no": False, "off": False}


def _coerce(setting: Setting, raw: str) -> Any:
    if isinstance(setting.default, bool):
        try:
            return _BOOL_WORDS[raw.strip().lower()]
        except KeyError:
            raise ValueError(f"{setting.env} must be true or false, not {raw!r}") from None
    if isinstance(setting.default, int):
        try:
            return int(raw)
        except ValueError:
            raise ValueError(f"{setting.env} must be a whole number, not {raw!r}") from None
    return raw


def from_environment(environ: os._Environ[str] | dict[str, str] | None = None) -> dict[str, Any]:
    """Return the settings given in OBJECTOR_* environment variables."""
    environ = os.environ if environ is None else environ
    return {s.name: _coerce(s, environ[s.env]) for s in SETTINGS if s.env in environ}


def defaults() -> dict[str, Any]:
    """Return every setting at its default value."""
    return {s.name: s.default for s in SETTINGS}


def settings_table() -> str:
    """Return the Markdown table of every setting (DEPLOYMENT.md carries it)."""
    rows = ["| setting | default | what it does |", "| --- | --- | --- |"]
    for setting in SETTINGS:
        if setting.name == "SECRET_KEY":
            default = "(a development value)"
        else:
            default = f"`{setting.default}`" if setting.default != "" else "empty"
        rows.append(f"| `{setting.env}` | {default} | {setting.help} |")
    return "\n".join(rows)
