"""Aggregates over prevention records. Every function counts in SQL (a fixed number of
queries whatever the volume) and returns a reporting Table."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
from django.utils.formats import date_format

from prevention.models import Accompaniment, TimeEntry
from reportkit.tables import Row, Table


def educator_overview(*, user, today: datetime.date) -> Table:
    """The éducateur's home figures: open accompaniments of their services (and of which
    they are referent), accompaniments due for a review, and their own hours this month."""
    accompaniments = Accompaniment.objects.visible_to(user)
    counts = accompaniments.open().aggregate(
        open=Count("pk"), mine=Count("pk", filter=Q(referent=user))
    )
    due = accompaniments.needing_review(today).filter(referent=user).count()
    month_start = today.replace(day=1)
    hours = (
        TimeEntry.objects.filter(educator=user, date__gte=month_start, date__lte=today).aggregate(
            total=Sum("hours")
        )["total"]
        or 0
    )
    return Table(
        id="prevention-accueil",
        title="Prévention",
        columns=["Valeur"],
        rows=[
            Row(
                "Accompagnements en cours",
                [counts["open"]],
                url="/prevention/accompagnements/?status=ouvert",
            ),
            Row("dont vous êtes référent", [counts["mine"]]),
            Row("Sans bilan depuis 6 mois", [due], url="/prevention/alertes/"),
            Row(f"Vos heures en {date_format(today, 'F Y')}", [hours], url="/prevention/temps/"),
        ],
    )
