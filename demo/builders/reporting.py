"""The association's identity sheet and the director's commentary of last year's reports,
through reporting's services."""

from __future__ import annotations

from auditlog.context import set_actor

from demo.context import DemoContext
from demo.data import reporting as data
from reporting import services
from reporting.documents import get_definition
from reporting.models import AssociationProfile, Commentary
from reportkit.periods import Period
from rl_portal.audit import update_journalled
from rl_portal.models import Partner


def reset() -> None:
    Commentary.objects.all().delete()
    AssociationProfile.objects.all().delete()
    update_journalled(Partner.objects.all(), actor=None, informal_reason="")


def seed(context: DemoContext) -> None:
    director = context.users["direction"]
    last_year = context.years[1]
    with set_actor(director):
        services.association_profile_save(
            profile=AssociationProfile(), data=data.PROFILE, version=None, by=director
        )
        for report, section, text in data.commentary(last_year):
            services.commentary_save(
                definition=get_definition(report),
                section=section,
                period=Period.year(last_year),
                text=text,
                read_version=None,
                by=director,
            )
    for name, reason in data.INFORMAL_PARTNERS.items():
        update_journalled(Partner.objects.filter(name=name), actor=director, informal_reason=reason)
