"""The Jinja environment for letters: autoescape, StrictUndefined, gettext per language."""

from __future__ import annotations

import functools
import re

from babel import Locale
from babel.support import NullTranslations, Translations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..resources import LETTER_TEMPLATES, TRANSLATIONS


@functools.cache
def translations(lang: str) -> NullTranslations:
    """Return the gettext catalog for `lang` (English is the source language)."""
    if lang == "en":
        return NullTranslations()
    return Translations.load(str(TRANSLATIONS), [lang.replace("-", "_")], "messages")


def css_page_counter(pattern: str) -> Markup:
    """Turn a translated "Page %(page)s of %(pages)s" into a CSS `content` value."""
    if isinstance(pattern, Markup):
        pattern = pattern.unescape()  # a <style> element does not decode entities
    out = []
    for part in re.split(r"(%\(pages?\)s)", pattern):
        if part in ("%(page)s", "%(pages)s"):
            out.append(f"counter({part[2:-2]})")
        elif part:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            escaped = escaped.replace("<", "\\3C ")
            out.append(f'"{escaped}"')
    return Markup(" ".join(out))


@functools.cache
def letter_environment(lang: str) -> Environment:
    """Return the letter environment for one language, built once per process."""
    env = Environment(
        loader=FileSystemLoader(str(LETTER_TEMPLATES)),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        lstrip_blocks=True,
    )
    env.globals["page_counter"] = css_page_counter
    env.filters["language_name"] = language_name
    env.install_gettext_translations(translations(lang), newstyle=True)
    return env


@functools.cache
def text_environment(lang: str) -> Environment:
    """Return the environment for plain-text files (instructions): no escaping, tight lines."""
    return letter_environment(lang).overlay(autoescape=False, trim_blocks=True)


def language_name(code: str, in_language: str) -> str:
    """Return the name of language `code` written in `in_language`: "français", "Französisch"."""
    return Locale.parse(code.replace("-", "_")).get_display_name(babel_locale(in_language))


@functools.cache
def territories(lang: str) -> dict[str, str]:
    """Return the country names in `lang`, by ISO 3166-1 code (Babel's)."""
    return Locale.parse(babel_locale(lang)).territories


def babel_locale(lang: str) -> str:
    # English letters go to European recipients: write dates the British way (30 November 2026).
    return "en_GB" if lang == "en" else lang.replace("-", "_")
