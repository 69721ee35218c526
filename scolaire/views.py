"""Browser side of the homework help: today's roll call (on a phone), programmes, referrals of
a child to prevention (sent by scolaire, decided by the prevention chef de service)."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from rl_portal import inputs
from rl_portal.audit import Channel, log_person_access
from rl_portal.duplicates import duplicates_shown
from rl_portal.form_helpers import refusal_status, submit
from rl_portal.models import Person
from scolaire import perms, services
from scolaire.forms import EnrolmentCreateForm, EnrolmentEndForm, EnrolmentForm
from scolaire.models import (
    Attendance,
    Enrolment,
    Programme,
    Referral,
    Session,
    school_year_of,
)

# Sessions listed on a programme's page (a month of a weekly programme and then some).
RECENT_SESSIONS = 10


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _log(request, persons) -> None:
    log_person_access(actor=request.user, persons=persons, channel=Channel.PAGE, request=request)


def _time(value: str, default: datetime.time) -> datetime.time:
    try:
        return datetime.time.fromisoformat(value)
    except (TypeError, ValueError):
        return default


@require_GET
def programmes(request):
    _require(perms.can_read(request.user))
    year = school_year_of(timezone.localdate())
    items = (
        Programme.objects.visible_to(request.user)
        .filter(school_year=year)
        .select_related("commune")
        .order_by("name")
    )
    context = {"programmes": items, "year": year, "can_record": perms.can_record(request.user)}
    return render(request, "scolaire/programmes.html", context)


@require_GET
def programme_detail(request, pk):
    """A programme's children: those enrolled today first, then those who left, each with the
    links to end or correct their enrolment."""
    _require(perms.can_read(request.user))
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("commune"), pk=pk
    )
    today = timezone.localdate()
    enrolments = list(
        Enrolment.objects.visible_to(request.user)
        .filter(programme=programme, child__in=Person.objects.visible_to(request.user))
        .select_related("child", "school")
        .order_by("child__pseudonym", "pk")
    )
    _log(request, [e.child for e in enrolments])
    current = [e for e in enrolments if e.end is None or e.end >= today]
    ended = [e for e in enrolments if e.end is not None and e.end < today]
    # The last sessions, to correct a roll call or delete a session recorded by mistake.
    sessions = list(
        Session.objects.visible_to(request.user)
        .filter(programme=programme)
        .annotate(present=Count("attendances", filter=Q(attendances__status="present")))
        .order_by("-date", "-start_time")[:RECENT_SESSIONS]
    )
    context = {
        "programme": programme,
        "current": current,
        "ended": ended,
        "sessions": sessions,
        "can_record": perms.can_record(request.user),
        "today": today,
    }
    return render(request, "scolaire/programme.html", context)


def _enrolment(request, pk) -> Enrolment:
    return get_object_or_404(
        Enrolment.objects.visible_to(request.user)
        .filter(child__in=Person.objects.visible_to(request.user))
        .select_related("child", "programme", "school"),
        pk=pk,
    )


def _back(request, enrolment) -> str:
    """Back to the page the user came from: the child's or the programme's (never a URL taken
    from the request)."""
    if request.GET.get("depuis") == "enfant":
        return reverse("person-detail", args=[enrolment.child_id])
    return reverse("scolaire:programme", args=[enrolment.programme_id])


def enrolment_change(request, pk, action="update"):
    """End (`action="end"`) or correct an enrolment, through the services (versioned,
    journalled)."""
    _require(perms.can_record(request.user))
    enrolment = _enrolment(request, pk)
    if action == "end":
        form = EnrolmentEndForm(request.POST or None, enrolment=enrolment)
    else:
        form = EnrolmentForm(request.POST or None, instance=enrolment)
    status = 200
    if request.method == "POST":

        def call():
            if action == "end":
                return services.enrolment_end(
                    enrolment=enrolment,
                    end=form.cleaned_data["end"],
                    reason=form.cleaned_data["leaving_reason"],
                    version=form.cleaned_data["version"],
                    by=request.user,
                )
            return services.enrolment_update(
                enrolment=enrolment,
                data=form.service_data(),
                version=form.cleaned_data["version"],
                by=request.user,
            )

        submission = submit(form, call)
        if submission.ok:
            if action == "end":
                messages.success(
                    request,
                    f"Inscription de {enrolment.child.pseudonym} terminée le "
                    f"{enrolment.end:%d/%m/%Y} : l'appel ne la liste plus après ce jour.",
                )
            else:
                messages.success(request, "Inscription corrigée.")
            return redirect(_back(request, enrolment))
        status = submission.status
    else:
        _log(request, [enrolment.child])
    context = {
        "form": form,
        "enrolment": enrolment,
        "action": action,
        "back": _back(request, enrolment),
    }
    return render(request, "scolaire/enrolment_form.html", context, status=status)


def enrolment_create(request, programme_pk=None, person_pk=None):
    """Enrol a child from the programme's page (the child found by searching, or created) or
    from the child's page (the programme chosen), through `services.enrolment_create`."""
    _require(perms.can_record(request.user))
    programme = child = None
    if programme_pk is not None:
        programme = get_object_or_404(
            Programme.objects.visible_to(request.user).select_related("commune"), pk=programme_pk
        )
        back = reverse("scolaire:programme", args=[programme.pk])
    else:
        child = get_object_or_404(Person.objects.visible_to(request.user), pk=person_pk)
        back = reverse("person-detail", args=[child.pk])
    form = EnrolmentCreateForm(
        request.POST or None, user=request.user, programme=programme, child=child
    )
    status = 200
    if request.method == "POST":
        submission = submit(
            form, lambda: services.enrolment_create(by=request.user, **form.service_kwargs())
        )
        if submission.ok:
            enrolment = submission.result
            messages.success(
                request,
                f"{enrolment.child.pseudonym} est inscrit(e) à {enrolment.programme.name} "
                f"depuis le {enrolment.start:%d/%m/%Y}.",
            )
            return redirect(back)
        status = submission.status
        duplicates_shown(request, submission)  # the look-alikes named in the message: read
    if child is not None:
        _log(request, [child])
    context = {"form": form, "programme": programme, "child": child, "back": back}
    return render(request, "scolaire/enrolment_create.html", context, status=status)


