"""The form flow: answers, check your answers with a preview, downloads. Nothing is kept."""

from __future__ import annotations

import io

from flask import Blueprint, Response, g, render_template, request, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.datastructures import CombinedMultiDict

from .. import counts
from ..campaigns import Campaign
from ..case import CaseError
from ..pdf import RenderError
from ..security import limiter, render_limit
from ..services import campaigns, case_from, pipeline
from .forms import CaseForm

bp = Blueprint("form", __name__)
PREFILL = ("platform", "country", "subdivision", "language")


def _form(formdata=None, campaign: Campaign | None = None) -> CaseForm:
    if formdata is not None:  # the posted fields and the uploaded files
        formdata = CombinedMultiDict([request.files, formdata])
    form = CaseForm(formdata=formdata)
    if campaign is None and formdata is not None:
        campaign = campaigns().get(formdata.get("campaign", ""))
    form.fill_choices(pipeline().catalog, pipeline().languages, campaign)
    if campaign is not None:
        form.campaign.data = campaign.slug
        if form.stage.data not in {c.value for c in form.stage.choices}:
            form.stage.data = form.stage.choices[0].value
    form.embed.data = "1" if (formdata or request.args).get("embed") == "1" else ""
    return form


def campaign_of(form: CaseForm) -> Campaign | None:
    return campaigns().get(form.campaign.data or "")


def _page(template: str, form: CaseForm, status: int = 200, **context):
    """Render a page of the flow, with the campaign's branding and embedding rules."""
    campaign = campaign_of(form)
    embed = form.embed.data == "1"
    if campaign is not None and embed:
        g.frame_ancestors = campaign.embed_origins
    return render_template(template, form=form, campaign=campaign, embed=embed,
                           **context), status


def _show_form(form: CaseForm, status: int = 200, notice: str | None = None):
    campaign = campaign_of(form)
    count = counts.total(campaign.slug) if campaign is not None else None
    return _page("form.html", form, status, notice=notice, letters_so_far=count)


def prefilled(campaign: Campaign | None = None) -> CaseForm:
    form = _form(formdata=None, campaign=campaign)
    if campaign is not None and campaign.grounds_text:
        form.grounds_text.data = campaign.grounds_text
    for name in PREFILL:
        if request.args.get(name):
            form[name].data = request.args[name]
    if request.args.get("kind") == "complaint" and "no_reply" in {c.value for c in
                                                                  form.stage.choices}:
        form.stage.data = "no_reply"
    return form


@bp.get("/")
def index():
    listed = [c for c in campaigns().values() if not c.hidden]
    return _show_form(prefilled()) if not listed else _page(
        "form.html", prefilled(), campaigns_listed=listed, notice=None, letters_so_far=None)


def _validated(form: CaseForm):
    """Return the case, or None after putting every error beside its field."""
    form.validate()
    try:
        return case_from(form.case_data())
    except CaseError as exc:
        form.add_case_errors(exc.translated(_, get_locale().territories))
        return None


@bp.post("/check")
@limiter.limit(render_limit)
def check():
    form = _form(request.form)
    case = _validated(form)
    if case is None or form.errors:
        return _show_form(form, 422)
    route = pipeline().route(case)
    previews = [(letter, pipeline().html(route, letter, fragment=True),
                 pipeline().plain_text(route, letter)) for letter in route.letters]
    unconfirmed = [f for f in route.facts_used() if f.unconfirmed]
    notices = [n.translate(_, get_locale().territories) for n in route.notices]
    return _page("check.html", form, case=case, route=route, previews=previews,
                 unconfirmed=unconfirmed, notices=notices)


@bp.post("/edit")
def edit():
    return _show_form(_form(request.form))


@bp.post("/download")
@limiter.limit(render_limit)
def download():
    form = _form(request.form)
    case = _validated(form)
    if case is None or form.errors:
        return _show_form(form, 422)
    wanted = request.form.get("letter", "all")
    try:
        if wanted == "all":
            body = pipeline().zip(case)
            name, mime = f"objector-{case.platform}-{case.date.isoformat()}.zip", "application/zip"
        else:
            route = pipeline().route(case)
            letter = next((lt for lt in route.letters if lt.slug == wanted), route.letters[0])
            rendered = pipeline().render(route, letter)
            body, name, mime = rendered.pdf, rendered.filename, "application/pdf"
    except RenderError as exc:
        return _show_form(form, 422, notice=str(exc))
    campaign = campaign_of(form)
    if campaign is not None:
        counts.add(campaign.slug, case.country, case.platform, case.kind)
    response: Response = send_file(io.BytesIO(body), mimetype=mime, as_attachment=True,
                                   download_name=name)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.app_errorhandler(CSRFError)
def csrf_expired(_error):
    """Keep the answers when the form's token expired: show them again to resubmit."""
    if request.blueprint == "api" or not request.form:
        return render_template("error.html", title=_("The form expired"),
                               message=_("Please go back and submit the form again.")), 400
    return _show_form(_form(request.form), 400,
                      notice=_("Your form expired before it was sent. Your answers are "
                               "still here: check them and submit again."))
