"""The form flow: answers, check your answers with a preview, downloads. Nothing is kept."""

from __future__ import annotations

import io

from flask import Blueprint, Response, render_template, request, send_file
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from ..case import CaseError
from ..pdf import RenderError
from ..security import limiter, render_limit
from ..services import case_from, pipeline
from .forms import CaseForm

bp = Blueprint("form", __name__)
PREFILL = ("platform", "country", "subdivision", "language")


def _form(formdata=None) -> CaseForm:
    form = CaseForm(formdata=formdata)
    form.fill_choices(pipeline().catalog, pipeline().languages)
    return form


def _show_form(form: CaseForm, status: int = 200, notice: str | None = None):
    return render_template("form.html", form=form, notice=notice), status


@bp.get("/")
def index():
    form = _form(formdata=None)
    for name in PREFILL:
        if request.args.get(name):
            form[name].data = request.args[name]
    return _show_form(form)


def _validated(form: CaseForm):
    """Return the case, or None after putting every error beside its field."""
    form.validate()
    try:
        return case_from(form.case_data())
    except CaseError as exc:
        form.add_case_errors(exc.translated(_))
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
                 pipeline().filename(route, letter)) for letter in route.letters]
    unconfirmed = [f for f in route.facts_used() if f.unconfirmed]
    return render_template("check.html", form=form, case=case, route=route,
                           previews=previews, unconfirmed=unconfirmed)


@bp.post("/edit")
def edit():
    form = _form(request.form)
    return _show_form(form)


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
