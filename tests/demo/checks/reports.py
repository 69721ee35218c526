"""The reports on the seeded demo: every report of every demo year and of a
convention year passes the generic invariants of its tables, and the association's report
prints the services' own figures."""

from __future__ import annotations

import datetime

from reporting.documents import DEFINITIONS, get_definition
from reportkit.invariants import document_faults
from reportkit.periods import Period


def periods(today: datetime.date) -> list[Period]:
    """The demo's three calendar years and the last complete convention year."""
    last_convention = today.year - 1 if today.month >= 10 else today.year - 2
    return [
        *(Period.year(year) for year in (today.year - 2, today.year - 1, today.year)),
        Period.convention_year(last_convention),
    ]


def check_invariants(today: datetime.date) -> None:
    faults = {}
    for slug, definition in DEFINITIONS.items():
        for period in periods(today):
            found = document_faults(definition.build(period).tables)
            if found:
                faults[(slug, period.label)] = found
    assert faults == {}


def _rows(tables: dict, table_id: str) -> list:
    return tables[table_id].as_dict()["rows"]


def check_association_composes_the_services(today: datetime.date) -> None:
    """The association's report prints the services' own tables (same indicators), the ASL on
    its convention year ending in the report's year."""
    period = Period.year(today.year - 1)
    association = {t.id: t for t in get_definition("association-annuelle").build(period).tables}
    pairs = {
        "sps-departement": [
            "activite-heures",
            "rencontres-travail-de-rue",
            "rencontres-presence-sociale",
            "accompagnes-sexe-age",
            "motifs-cloture",
            "reseaux",
        ],
        "scolaire-bilan": [
            f"enfants-programmes-{period.start.year - 1}",
            f"enfants-programmes-{period.start.year}",
            "enfants-financeurs",
        ],
        "habitat-cllaj": [
            "cllaj-evolution-frequentation",
            "cllaj-problematiques",
            "cllaj-ressources-moyennes",
            "cllaj-ase-public-sexe-age",
        ],
        "habitat-tremplins": [
            "tremplins-demandes",
            "tremplins-public-accueilli",
            "tremplins-sorties",
            "tremplins-ressources-sortie",
            "tremplins-taux-occupation",
        ],
        "habitat-alt": ["alt-ensemble"],
        "habitat-fsl": ["fsl-mesures", "fsl-conventions"],
    }
    for slug, ids in pairs.items():
        own = {t.id: t for t in get_definition(slug).build(period).tables}
        for table_id in ids:
            assert _rows(association, table_id) == _rows(own, table_id), table_id
    asl_year = Period.convention_year(period.start.year - 1)
    asl = {t.id: t for t in get_definition("habitat-asl").build(asl_year).tables}
    for table_id in ("asl-mesures", "asl-conventions", "asl-public-sexe"):
        assert _rows(association, table_id) == _rows(asl, table_id), table_id
    key = {row.label: row.cells for row in association["association-chiffres"].rows}
    accompanied = next(
        t
        for t in get_definition("sps-departement").build(period).tables
        if t.id == "accompagnes-sexe-age"
    )
    assert (
        key["Jeunes accompagnés par la prévention spécialisée (PAEI, SPS)"][0]
        == accompanied.total_row.cells[-2]
    )
