"""What the direction keeps for the SPS report beside the records (per year, versioned, frozen
by validation), and the tables printed from it: the identity sheet (II), the reception of the
public (IV.2), the socio-economic data of the territory (III.2) and the networks' modalities
(VI.1)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.text import slugify

from prevention.indicators.common import Scope
from prevention.indicators.partnership import NETWORKS
from prevention.indicators.territory import intervention_communes
from reporting.documents.base import InputField, InputSpec
from reporting.models import ReportValidation
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table
from rl_portal import indicators as shared_indicators

SPS = Scope(("sps",))

IDENTITY = InputSpec(
    key="fiche-identite",
    title="II. Fiche d'identité",
    fields=(
        InputField("director", "Nom du directeur"),
        InputField("director_phone", "Téléphone du directeur"),
        InputField("director_email", "Courriel du directeur", "email"),
        InputField("service_address", "Adresse du SPS"),
        InputField("service_phone", "Téléphone du SPS"),
        InputField("service_email", "Courriel du SPS", "email"),
        InputField("president", "Nom du président de l'association"),
    ),
    help="La date de validation imprimée est celle du conseil d'administration, saisie à la "
    "validation du rapport.",
)
RECEPTION = InputSpec(
    key="accueil",
    title="IV.2 Modalités d'accueil du public",
    fields=(
        InputField("opening_hours", "Accueil du public (horaires d'ouverture)"),
        InputField("duty_hours", "Permanences des éducateurs spécialisés"),
    ),
)
NETWORK_DETAILS = InputSpec(
    key="reseaux",
    title="VI.1 Réseaux : modalités et formalisation",
    fields=tuple(
        field
        for code, (name, purpose) in NETWORKS.items()
        for field in (
            InputField(f"modalites_{code}", f"{name} — {purpose} : modalités du travail en réseau"),
            InputField(f"formalisation_{code}", f"{name} — {purpose} : formalisation"),
        )
    ),
)

# The template's socio-economic rows: (theme, key, label, percent?).
SOCIO_ECONOMIC = [
    ("Démographie", "population", "Population globale", False),
    ("Démographie", "moins_25", "Part des moins de 25 ans (%)", True),
    ("Éducation", "second_degre", "Nombre d'élèves scolarisés en second degré", False),
    ("Éducation", "retard_3e", "Taux de retard scolaire en 3e (%)", True),
    ("Éducation", "neet", "Part des 16-25 ans non scolarisés, sans emploi (%)", True),
    ("Insertion professionnelle", "chomage", "Taux de chômage (15-64 ans) (%)", True),
    ("Insertion professionnelle", "sous_cap", "Taux de formation inférieure au CAP-BEP (%)", True),
    ("Revenus", "imposes", "Taux de ménages imposés (%)", True),
    ("Logement", "logements_sociaux", "Part de logements sociaux (%)", True),
]


def _territories(period: Period) -> list[tuple[str, str, int | None]]:
    """(key, label, commune id) of the grid's columns: the EPCI, the QPV, each commune."""
    return [("epci", "EPCI", None), ("qpv", "QPV", None)] + [
        (slugify(name), name.upper(), pk)
        for pk, name in intervention_communes(scope=SPS, period=period)
    ]


def _socio_economic_fields(period: Period) -> list[InputField]:
    fields = []
    for _theme, key, label, _percent in SOCIO_ECONOMIC:
        for territory, territory_label, _commune_id in _territories(period):
            if key == "population" and territory != "qpv":
                continue  # the communes' and the EPCI's come from the COG
            fields.append(
                InputField(f"{key}__{territory}", f"{label} — {territory_label}", "decimal")
            )
        fields.append(InputField(f"{key}__source", f"{label} — source"))
        fields.append(InputField(f"{key}__annee", f"{label} — année des données"))
    return fields


SOCIO_ECONOMIC_SPEC = InputSpec(
    key="donnees-socio-economiques",
    title="III.2 Données socio-économiques des territoires d'intervention",
    fields=_socio_economic_fields,
    help="Chiffres de l'INSEE, du SIG Ville… saisis avec leur source et leur année. La "
    "population des communes et de l'EPCI vient du Code officiel géographique ; celle du QPV se "
    "saisit ici.",
)

INPUTS = {spec.key: spec for spec in (IDENTITY, RECEPTION, SOCIO_ECONOMIC_SPEC, NETWORK_DETAILS)}


