"""Browser side of habitat: the housing board, the convention gauge, stays (entry and exit), the
monthly rent sheet, the CLLAJ interview quick entry and the import."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.decorators.http import require_GET

from habitat import forms as habitat_forms
from habitat import indicators, perms, services
from habitat.models import CllajFile, MonthlyRent, Stay
from habitat.units import can_manage_units
from rl_portal import inputs
from rl_portal.audit import Channel, log_person_access
from rl_portal.duplicates import duplicates_shown
from rl_portal.form_helpers import submit


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _log(request, persons) -> None:
    log_person_access(actor=request.user, persons=persons, channel=Channel.PAGE, request=request)


@require_GET
def board(request):
    """Every unit with its occupants today, free places, today's exits and the entries to
    come, exits planned, stays past ALT's 12 months and arrears of 2 months or more."""
    _require(perms.can_read(request.user))
    today = timezone.localdate()
    units = list(indicators.board_units(user=request.user, today=today))
    rows, free_places, occupied, left_today, upcoming = [], 0, 0, 0, 0
    for unit in units:
        movements = indicators.board_movements(unit, today)
        stays = [(stay, indicators.board_flags(stay, today)) for stay in movements.current]
        occupied += len(stays)
        free_places += movements.free
        left_today += len(movements.left_today)
        upcoming += len(movements.upcoming)
        rows.append((unit, stays, movements))
    _log(request, [stay.person for unit in units for stay in unit.board_stays])
    context = {
        "rows": rows,
        "today": today,
        "free_places": free_places,
        "occupied": occupied,
        "left_today": left_today,
        "upcoming": upcoming,
        "can_record": perms.can_record(request.user),
        "can_manage_units": can_manage_units(request.user),
    }
    return render(request, "habitat/board.html", context)


@require_GET
def gauge(request):
    _require(perms.can_read(request.user))
    table = indicators.convention_gauge(today=timezone.localdate())
    return render(request, "habitat/gauge.html", {"table": table})


class StayCreateView(View):
    template_name = "habitat/stay_form.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = habitat_forms.StayForm(user=request.user, initial=request.GET.dict())
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = habitat_forms.StayForm(data=request.POST, user=request.user)
        submission = submit(
            form, lambda: services.stay_create(by=request.user, **form.service_data())
        )
        if submission.ok:
            messages.success(request, "Entrée enregistrée.")
            return redirect("habitat:board")
        return render(request, self.template_name, {"form": form}, status=submission.status)


class StayExitView(View):
    template_name = "habitat/stay_exit.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        self.stay = get_object_or_404(
            Stay.objects.visible_to(request.user).select_related("person", "unit"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        _log(request, [self.stay.person])
        form = habitat_forms.StayExitForm(stay=self.stay)
        return render(request, self.template_name, {"form": form, "stay": self.stay})

    def post(self, request, pk):
        form = habitat_forms.StayExitForm(data=request.POST, stay=self.stay)
        submission = submit(
            form, lambda: services.stay_exit(stay=self.stay, by=request.user, **form.service_data())
        )
        if submission.ok:
            messages.success(request, "Sortie enregistrée.")
            return redirect("habitat:board")
        context = {"form": form, "stay": self.stay}
        return render(request, self.template_name, context, status=submission.status)


class RentMonthView(View):
    """Rent due and paid for every stay of a month, on one page."""

    template_name = "habitat/rents.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        return super().dispatch(request, *args, **kwargs)

    def month(self, request) -> datetime.date:
        return inputs.get_month(
            request.GET, "mois", label="Le mois", default=timezone.localdate().replace(day=1)
        )

    def rows(self, request, month):
        month_end = (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(
            days=1
        )
        stays = list(
            Stay.objects.visible_to(request.user)
            .filter(entry__lte=month_end)
            .exclude(exit__lt=month)
            .select_related("person", "unit")
            .order_by("unit__label", "place")
        )
        rents = {
            rent.stay_id: rent for rent in MonthlyRent.objects.filter(stay__in=stays, month=month)
        }
        _log(request, [stay.person for stay in stays])
        return [(stay, rents.get(stay.pk)) for stay in stays]

    def lines(self, rows, posted=None, errors=None):
        """(stay, due, paid, errors, loaded due, loaded paid) per row: what was typed when the
        month was refused, the recorded rent otherwise; and the amounts of the page's opening."""
        lines = []
        for stay, rent in rows:
            if posted is not None:
                due, paid = posted.get(f"due_{stay.pk}", ""), posted.get(f"paid_{stay.pk}", "")
                loaded = (
                    posted.get(f"loaded_due_{stay.pk}", ""),
                    posted.get(f"loaded_paid_{stay.pk}", ""),
                )
            else:
                due = rent.due if rent else ""
                paid = rent.paid if rent else ""
                loaded = (str(rent.due), str(rent.paid)) if rent else ("", "")
            lines.append((stay, due, paid, (errors or {}).get(f"stay_{stay.pk}", []), *loaded))
        return lines

    def get(self, request):
        month = self.month(request)
        context = {"month": month, "lines": self.lines(self.rows(request, month))}
        return render(request, self.template_name, context)

    def post(self, request):
        month = self.month(request)
        rows = self.rows(request, month)
        amounts = {
            stay.pk: (
                request.POST.get(f"due_{stay.pk}", ""),
                request.POST.get(f"paid_{stay.pk}", ""),
            )
            for stay, _rent in rows
        }
        loaded = {
            stay.pk: (
                request.POST.get(f"loaded_due_{stay.pk}", ""),
                request.POST.get(f"loaded_paid_{stay.pk}", ""),
            )
            for stay, _rent in rows
        }
        errors = {}
        try:
            count = services.monthly_rent_save(
                month=month, amounts=amounts, by=request.user, loaded=loaded
            )
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(request, f"Loyers de {month:%m/%Y} enregistrés ({count} séjour(s)).")
            return redirect(f"{request.path}?mois={month:%Y-%m}")
        context = {
            "month": month,
            "lines": self.lines(rows, request.POST, errors),
            "refused": True,
        }
        return render(request, self.template_name, context, status=400)


class CllajInterviewView(View):
    """A CLLAJ interview in under a minute: the young person (found or created), place, in
    person or remote, files built. A new follow-up is opened when they have none this year."""

    template_name = "habitat/cllaj_interview.html"

    def dispatch(self, request, *args, **kwargs):
        _require(perms.can_record(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        form = habitat_forms.CllajInterviewForm(user=request.user)
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = habitat_forms.CllajInterviewForm(data=request.POST, user=request.user)
        submission = submit(
            form,
            lambda: services.cllaj_interview_quick_create(by=request.user, **form.service_data()),
        )
        if submission.ok:
            interview = submission.result
            messages.success(
                request,
                f"Entretien du {interview.date:%d/%m/%Y} enregistré pour "
                f"{interview.cllaj_file.person}.",
            )
            return redirect("habitat:cllaj-interview")
        context = {"form": form, "duplicates": duplicates_shown(request, submission)}
        return render(request, self.template_name, context, status=submission.status)


@require_GET
def cllaj_files(request):
    _require(perms.can_read(request.user))
    cllaj_files = list(
        CllajFile.objects.visible_to(request.user)
        .select_related("person", "dispositif")
        .order_by("-date", "-pk")[:50]
    )
    _log(request, [cllaj_file.person for cllaj_file in cllaj_files])
    return render(
        request,
        "habitat/cllaj_files.html",
        {"cllaj_files": cllaj_files, "can_record": perms.can_record(request.user)},
    )
