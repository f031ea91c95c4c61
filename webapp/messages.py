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


@dataclass(frozen=True)
class Message:
    """A message id (English, marked for translation) and the values for its placeholders."""

    text: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text % self.params if self.params else self.text

    def translate(self, gettext) -> str:
        """Return the message in the language `gettext` translates into."""
        translated = gettext(self.text)
        return translated % self.params if self.params else translated