def _session_day(request, programme) -> datetime.date:
    """The day of the roll call: today, or an earlier day of the programme's school year
    (`?jour=`) to record a forgotten roll call or correct one."""
    return inputs.get_date(
        request.GET,
        "jour",
        label="Le jour de la séance",
        default=timezone.localdate(),
        minimum=datetime.date(programme.school_year, 9, 1),
        maximum=timezone.localdate(),
    )


def roll_call(request, pk):
    """Open today's session of a programme (or an earlier day's, `?jour=`), tick the
    children, save."""
    _require(perms.can_record(request.user))
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    today = _session_day(request, programme)
    enrolments = list(
        Enrolment.objects.filter(programme=programme, start__lte=today)
        .exclude(end__lt=today)
        .select_related("child__commune", "school")
        .order_by("child__pseudonym", "child__birth_year", "pk")
    )
    if programme.is_individual:
        return _individual_session(request, programme, enrolments, today)
    session = Session.objects.filter(programme=programme, date=today).order_by("start_time").first()
    current = {}
    if session is not None:
        current = dict(session.attendances.values_list("enrolment_id", "status"))
    status = 200
    errors = []
    if request.method == "POST":
        # Only the statuses chosen: a child left without one is refused by the service,
        # never counted absent (or present) by default.
        statuses = {
            enrolment.pk: request.POST[f"e{enrolment.pk}"]
            for enrolment in enrolments
            if request.POST.get(f"e{enrolment.pk}")
        }
        try:
            received, created = services.roll_call_record(
                client_uuid=_client_uuid(request),
                by=request.user,
                programme=programme,
                session=session,
                version=inputs.get_int(request.POST, "version", label="La version de l'appel"),
                date=today,
                start_time=_time(request.POST.get("start_time"), datetime.time(16, 30)),
                end_time=_time(request.POST.get("end_time"), datetime.time(18, 0)),
                place=request.POST.get("place", "")[:120],
                staff=request.POST.get("staff", "")[:120],
                statuses=statuses,
            )
        except ValidationError as error:
            errors, status, current = error.messages, refusal_status(error), statuses
        else:
            present = sum(1 for s in statuses.values() if s == Attendance.Status.PRESENT)
            if created:
                messages.success(
                    request, f"Appel enregistré : {present} présent(s) sur {len(statuses)}."
                )
            else:
                _already(request, received, "Appel déjà enregistré")
            return redirect(_roll_call_url(programme, today))
    _log(request, [e.child for e in enrolments])
    context = {
        "programme": programme,
        "session": session,
        "rows": [(e, current.get(e.pk, "")) for e in enrolments],
        "today": today,
        "errors": errors,
        "statuses": Attendance.Status.choices,
        "client_uuid": uuid.uuid4(),
    }
    return render(request, "scolaire/roll_call.html", context, status=status)


def _client_uuid(request) -> uuid.UUID:
    """The form's idempotency key (drawn when the page was shown). A page served before the
    key existed (a phone keeps it up to 12 h) has none: its save is not protected from a resend."""
    key = inputs.get_uuid(request.POST, "client_uuid", label="L'identifiant de l'appel")
    return key or uuid.uuid4()


