"""Report pages and downloads. A view parses the period, builds the document from the
indicators, renders it; the same Document serves the page, the PDF, the XLSX and the API."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from reporting import perms, renderers, services
from reporting.documents import DEFINITIONS, ReportDefinition, get_definition
from reporting.forms import CommentaryForm, IdentityForm, ReportInputForm, ValidationForm
from reporting.models import AssociationProfile, Commentary, ReportInput
from reportkit.periods import Period, parse_period
from rl_portal.form_helpers import submit

FIRST_YEAR = 2020


def readable_definitions(user) -> list[ReportDefinition]:
    return [d for d in DEFINITIONS.values() if perms.can_read_report(user, d)]


# Kept importable from here for the callers that used it (API, menu).
can_read_report = perms.can_read_report


def available_years() -> list[int]:
    today = timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def available_convention_years() -> list[Period]:
    """The convention years (October → September) from the one in progress back to 2020."""
    today = timezone.localdate()
    current = today.year if today.month >= 10 else today.year - 1
    return [Period.convention_year(year) for year in range(current, FIRST_YEAR - 1, -1)]


def _definition(request, slug) -> ReportDefinition:
    definition = get_definition(slug)
    if definition is None:
        raise Http404
    if not perms.can_read_report(request.user, definition):
        raise PermissionDenied
    return definition


def _period(request) -> Period:
    return parse_period(request.GET, default_year=timezone.localdate().year - 1)


def _options(request) -> dict:
    commune = request.GET.get("commune", "").strip()
    return {"commune": commune} if commune else {}


def _live(request) -> bool:
    """?actuel=1 shows today's figures of a validated report."""
    return request.GET.get("actuel") == "1"


def _query(period: Period, options: dict) -> str:
    from urllib.parse import urlencode

    return urlencode({**period.query, **options})


def _document_or_error(request, slug):
    definition = _definition(request, slug)
    try:
        period = _period(request)
    except ValidationError as error:
        return definition, None, error
    document = definition.build(period, _options(request), live=_live(request), viewer=request.user)
    return definition, document, None


@require_GET
def report_list(request):
    definitions = readable_definitions(request.user)
    if not definitions:
        raise PermissionDenied
    return render(
        request,
        "reporting/report_list.html",
        {
            "definitions": definitions,
            "years": available_years()[:6],
            "convention_years": available_convention_years()[:4],
            "can_edit_identity": perms.can_edit_identity(request.user),
        },
    )


@require_GET
def report_page(request, slug):
    definition, document, error = _document_or_error(request, slug)
    if error is not None:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("reporting:report", args=[slug]))
    communes = definition.scopes(document.period) if definition.scopes else []
    user = request.user
    return render(
        request,
        "reporting/report.html",
        {
            "document": document,
            "years": available_years(),
            "convention_years": available_convention_years() if definition.convention_years else [],
            "query": _query(document.period, document.options),
            "writable_sections": {
                section.commentary
                for section in document.sections
                if section.commentary
                and perms.can_write_commentary(user, definition, section.commentary)
            },
            "can_validate": perms.can_validate(user, definition),
            "can_edit_inputs": perms.can_edit_inputs(user, definition),
            "who_does_what": perms.who_does_what(definition),
            "user_can": perms.user_can(user, definition),
            "validation_form": ValidationForm(),
            "live": _live(request),
            "communes": communes,
        },
    )


