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

from reporting import renderers, services
from reporting.documents import DEFINITIONS, ReportDefinition, get_definition
from reporting.forms import CommentaryForm, IdentityForm, ValidationForm
from reporting.models import AssociationProfile, Commentary
from reportkit.periods import Period, parse_period
from rl_portal.form_helpers import submit
from rl_portal.roles import Role

FIRST_YEAR = 2020


def can_read_report(user, definition: ReportDefinition) -> bool:
    """Direction, secrétariat and administrators read every report; a chef de service the
    reports of their services."""
    if user.is_superuser or user.has_role(Role.DIRECTION, Role.SECRETARIAT, Role.ADMINISTRATEUR):
        return True
    if user.has_role(Role.CHEF_SERVICE):
        codes = set(user.services.values_list("code", flat=True))
        return bool(codes.intersection(definition.services))
    return False


def can_comment(user) -> bool:
    return user.is_superuser or user.has_perm("reporting.add_commentary")


def can_validate(user) -> bool:
    return user.is_superuser or user.has_perm("reporting.add_reportvalidation")


def readable_definitions(user) -> list[ReportDefinition]:
    return [d for d in DEFINITIONS.values() if can_read_report(user, d)]


def available_years() -> list[int]:
    today = timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


def _definition(request, slug) -> ReportDefinition:
    definition = get_definition(slug)
    if definition is None:
        raise Http404
    if not can_read_report(request.user, definition):
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

    params = (
        {"year": period.start.year}
        if period.is_calendar_year
        else {"start": period.start.isoformat(), "end": period.end.isoformat()}
    )
    params.update(options)
    return urlencode(params)


def _document_or_error(request, slug):
    definition = _definition(request, slug)
    try:
        period = _period(request)
    except ValidationError as error:
        return definition, None, error
    return definition, definition.build(period, _options(request), live=_live(request)), None


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
            "can_edit_identity": request.user.is_superuser
            or request.user.has_perm("reporting.change_associationprofile"),
        },
    )


@require_GET
def report_page(request, slug):
    definition, document, error = _document_or_error(request, slug)
    if error is not None:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("reporting:report", args=[slug]))
    communes = []
    if definition.slug == "emps-bilan":
        communes = [
            s.title.removeprefix("L'activité de l'EMPS sur ")
            for s in definition.build(document.period).sections
        ]
    return render(
        request,
        "reporting/report.html",
        {
            "document": document,
            "years": available_years(),
            "query": _query(document.period, document.options),
            "can_comment": can_comment(request.user),
            "can_validate": can_validate(request.user),
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
    """The director writes a section's commentary for the period; every save is a version."""
    definition = _definition(request, slug)
    if not can_comment(request.user):
        raise PermissionDenied
    if not definition.accepts_commentary(section):
        raise Http404
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
            "history": Commentary.objects.filter(
                report=slug, section=section, period_start=period.start, period_end=period.end
            ).select_related("author")[:10],
        },
        status=status,
    )


def identity_edit(request):
    """The direction keeps the association's identity sheet printed in the reports."""
    if not (
        request.user.is_superuser or request.user.has_perm("reporting.change_associationprofile")
    ):
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
    if not can_validate(request.user):
        raise PermissionDenied
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
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Rapport validé : ses chiffres sont figés.")
    else:
        messages.error(request, "La mention est trop longue (300 caractères au plus).")
    return redirect(reverse("reporting:report", args=[slug]) + "?" + _query(period, options))
