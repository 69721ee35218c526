"""Aggregates over the shared domain. Each function counts in SQL (one query, whatever the
number of records) and returns a reporting Table."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

from django.db.models import Count, Q, Sum

from reportkit.tables import Kind, Row, Table
from rl_portal.models import CaseFile, Commune, Convention, Service, StaffPosition, User


def persons_by_service(
    *, user: User, today: datetime.date, services: list[Service] | None = None
) -> Table:
    """Persons known to each service the user may read: all case files of the service, those
    opened since 1 January of `today`'s year, and those opened over the same dates of the
    previous year (for a year-to-date comparison)."""
    year_start = today.replace(month=1, day=1)
    previous_start = year_start.replace(year=today.year - 1)
    try:
        previous_today = today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        previous_today = today.replace(year=today.year - 1, day=28)
    case_files = CaseFile.objects.visible_to(user)
    if services is not None:
        case_files = case_files.filter(service__in=services)
    counts = (
        case_files.values("service__code", "service__name")
        .annotate(
            total=Count("person", distinct=True),
            new=Count("person", filter=Q(opened_on__gte=year_start, opened_on__lte=today)),
            new_previous=Count(
                "person", filter=Q(opened_on__gte=previous_start, opened_on__lte=previous_today)
            ),
        )
        .order_by("service__name")
    )
    rows = [
        Row(
            label=item["service__name"],
            cells=[item["total"], item["new"], item["new_previous"]],
            url=f"/personnes/?service={item['service__code']}",
        )
        for item in counts
    ]
    return Table(
        id="personnes-par-service",
        title="Personnes suivies par service",
        columns=[
            "Personnes",
            f"Nouvelles depuis le 1er janvier {today.year}",
            f"Même période {today.year - 1}",
        ],
        rows=rows,
        notes=["Une personne suivie par deux services compte dans chacun d'eux."],
    )


def funding_summary(*, today: datetime.date) -> Table:
    """Conventions active on any day of `today`'s year: how many, of which calls for projects
    and of which funding employment, their total amount; and the staff ETP in post today."""
    year_start = today.replace(month=1, day=1)
    year_end = today.replace(month=12, day=31)
    conventions = Convention.objects.active_during(year_start, year_end).aggregate(
        count=Count("pk"),
        calls=Count("pk", filter=Q(is_call_for_projects=True)),
        employment=Count("pk", filter=Q(funds_employment=True)),
        amount=Sum("amount"),
    )
    etp = StaffPosition.objects.active_during(today, today).aggregate(total=Sum("etp"))["total"]
    return Table(
        id="financements",
        title=f"Conventions et moyens {today.year}",
        columns=["Valeur"],
        rows=[
            Row("Conventions actives", [conventions["count"]]),
            Row("dont appels à projets", [conventions["calls"]]),
            Row("dont financement d'emplois", [conventions["employment"]]),
            Row("Montant total (€)", [_two_decimals(conventions["amount"])], format="decimal"),
            Row(
                "ETP salariés au " + today.strftime("%d/%m/%Y"),
                [_two_decimals(etp)],
                format="decimal",
            ),
        ],
    )


def _two_decimals(value) -> Decimal:
    # SQLite sums decimals as floats: round back to the two decimals stored.
    return Decimal(value or 0).quantize(Decimal("0.01"))


def _normalised(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return " ".join(text.replace("’", "'").split())


def organigramme(
    *,
    period_start: datetime.date,
    period_end: datetime.date,
    services,
    template: list[tuple[str, str, list[tuple[str, list[str]]]]] | None = None,
) -> Table:
    """Posts in place during the period for these services and the association's common posts:
    ETP, of which funded by the Département and by the communes, by category (subtotals).
    Unit: ETP. Rapport SPS 2023, IV.1 « Organigramme ».

    With a `template` — [(category, subtotal label, [(line label, accepted post titles)])] —
    every line of the template shows in its order, with 0 ETP when no post fills it; a post
    whose title matches no line shows after its category's lines (no ETP is lost). One query."""
    positions = (
        StaffPosition.objects.active_during(period_start, period_end)
        .filter(Q(service__isnull=True) | Q(service__code__in=services))
        .values("category", "title", "detail")
        .annotate(etp=Sum("etp"), cd62=Sum("etp_departement"), communes=Sum("etp_communes"))
        .order_by("category", "title")
    )
    by_category: dict[str, list] = {}
    for item in positions:
        by_category.setdefault(item["category"], []).append(item)
    if template is None:
        template = [(category, label, []) for category, label in StaffPosition.Category.choices]
    zero = Decimal("0.00")
    rows = []
    totals = [zero] * 3

    def figures(items) -> list[Decimal]:
        return [
            _two_decimals(sum((Decimal(i[k] or 0) for i in items), Decimal("0")))
            for k in ("etp", "cd62", "communes")
        ]

    for category, subtotal_label, lines in template:
        items = by_category.pop(category, [])
        category_label = StaffPosition.Category(category).label
        # The JSON says which rows the TOTAL adds: the ETP lines, not the headings or subtotals.
        rows.append(Row(category_label, ["", "", "", ""], format="text", in_total=False))
        matched = set()
        for line_label, titles in lines:
            accepted = {_normalised(t) for t in [line_label, *titles]}
            mine = [i for i in items if _normalised(i["title"]) in accepted]
            matched.update(id(i) for i in mine)
            details = ", ".join(sorted({i["detail"] for i in mine if i["detail"]}))
            rows.append(
                Row(f"ETP {line_label}", [details, *figures(mine)], "", "decimal", 1, in_total=True)
            )
        for item in items:
            if id(item) not in matched:
                rows.append(
                    Row(
                        f"ETP {item['title']}",
                        [item["detail"], *figures([item])],
                        "",
                        "decimal",
                        1,
                        in_total=True,
                    )
                )
        sums = figures(items)
        rows.append(Row(subtotal_label, ["", *sums], format="decimal", in_total=False))
        totals = [a + b for a, b in zip(totals, sums, strict=True)]
    for category, items in by_category.items():  # a category the template does not name
        sums = figures(items)
        rows.append(Row(StaffPosition.Category(category).label, ["", *sums], "", "decimal", 0))
        totals = [a + b for a, b in zip(totals, sums, strict=True)]
    return Table(
        id="organigramme",
        title="Organigramme",
        columns=[
            "Précisions éventuelles : contrats aidés, contrats apprentissage, stagiaire…",
            "Nombre d'ETP",
            "Dont ETP financés par le CD62",
            "Dont ETP financés par les communes, intercommunalités",
        ],
        rows=rows,
        total_row=Row("TOTAL", ["", *totals], format="decimal"),
        kinds=[Kind.TEXT, Kind.QUANTITY, Kind.QUANTITY, Kind.QUANTITY],
    )


