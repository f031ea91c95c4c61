"""Find the folders that ship beside the code: letter templates and translations."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """Return `letter_templates` or `translations`, in a wheel or in a source checkout."""
    installed = _PACKAGE / f"_{name}"  # where pyproject.toml puts it in a wheel
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


LETTER_TEMPLATES = resource_dir("letter_templates")
TRANSLATIONS = resource_dir("translations")


def letter_languages() -> tuple[str, ...]:
    """Return the languages letters can be written in: English and every compiled catalog."""
    found = sorted(p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.mo"))
    return ("en", *[lang.replace("_", "-") for lang in found if lang != "en"])
