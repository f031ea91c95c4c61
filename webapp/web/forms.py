"""The form: what a person fills in, and its translation into case JSON."""

from __future__ import annotations

import base64

from babel import Locale
from flask_babel import get_locale, pgettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice as C
from wtforms.validators import DataRequired, Length, Optional

from ..case import LIMITS, OTHER, addressee
from ..catalog import Catalog
from ..evidence import MAX_BYTES as MAX_UPLOAD
from ..grounds import GROUNDS

ACCEPT = "image/png,image/jpeg,application/pdf"
EVIDENCE_SLOTS = (1, 2, 3)
MIME_BY_MAGIC = ((b"\x89PNG", "image/png"), (b"\xff\xd8", "image/jpeg"),
                 (b"%PDF-", "application/pdf"))

STAGES = {
    "none": ("objection", None),
    "no_reply": ("complaint", "none"),
    "refused": ("complaint", "refused"),
    "partial": ("complaint", "partial"),
    "accepted": ("complaint", "accepted"),
}

#: where each case field's errors are shown on the form
FIELD_FOR_PATH = {
    "kind": "stage", "platform": "platform", "country": "country",
    "subdivision": "subdivision", "language": "language", "date": "stage",
    "person": "name", "person.name": "name", "person.address": "address",
    "person.email": "email", "person.account": "account",
    "organisation": "org_name", "organisation.name": "org_name",
    "organisation.address": "org_address", "organisation.email": "org_email",
    "grounds": "grounds", "grounds_text": "grounds_text",
    "history": "objection_sent", "history.objection_sent": "objection_sent",
    "history.channel": "channel", "history.reply": "stage",
    "history.reply_date": "reply_date", "history.details": "details",
    "signature": "signature_mode", "signature.typed": "signature_typed",
    "signature.image": "signature_mode",
    "evidence": "evidence_1", "evidence_1": "evidence_1", "evidence_2": "evidence_2",
    "evidence_3": "evidence_3",
}


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CaseForm(FlaskForm):
    platform = SelectField(_l("Which platform?"), validators=[
        DataRequired(_l("Choose the platform."))])
    country = SelectField(_l("Where do you live?"),
                          validators=[DataRequired(_l("Choose where you live."))],
                          description=_l("The law that protects you, and the regulator you "
                                         "can turn to, depend on where you live."))
    subdivision = SelectField(_l("State, province or Land"),
                              validators=[Optional()],
                              description=_l("Needed in Germany (complaints go to the regulator "
                                             "of your Land) and in the United States (each "
                                             "state has its own law); in Canada it tells you "
                                             "whether a provincial law applies."))
    org_name = StringField(_l("Name of the organisation"),
                           validators=[Optional(), Length(max=LIMITS["name"])],
                           description=_l("Only if you chose another organisation, or a "
                                          "workspace tool such as Slack or Zoom: then give the "
                                          "workspace's owner, for example your employer."))
    org_address = TextAreaField(_l("Postal address of the organisation"),
                                validators=[Optional(), Length(max=600)],
                                description=_l("One line per item, as on an envelope."),
                                render_kw={"rows": 4})
    org_email = StringField(_l("Privacy e-mail address of the organisation (optional)"),
                            validators=[Optional(), Length(max=LIMITS["email"])],
                            render_kw={"type": "email"})
    language = SelectField(_l("Language of the letters"), validators=[Optional()],
                           description=_l("Leave on automatic to write in a language the "
                                          "recipient accepts."))
    name = StringField(_l("Your full name"),
                       validators=[DataRequired(_l("Enter your full name.")),
                                   Length(max=LIMITS["name"])],
                       render_kw={"autocomplete": "name"})
    address = TextAreaField(_l("Your postal address"),
                            validators=[DataRequired(_l("Enter your postal address.")),
                                        Length(max=600)],
                            description=_l("One line per item, as on an envelope."),
                            render_kw={"autocomplete": "street-address", "rows": 4})
    email = StringField(_l("The e-mail address of your account"),
                        validators=[DataRequired(_l("Enter the e-mail address of your account.")),
                                    Length(max=LIMITS["email"])],
                        description=_l("The platform uses it to find your account."),
                        render_kw={"autocomplete": "email", "type": "email"})
    account = StringField(_l("Your profile address or user name (optional)"),
                          validators=[Optional(), Length(max=LIMITS["account"])])
    grounds = CheckboxesField(_l("Why do you object?"),
                              choices=[C(k, _l(v[0])) for k, v in GROUNDS.items()],
                              description=_l("The law asks for reasons that relate to your "
                                             "own situation. Pick any that apply, or write "
                                             "your own below."))
    grounds_text = TextAreaField(_l("In your own words (optional)"),
                                 validators=[Optional(), Length(max=LIMITS["grounds_text"])],
                                 render_kw={"rows": 4})
    stage = RadioField(_l("What has happened so far?"), default="none", choices=[
        C("none", _l("I have not objected yet: write my objection")),
        C("no_reply", _l("I objected and got no answer: write my complaint to the regulator")),
        C("refused", _l("I objected and the platform refused: write my complaint")),
        C("partial", _l("I objected and got only part of what I asked: write my complaint")),
        C("accepted", _l("The platform accepted, but I still have a problem: write my "
                        "complaint")),
    ], validators=[DataRequired(_l("Choose what has happened so far."))])
    objection_sent = DateField(_l("When did you send your objection?"),
                               validators=[Optional()],
                               description=_l("Only if you already objected."))
    channel = SelectField(_l("How did you send it?"), validators=[Optional()], choices=[
        C("", _l("Choose…")), C("form", _l("Through the platform's own form or setting")),
        C("email", _l("By e-mail")), C("post", _l("By post"))])
    reply_date = DateField(_l("When did the platform answer?"), validators=[Optional()],
                           description=_l("Leave empty if it did not answer."))
    details = TextAreaField(_l("What happened, in your own words (optional)"),
                            validators=[Optional(), Length(max=LIMITS["details"])],
                            render_kw={"rows": 4})
    signature_mode = RadioField(_l("How do you want to sign?"), default="typed", choices=[
        C("typed", _l("Type my name")), C("drawn", _l("Draw my signature"))],
        validators=[DataRequired(_l("Choose how you want to sign."))])
    signature_typed = StringField(_l("Your name as a signature"),
                                  validators=[Optional(), Length(max=LIMITS["typed"])])
    signature_image = HiddenField()
    campaign = HiddenField()
    embed = HiddenField()

    def fill_choices(self, catalog: Catalog, languages: tuple[str, ...],
                     campaign=None) -> None:
        """Set the choices that come from the catalog (and the campaign, on its page)."""
        self.platform.choices = [C("", _l("Choose…"))] + sorted(
            (C(p.id, p.plain["name"]) for p in catalog.platforms.values()),
            key=lambda c: c.label) + [C(OTHER, _l("Another organisation (give it below)"))]
        # the choices whose letters go to an organisation the person names
        self.organisation_platforms = [OTHER] + sorted(
            p for p in catalog.platforms if addressee(catalog, p) != "platform")
        territories = get_locale().territories  # country names in the page's language
        self.country.choices = [C("", _l("Choose…"))] + sorted(
            (C(j.id.upper(), territories.get(j.id.upper(), j.plain["name"]))
             for j in catalog.jurisdictions.values()), key=lambda c: c.label.casefold())
        subs = [C("", _l("Not applicable"))]
        for j in catalog.jurisdictions.values():
            names = (j.plain.get("subdivisions") or {}).get("names") or {}
            country = territories.get(j.id.upper(), j.plain["name"])
            subs += sorted((C(code, pgettext("place", name), optgroup=country)
                            for code, name in names.items()), key=lambda c: c.label.casefold())
        subs[1:] = sorted(subs[1:], key=lambda c: c.optgroup.casefold())  # stable: keeps A-Z
        self.subdivision.choices = subs
        if campaign is not None:
            self.platform.choices = [c for c in self.platform.choices
                                     if not c.value or c.value in campaign.platforms]
            self.country.choices = [c for c in self.country.choices
                                    if not c.value or c.value in campaign.countries]
            wanted = {k for k, (kind, _) in STAGES.items() if kind in campaign.kinds}
            self.stage.choices = [c for c in self.stage.choices if c.value in wanted]
        self.language.choices = [C("", _l("Automatic"))] + [
            C(code, Locale.parse(code.replace("-", "_")).get_display_name(code.replace("-", "_")))
            for code in languages]

    def case_data(self) -> dict:
        """Return the answers as case JSON (the shape the API and the CLI take)."""
        kind, reply = STAGES.get(self.stage.data or "none", ("objection", None))
        data: dict = {
            "kind": kind, "platform": self.platform.data, "country": self.country.data,
            "person": {"name": self.name.data or "", "email": self.email.data or "",
                       "language": str(get_locale()).replace("_", "-"),
                       "account": self.account.data or "",
                       "address": [ln for ln in (self.address.data or "").splitlines()
                                   if ln.strip()]},
            "grounds": list(self.grounds.data or []),
            "grounds_text": self.grounds_text.data or "",
        }
        if self.subdivision.data:
            data["subdivision"] = self.subdivision.data
        if self.org_name.data or self.org_address.data or self.org_email.data:
            data["organisation"] = {
                "name": self.org_name.data or "",
                "address": [ln for ln in (self.org_address.data or "").splitlines()
                            if ln.strip()],
                **({"email": self.org_email.data} if self.org_email.data else {})}
        if self.language.data:
            data["language"] = self.language.data
        if kind == "complaint":
            data["history"] = {
                "objection_sent": self.objection_sent.data.isoformat()
                if self.objection_sent.data else None,
                "channel": self.channel.data or None, "reply": reply,
                "reply_date": self.reply_date.data.isoformat() if self.reply_date.data else None,
                "details": self.details.data or ""}
        evidence, self._evidence_slots = [], []
        for n in EVIDENCE_SLOTS:
            item = self._evidence(n)
            if item:
                evidence.append(item)
                self._evidence_slots.append(n)
        if evidence:
            data["evidence"] = evidence
        if self.signature_mode.data == "drawn":
            data["signature"] = {"image": self.signature_image.data or ""}
        else:
            data["signature"] = {"typed": self.signature_typed.data or self.name.data or ""}
        return data

    def _evidence(self, n: int) -> dict | None:
        """Read slot `n`: a new upload, or what a previous step carried in hidden fields."""
        upload = self[f"evidence_{n}"].data
        data_field, name_field = self[f"evidence_{n}_data"], self[f"evidence_{n}_name"]
        if upload is not None and getattr(upload, "filename", ""):
            raw = upload.read(MAX_UPLOAD + 1)
            mime = next((m for magic, m in MIME_BY_MAGIC if raw.startswith(magic)), "image/png")
            data_field.data = f"data:{mime};base64," + base64.b64encode(raw).decode()
            name_field.data = upload.filename
        if not data_field.data:
            return None
        return {"name": name_field.data or f"evidence-{n}", "data": data_field.data,
                "shows": self[f"evidence_{n}_shows"].data or ""}

    def add_case_errors(self, errors: dict[str, list[str]]) -> None:
        """Show the case's errors (already in the page's language) beside their fields."""
        for path, messages in errors.items():
            if path == "signature.typed" and self.name.errors:
                continue  # the typed signature defaults to the name, already reported
            if path.startswith("evidence["):
                index = int(path[len("evidence["):path.index("]")])
                slots = getattr(self, "_evidence_slots", []) or [1]
                path = f"evidence_{slots[min(index, len(slots) - 1)]}"
            key = path.split("[")[0]
            name = FIELD_FOR_PATH.get(key) or FIELD_FOR_PATH.get(key.split(".")[0], "stage")
            field = self[name]
            if not field.errors:  # the form's own message already says what is wrong
                field.errors = list(messages)


def _add_evidence_slots() -> None:
    """Give the form one file, "what it shows" and two carry-over fields per evidence slot."""
    for n in EVIDENCE_SLOTS:
        label = _l("Evidence file (optional)") if n == 1 else _l(
            "Another evidence file (optional)")
        setattr(CaseForm, f"evidence_{n}", FileField(label, render_kw={"accept": ACCEPT}))
        setattr(CaseForm, f"evidence_{n}_shows", StringField(
            _l("What it shows"), validators=[Optional(), Length(max=LIMITS["shows"])]))
        setattr(CaseForm, f"evidence_{n}_data", HiddenField())  # the checked file, carried
        setattr(CaseForm, f"evidence_{n}_name", HiddenField())  # through the check page


_add_evidence_slots()