def _data(inputs: dict, key: str) -> dict:
    entry = inputs.get(key)
    return dict(entry.data) if entry is not None else {}


def identity_table(*, inputs: dict, profile, period: Period) -> Table:
    """II Fiche d'identité: the direction's data for the year (or, where it says nothing, the
    association's identity sheet), and the date of the board meeting that validated the
    report (« non encore validé » before). One query."""
    association = profile.name
    data = {
        "director": profile.director,
        "director_phone": profile.phone,
        "director_email": profile.email,
        "service_address": profile.service_address,
    }
    data.update({k: v for k, v in _data(inputs, IDENTITY.key).items() if v})
    validation = ReportValidation.objects.filter(
        report="sps-departement", period_start=period.start, period_end=period.end, scope=""
    ).first()

    def value(name):
        return data.get(name) or "non renseigné"

    rows = [
        Row("Interlocuteur — nom du directeur", [value("director")]),
        Row("Téléphone", [value("director_phone")]),
        Row("Mail", [value("director_email")]),
        Row("Coordonnées du SPS — adresse", [value("service_address")]),
        Row("Téléphone du SPS", [value("service_phone")]),
        Row("Mail du SPS", [value("service_email")]),
        Row("Association", [association]),
        Row("Nom du président de l'association", [value("president")]),
        Row(
            "Rapport validé par le conseil d'administration avant transmission — date de "
            "validation",
            [
                f"{validation.validated_on:%d/%m/%Y}"
                if validation is not None
                else "non encore validé"
            ],
        ),
    ]
    for row in rows:
        row.format = Format.TEXT
    return Table(id="fiche-identite", title="Fiche d'identité", columns=[""], rows=rows)


def reception_table(*, inputs: dict) -> Table:
    """IV.2 Modalités d'accueil du public: opening hours and the educators' duty hours."""
    data = _data(inputs, RECEPTION.key)
    return Table(
        id="modalites-accueil",
        title="Modalités d'accueil du public",
        columns=[""],
        rows=[
            Row(
                "Accueil du public (horaires d'ouverture)",
                [data.get("opening_hours") or "non renseigné"],
                format=Format.TEXT,
            ),
            Row(
                "Permanences des éducateurs spécialisés",
                [data.get("duty_hours") or "non renseigné"],
                format=Format.TEXT,
            ),
        ],
    )


def _number(value):
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except InvalidOperation:
        return None


def socio_economic_table(*, inputs: dict, period: Period) -> Table:
    """III.2 Données socio-économiques: the template's rows for the EPCI, the QPV and each
    commune of intervention — the populations from the COG (INSEE legal population), the other
    figures as the direction entered them with their source and year; « — » where none was
    entered (non communiqué). Two queries."""
    data = _data(inputs, SOCIO_ECONOMIC_SPEC.key)
    territories = _territories(period)
    populations = shared_indicators.populations(
        commune_ids=[pk for _k, _l, pk in territories if pk is not None]
    )
    epcis = sorted(populations["epci"])
    rows = []
    theme = None
    for row_theme, key, label, _percent in SOCIO_ECONOMIC:
        if row_theme != theme:
            theme = row_theme
            rows.append(Row(theme.upper(), ["" for _ in territories] + [""], format="text"))
        cells = []
        for territory, _label, commune_id in territories:
            if key == "population" and commune_id is not None:
                cells.append(populations["communes"].get(commune_id))
            elif key == "population" and territory == "epci":
                cells.append(sum(populations["epci"][e] or 0 for e in epcis) if epcis else None)
            else:
                cells.append(_number(data.get(f"{key}__{territory}")))
        if key == "population":
            source = "INSEE, population légale (COG)"
            year = data.get("population__annee", "")
        else:
            source, year = data.get(f"{key}__source", ""), data.get(f"{key}__annee", "")
        cells.append(f"{source} ({year})" if source and year else source or year or "")
        rows.append(Row(label, cells, format=Format.DECIMAL, level=1))
    epci_label = "EPCI (" + ", ".join(epcis) + ")" if epcis else "EPCI"
    return Table(
        id="donnees-socio-economiques",
        title="Données socio-économiques des territoires d'intervention",
        columns=[epci_label, *[label for k, label, _pk in territories if k != "epci"], "Source"],
        rows=rows,
        notes=[
            "« — » : non communiqué. Population des communes et de l'EPCI : population légale "
            "de l'INSEE publiée avec le Code officiel géographique ; autres chiffres saisis par "
            "la direction avec leur source et leur année."
        ],
    )
