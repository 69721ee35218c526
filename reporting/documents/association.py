"""The association's yearly report: key figures with the previous year, then each service."""

from __future__ import annotations

from decimal import Decimal

from habitat.indicators import bilans as habitat_bilans
from prevention.indicators import sps as sps_indicators
from prevention.indicators.common import Scope
from prevention.models import ContactMode
from reporting.documents.base import ReportDefinition, Section
from reportkit import charts, numbers
from reportkit.periods import Period
from reportkit.tables import Format, Row, Table, share
from rl_portal import indicators as shared_indicators
from scolaire import indicators as scolaire_indicators


def _delta(now, before) -> Decimal:
    return Decimal(now) - Decimal(before)


def association_key_figures(period: Period) -> Table:
    """L'association en chiffres: each figure from the apps' indicators, with the previous
    year and the change."""
    previous = period.previous()

    def figures(p: Period) -> dict:
        resources = shared_indicators.association_resources(start=p.start, end=p.end)
        return {
            **resources,
            "sps": sps_indicators.accompanied_count(scope=Scope(("sps",)), period=p),
            "emps": sps_indicators.accompanied_count(scope=Scope(("emps",)), period=p),
            "habitat": habitat_bilans.social_support_count(period=p),
            "housed": habitat_bilans.housed_count(period=p),
        }

    now, before = figures(period), figures(previous)
    rows = [
        ("Conventions et appels à projets", "conventions", Format.INTEGER, 0),
        ("dont liés à l'emploi", "employment", Format.INTEGER, 1),
        ("Jeunes accompagnés par la prévention spécialisée (PAEI, SPS)", "sps", Format.INTEGER, 0),
        ("Jeunes accompagnés par l'EMPS (PAEI)", "emps", Format.INTEGER, 0),
        (
            "Personnes accompagnées par l'habitat (mesures, suivis CLLAJ)",
            "habitat",
            Format.INTEGER,
            0,
        ),
        ("Personnes hébergées", "housed", Format.INTEGER, 0),
        ("Emploi (ETP en fin de période)", "etp", Format.DECIMAL, 0),
    ]
    table = Table(
        id="association-chiffres",
        title="L'association en chiffres",
        columns=[period.label, previous.label, "Évolution"],
        rows=[
            Row(
                label,
                [now[key], before[key], _delta(now[key], before[key])],
                format=fmt,
                level=level,
            )
            for label, key, fmt, level in rows
        ],
    )
    etp_change = share(_delta(now["etp"], before["etp"]), before["etp"]) if before["etp"] else None
    if etp_change is not None:
        table.notes.append(f"Évolution de l'emploi : {numbers.number(etp_change)} %.")
    return table


def _pick(tables: list[Table], ids) -> list[Table]:
    by_id = {table.id: table for table in tables}
    return [by_id[table_id] for table_id in ids if table_id in by_id]


def build_association(period: Period, options: dict) -> list[Section]:
    sps = Scope(("sps",))
    hours = sps_indicators.hours_by_activity(scope=sps, period=period)
    alt_young = habitat_bilans.housing_bilan(
        dispositifs=["alt-jeunes"], period=period, suffix="jeunes"
    )
    alt_families = habitat_bilans.housing_bilan(
        dispositifs=["alt-familles"], period=period, suffix="familles"
    )
    tremplins = habitat_bilans.housing_bilan(
        dispositifs=["tremplins-duo"], period=period, tremplins=True
    )
    cllaj = habitat_bilans.cllaj_bilan(period=period)
    fsl = habitat_bilans.measures_bilan(dispositif="fsl-asll", period=period)
    asl = habitat_bilans.measures_bilan(dispositif="asl-jeunes-ase", period=period)
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
                hours,
                sps_indicators.youths_met(
                    scope=sps, period=period, mode=ContactMode.TRAVAIL_DE_RUE
                ),
                sps_indicators.youths_met(
                    scope=sps, period=period, mode=ContactMode.PRESENCE_SOCIALE
                ),
                sps_indicators.accompanied_by_sex_age(scope=sps, period=period),
                sps_indicators.closing_reasons(scope=sps, period=period),
                sps_indicators.partner_fields(),
                sps_indicators.networks(scope=sps, period=period),
            ],
            chart_specs=[(charts.hours_by_activity, "activite-heures")],
        ),
        Section(
            "scolaire",
            "2. Accompagnement scolaire",
            tables=[scolaire_indicators.children_by_programme(period=period)],
        ),
        Section(
            "habitat",
            "3. Habitat",
            tables=[
                *_pick(cllaj, ["evolution-frequentation", "zoom-ase"]),
                *_pick(tremplins, ["preadmissions", "nouveaux-accueillis", "sorties", "presences"]),
                *_pick(
                    alt_young,
                    [
                        "demandes-jeunes",
                        "public-accueilli-jeunes",
                        "sorties-jeunes",
                        "taux-occupation-jeunes",
                    ],
                ),
                *_pick(
                    alt_families,
                    [
                        "demandes-familles",
                        "public-accueilli-familles",
                        "sorties-familles",
                        "taux-occupation-familles",
                    ],
                ),
                *_pick(fsl, ["mesures-cahc", "mesures-call"]),
                *[
                    Table(
                        id=f"asl-{t.id}",
                        title=f"ASL Jeunes ASE — {t.title}",
                        columns=t.columns,
                        rows=t.rows,
                        total_row=t.total_row,
                        notes=t.notes,
                    )
                    for t in _pick(
                        asl,
                        [
                            "mesures-ensemble",
                            "mesures-cahc",
                            "public-cahc",
                            "mesures-call",
                            "public-call",
                        ],
                    )
                ],
            ],
        ),
    ]


DEFINITIONS = [
    ReportDefinition(
        slug="association-annuelle",
        title="Rapport d'activités de l'association",
        description="L'association en chiffres, faits marquants et perspectives, puis chaque "
        "service : prévention, accompagnement scolaire, habitat.",
        template="Rapport d'activités R&L — modèle 2023",
        # The whole association: the direction and the secrétariat, not one service's chef.
        services=(),
        builder=build_association,
        commentary_sections={
            "faits-marquants": "Activité de l'association",
            "perspectives": "Perspectives associatives",
        },
    ),
]