def _already(request, received, what: str) -> None:
    """The answer to a form sent twice: the first sending was recorded, this one wrote nothing."""
    when = timezone.localtime(received.received_at)
    messages.info(request, f"{what} le {when:%d/%m/%Y à %H:%M} : rien n'est enregistré deux fois.")


def _roll_call_url(programme, day: datetime.date) -> str:
    url = reverse("scolaire:roll-call", args=[programme.pk])
    return url if day == timezone.localdate() else f"{url}?jour={day:%Y-%m-%d}"


@require_POST
def session_delete(request, pk):
    """Delete a session recorded by mistake (it did not take place), with its roll call,
    through `services.session_delete` (versioned, journalled)."""
    _require(perms.can_record(request.user))
    session = get_object_or_404(
        Session.objects.visible_to(request.user).select_related("programme"), pk=pk
    )
    try:
        services.session_delete(
            session=session,
            by=request.user,
            version=inputs.get_int(request.POST, "version", label="La version de la séance"),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Séance du {session.date:%d/%m/%Y} supprimée.")
    return redirect("scolaire:programme", pk=session.programme_id)


def _individual_session(request, programme, enrolments, today):
    """An individual programme (ADDI): each session is one child's, at home; the page records
    them one by one and lists the day's."""
    status, errors = 200, []
    if request.method == "POST":
        child = inputs.get_int(request.POST, "child", label="L'enfant", minimum=1)
        # No presence by default: the bilan counts it (the service refuses a visit without).
        presence = inputs.get_choice(
            request.POST, "status", Attendance.Status.choices, label="La présence"
        )
        try:
            received, created = services.roll_call_record(
                client_uuid=_client_uuid(request),
                by=request.user,
                programme=programme,
                session=None,
                version=None,
                date=today,
                start_time=_time(request.POST.get("start_time"), datetime.time(17, 0)),
                end_time=_time(request.POST.get("end_time"), datetime.time(18, 0)),
                place=request.POST.get("place", "À domicile")[:120],
                staff=request.POST.get("staff", "")[:120],
                statuses={child: presence} if child else {},
            )
        except ValidationError as error:
            errors, status = error.messages, refusal_status(error)
        else:
            if created:
                messages.success(request, "Séance enregistrée.")
            else:
                _already(request, received, "Séance déjà enregistrée")
            return redirect(_roll_call_url(programme, today))
    sessions = list(
        Attendance.objects.filter(session__programme=programme, session__date=today)
        .select_related("session", "enrolment__child")
        .order_by("session__start_time", "pk")
    )
    _log(request, [e.child for e in enrolments])
    context = {
        "programme": programme,
        "today": today,
        "enrolments": enrolments,
        "sessions": sessions,
        "errors": errors,
        "statuses": Attendance.Status.choices,
        "client_uuid": uuid.uuid4(),
    }
    return render(request, "scolaire/individual_session.html", context, status=status)


@require_POST
def referral_send(request, person_pk):
    _require(perms.can_record(request.user))
    child = get_object_or_404(Person.objects.visible_to(request.user), pk=person_pk)
    try:
        services.referral_send(by=request.user, child=child, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "La situation est signalée à la prévention.")
    return redirect("person-detail", pk=child.pk)


def referrals(request):
    """Referrals waiting for the prevention chef de service."""
    _require(perms.can_decide_referrals(request.user))
    if request.method == "POST":
        referral = get_object_or_404(
            Referral.objects.visible_to(request.user),
            pk=inputs.get_id(request.POST, "referral", label="L'orientation"),
        )
        try:
            services.referral_decide(
                referral=referral,
                accept=request.POST.get("decision") == "accepter",
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Suite enregistrée.")
        return redirect("scolaire:referrals")
    items = list(
        Referral.objects.visible_to(request.user)
        .select_related("child", "sent_by")
        .order_by("status", "-date")[:50]
    )
    _log(request, [r.child for r in items])
    return render(request, "scolaire/referrals.html", {"referrals": items})


def person_section(request, person) -> str | None:
    user = request.user
    enrolments = []
    if perms.can_read(user):
        enrolments = list(
            Enrolment.objects.visible_to(user)
            .filter(child=person)
            .select_related("programme", "school")
            .order_by("-start", "pk")
        )
    referral_list = list(
        Referral.objects.visible_to(user).filter(child=person).select_related("sent_by")
    )
    if not enrolments and not referral_list and not perms.can_record(user):
        return None
    return render_to_string(
        "scolaire/includes/person_section.html",
        {
            "person": person,
            "enrolments": enrolments,
            "referrals": referral_list,
            "can_refer": perms.can_record(user) and bool(enrolments),
            "can_record": perms.can_record(user),
        },
        request=request,
    )
