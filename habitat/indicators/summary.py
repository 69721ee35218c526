"""The habitat figures of the association's key figures (rapport de l'association 2023,
« L'association en chiffres »)."""

from __future__ import annotations

from django.db.models import Q

from habitat.models import CllajFile, Stay, SupportMeasure
from reportkit.periods import Period
from rl_portal.models import Person


def social_support_count(*, period: Period) -> int:
    """Persons in social accompaniment by habitat in the period: a support measure (FSL, ASL)
    active, or a CLLAJ follow-up (not AIO only) dated in the period — each person once. Unit:
    persons. Rapport de l'association 2023, « Publics bénéficiant d'un accompagnement social :
    501 HABITAT ». One query."""
    measures = SupportMeasure.objects.active_during(period.start, period.end).values("person_id")
    follow_ups = CllajFile.objects.filter(
        kind=CllajFile.Kind.FOLLOW_UP, date__gte=period.start, date__lte=period.end
    ).values("person_id")
    return Person.objects.filter(Q(pk__in=measures) | Q(pk__in=follow_ups)).count()


def housed_count(*, period: Period) -> int:
    """Persons housed in the period (a stay in any unit active in the period), each once. Unit:
    persons. Rapport de l'association 2023, « Publics bénéficiant d'un accompagnement en
    hébergement : 74 ». One query."""
    stays = Stay.objects.active_during(period.start, period.end)
    return Person.objects.filter(pk__in=stays.values("person_id")).count()
