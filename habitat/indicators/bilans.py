"""The tables of the five habitat bilans (CLLAJ, Tremplins Duo, ALT, FSL ASLL, ASL Jeunes ASE).

Rules (printed in the reports' annex): a person counts once per table; a share is a part of
the table's total, to two decimals; a mean duration is the mean number of days between entry
and exit (or start and end), shown in months of 30,44 days and days; the occupancy rate is the
occupied place-days over the available place-days of the period (lease ∩ period, less works).
Every figure is a SQL aggregate: a fixed number of queries whatever the volume."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, ExtractYear, Greatest, Least

from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    HomeVisit,
    HousingEvent,
    HousingRequest,
    HousingUnit,
    MonthlyRent,
    OrienteurKind,
    Stay,
    SupportMeasure,
    UnitUnavailability,
)
from reportkit import numbers
from reportkit.counting import annotate_band
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table, share
from rl_portal.models import Composition, Convention, Epci, Person, ResourceType, Sex

HABITAT_BANDS = [
    ("moins_18", "Moins de 18 ans", None, 17),
    ("18_20", "18 à 20 ans", 18, 20),
    ("21_25", "21 à 25 ans", 21, 25),
    ("26_plus", "26 ans et plus", 26, None),
]
RESOURCE_THRESHOLDS = (Decimal("500"), Decimal("800"))
DAYS_PER_MONTH = Decimal("30.44")


def mean_days(duration) -> Decimal | None:
    """A mean duration in days, not cut to whole days."""
    if duration is None:
        return None
    return Decimal(duration.total_seconds()) / Decimal(86400)


def months_and_days(days) -> str:
    """A mean duration as read in the bilans: « 7 mois et 12 jours »."""
    if days is None:
        return "–"
    days = Decimal(days)
    months = int(days // DAYS_PER_MONTH)
    rest = int((days - months * DAYS_PER_MONTH).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    return f"{months} mois et {rest} jour{'s' if rest > 1 else ''}"


def _date(value: datetime.date):
    return Value(value, output_field=DateField())


def _counts_table(table_id, title, counts: dict, choices, *, column="Nombre", total_label="Total"):
    """A one-column table of counts per choice, with the share of each (two decimals)."""
    total = sum(counts.values())
    rows = [
        Row(label, [counts.get(code, 0), share(counts.get(code, 0), total)], format=Format.DECIMAL)
        for code, label in choices
    ]
    return Table(
        id=table_id,
        title=title,
        columns=[column, "%"],
        rows=rows,
        total_row=Row(
            total_label, [total, Decimal(100) if total else Decimal(0)], format=Format.DECIMAL
        ),
    )


def _persons_sex_age(table_id, title, persons, period: Period) -> Table:
    """Persons by age band (on the last day of the period) and sex, with the mean age and the
    share of those aged 26 or more."""
    annotated = annotate_band(persons, "", period.end, bands=HABITAT_BANDS)
    counts = defaultdict(int)
    for item in annotated.values("band", "sex").annotate(n=Count("pk")):
        counts[(item["band"], item["sex"])] += item["n"]
    mean = annotated.aggregate(mean=Avg("_age"))["mean"]
    total = sum(counts.values())
    bands = [(code, label) for code, label, _l, _h in HABITAT_BANDS]
    if any(band == "inconnu" for band, _s in counts):
        bands.append(("inconnu", "Âge inconnu"))
    rows = [
        Row(
            label,
            [
                counts[(band, Sex.FEMALE)],
                counts[(band, Sex.MALE)],
                sum(counts[(band, s)] for s in Sex.values),
                share(sum(counts[(band, s)] for s in Sex.values), total),
            ],
            format=Format.DECIMAL,
        )
        for band, label in bands
    ]
    over_26 = sum(counts[("26_plus", s)] for s in Sex.values)
    women = sum(v for (b, s), v in counts.items() if s == Sex.FEMALE)
    men = sum(v for (b, s), v in counts.items() if s == Sex.MALE)
    return Table(
        id=table_id,
        title=title,
        columns=["Femmes", "Hommes", "Total", "%"],
        rows=rows,
        total_row=Row(
            "Total",
            [women, men, total, Decimal(100) if total else Decimal(0)],
            format=Format.DECIMAL,
        ),
        notes=[
            f"Âge moyen : {numbers.number(mean)} ans ; "
            f"26 ans et plus : {numbers.number(share(over_26, total))} %."
        ],
    )


# ---------------------------------------------------------------------------------------------
# CLLAJ
# ---------------------------------------------------------------------------------------------


def _cllaj_tables(
    cllaj_files, period: Period, prefix: str = "", title_suffix: str = ""
) -> list[Table]:
    """The tables describing a CLLAJ public (the whole one, or a zoom): each young person
    counts once, described by their latest file of the period."""
    persons = Person.objects.filter(pk__in=cllaj_files.values("person_id"))
    latest = cllaj_files.filter(person=OuterRef("person")).order_by("-date", "-pk").values("pk")[:1]
    cllaj_files = cllaj_files.filter(pk=Subquery(latest))

    def counts(field):
        return dict(cllaj_files.values(field).annotate(n=Count("pk")).values_list(field, "n"))

    resources = cllaj_files.aggregate(
        mean=Avg("resources"),
        mean_with=Avg("resources", filter=Q(resources__gt=0)),
        total=Count("pk"),
        none=Count("pk", filter=Q(resources__isnull=True) | Q(resources=0)),
        **{
            f"under_{int(t)}": Count("pk", filter=Q(resources__lt=t) | Q(resources__isnull=True))
            for t in RESOURCE_THRESHOLDS
        },
    )
    communes = dict(
        persons.values("commune__name").annotate(n=Count("pk")).values_list("commune__name", "n")
    )
    commune_choices = [
        (name, name or "Commune non renseignée")
        for name in sorted(communes, key=lambda n: (n is None, n or ""))
    ]
    mean = lambda value: Decimal(value).quantize(Decimal("0.01")) if value is not None else None  # noqa: E731
    tables = [
        _persons_sex_age(
            f"{prefix}public-sexe-age",
            f"Public accueilli par sexe et âge{title_suffix}",
            persons,
            period,
        ),
        _counts_table(
            f"{prefix}composition-familiale",
            f"Composition familiale{title_suffix}",
            counts("composition"),
            Composition.choices,
        ),
        _counts_table(
            f"{prefix}orienteurs",
            f"Structure à l'origine de la demande{title_suffix}",
            counts("orienteur_kind"),
            OrienteurKind.choices,
        ),
        _counts_table(
            f"{prefix}origine-geographique",
            f"Origine géographique{title_suffix}",
            communes,
            commune_choices,
            column="Jeunes",
        ),
        _counts_table(
            f"{prefix}situation-logement",
            f"Situation logement au moment de la demande{title_suffix}",
            counts("housing_situation"),
            CllajFile.HousingSituation.choices,
        ),
        Table(
            id=f"{prefix}ressources",
            title=f"Ressources du public{title_suffix}",
            columns=["Valeur"],
            rows=[
                Row(
                    "Ressources moyennes (€/mois)", [mean(resources["mean"])], format=Format.DECIMAL
                ),
                Row(
                    "Moyenne des jeunes ayant des ressources (€/mois)",
                    [mean(resources["mean_with"])],
                    format=Format.DECIMAL,
                ),
                Row(
                    "Part sans ressources (%)",
                    [share(resources["none"], resources["total"])],
                    format=Format.DECIMAL,
                ),
                *[
                    Row(
                        f"Part sous {int(t)} € (%)",
                        [share(resources[f"under_{int(t)}"], resources["total"])],
                        format=Format.DECIMAL,
                    )
                    for t in RESOURCE_THRESHOLDS
                ],
            ],
        ),
        _counts_table(
            f"{prefix}situation-emploi",
            f"Situation emploi{title_suffix}",
            counts("employment"),
            CllajFile.Employment.choices,
        ),
    ]
    return tables


def cllaj_bilan(*, period: Period) -> list[Table]:
    """Everything the CLLAJ bilan prints for the period."""
    cllaj_files = CllajFile.objects.filter(date__gte=period.start, date__lte=period.end)
    first_year = period.end.year - 3
    by_year = {
        item["year"]: item
        for item in CllajFile.objects.filter(
            date__year__gte=first_year, date__year__lte=period.end.year
        )
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            youths=Count("person", distinct=True),
            aio=Count("pk", filter=Q(kind=CllajFile.Kind.AIO)),
            follow_ups=Count("pk", filter=Q(kind=CllajFile.Kind.FOLLOW_UP)),
            qpv=Count("person", distinct=True, filter=Q(is_qpv=True)),
        )
    }
    interviews = dict(
        CllajInterview.objects.filter(date__year__gte=first_year, date__year__lte=period.end.year)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    events = defaultdict(lambda: {"workshops": 0, "participants": 0, "outreach": 0})
    for item in (
        HousingEvent.objects.filter(date__year__gte=first_year, date__year__lte=period.end.year)
        .annotate(year=ExtractYear("date"))
        .values("year", "kind")
        .annotate(n=Count("pk"), people=Sum("headcount"))
    ):
        if item["kind"] == HousingEvent.Kind.WORKSHOP:
            events[item["year"]]["workshops"] += item["n"]
            events[item["year"]]["participants"] += item["people"] or 0
        elif item["kind"] == HousingEvent.Kind.OUTREACH:
            events[item["year"]]["outreach"] += item["people"] or 0
    evolution = Table(
        id="evolution-frequentation",
        title="Évolution de la fréquentation",
        columns=[
            "Jeunes ayant sollicité le CLLAJ",
            "AIO sans dossier",
            "Suivis dossiers",
            "Entretiens individuels",
            "Jeunes en atelier logement",
            "Ateliers",
            "Aller vers",
            "Jeunes originaires des QPV",
        ],
        rows=[
            Row(
                str(year),
                [
                    by_year.get(year, {}).get("youths", 0),
                    by_year.get(year, {}).get("aio", 0),
                    by_year.get(year, {}).get("follow_ups", 0),
                    interviews.get(year, 0),
                    events[year]["participants"],
                    events[year]["workshops"],
                    events[year]["outreach"],
                    by_year.get(year, {}).get("qpv", 0),
                ],
            )
            for year in range(first_year, period.end.year + 1)
        ],
        notes=["Années civiles ; la dernière ligne est l'année du rapport."],
    )
    applications = dict(
        CllajApplication.objects.filter(date__gte=period.start, date__lte=period.end)
        .values("kind")
        .annotate(n=Count("pk"))
        .values_list("kind", "n")
    )
    orientations = dict(
        CllajOrientation.objects.filter(date__gte=period.start, date__lte=period.end)
        .values("target")
        .annotate(n=Count("pk"))
        .values_list("target", "n")
    )
    outcomes = dict(
        cllaj_files.exclude(outcome="")
        .values("outcome")
        .annotate(n=Count("person", distinct=True))
        .values_list("outcome", "n")
    )
    places = defaultdict(int)
    for item in (
        CllajInterview.objects.filter(date__gte=period.start, date__lte=period.end)
        .values("mode", "place__name")
        .annotate(n=Count("pk"))
    ):
        key = item["place__name"] if item["mode"] == CllajInterview.Mode.IN_PERSON else "À distance"
        places[key or "Lieu non précisé"] += item["n"]
    tables = [evolution, *_cllaj_tables(cllaj_files, period)]
    tables += [
        _counts_table(
            "dossiers-constitues",
            "Dossiers constitués",
            applications,
            CllajApplication.Kind.choices,
            column="Dossiers",
        ),
        _counts_table(
            "orientations",
            "Orientations préconisées",
            orientations,
            CllajOrientation.Target.choices,
            column="Orientations",
        ),
        _counts_table(
            "acces-logement",
            "Accès au logement",
            outcomes,
            CllajFile.Outcome.choices,
            column="Jeunes",
        ),
        _counts_table(
            "lieux-rendez-vous",
            "Lieux de rendez-vous",
            dict(places),
            [(name, name) for name in sorted(places)],
            column="Entretiens",
        ),
    ]
    for code, label, subset in [
        (
            "zoom-ase",
            "jeunes ayant un parcours ASE",
            cllaj_files.filter(Q(dispositif__code="cllaj-ase") | Q(person__ase_history=True)),
        ),
        ("zoom-qpv", "jeunes résidant en QPV", cllaj_files.filter(is_qpv=True)),
        (
            "zoom-mission-locale",
            "jeunes suivis par la Mission locale",
            cllaj_files.filter(mission_locale=True),
        ),
    ]:
        figures = subset.aggregate(
            youths=Count("person", distinct=True),
            situations=Count("pk", distinct=True),
            interviews=Count("interviews", distinct=True),
            applications=Count("applications", distinct=True),
            housed=Count(
                "person",
                distinct=True,
                filter=~Q(outcome="") & ~Q(outcome=CllajFile.Outcome.MAINTAINED),
            ),
        )
        tables.append(
            Table(
                id=code,
                title=f"Zoom sur les {label}",
                columns=["Nombre"],
                rows=[
                    Row("Jeunes", [figures["youths"]]),
                    Row("Situations", [figures["situations"]]),
                    Row("Entretiens", [figures["interviews"]]),
                    Row("Dossiers constitués", [figures["applications"]]),
                    Row("Jeunes relogés", [figures["housed"]]),
                ],
            )
        )
    return tables


# ---------------------------------------------------------------------------------------------
# Housing: ALT and Tremplins
# ---------------------------------------------------------------------------------------------


def _overlap_days(start_field, end_field, period: Period):
    """Days of [start, end] (end included, open end = period end) inside the period."""
    start = Greatest(F(start_field), _date(period.start), output_field=DateField())
    end = Least(
        Coalesce(F(end_field), _date(period.end)), _date(period.end), output_field=DateField()
    )
    return ExpressionWrapper(end - start + datetime.timedelta(days=1), output_field=DurationField())


def _works_days(period: Period):
    """Days of works inside both the period and the unit's lease (an unavailability outside
    the lease takes nothing off: the unit was not available anyway)."""
    start = Greatest(
        F("start"), F("unit__lease_start"), _date(period.start), output_field=DateField()
    )
    end = Least(
        F("end"),
        Coalesce(F("unit__lease_end"), _date(period.end)),
        _date(period.end),
        output_field=DateField(),
    )
    return ExpressionWrapper(end - start + datetime.timedelta(days=1), output_field=DurationField())


def _days(value) -> Decimal:
    return Decimal(value.days if value else 0)


def occupancy(*, dispositifs, period: Period) -> Table:
    """Occupied place-days / available place-days of the units in the period."""
    units = HousingUnit.objects.filter(
        dispositif__code__in=dispositifs, lease_start__lte=period.end
    ).exclude(lease_end__lt=period.start)
    # Days are summed per number of places (a duration cannot be multiplied in SQLite): a few
    # groups, whatever the number of units.
    available = sum(
        (_days(item["days"]) * item["places"])
        for item in units.annotate(days=_overlap_days("lease_start", "lease_end", period))
        .values("places")
        .annotate(days=Sum("days"))
    )
    unavailable = sum(
        (_days(item["days"]) * item["unit__places"])
        for item in UnitUnavailability.objects.filter(
            unit__in=units, start__lte=period.end, end__gte=period.start
        )
        .annotate(days=_works_days(period))
        .filter(days__gt=datetime.timedelta(0))
        .values("unit__places")
        .annotate(days=Sum("days"))
    )
    occupied = (
        Stay.objects.filter(unit__in=units, entry__lte=period.end)
        .exclude(exit__lt=period.start)
        .annotate(days=_overlap_days("entry", "exit", period))
        .aggregate(total=Sum("days"))["total"]
    )
    available_days = Decimal(available) - Decimal(unavailable)
    occupied_days = _days(occupied)
    return Table(
        id="taux-occupation",
        title="Taux d'occupation",
        columns=["Valeur"],
        rows=[
            Row("Journées-places disponibles", [available_days]),
            Row("Journées-places occupées", [occupied_days]),
            Row(
                "Taux d'occupation (%)",
                [share(occupied_days, available_days)],
                format=Format.DECIMAL,
            ),
        ],
        notes=["Disponibles : jours de bail dans la période × places, moins les travaux."],
    )


def housing_bilan(
    *, dispositifs, period: Period, suffix: str = "", tremplins: bool = False
) -> list[Table]:
    """The tables of a housing dispositif (ALT jeunes, ALT familles, Tremplins) for the period."""
    tag = f"-{suffix}" if suffix else ""
    units = HousingUnit.objects.filter(dispositif__code__in=dispositifs)
    stays = Stay.objects.filter(
        unit__dispositif__code__in=dispositifs, entry__lte=period.end
    ).exclude(exit__lt=period.start)
    requests = HousingRequest.objects.filter(dispositif__code__in=dispositifs)
    previous = period.previous()
    stock = defaultdict(int)
    for item in (
        units.filter(lease_start__lte=period.end)
        .exclude(lease_end__lt=period.start)
        .values("commune__name", "typology")
        .annotate(n=Count("pk"))
    ):
        stock[(item["commune__name"], item["typology"])] += item["n"]
    communes = sorted({c for c, _t in stock})
    typologies = [
        (code, label)
        for code, label in HousingUnit.Typology.choices
        if any(stock[(c, code)] for c in communes)
    ]
    logements = Table(
        id=f"logements{tag}",
        title="Parc de logements",
        columns=[label for _c, label in typologies] + ["Total"],
        rows=[
            Row(
                c,
                [stock[(c, t)] for t, _l in typologies]
                + [sum(stock[(c, t)] for t, _l in typologies)],
            )
            for c in communes
        ],
        total_row=Row(
            "Total",
            [sum(stock[(c, t)] for c in communes) for t, _l in typologies] + [sum(stock.values())],
        ),
    )
    demand = requests.aggregate(
        now=Count("pk", filter=Q(date__gte=period.start, date__lte=period.end)),
        before=Count("pk", filter=Q(date__gte=previous.start, date__lte=previous.end)),
        admitted=Count(
            "pk", filter=Q(date__gte=period.start, date__lte=period.end, decision="admis")
        ),
    )
    by_composition = dict(
        requests.filter(date__gte=period.start, date__lte=period.end)
        .values("composition")
        .annotate(n=Count("pk"))
        .values_list("composition", "n")
    )
    in_period = requests.filter(date__gte=period.start, date__lte=period.end)
    detail_rows = [
        Row(label, [by_composition.get(code, 0)], level=1) for code, label in Composition.choices
    ]
    if tremplins:
        # « S'identifie comme », age and orienteur of the young people who applied.
        by_sex = dict(
            in_period.values("person__sex")
            .annotate(n=Count("person", distinct=True))
            .values_list("person__sex", "n")
        )
        by_band = dict(
            annotate_band(in_period, "person", period.end, bands=HABITAT_BANDS)
            .values("band")
            .annotate(n=Count("person", distinct=True))
            .values_list("band", "n")
        )
        by_orienteur = dict(
            in_period.values("orienteur_kind")
            .annotate(n=Count("pk"))
            .values_list("orienteur_kind", "n")
        )
        detail_rows = (
            [
                Row(f"S'identifie comme : {label.lower()}", [by_sex.get(code, 0)], level=1)
                for code, label in Sex.choices
            ]
            + [Row(label, [by_band.get(code, 0)], level=1) for code, label, _l, _h in HABITAT_BANDS]
            + [Row("Âge inconnu", [by_band.get("inconnu", 0)], level=1)]
            + [
                Row(f"Orienteur : {label}", [by_orienteur.get(code, 0)], level=1)
                for code, label in OrienteurKind.choices
            ]
        )
    demandes = Table(
        id=f"demandes{tag}" if not tremplins else "preadmissions",
        title="Demandes" if not tremplins else "Préadmissions",
        columns=["Nombre"],
        rows=[
            Row(period.label, [demand["now"]]),
            Row(previous.label, [demand["before"]]),
            Row("Évolution", [demand["now"] - demand["before"]]),
            Row("dont admises", [demand["admitted"]]),
            *detail_rows,
        ],
    )
    landlords = dict(
        units.filter(lease_start__lte=period.end)
        .exclude(lease_end__lt=period.start)
        .values("landlord__name")
        .annotate(n=Count("pk"))
        .values_list("landlord__name", "n")
    )
    bailleurs = _counts_table(
        f"bailleurs{tag}",
        "Logements par bailleur",
        landlords,
        [(name, name) for name in sorted(landlords)],
        column="Logements",
    )
    persons = Person.objects.filter(pk__in=stays.values("person_id"))
    new = stays.filter(entry__gte=period.start).values("person_id").distinct().count()
    public = Table(
        id=f"public-accueilli{tag}" if not tremplins else "nouveaux-accueillis",
        title="Public accueilli",
        columns=["Personnes"],
        rows=[
            Row("Personnes hébergées sur la période", [persons.count()]),
            Row("dont nouvelles (entrées dans la période)", [new]),
            Row("dont femmes", [persons.filter(sex=Sex.FEMALE).count()]),
            Row("dont hommes", [persons.filter(sex=Sex.MALE).count()]),
        ],
    )
    resource_counts = dict(
        stays.values("resource_type_entry")
        .annotate(n=Count("person", distinct=True))
        .values_list("resource_type_entry", "n")
    )
    mean_entry = stays.aggregate(mean=Avg("resources_entry"))["mean"]
    ressources = _counts_table(
        f"ressources{tag}",
        "Ressources à l'entrée",
        resource_counts,
        [*ResourceType.choices, ("", "Non renseignée")],
        column="Personnes",
    )
    ressources.notes.append(
        f"Ressources moyennes à l'entrée : {numbers.number(mean_entry)} € par mois."
    )
    communes_of = dict(
        persons.values("commune__name").annotate(n=Count("pk")).values_list("commune__name", "n")
    )
    origine = _counts_table(
        f"origine-geographique{tag}",
        "Origine géographique",
        communes_of,
        [
            (n, n or "Non renseignée")
            for n in sorted(communes_of, key=lambda n: (n is None, n or ""))
        ],
        column="Personnes",
    )
    reasons = dict(
        requests.filter(date__gte=period.start, date__lte=period.end)
        .values("reason")
        .annotate(n=Count("pk"))
        .values_list("reason", "n")
    )
    motifs = _counts_table(
        f"motifs-demande{tag}",
        "Motifs de la demande",
        reasons,
        HousingRequest.Reason.choices,
        column="Demandes",
    )
    # Arrears: rent months of the period with less paid than due; still in arrears at the end
    # when the balance of all months up to the end is owed.
    rents = MonthlyRent.objects.filter(stay__unit__dispositif__code__in=dispositifs)
    arrears = rents.filter(
        month__gte=period.start.replace(day=1), month__lte=period.end, paid__lt=F("due")
    ).aggregate(stays=Count("stay", distinct=True), months=Count("pk"))
    balances = (
        rents.filter(month__lte=period.end)
        .values("stay")
        .annotate(balance=Sum(F("due") - F("paid")))
        .filter(balance__gt=0)
    )
    impayes = Table(
        id=f"impayes{tag}",
        title="Impayés",
        columns=["Valeur"],
        rows=[
            Row("Séjours ayant connu un impayé sur la période", [arrears["stays"]]),
            Row("Séjours encore en impayé à la fin de la période", [balances.count()]),
            Row(
                "Mois d'impayé en moyenne par séjour concerné",
                [
                    Decimal(arrears["months"] / arrears["stays"]).quantize(Decimal("0.01"))
                    if arrears["stays"]
                    else Decimal(0)
                ],
                format=Format.DECIMAL,
            ),
        ],
    )
    exits = Stay.objects.filter(
        unit__dispositif__code__in=dispositifs, exit__gte=period.start, exit__lte=period.end
    )
    exit_counts = dict(
        exits.values("exit_reason").annotate(n=Count("pk")).values_list("exit_reason", "n")
    )
    exit_figures = exits.annotate(
        days=ExpressionWrapper(F("exit") - F("entry"), output_field=DurationField())
    ).aggregate(mean=Avg("days"), prolongations=Sum("prolongation_requests"))
    sorties = _counts_table(
        f"sorties{tag}", "Sorties", exit_counts, Stay.ExitReason.choices, column="Sorties"
    )
    sorties.notes.append(
        f"Durée moyenne d'occupation : {months_and_days(mean_days(exit_figures['mean']))}."
    )
    sorties.notes.append(f"Demandes de prolongation : {exit_figures['prolongations'] or 0}.")
    tables = [logements, bailleurs, demandes, public, ressources, origine, motifs, impayes, sorties]
    rate = occupancy(dispositifs=dispositifs, period=period)
    rate.id += tag
    if tremplins:
        rate.id = "presences"
        rate.title = "Présences et taux d'occupation"
        majority = stays.filter(majority_on__gte=period.start, majority_on__lte=period.end).count()
        origins = dict(
            stays.values("origin")
            .annotate(n=Count("person", distinct=True))
            .values_list("origin", "n")
        )
        tables += [
            Table(
                id="transitions-mineur-majeur",
                title="Passages de mineur à majeur",
                columns=["Jeunes"],
                rows=[Row("Devenus majeurs pendant le séjour, dans la période", [majority])],
            ),
            _counts_table(
                "origine-hebergement",
                "Origine de l'hébergement",
                origins,
                [*Stay.Origin.choices, ("", "Non renseignée")],
                column="Jeunes",
            ),
        ]
        activities = HousingEvent.objects.filter(
            kind=HousingEvent.Kind.TREMPLINS_ACTIVITY, date__gte=period.start, date__lte=period.end
        ).aggregate(
            n=Count("pk", distinct=True), people=Sum("headcount"), named=Count("participants")
        )
        tables.append(
            Table(
                id="activites",
                title="Activités",
                columns=["Nombre"],
                rows=[
                    Row("Activités réalisées", [activities["n"]]),
                    Row(
                        "Participants",
                        [(activities["people"] or 0) + (activities["named"] or 0)],
                    ),
                ],
                notes=["Participants : effectifs anonymes et jeunes nommés, par activité."],
            )
        )
        exit_resources = dict(
            exits.values("resource_type_exit")
            .annotate(n=Count("pk"))
            .values_list("resource_type_exit", "n")
        )
        tables.append(
            _counts_table(
                "ressources-sortie",
                "Ressources à la sortie",
                exit_resources,
                [*ResourceType.choices, ("", "Non renseignée")],
                column="Sorties",
            )
        )
    tables.append(rate)
    return tables


# ---------------------------------------------------------------------------------------------
# Support measures: FSL ASLL and ASL Jeunes ASE
# ---------------------------------------------------------------------------------------------


def measures_bilan(*, dispositif: str, period: Period) -> list[Table]:
    """Per territory (CAHC, CALL): measures active in the period, new ones, weights against the
    convention, and the description of the households; the measures ended in the period."""
    tables = []
    epcis = list(Epci.objects.order_by("short_name"))
    measures = SupportMeasure.objects.filter(dispositif__code=dispositif).active_during(
        period.start, period.end
    )
    conventions = {
        c.epci_id: c
        for c in Convention.objects.filter(dispositif__code=dispositif)
        .active_during(period.start, period.end)
        .order_by("start")
    }
    totals = {
        item["epci"]: item
        for item in measures.values("epci").annotate(
            total=Count("pk"),
            new=Count("pk", filter=Q(start__gte=period.start)),
            weight=Sum("weight"),
            simple=Count("pk", filter=Q(kind=SupportMeasure.Kind.SIMPLE)),
            reinforced=Count("pk", filter=Q(kind=SupportMeasure.Kind.REINFORCED)),
        )
    }
    difficulties = measures.values("epci").annotate(
        **{
            f"d_{code}": Count("pk", filter=Q(annex_difficulties__icontains=f'"{code}"'))
            for code in SupportMeasure.Reason.values
        }
    )
    difficulties = {item["epci"]: item for item in difficulties}
    aids = {
        item["epci"]: item
        for item in measures.values("epci").annotate(
            **{
                f"a_{code}": Count("pk", filter=Q(applications_and_aids__icontains=f'"{code}"'))
                for code in SupportMeasure.ApplicationOrAid.values
            }
        )
    }
    grouped = lambda field: {  # noqa: E731
        (item["epci"], item[field]): item["n"]
        for item in measures.values("epci", field).annotate(n=Count("person", distinct=True))
    }
    orienteurs, compositions, reasons = (
        grouped("orienteur_kind"),
        grouped("composition"),
        grouped("reason"),
    )
    communes = {
        (item["epci"], item["person__commune__name"]): item["n"]
        for item in measures.values("epci", "person__commune__name").annotate(
            n=Count("person", distinct=True)
        )
    }
    resources = {
        item["epci"]: item["mean"]
        for item in measures.values("epci").annotate(mean=Avg("resources"))
    }
    ended = SupportMeasure.objects.filter(
        dispositif__code=dispositif, end__gte=period.start, end__lte=period.end
    )
    stops = {
        item["epci"]: item
        for item in ended.annotate(
            days=ExpressionWrapper(F("end") - F("start"), output_field=DurationField())
        )
        .values("epci")
        .annotate(
            n=Count("pk"),
            mean=Avg("days"),
            set=Sum("objectives_set"),
            reached=Sum("objectives_reached"),
        )
    }
    stop_reasons = {
        (item["epci"], item["end_reason"]): item["n"]
        for item in ended.values("epci", "end_reason").annotate(n=Count("pk"))
    }
    public = {
        item["epci"]: item
        for item in annotate_band(measures, "person", period.end, bands=HABITAT_BANDS)
        .values("epci")
        .annotate(
            women=Count("person", distinct=True, filter=Q(person__sex=Sex.FEMALE)),
            men=Count("person", distinct=True, filter=Q(person__sex=Sex.MALE)),
            mean_age=Avg("_age"),
            ended=Count("pk", filter=Q(end__lte=period.end)),
            ongoing=Count("pk", filter=Q(end__isnull=True) | Q(end__gt=period.end)),
        )
    }
    visits = {
        item["measure__epci"]: item
        for item in HomeVisit.objects.filter(
            measure__dispositif__code=dispositif, date__gte=period.start, date__lte=period.end
        )
        .values("measure__epci")
        .annotate(n=Count("pk"), measures=Count("measure", distinct=True))
    }
    if None in conventions:
        # A convention for both territories (ASL): its rate is read on all the measures.
        capacity = conventions[None].capacity or Decimal(0)
        weight = sum((Decimal(t["weight"] or 0) for t in totals.values()), Decimal(0))
        tables.append(
            Table(
                id="mesures-ensemble",
                title="Mesures — ensemble des territoires",
                columns=["Valeur"],
                rows=[
                    Row(
                        "Mesures actives sur la période", [sum(t["total"] for t in totals.values())]
                    ),
                    Row(
                        "Poids des mesures (points)",
                        [weight.quantize(Decimal("0.01"))],
                        format=Format.DECIMAL,
                    ),
                    Row("Capacité de la convention", [capacity], format=Format.DECIMAL),
                    Row(
                        "Taux de réalisation de la convention (%)",
                        [share(weight, capacity)],
                        format=Format.DECIMAL,
                    ),
                ],
            )
        )
    for epci in epcis:
        slug = epci.short_name.lower()
        t = totals.get(epci.pk, {"total": 0, "new": 0, "weight": 0, "simple": 0, "reinforced": 0})
        convention = conventions.get(epci.pk)
        capacity = convention.capacity if convention else None
        rows = [
            Row("Mesures actives sur la période", [t["total"]]),
            Row("dont nouvelles", [t["new"]]),
            Row(
                "Poids des mesures (points)",
                [Decimal(t["weight"] or 0).quantize(Decimal("0.01"))],
                format=Format.DECIMAL,
            ),
        ]
        if dispositif == "asl-jeunes-ase":
            rows += [
                Row("dont ASL simples", [t["simple"]], level=1),
                Row("dont ASL renforcées", [t["reinforced"]], level=1),
            ]
        if capacity:
            rows += [
                Row("Capacité de la convention", [capacity], format=Format.DECIMAL),
                Row(
                    "Taux de réalisation de la convention (%)",
                    [share(t["weight"] or 0, capacity)],
                    format=Format.DECIMAL,
                ),
            ]
        tables.append(
            Table(
                id=f"mesures-{slug}",
                title=f"Mesures — {epci.short_name}",
                columns=["Valeur"],
                rows=rows,
            )
        )
        p = public.get(epci.pk, {"women": 0, "men": 0, "mean_age": None, "ended": 0, "ongoing": 0})
        tables.append(
            Table(
                id=f"public-{slug}",
                title=f"Public et mesures en fin de période — {epci.short_name}",
                columns=["Valeur"],
                rows=[
                    Row("Femmes", [p["women"]]),
                    Row("Hommes", [p["men"]]),
                    Row(
                        "Âge moyen (ans)",
                        [
                            Decimal(p["mean_age"]).quantize(Decimal("0.1"))
                            if p["mean_age"] is not None
                            else None
                        ],
                        format=Format.DECIMAL,
                    ),
                    Row("Mesures arrêtées sur la période", [p["ended"]]),
                    Row("Mesures en cours à la fin de la période", [p["ongoing"]]),
                ],
            )
        )
        tables.append(
            _counts_table(
                f"orienteurs-{slug}",
                f"Orienteurs — {epci.short_name}",
                {k: v for (e, k), v in orienteurs.items() if e == epci.pk},
                OrienteurKind.choices,
                column="Ménages",
            )
        )
        tables.append(
            _counts_table(
                f"composition-familiale-{slug}",
                f"Composition familiale — {epci.short_name}",
                {k: v for (e, k), v in compositions.items() if e == epci.pk},
                Composition.choices,
                column="Ménages",
            )
        )
        mean = resources.get(epci.pk)
        tables.append(
            Table(
                id=f"ressources-{slug}",
                title=f"Ressources — {epci.short_name}",
                columns=["Valeur"],
                rows=[
                    Row(
                        "Ressources moyennes des ménages (€/mois)",
                        [Decimal(mean).quantize(Decimal("0.01")) if mean is not None else None],
                        format=Format.DECIMAL,
                    )
                ],
            )
        )
        names = {k: v for (e, k), v in communes.items() if e == epci.pk}
        tables.append(
            _counts_table(
                f"origine-geographique-{slug}",
                f"Origine géographique — {epci.short_name}",
                names,
                [
                    (n, n or "Non renseignée")
                    for n in sorted(names, key=lambda n: (n is None, n or ""))
                ],
                column="Ménages",
            )
        )
        tables.append(
            _counts_table(
                f"motifs-demande-{slug}",
                f"Motifs de la demande — {epci.short_name}",
                {k: v for (e, k), v in reasons.items() if e == epci.pk},
                SupportMeasure.Reason.choices,
                column="Ménages",
            )
        )
        d = difficulties.get(epci.pk, {})
        tables.append(
            _counts_table(
                f"difficultes-annexes-{slug}",
                f"Difficultés annexes — {epci.short_name}",
                {code: d.get(f"d_{code}", 0) for code in SupportMeasure.Reason.values},
                SupportMeasure.Reason.choices,
                column="Mesures",
            )
        )
        a = aids.get(epci.pk, {})
        tables.append(
            _counts_table(
                f"dossiers-aides-{slug}",
                f"Dossiers constitués et aides mobilisées — {epci.short_name}",
                {code: a.get(f"a_{code}", 0) for code in SupportMeasure.ApplicationOrAid.values},
                SupportMeasure.ApplicationOrAid.choices,
                column="Mesures",
            )
        )
        s = stops.get(epci.pk, {"n": 0, "mean": None, "set": 0, "reached": 0})
        arrets = _counts_table(
            f"arrets-{slug}",
            f"Arrêts de mesures — {epci.short_name}",
            {k: v for (e, k), v in stop_reasons.items() if e == epci.pk},
            SupportMeasure.EndReason.choices,
            column="Mesures",
        )
        reached = share(s["reached"] or 0, s["set"] or 0)
        arrets.notes.append(
            f"Durée moyenne : {months_and_days(mean_days(s['mean']))} ; "
            f"objectifs atteints : {numbers.number(reached)} %."
        )
        tables.append(arrets)
        v = visits.get(epci.pk, {"n": 0, "measures": 0})
        tables.append(
            Table(
                id=f"visites-domicile-{slug}",
                title=f"Visites à domicile — {epci.short_name}",
                columns=["Nombre"],
                rows=[
                    Row("Visites à domicile", [v["n"]]),
                    Row("Mesures concernées", [v["measures"]]),
                ],
            )
        )
    return tables


def social_support_count(*, period: Period) -> int:
    """Persons in social accompaniment by habitat in the period: a support measure (FSL, ASL)
    active, or a CLLAJ follow-up (not AIO only) dated in the period — each person once."""
    measures = SupportMeasure.objects.active_during(period.start, period.end).values("person_id")
    follow_ups = CllajFile.objects.filter(
        kind=CllajFile.Kind.FOLLOW_UP, date__gte=period.start, date__lte=period.end
    ).values("person_id")
    return Person.objects.filter(Q(pk__in=measures) | Q(pk__in=follow_ups)).count()


def housed_count(*, period: Period) -> int:
    """Persons housed in the period (a stay in any unit active in the period)."""
    stays = Stay.objects.filter(entry__lte=period.end).exclude(exit__lt=period.start)
    return Person.objects.filter(pk__in=stays.values("person_id")).count()
