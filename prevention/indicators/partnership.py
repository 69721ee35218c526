"""Partnership tables of the SPS report (rapport SPS 2023, VI « Partenariat »): networks,
territorial bodies, informal partnerships, and the partners by field (association report)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Sum

from prevention.indicators.common import Scope
from prevention.models import InstanceMeeting, NetworkReception
from reportkit import numbers
from reportkit.periods import Period
from reportkit.tables import Format, Kind, Row, Table
from rl_portal.models import Partner

# Each network of the reference: its name and its object (« Objet du réseau »).
NETWORKS = {
    NetworkReception.Network.MDS: ("MDS", "Jeunes en attente de solutions"),
    NetworkReception.Network.ADAE: ("ADAE", "Mesures de réparation"),
    NetworkReception.Network.EXCLUSION: ("Les collèges", "Mesures d'exclusion"),
    NetworkReception.Network.RESPONSABILISATION: (
        "Les collèges",
        "Mesures de responsabilisation",
    ),
    NetworkReception.Network.TIG: ("Justice", "TIG éducatif"),
    NetworkReception.Network.STAGE: ("Stages", "Accueil de jeunes en stage"),
}


def _amount(value, unit: str, plural: str) -> str:
    value = Decimal(value or 0)
    if not value:
        return ""
    places = 0 if value == value.to_integral_value() else 2
    text = numbers.number(value, places)
    return f"{text} {plural if value > 1 else unit}"


def networks(*, scope: Scope, period: Period, details: dict | None = None) -> Table:
    """Youths received for each partner network in the period and how long: in days for the
    networks that count days (« 17 jeunes sur 21 jours »), in hours for those that count
    hours, both when both were recorded — never « 0 h » for a network counted in days. The
    network's object is the reference's; its working modalities and formalisation are the
    direction's (`details`: {"modalites_<network>": …, "formalisation_<network>": …}).
    Unit: youths. Rapport SPS 2023, VI.1 « Réseaux ». One query."""
    details = details or {}
    totals = {
        item["network"]: item
        for item in NetworkReception.objects.filter(
            dispositif__in=scope.dispositif_ids(), date__gte=period.start, date__lte=period.end
        )
        .values("network")
        .annotate(youths=Sum("youths"), days=Sum("days"), hours=Sum("hours"))
    }
    rows = []
    for code, (name, purpose) in NETWORKS.items():
        item = totals.get(code, {})
        duration = " + ".join(
            part
            for part in (
                _amount(item.get("hours"), "heure", "heures"),
                _amount(item.get("days"), "jour", "jours"),
            )
            if part
        )
        rows.append(
            Row(
                name,
                [
                    purpose,
                    details.get(f"modalites_{code}") or "non renseignées",
                    details.get(f"formalisation_{code}") or "non renseignée",
                    item.get("youths") or 0,
                    duration or "—",
                ],
                format=Format.TEXT,
            )
        )
    return Table(
        id="reseaux",
        title="Réseaux",
        columns=[
            "Objet du réseau",
            "Modalités du travail en réseau",
            "Formalisation / collaboration",
            "Nombre de jeunes",
            "Durée (heures ou journées)",
        ],
        rows=rows,
        total_row=Row(
            "Total",
            ["", "", "", sum(r.cells[3] for r in rows), ""],
            format=Format.TEXT,
        ),
        kinds=[Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.COUNT, Kind.TEXT],
        notes=[
            "Un jeune accueilli pour deux réseaux compte dans chacun ; la durée est celle "
            "saisie pour le réseau, en heures ou en journées."
        ],
    )


def territorial_bodies(*, scope: Scope, period: Period) -> Table:
    """Meetings of territorial bodies (CLS, CISPD…) attended in the period."""
    rows = [
        Row(item["name"], [item["field"], item["n"]], format=Format.TEXT)
        for item in InstanceMeeting.objects.filter(
            dispositif__in=scope.dispositif_ids(), date__gte=period.start, date__lte=period.end
        )
        .values("name", "field")
        .annotate(n=Count("pk"))
        .order_by("name")
    ]
    return Table(
        id="instances-territoriales",
        title="Instances territoriales",
        columns=["Champ d'intervention", "Nombre de participations"],
        rows=rows,
        kinds=[Kind.TEXT, Kind.COUNT],
    )


def informal_partnerships() -> Table:
    """Partners listed as informal partnerships, with the reason (référentiel, not dated)."""
    rows = [
        Row(item["name"], [item["informal_reason"]], format=Format.TEXT)
        for item in Partner.objects.filter(is_active=True)
        .exclude(informal_reason="")
        .order_by("name")
        .values("name", "informal_reason")
    ]
    return Table(
        id="partenariats-informels",
        title="Partenariats informels",
        columns=["Raisons du partenariat / domaine d'intervention"],
        rows=rows,
        kinds=[Kind.TEXT],
    )


def partner_fields() -> Table:
    """The association's active partners by field (champ partenarial), other than the communes
    and the schools (référentiel, not dated)."""
    names: dict[str, list[str]] = defaultdict(list)
    for field, name in (
        Partner.objects.filter(is_active=True)
        .exclude(
            kind__in=[
                Partner.Kind.COMMUNE,
                Partner.Kind.ECOLE,
                Partner.Kind.COLLEGE,
                Partner.Kind.LYCEE,
            ]
        )
        .order_by("field", "name")
        .values_list("field", "name")
    ):
        names[field].append(name)
    return Table(
        id="champs-partenariaux",
        title="Champs partenariaux",
        columns=["Partenaires"],
        rows=[
            Row(label, [", ".join(names[code])], format=Format.TEXT)
            for code, label in Partner.Field.choices
            if names.get(code)
        ],
        kinds=[Kind.TEXT],
    )
