"""The association's yearly report (rapport de l'association 2023): key figures with the previous
year, then each service under its own heading — prévention, accompagnement scolaire, habitat
(one heading per dispositif) — with its perspectives. It calls only the indicators it prints."""

from __future__ import annotations

from decimal import Decimal

from habitat.indicators import alt, cllaj, housing, measures
from habitat.indicators import summary as habitat_summary
from habitat.indicators.common import DISPOSITIF_NAMES
from prevention.indicators import focus as prevention_focus
from prevention.indicators import sps as sps_indicators
from prevention.indicators.common import Scope
from prevention.models import ContactMode
from reporting.documents.base import ReportDefinition, Section, validated_table
from reporting.documents.habitat import year_poverty_line
from reporting.documents.scolaire import programme_tables
from reporting.models import ReportInput
from reportkit import charts, numbers
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table, share
from rl_portal import indicators as shared_indicators
from scolaire import indicators as scolaire_indicators

SLUG = "association-annuelle"


def association_figures(period: Period) -> dict:
    """The association's key figures for a period, each from its service's indicator:
    conventions (of them funding employment), ETP, persons accompanied by the SPS and the EMPS
    (PAEI), persons in social accompaniment and housed by habitat. Eight queries."""
    return {
        **shared_indicators.association_resources(start=period.start, end=period.end),
        "sps": sps_indicators.accompanied_count(scope=Scope(("sps",)), period=period),
        "emps": sps_indicators.accompanied_count(scope=Scope(("emps",)), period=period),
        "habitat": habitat_summary.social_support_count(period=period),
        "housed": habitat_summary.housed_count(period=period),
    }


# (label, key, format, level) of the key figures, in the reference's order.
KEY_FIGURES = [
    ("Conventions et appels à projets", "conventions", Format.INTEGER, 0),
    ("dont liés à l'emploi", "employment", Format.INTEGER, 1),
    ("Jeunes accompagnés par la prévention spécialisée (PAEI, SPS)", "sps", Format.INTEGER, 0),
    ("Jeunes accompagnés par l'EMPS (PAEI)", "emps", Format.INTEGER, 0),
    ("Personnes accompagnées par l'habitat (mesures, suivis CLLAJ)", "habitat", Format.INTEGER, 0),
    ("Personnes hébergées", "housed", Format.INTEGER, 0),
    ("Emploi (ETP en fin de période)", "etp", Format.DECIMAL, 0),
]
PERSONS = ("sps", "emps", "habitat", "housed")


def association_key_figures(period: Period, *, now: dict | None = None) -> Table:
    """L'association en chiffres: each figure from the services' indicators, with the previous
    year and the change. Rapport de l'association 2023, « I – L'association en chiffres ».
    Sixteen queries (eight with `now` given)."""
    previous = period.previous()
    now = now if now is not None else association_figures(period)
    before = association_figures(previous)
    table = Table(
        id="association-chiffres",
        title="L'association en chiffres",
        columns=[period.label, previous.label, "Évolution"],
        rows=[
            Row(
                label,
                [now[key], before[key], Decimal(now[key]) - Decimal(before[key])],
                format=fmt,
                level=level,
                in_total=False,
            )
            for label, key, fmt, level in KEY_FIGURES
        ],
    )
    if before["etp"]:
        change = share(Decimal(now["etp"]) - Decimal(before["etp"]), before["etp"])
        table.notes.append(f"Évolution de l'emploi : {numbers.number(change)} %.")
    return table


