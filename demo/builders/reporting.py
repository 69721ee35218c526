"""The association's identity sheet, what the direction keeps for the reports (the SPS
report's identity, territory figures, reception and networks), the texts of the prevention
reports of the two complete years, and the SPS reports validated after their board meetings —
all through reporting's services, so that the demo's reports print every section."""

from __future__ import annotations

import datetime

from auditlog.context import set_actor
from django.utils.text import slugify

from demo.context import DemoContext
from demo.data import reporting as data
from reporting import services
from reporting.documents import get_definition
from reporting.documents.prevention.others import emps_communes
from reporting.models import AssociationProfile, Commentary, ReportInput, ReportValidation
from reportkit.periods import Period
from rl_portal.audit import update_journalled
from rl_portal.models import Partner


def reset() -> None:
    ReportValidation.objects.all().delete()
    ReportInput.objects.all().delete()
    Commentary.objects.all().delete()
    AssociationProfile.objects.all().delete()
    update_journalled(Partner.objects.all(), actor=None, informal_reason="")


def _write(director, report: str, period: Period, texts: dict[str, str]) -> None:
    definition = get_definition(report)
    for section, text in texts.items():
        services.commentary_save(
            definition=definition,
            section=section,
            period=period,
            text=text,
            read_version=None,
            by=director,
        )


def seed(context: DemoContext) -> None:
    director = context.users["direction"]
    chef = context.users["chef.prevention"]
    sps = get_definition("sps-departement")
    with set_actor(director):
        services.association_profile_save(
            profile=AssociationProfile(), data=data.PROFILE, version=None, by=director
        )
    for name, reason in data.INFORMAL_PARTNERS.items():
        update_journalled(Partner.objects.filter(name=name), actor=director, informal_reason=reason)
    for year in context.years[:2]:
        period = Period.year(year)
        observations = {k: v for k, v in data.SPS_TEXTS.items() if k.startswith("observations")}
        with set_actor(director):
            for key, values in data.sps_inputs(year):
                services.report_input_save(
                    definition=sps,
                    key=key,
                    period=period,
                    data=values,
                    read_version=None,
                    by=director,
                )
            for report, section, text in data.commentary(year):
                _write(director, report, period, {section: text})
            _write(
                director,
                "sps-departement",
                period,
                {k: v for k, v in data.SPS_TEXTS.items() if k not in observations},
            )
            _write(director, "prevention-synthese", period, data.SYNTHESE_TEXTS)
            _write(director, "emps-bilan", period, data.EMPS_TEXTS)
        # The chef de service writes the observations of the service's sections.
        with set_actor(chef):
            _write(chef, "sps-departement", period, observations)
            _write(
                chef,
                "emps-bilan",
                period,
                {
                    f"observations-{slugify(name)}": data.EMPS_COMMUNE_TEXTS["observations"]
                    for name in emps_communes(period)
                },
            )
        with set_actor(director):
            _write(
                director,
                "emps-bilan",
                period,
                {
                    f"perspectives-{slugify(name)}": data.EMPS_COMMUNE_TEXTS["perspectives"]
                    for name in emps_communes(period)
                },
            )
    # Each complete year's SPS report was validated by the board in April of the next year
    # (the year under way's only once that meeting is past).
    for year in context.years[:2]:
        board = datetime.date(year + 1, 4, 18)
        if board > context.today:
            continue
        with set_actor(director):
            services.report_validate(
                definition=sps,
                period=Period.year(year),
                options={},
                note="Rapport validé par le Conseil d'Administration",
                board_date=board,
                by=director,
            )
