"""Page language: ?lang=, then the cookie, then Accept-Language."""

from __future__ import annotations

from babel import Locale
from flask import Flask, current_app, request
from flask_babel import Babel, get_locale

from .resources import TRANSLATIONS, letter_languages

COOKIE = "lang"


def ui_languages() -> tuple[str, ...]:
    return current_app.config["UI_LANGUAGES"]


def select_language() -> str:
    """Return the page language as a BCP 47 tag (en, de, pt-BR)."""
    languages = ui_languages()
    for wanted in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if wanted in languages:
            return wanted
    return request.accept_languages.best_match(languages) or current_app.config[
        "DEFAULT_LANGUAGE"]


def select_locale() -> str:
    """Return the page language as Babel wants it (pt_BR)."""
    return select_language().replace("-", "_")


def page_language() -> str:
    """Return the language of the page being rendered, as a BCP 47 tag for <html lang>."""
    return str(get_locale()).replace("_", "-")


def remember_choice(response):
    """Keep a language picked with ?lang= in a cookie (a preference, not personal data)."""
    wanted = request.args.get("lang")
    if wanted and wanted in ui_languages():
        response.set_cookie(COOKIE, wanted, max_age=365 * 24 * 3600, samesite="Lax",
                            secure=request.is_secure, httponly=True)
    return response


def language_name(code: str) -> str:
    """Return a language's name in that language: Deutsch, français, português (Brasil)."""
    locale = Locale.parse(code.replace("-", "_"))
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def init_app(app: Flask) -> None:
    app.config.setdefault("UI_LANGUAGES", letter_languages())
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = str(TRANSLATIONS)
    Babel(app, locale_selector=select_locale)
    app.jinja_env.globals["page_language"] = page_language
    app.jinja_env.globals["language_name"] = language_name
    app.after_request(remember_choice)
