"""Messages that are translated where they are shown: the markers and a message with values.

Pure Python (no Flask): the case, the routing and the letters use these; the web layer
translates them into the page's language, the API and the CLI show them in English.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def N_(message: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark a message for extraction; it is translated where it is used."""
    return message


def NP_(context: str, message: str) -> str:  # noqa: N802 - gettext marker naming
    """Mark a message with a context for extraction; it is translated where it is used."""
    return message


class Territory(str):
    """A country named in a message: its English name, renamed where the reader's is known."""

    code: str

    def __new__(cls, code: str, name: str) -> Territory:
        territory = super().__new__(cls, name)
        territory.code = code
        return territory

    @classmethod
    def of(cls, jurisdiction) -> Territory:
        """Name a catalog jurisdiction (its id is the ISO 3166-1 code)."""
        return cls(jurisdiction.id.upper(), jurisdiction.plain["name"])


@dataclass(frozen=True)
class Message:
    """A message id (English, marked for translation) and the values for its placeholders."""

    text: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text % self.params if self.params else self.text

    def translate(self, gettext, territories: dict | None = None) -> str:
        """Return the message in the language `gettext` translates into.

        `territories` (Babel's country names in that language, by code) renames countries.
        """
        translated = gettext(self.text)
        if not self.params:
            return translated
        return translated % {key: (territories or {}).get(value.code, value)
                             if isinstance(value, Territory) else value
                             for key, value in self.params.items()}