def staff_missions(*, period_start: datetime.date, period_end: datetime.date, services) -> Table:
    """The missions of each post in place during the period (for these services and the
    association's common posts), as recorded on the post. Unit: posts. Rapport SPS 2023, IV.1
    « Préciser les missions et le rôle de chaque professionnel ». One query."""
    rows = [
        Row(item["title"], [item["missions"] or "non renseignées"], format="text")
        for item in StaffPosition.objects.active_during(period_start, period_end)
        .filter(Q(service__isnull=True) | Q(service__code__in=services))
        .order_by("category", "title")
        .values("title", "missions")
        .distinct()
    ]
    return Table(
        id="missions",
        title="Missions par poste",
        columns=["Missions"],
        rows=rows,
        kinds=[Kind.TEXT],
    )


def conventions_funding(
    *,
    period_start: datetime.date,
    period_end: datetime.date,
    dispositifs,
    table_id: str = "financements",
    title: str = "Financements",
    dispositif: str = "",
) -> Table:
    """The conventions of these dispositifs active on a day of the period: funder, title,
    period and amount (€); the Total adds the amounts. Unit: €. Rapport SPS 2023, IV.4
    « Financements »; bilan habitat 2022, CLLAJ « Financements 2022 » and « Financements
    prévisionnels 2023 » (the next year's period). One query."""
    rows = []
    total = Decimal("0")
    for item in (
        Convention.objects.filter(dispositif__code__in=dispositifs)
        .active_during(period_start, period_end)
        .order_by("funder__name", "start")
        .values("funder__name", "title", "start", "end", "amount")
    ):
        amount = _two_decimals(item["amount"]) if item["amount"] is not None else None
        total += amount or 0
        rows.append(
            Row(
                item["funder__name"],
                [
                    item["title"],
                    f"{item['start']:%d/%m/%Y} – {item['end']:%d/%m/%Y}",
                    amount,
                ],
                format="decimal",
            )
        )
    return Table(
        id=table_id,
        title=title,
        columns=["Convention", "Période", "Montant (€)"],
        rows=rows,
        total_row=Row("Total", ["", "", _two_decimals(total)], format="decimal") if rows else None,
        notes=["Conventions actives sur la période ; montant de chaque convention."],
        kinds=[Kind.TEXT, Kind.TEXT, Kind.AMOUNT],
        dispositif=dispositif,
    )


def populations(*, commune_ids) -> dict:
    """{"epci": {short name: population}, "communes": {commune id: population}}: the INSEE
    legal populations of the communes and of their EPCIs, as the COG (Etalab) carries them.
    One query."""
    result: dict = {"epci": {}, "communes": {}}
    # « OR pk IS NULL » keeps one query even without communes (a fixed count per report).
    for item in Commune.objects.filter(Q(pk__in=list(commune_ids)) | Q(pk__isnull=True)).values(
        "pk", "population", "epci__short_name", "epci__population"
    ):
        result["communes"][item["pk"]] = item["population"]
        if item["epci__short_name"]:
            result["epci"][item["epci__short_name"]] = item["epci__population"]
    return result


def association_resources(*, start: datetime.date, end: datetime.date) -> dict:
    """Conventions and calls for projects active in the period (of which funding employment),
    and the ETP of the posts in place on its last day. One query each."""
    conventions = Convention.objects.active_during(start, end).aggregate(
        count=Count("pk"), employment=Count("pk", filter=Q(funds_employment=True))
    )
    etp = StaffPosition.objects.active_during(end, end).aggregate(total=Sum("etp"))["total"]
    return {
        "conventions": conventions["count"],
        "employment": conventions["employment"],
        "etp": _two_decimals(etp),
    }
