"""The CLLAJ's activity tables: meeting places, funding, attendance over four years, interviews,
files built, orientations, access to housing, workshops and events, Action Logement."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import ExtractYear

from habitat.indicators.cllaj.base import (
    DISPOSITIF,
    DISPOSITIFS,
    _by,
    _latest,
)
from habitat.indicators.common import (
    counts_table,
)
from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    HousingEvent,
)
from reportkit.periods import Period
from reportkit.tables import Kind, Row, Table
from rl_portal import indicators as shared_indicators

# ---------------------------------------------------------------------------------------------
# Presentation
# ---------------------------------------------------------------------------------------------


def meeting_places(*, period: Period) -> Table:
    """The interviews of the period by meeting place: in person at each place (with its
    address), remote, place not given. Unit: interviews (records). Bilan habitat 2022, CLLAJ
    « Lieux de rendez-vous possibles » (« Nbre de RDV »). One query."""
    places: dict[tuple[str, str], int] = defaultdict(int)
    for item in (
        CllajInterview.objects.filter(date__gte=period.start, date__lte=period.end)
        .values("mode", "place__name", "place__address", "place__commune__name")
        .annotate(n=Count("pk"))
    ):
        if item["mode"] == CllajInterview.Mode.REMOTE:
            key = ("À distance", "")
        elif item["place__name"]:
            address = ", ".join(
                a for a in (item["place__address"], item["place__commune__name"]) if a
            )
            key = (item["place__name"], address)
        else:
            key = ("Lieu non précisé", "")
        places[key] += item["n"]
    order = sorted(
        places,
        key=lambda k: (
            k[0] in ("À distance", "Lieu non précisé"),
            k[0] == "Lieu non précisé",
            k[0],
        ),
    )
    return Table(
        id="cllaj-lieux-rendez-vous",
        title="Lieux de rendez-vous",
        columns=["Adresse", "Entretiens"],
        rows=[Row(name, [address, places[(name, address)]]) for name, address in order],
        total_row=Row("Total", ["", sum(places.values())]),
        kinds=[Kind.TEXT, Kind.COUNT],
        population="cllaj-entretiens",
        dispositif=DISPOSITIF,
    )


def funding(*, period: Period) -> Table:
    """The conventions of the CLLAJ and the CLLAJ ASE active in the period, with their funder
    and amount. Unit: €. Bilan habitat 2022, CLLAJ « Les partenaires financiers —
    Financements 2022 ». One query."""
    return shared_indicators.conventions_funding(
        period_start=period.start,
        period_end=period.end,
        dispositifs=DISPOSITIFS,
        table_id="cllaj-financements",
        title=f"Financements {period.label}",
        dispositif=DISPOSITIF,
    )


def planned_funding(*, period: Period) -> Table:
    """The conventions of the CLLAJ and the CLLAJ ASE already signed for the following year.
    Unit: €. Bilan habitat 2022, CLLAJ « Financements prévisionnels 2023 ». One query."""
    following = Period(
        period.end + datetime.timedelta(days=1), period.end.replace(year=period.end.year + 1)
    )
    return shared_indicators.conventions_funding(
        period_start=following.start,
        period_end=following.end,
        dispositifs=DISPOSITIFS,
        table_id="cllaj-financements-previsionnels",
        title=f"Financements prévisionnels {following.label}",
        dispositif=DISPOSITIF,
    )


def attendance_history(*, period: Period) -> Table:
    """The period's calendar year and the three before: youths who came to the CLLAJ (persons,
    split into « suivi dossier » — a follow-up file that year — and « AIO seule »), individual
    interviews (records), youths in a housing workshop and workshops, youths reached « aller
    vers » (forum, SLJ, aller vers), youths living in a QPV. A year before the CLLAJ's first
    file prints « — ». Units: persons, interviews, workshops. Bilan habitat 2022, CLLAJ
    « Évolution de la fréquentation ». Four queries."""
    first_year = period.end.year - 3
    years = range(first_year, period.end.year + 1)
    in_years = {"date__year__gte": first_year, "date__year__lte": period.end.year}
    first_file = CllajFile.objects.aggregate(first=Min("date"))["first"]
    youths = {
        item["year"]: item
        for item in CllajFile.objects.filter(**in_years)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(
            youths=Count("person", distinct=True),
            followed=Count("person", distinct=True, filter=Q(kind=CllajFile.Kind.FOLLOW_UP)),
            qpv=Count("person", distinct=True, filter=Q(is_qpv=True)),
        )
    }
    interviews = dict(
        CllajInterview.objects.filter(**in_years)
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    events: dict[int, dict] = defaultdict(lambda: {"workshops": 0, "participants": 0, "reached": 0})
    for item in (
        HousingEvent.objects.filter(**in_years)
        .exclude(kind=HousingEvent.Kind.TREMPLINS_ACTIVITY)
        .annotate(year=ExtractYear("date"))
        .values("year", "kind")
        .annotate(
            n=Count("pk", distinct=True), people=Sum("headcount"), named=Count("participants")
        )
    ):
        people = (item["people"] or 0) + item["named"]
        if item["kind"] == HousingEvent.Kind.WORKSHOP:
            events[item["year"]]["workshops"] += item["n"]
            events[item["year"]]["participants"] += people
        else:
            events[item["year"]]["reached"] += people
    rows = []
    for year in years:
        y = youths.get(year, {"youths": 0, "followed": 0, "qpv": 0})
        cells = [
            y["youths"],
            y["followed"],
            y["youths"] - y["followed"],
            interviews.get(year, 0),
            events[year]["participants"],
            events[year]["workshops"],
            events[year]["reached"],
            y["qpv"],
        ]
        if first_file is None or year < first_file.year:
            cells = [None] * len(cells)
        rows.append(Row(str(year), cells))
    return Table(
        id="cllaj-evolution-frequentation",
        short_title="Fréquentation",
        title="Évolution de la fréquentation",
        columns=[
            "Jeunes ayant sollicité le CLLAJ",
            "dont suivis dossier",
            "dont AIO seule (sans dossier)",
            "Entretiens individuels",
            "Jeunes en atelier logement",
            "Ateliers",
            "Jeunes touchés « aller vers »",
            "Jeunes originaires des QPV",
        ],
        rows=rows,
        notes=[
            "Années civiles ; la dernière ligne est l'année du rapport. Jeunes : personnes "
            "différentes (suivi dossier si l'un de leurs dossiers de l'année est un suivi, AIO "
            "seule sinon) ; entretiens et ateliers : nombre d'enregistrements. « — » : année "
            "antérieure au premier dossier du CLLAJ."
        ],
        kinds=[Kind.COUNT] * 8,
        sums=[
            (
                "Jeunes ayant sollicité le CLLAJ",
                ["dont suivis dossier", "dont AIO seule (sans dossier)"],
            )
        ],
        dispositif=DISPOSITIF,
    )


# ---------------------------------------------------------------------------------------------
# Accueil, information, orientation
# ---------------------------------------------------------------------------------------------


def interviews(*, period: Period) -> Table:
    """The individual interviews of the period, in person and remote (records), and the
    situations (files) they concern; a file met both ways counts in each row and once in the
    Total. Units: interviews, files. Bilan habitat 2022, CLLAJ « Accueil, information,
    orientation — 260 entretiens physiques pour 171 situations (47 accompagnements n'ont eu lieu
    qu'à distance) ». One query."""
    f = CllajInterview.objects.filter(date__gte=period.start, date__lte=period.end).aggregate(
        in_person=Count("pk", filter=Q(mode=CllajInterview.Mode.IN_PERSON)),
        remote=Count("pk", filter=Q(mode=CllajInterview.Mode.REMOTE)),
        files=Count("cllaj_file", distinct=True),
        files_in_person=Count(
            "cllaj_file", distinct=True, filter=Q(mode=CllajInterview.Mode.IN_PERSON)
        ),
        files_remote=Count("cllaj_file", distinct=True, filter=Q(mode=CllajInterview.Mode.REMOTE)),
    )
    remote_only = f["files"] - f["files_in_person"]
    return Table(
        id="cllaj-entretiens",
        title="Accueil, information, orientation : entretiens",
        columns=["Entretiens", "Situations (dossiers)"],
        rows=[
            Row("En présentiel", [f["in_person"], f["files_in_person"]]),
            Row("À distance", [f["remote"], f["files_remote"]]),
        ],
        total_row=Row("Total", [f["in_person"] + f["remote"], f["files"]]),
        notes=[
            f"Situations suivies uniquement à distance : {remote_only}. Une situation reçue "
            "en présentiel et à distance compte dans les deux lignes, une fois dans le Total."
        ],
        kinds=[Kind.COUNT, Kind.DISTINCT],
        population="cllaj-entretiens",
        dispositif=DISPOSITIF,
    )


def applications(*, period: Period) -> Table:
    """The files built with the youths in the period (demande de logement social, FSL, DALO,
    Action Logement products…). Unit: files built (records). Bilan habitat 2022, CLLAJ
    « Dossiers constitués ». One query."""
    return counts_table(
        table_id="cllaj-dossiers-constitues",
        title="Dossiers constitués",
        counts=dict(
            CllajApplication.objects.filter(date__gte=period.start, date__lte=period.end)
            .values("kind")
            .annotate(n=Count("pk"))
            .values_list("kind", "n")
        ),
        choices=CllajApplication.Kind.choices,
        dispositif=DISPOSITIF,
        column="Dossiers",
    )


def orientations(*, period: Period) -> Table:
    """The orientations recommended in the period, by target (ALT, hébergement jeunes ASE,
    Tremplins Duo, SIAO…). Unit: orientations (records). Bilan habitat 2022, CLLAJ
    « Orientations préconisées ». One query."""
    return counts_table(
        table_id="cllaj-orientations",
        title="Orientations préconisées",
        counts=dict(
            CllajOrientation.objects.filter(date__gte=period.start, date__lte=period.end)
            .values("target")
            .annotate(n=Count("pk"))
            .values_list("target", "n")
        ),
        choices=CllajOrientation.Target.choices,
        dispositif=DISPOSITIF,
        column="Orientations",
    )


def housing_access(*, period: Period) -> Table:
    """The youths of the period by access to housing (their latest file): transitional,
    public or private landlord, situation maintained; an outcome not known is its own row.
    Unit: persons. Bilan habitat 2022, CLLAJ « Accès au logement ». One query."""
    return counts_table(
        table_id="cllaj-acces-logement",
        title="Accès au logement",
        counts=_by("outcome", period, None),
        choices=CllajFile.Outcome.choices,
        dispositif=DISPOSITIF,
        column="Jeunes",
        unknown_label="Issue non connue",
        population="cllaj-public",
    )


def workshops_and_events(*, period: Period) -> Table:
    """The CLLAJ's housing workshops, forums, Semaine du logement des jeunes and « aller vers »
    of the period: their number, the youths reached (anonymous head-counts and named
    participants) and of them those living in a QPV. Units: events, persons. Bilan habitat 2022,
    CLLAJ « Les ateliers » and « Événements ». One query."""
    figures = {
        item["kind"]: item
        for item in HousingEvent.objects.filter(date__gte=period.start, date__lte=period.end)
        .exclude(kind=HousingEvent.Kind.TREMPLINS_ACTIVITY)
        .values("kind")
        .annotate(
            n=Count("pk", distinct=True),
            people=Sum("headcount"),
            named=Count("participants"),
            qpv=Sum("qpv_headcount"),
        )
    }
    rows = []
    for code, label in HousingEvent.Kind.choices:
        if code == HousingEvent.Kind.TREMPLINS_ACTIVITY:
            continue
        item = figures.get(code, {})
        # The QPV head-count is counted on an event's rows once, not once per named participant.
        rows.append(
            Row(
                label,
                [
                    item.get("n", 0),
                    (item.get("people") or 0) + item.get("named", 0),
                ],
            )
        )
    return Table(
        id="cllaj-ateliers-evenements",
        title="Ateliers et événements",
        columns=["Nombre", "Jeunes touchés"],
        rows=rows,
        total_row=Row("Total", [sum(r.cells[0] for r in rows), sum(r.cells[1] for r in rows)]),
        notes=[
            "Jeunes touchés : effectifs anonymes et participants nommés, par atelier ou "
            "événement (un jeune venu à deux ateliers compte deux fois)."
        ],
        kinds=[Kind.COUNT, Kind.COUNT],
        dispositif=DISPOSITIF,
    )


def action_logement(*, period: Period) -> Table:
    """The youths of the period eligible to Action Logement (employees of the private
    sector): those received (AIO), of them those with a follow-up, the Action Logement files
    built for them (Visale, Loca-Pass, Mobili-Jeune), and those who accessed housing. Units:
    persons, files built. Bilan habitat 2022, CLLAJ « Zoom activité Action Logement — 75 AIO et
    3 accès logement ». Two queries."""
    eligible = _latest(period).filter(action_logement=True)
    f = eligible.aggregate(
        youths=Count("person", distinct=True),
        followed=Count("person", distinct=True, filter=Q(kind=CllajFile.Kind.FOLLOW_UP)),
        housed=Count(
            "person",
            distinct=True,
            filter=~Q(outcome="") & ~Q(outcome=CllajFile.Outcome.MAINTAINED),
        ),
    )
    products = (
        CllajApplication.Kind.VISALE,
        CllajApplication.Kind.LOCA_PASS,
        CllajApplication.Kind.MOBILI_JEUNE,
    )
    built = CllajApplication.objects.filter(
        date__gte=period.start,
        date__lte=period.end,
        kind__in=products,
        cllaj_file__person__in=eligible.values("person_id"),
    ).count()
    return Table(
        id="cllaj-action-logement",
        title="Zoom Action Logement : jeunes salariés du secteur privé",
        columns=["Nombre"],
        rows=[
            Row("Jeunes éligibles reçus (accueil, information, orientation)", [f["youths"]]),
            Row("dont suivis dossier", [f["followed"]], level=1),
            Row("dont accès au logement", [f["housed"]], level=1),
            Row("Dossiers Action Logement constitués (Visale, Loca-Pass, Mobili-Jeune)", [built]),
        ],
        notes=[
            "Éligibles : jeunes de 16 à 30 ans salariés du secteur privé non agricole, tels "
            "que leur dernier dossier de la période l'indique."
        ],
        dispositif=DISPOSITIF,
    )
