"""What the letters' shipped font can print: text outside it would become .notdef boxes
(and break PDF/A), so the case refuses it with a clear message instead."""

from __future__ import annotations

import functools

from fontTools.ttLib import TTFont

from .resources import LETTER_TEMPLATES

FONT = LETTER_TEMPLATES / "fonts" / "NotoSans-Regular.ttf"


@functools.cache
def printable() -> frozenset[int]:
    """Return the code points the letter font covers (read once per process)."""
    with TTFont(str(FONT), lazy=True) as font:
        return frozenset(font.getBestCmap()) | {0x0A, 0x09}


def unprintable(text: str) -> list[str]:
    """Return the distinct characters of `text` the letter font cannot print, in order."""
    covered = printable()
    return list(dict.fromkeys(ch for ch in text if ord(ch) not in covered))
