"""The one pipeline every entry point calls: case -> route -> HTML -> PDF (-> ZIP)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass

from weasyprint import Attachment

from ..case import Case
from ..catalog import Catalog, for_place
from ..pdf import Renderer
from ..routing import Letter, Route, route
from .calendar import ics
from .compose import SIGNATURE_URL, compose, place_name
from .environment import letter_environment, territories, text_environment, translations
from .plaintext import html_to_text


def template_name(regime, kind: str) -> str:
    """Return the template of a letter `kind` for the regime's family of law."""
    family = regime.plain.get("family", "gdpr")
    return f"{kind}/letter.html" if family == "gdpr" else f"{kind}/{family}.html"


_DOUBLE_STOP = re.compile(r"(?<=[0-9A-Za-z]\.)\.(?=[\s<])")
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed timestamps: the same case gives the same ZIP


@dataclass(frozen=True)
class RenderedLetter:
    letter: Letter
    filename: str
    pdf: bytes


class Pipeline:
    """Turn cases into letters; one per process, shared by the web app, the API and the CLI."""

    def __init__(self, catalog: Catalog, languages: Collection[str], max_pages: int = 8,
                 timeout: float = 10):
        self.catalog = catalog
        self.languages = tuple(languages)
        self.renderer = Renderer(max_pages=max_pages, timeout=timeout)
        self.sealer = None  # a pdf.seal.Sealer when the host seals what it issues

    def route(self, case: Case) -> Route:
        return route(case, self.catalog, self.languages)

    def html(self, route_: Route, letter: Letter, fragment: bool = False) -> str:
        """Return the letter as HTML (the whole document, or the article for a preview)."""
        env = letter_environment(letter.language)
        template = env.get_template(template_name(route_.regime, letter.kind))
        html = template.render(**compose(route_, letter, preview=fragment), fragment=fragment)
        # a name or date that ends in a full stop ("Meta Platforms, Inc.", Croatian "2026.")
        # at the end of a sentence: one full stop, not two
        return _DOUBLE_STOP.sub("", html)

    def instructions_language(self, route_: Route) -> str:
        """Write the instructions in the person's language, else in their first letter's."""
        own = route_.case.person.language
        if own in self.languages:
            return own
        return next((lt.language for lt in route_.letters if not lt.courtesy_of), "en")

    def instructions(self, route_: Route) -> str:
        """Return plain-text instructions: where and how to send each letter, what next."""
        lang = self.instructions_language(route_)
        template = text_environment(lang).get_template("_instructions.txt")
        unconfirmed = [f for f in route_.facts_used() if f.unconfirmed]
        to_send = [lt for lt in route_.letters if not lt.courtesy_of]  # in the order to send
        to_send.sort(key=lambda lt: lt.regulator is not None)
        wanted = for_place(route_.jurisdiction.value("alternatives", route_.day) or {},
                           route_.case.subdivision)
        alternatives = [self.catalog.regulators[i] for i in wanted or []]
        notices = [n.translate(translations(lang).gettext, territories(lang))
                   for n in route_.notices]
        return template.render(route=route_, letters=to_send, unconfirmed=unconfirmed,
                               platform=route_.platform.plain["name"], alternatives=alternatives,
                               notices=notices, lang=lang, place=place_name(route_, lang))

    def plain_text(self, route_: Route, letter: Letter) -> str:
        """Return the letter as plain text, for web forms and e-mail bodies."""
        return html_to_text(self.html(route_, letter, fragment=True))

    def filename(self, route_: Route, letter: Letter) -> str:
        return f"{letter.slug}-{route_.case.platform}-{route_.day.isoformat()}.pdf"

    def render(self, route_: Route, letter: Letter) -> RenderedLetter:
        memory = {}
        if route_.case.signature.image:
            memory[SIGNATURE_URL.split(":", 1)[1]] = (route_.case.signature.image, "image/png")
        attachments = [Attachment(file_obj=io.BytesIO(item.data), name=item.name,
                                  description=item.shows or item.name,
                                  relationship="Supplement")
                       for item in route_.case.evidence] if letter.kind == "complaint" else []
        pdf = self.renderer.render(self.html(route_, letter), memory, attachments)
        if self.sealer is not None:
            pdf = self.sealer.seal(pdf)
        return RenderedLetter(letter, self.filename(route_, letter), pdf)

    def render_all(self, case: Case) -> list[RenderedLetter]:
        route_ = self.route(case)
        return [self.render(route_, letter) for letter in route_.letters]

    def zip(self, case: Case) -> bytes:
        """Return every letter of the case and the instructions as one ZIP."""
        route_ = self.route(case)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for letter in route_.letters:
                rendered = self.render(route_, letter)
                archive.writestr(zipfile.ZipInfo(rendered.filename, ZIP_DATE), rendered.pdf)
            info = zipfile.ZipInfo("how-to-send.txt", ZIP_DATE)
            archive.writestr(info, self.instructions(route_).encode("utf-8"))
            archive.writestr(zipfile.ZipInfo("dates.ics", ZIP_DATE), ics(route_).encode())
        return buffer.getvalue()
