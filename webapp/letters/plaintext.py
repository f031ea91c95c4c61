"""Plain text of a letter, for web forms that take text and for e-mail bodies."""

from __future__ import annotations

from html.parser import HTMLParser

BLOCKS = {"p", "h1", "h2", "h3", "li", "blockquote", "address", "dt", "dd", "br", "section"}
SKIP = {"style", "script", "head", "title"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.started = False  # the text starts at the subject: the address block is for post

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.lines.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        self.started = self.started or tag == "h1"
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCKS:
            self._flush()
            if tag == "li":
                self.current.append("- ")
            if tag in ("h1", "h2"):
                self.lines.append("")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skipping -= 1
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.started and not self.skipping:
            self.current.append(data)


def html_to_text(html: str) -> str:
    """Return the readable text of a letter's HTML: paragraphs, headings, lists."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._flush()
    out: list[str] = []
    for line in parser.lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip() + "\n"