def _download(request, slug, kind):
    definition, document, error = _document_or_error(request, slug)
    if error is not None:
        return HttpResponse(" ".join(error.messages), status=400, content_type="text/plain")
    name = f"{definition.slug}-{document.period.slug}"
    if document.options.get("commune"):
        from django.utils.text import slugify

        name += f"-{slugify(document.options['commune'])}"
    if kind == "pdf":
        response = HttpResponse(renderers.render_pdf(document), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    else:
        response = HttpResponse(
            renderers.render_xlsx(document),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_GET
def report_pdf(request, slug):
    return _download(request, slug, "pdf")


@require_GET
def report_xlsx(request, slug):
    return _download(request, slug, "xlsx")


def commentary_edit(request, slug, section):
    """The direction writes the édito and perspectives, a chef de service the observations of
    their service's reports; every save is a version (a draft once the report is validated)."""
    definition = _definition(request, slug)
    if not definition.accepts_commentary(section):
        raise Http404
    if not perms.can_write_commentary(request.user, definition, section):
        raise PermissionDenied(
            "Seule la direction écrit l'édito et les perspectives ; les chefs de service "
            "écrivent les observations des rapports de leur service."
        )
    try:
        period = _period(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("reporting:report", args=[slug]))
    current = (
        Commentary.objects.filter(
            report=slug, section=section, period_start=period.start, period_end=period.end
        )
        .order_by("-version")
        .first()
    )
    back = (
        reverse("reporting:report", args=[slug]) + "?" + _query(period, {}) + f"#section-{section}"
    )
    status = 200
    if request.method == "POST":
        form = CommentaryForm(request.POST)
        submission = submit(
            form,
            lambda: services.commentary_save(
                definition=definition,
                section=section,
                period=period,
                text=form.cleaned_data["text"],
                read_version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, "Commentaire enregistré.")
            return redirect(back)
        status = submission.status
    else:
        form = CommentaryForm(
            initial={
                "text": current.text if current else "",
                "version": current.version if current else None,
            }
        )
    label = definition.commentary_sections.get(section, section.replace("-", " ").capitalize())
    return render(
        request,
        "reporting/commentary_form.html",
        {
            "definition": definition,
            "period": period,
            "form": form,
            "label": label,
            "current": current,
            "back": back,
            "validation": _validation(definition, period, {}),
            "history": Commentary.objects.filter(
                report=slug, section=section, period_start=period.start, period_end=period.end
            ).select_related("author")[:10],
        },
        status=status,
    )


def _validation(definition, period, options):
    from reporting.models import ReportValidation

    return ReportValidation.objects.filter(
        report=definition.slug,
        period_start=period.start,
        period_end=period.end,
        scope=options.get("commune", ""),
    ).first()


def report_input_edit(request, slug, key):
    """The direction keeps the data printed beside the records (identity, territory…), per
    period; every save is a version (a draft once the report is validated)."""
    definition = _definition(request, slug)
    spec = definition.inputs.get(key)
    if spec is None:
        raise Http404
    if not perms.can_edit_inputs(request.user, definition):
        raise PermissionDenied("Seule la direction tient les données du rapport.")
    try:
        period = _period(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("reporting:report", args=[slug]))
    fields = spec.fields_for(period)
    current = definition.inputs_for(period).get(key)
    own = current if current and current.period_start == period.start else None
    back = reverse("reporting:report", args=[slug]) + "?" + _query(period, {})
    status = 200
    if request.method == "POST":
        form = ReportInputForm(request.POST, fields=fields)
        submission = submit(
            form,
            lambda: services.report_input_save(
                definition=definition,
                key=key,
                period=period,
                data=form.values(),
                read_version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, f"{spec.title} : enregistré.")
            return redirect(back)
        status = submission.status
    else:
        initial = dict(current.data) if current else {}
        initial["version"] = own.version if own else None
        form = ReportInputForm(initial=initial, fields=fields)
    return render(
        request,
        "reporting/input_form.html",
        {
            "definition": definition,
            "period": period,
            "spec": spec,
            "form": form,
            "current": current,
            "carried_over": current is not None and own is None,
            "back": back,
            "validation": _validation(definition, period, {}),
            "history": ReportInput.objects.filter(
                report=slug, key=key, period_start=period.start, period_end=period.end
            ).select_related("author")[:10],
        },
        status=status,
    )


def identity_edit(request):
    """The direction keeps the association's identity sheet printed in the reports."""
    if not perms.can_edit_identity(request.user):
        raise PermissionDenied
    profile = AssociationProfile.objects.order_by("pk").first() or AssociationProfile()
    form = IdentityForm(request.POST or None, instance=profile)
    status = 200
    if request.method == "POST":
        submission = submit(
            form,
            lambda: services.association_profile_save(
                profile=profile,
                data={name: form.cleaned_data[name] for name in IdentityForm.Meta.fields},
                version=form.cleaned_data["version"],
                by=request.user,
            ),
        )
        if submission.ok:
            messages.success(request, "Fiche d'identité enregistrée.")
            return redirect("reporting:list")
        status = submission.status
    return render(request, "reporting/identity_form.html", {"form": form}, status=status)


@require_POST
def report_validate(request, slug):
    definition = _definition(request, slug)
    if not perms.can_validate(request.user, definition):
        raise PermissionDenied("Seule la direction valide les rapports.")
    try:
        period = _period(request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("reporting:report", args=[slug]))
    form = ValidationForm(request.POST)
    options = _options(request)
    if form.is_valid():
        try:
            services.report_validate(
                definition=definition,
                period=period,
                options=options,
                note=form.cleaned_data["note"],
                board_date=form.cleaned_data["board_date"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, "Rapport validé : ses chiffres, ses textes et ses données sont figés."
            )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("reporting:report", args=[slug]) + "?" + _query(period, options))