def _habitat_sections(period: Period) -> list[Section]:
    """One heading per dispositif, with the tables the association's report gives of it."""
    tremplins = "tremplins-duo"
    # The ASL is reported on its convention year ending in the report's calendar year
    # (« convention octobre 2022 – septembre 2023 »).
    asl_period = (
        Period.convention_year(period.start.year - 1) if period.is_calendar_year else period
    )
    poverty_line = year_poverty_line("habitat-cllaj", period)
    places = measures.territories()
    return [
        Section(
            "habitat",
            "3. Habitat",
            commentary="perspectives-habitat",
            commentary_label="Perspectives de l'habitat",
        ),
        Section(
            "habitat-cllaj",
            "CLLAJ",
            level=2,
            tables=[
                cllaj.attendance_history(period=period),
                cllaj.main_problem(period=period),
                cllaj.resource_means(period=period, poverty_line=poverty_line),
                cllaj.public_by_sex_and_age(period=period, zoom="ase"),
            ],
        ),
        Section(
            "habitat-tremplins",
            DISPOSITIF_NAMES[tremplins],
            level=2,
            tables=[
                housing.request_counts(dispositif=tremplins, period=period, title="Préadmissions"),
                housing.hosted(dispositif=tremplins, period=period),
                housing.exits(dispositif=tremplins, period=period),
                housing.exit_resources(dispositif=tremplins, period=period),
                housing.occupancy(dispositif=tremplins, period=period),
            ],
        ),
        Section("habitat-alt", "ALT", level=2, tables=[alt.combined_totals(period=period)]),
        Section(
            "habitat-fsl",
            DISPOSITIF_NAMES["fsl-asll"],
            level=2,
            tables=[
                measures.measures_by_territory(
                    dispositif="fsl-asll", period=period, territories=places
                ),
                measures.conventions(dispositif="fsl-asll", period=period),
            ],
        ),
        Section(
            "habitat-asl",
            f"{DISPOSITIF_NAMES['asl-jeunes-ase']} — {asl_period.label}",
            level=2,
            tables=[
                measures.measures_by_territory(
                    dispositif="asl-jeunes-ase",
                    period=asl_period,
                    territories=places,
                ),
                measures.conventions(dispositif="asl-jeunes-ase", period=asl_period),
                measures.public_by_sex(dispositif="asl-jeunes-ase", period=asl_period),
            ],
        ),
    ]


def build_association(period: Period, options: dict) -> list[Section]:
    sps = Scope(("sps",))
    # The SPS tables as the SPS report prints them: the previous year's column read from its
    # validated report, the networks with the direction's modalities (one query each).
    sps_previous = validated_table("sps-departement", period.previous(), "activite-heures")
    sps_networks = ReportInput.objects.latest_for(
        report="sps-departement", period_start=period.start, period_end=period.end
    ).get("reseaux")
    return [
        Section(
            "chiffres", "I. L'association en chiffres", tables=[association_key_figures(period)]
        ),
        Section(
            "activite",
            "II. Activité de l'association",
            commentary="faits-marquants",
            commentary_label="",
        ),
        Section(
            "perspectives",
            "III. Perspectives associatives",
            commentary="perspectives",
            commentary_label="",
        ),
        Section(
            "prevention",
            "1. Prévention spécialisée",
            tables=[
                sps_indicators.hours_by_activity(
                    scope=sps, period=period, validated_previous=sps_previous
                ),
                sps_indicators.youths_met(
                    scope=sps, period=period, mode=ContactMode.TRAVAIL_DE_RUE
                ),
                sps_indicators.youths_met(
                    scope=sps, period=period, mode=ContactMode.PRESENCE_SOCIALE
                ),
                sps_indicators.accompanied_by_sex_age(scope=sps, period=period),
                sps_indicators.closing_reasons(scope=sps, period=period),
                prevention_focus.commune_focus(scope=sps, period=period),
                sps_indicators.partner_fields(),
                sps_indicators.networks(
                    scope=sps,
                    period=period,
                    details=sps_networks.data if sps_networks is not None else {},
                ),
                prevention_focus.specific_action_support(scope=sps, period=period),
            ],
            chart_specs=[(charts.hours_by_activity, "activite-heures")],
            commentary="perspectives-prevention",
            commentary_label="Perspectives de la prévention spécialisée",
        ),
        Section(
            "scolaire",
            "2. Accompagnement scolaire",
            tables=[
                *programme_tables(period),
                scolaire_indicators.children_by_funder(period=period),
            ],
            commentary="perspectives-scolaire",
            commentary_label="Perspectives de l'accompagnement scolaire",
        ),
        *_habitat_sections(period),
    ]


DEFINITIONS = [
    ReportDefinition(
        slug=SLUG,
        title="Rapport d'activités de l'association",
        description="L'association en chiffres, faits marquants et perspectives, puis chaque "
        "service avec ses perspectives : prévention (focus par commune, soutiens), "
        "accompagnement scolaire (programmes, financeurs), habitat (CLLAJ, Tremplins Duo, ALT, "
        "FSL ASLL, ASL Jeunes ASE).",
        template="Rapport d'activités R&L — modèle 2023",
        # The whole association: the direction and the secrétariat, not one service's chef.
        services=(),
        builder=build_association,
        commentary_sections={
            "faits-marquants": "Activité de l'association",
            "perspectives": "Perspectives associatives",
            "perspectives-prevention": "Perspectives de la prévention spécialisée",
            "perspectives-scolaire": "Perspectives de l'accompagnement scolaire",
            "perspectives-habitat": "Perspectives de l'habitat",
        },
    ),
]
