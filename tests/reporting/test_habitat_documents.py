"""The habitat, scolaire and association documents: headings that name each dispositif (page,
PDF, workbook, JSON), exact query counts, workbooks that store percentages as percentages and
integers as integers, convention years, and validated reports that print as validated."""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reporting import renderers
from reporting.documents import DEFINITIONS, get_definition
from reporting.models import ReportValidation
from reportkit.invariants import document_faults
from reportkit.periods import Period
from rl_portal.roles import Role
from tests.habitat.factories import (
    CllajFileFactory,
    HousingRequestFactory,
    HousingUnitFactory,
    StayFactory,
    SupportMeasureFactory,
    dispositif,
)
from tests.rl_portal.factories import ConventionFactory, StaffPositionFactory, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
YEAR = Period.year(2025)

# The exact number of queries of each report, whatever the volume of records (and the same for
# a year without any). The association's report used to compute every bilan: 134 queries.
QUERIES = {
    "association-annuelle": 84,
    "habitat-cllaj": 49,
    "habitat-tremplins": 30,
    "habitat-alt": 65,
    "habitat-fsl": 27,
    "habitat-asl": 28,
    "scolaire-bilan": 14,
}


@pytest.fixture
def direction():
    return make_user(Role.DIRECTION, username="dir")


def some_housing(n: int = 1) -> None:
    for _ in range(n):
        StayFactory(
            unit=HousingUnitFactory(dispositif=dispositif("tremplins-duo")),
            entry=D(2025, 2, 1),
            exit=D(2025, 6, 1),
            exit_reason="parc_public",
        )
        StayFactory(unit=HousingUnitFactory(dispositif=dispositif("alt-familles")))
        StayFactory(entry=D(2024, 5, 1), exit=D(2025, 3, 31), exit_reason="sans_solution")
        HousingRequestFactory(date=D(2025, 3, 1))
        CllajFileFactory(dispositif=dispositif("cllaj-ase"))
        SupportMeasureFactory(dispositif=dispositif("asl-jeunes-ase"), kind="simple", weight=1)
        SupportMeasureFactory()


@pytest.mark.parametrize("slug", list(QUERIES))
def test_exact_queries_whatever_the_volume(slug):
    definition = get_definition(slug)
    for volume in (0, 1, 4):
        some_housing(volume)
        for period in (YEAR, Period.year(2021), Period.convention_year(2024)):
            with CaptureQueriesContext(connection) as queries:
                document = definition.build(period)
            assert len(queries.captured_queries) == QUERIES[slug], (volume, period)
            assert document_faults(document.tables) == []


def test_the_association_report_names_each_dispositif(direction):
    some_housing(2)
    document = get_definition("association-annuelle").build(YEAR)
    headings = [(s.level, s.title) for s in document.sections if s.key.startswith("habitat")]
    assert headings == [
        (1, "3. Habitat"),
        (2, "CLLAJ"),
        (2, "Tremplins Duo"),
        (2, "ALT"),
        (2, "FSL ASLL"),
        (2, "ASL Jeunes ASE — convention 2024-2025 (01/10/2024 – 30/09/2025)"),
    ]
    habitat = [t for s in document.sections if s.key.startswith("habitat-") for t in s.tables]
    assert all(t.dispositif for t in habitat)
    # Workbook: one sheet per table, named readably and uniquely within 31 characters.
    workbook = load_workbook(io.BytesIO(renderers.render_xlsx(document)))
    names = workbook.sheetnames[1:]
    assert len(names) == len(document.tables) == len(set(names))
    assert all(len(name) <= 31 for name in names)
    assert "Tremplins Duo · Sorties" in names  # was « sorties » three times
    assert "ALT ensemble" in names and "FSL ASLL · Conventions" in names
    sheet = workbook["Tremplins Duo · Sorties"]
    assert sheet["A1"].value == "Tremplins Duo — Sorties : motif et destination"
    # JSON: each table says its dispositif and section; the sections list their tables.
    api = APIClient()
    api.force_authenticate(direction)
    body = api.get("/api/v1/reports/association-annuelle/", {"year": 2025}).json()
    tables = {t["id"]: t for t in body["tables"]}
    assert tables["tremplins-sorties"]["dispositif"] == "Tremplins Duo"
    assert tables["tremplins-sorties"]["section"] == "habitat-tremplins"
    sections = {s["key"]: s for s in body["sections"]}
    assert sections["habitat-alt"] == {
        "key": "habitat-alt",
        "title": "ALT",
        "level": 2,
        "tables": ["alt-ensemble"],
    }
    # Page and PDF print the headings.
    html = renderers.render_html_body(document)
    for title in ("Tremplins Duo", "FSL ASLL", "ASL Jeunes ASE — convention 2024-2025"):
        assert f"<h3>{title}" in html
    assert renderers.render_pdf(document).startswith(b"%PDF")


def test_workbooks_store_percentages_as_percentages_and_integers_as_integers(direction):
    some_housing()
    document = get_definition("habitat-alt").build(YEAR)
    workbook = load_workbook(io.BytesIO(renderers.render_xlsx(document)))
    summary = {row[2]: row[0] for row in workbook["Sommaire"].iter_rows(values_only=True)}
    exits = workbook[
        next(name for title, name in summary.items() if title == "Sorties : motif et destination")
    ]
    # Row 3 is the first exit reason: a count and its share.
    assert exits["B3"].number_format == "#,##0" and isinstance(exits["B3"].value, int)
    assert exits["C3"].number_format == "0.00%" and 0 <= exits["C3"].value <= 1
    occupancy = workbook[summary["Taux d'occupation"]]
    assert occupancy["A5"].value == "Taux d'occupation"
    assert occupancy["B5"].number_format == "0.00%"
    # A count in a row of text (réorientations: a count beside partners' names) is a number.
    from prevention.indicators import sps
    from prevention.indicators.common import Scope

    table = sps.reorientations(scope=Scope(("sps",)), period=YEAR)
    assert renderers._xlsx_format(3, table.cell_format(table.rows[0], 0)) == "#,##0"
    assert renderers._xlsx_format(Decimal("2.5"), "decimal") == "#,##0.00"


def test_sheet_titles_are_readable_unique_and_short():
    from reportkit.tables import Table

    tables = [
        Table(id="a", title="Sorties", columns=[], dispositif="ALT Jeunes"),
        Table(id="b", title="Sorties", columns=[], dispositif="ALT Jeunes"),
        Table(id="c", title="Public accueilli par sexe et âge : zoom / QPV", columns=[]),
        Table(id="d", title="Sommaire", columns=[], dispositif="CLLAJ"),
    ]
    assert renderers.sheet_titles(tables) == [
        "ALT Jeunes · Sorties",
        "ALT Jeunes · Sorties (2)",
        "Public accueilli par sexe et…",
        "CLLAJ · Sommaire",
    ]


def test_the_organigramme_json_adds_up():
    from rl_portal import indicators

    StaffPositionFactory(etp=Decimal("0.5"))
    StaffPositionFactory(title="Chef de service", category="direction", etp=Decimal("1"))
    table = indicators.organigramme(
        period_start=YEAR.start, period_end=YEAR.end, services=["prevention"]
    ).as_dict()
    counted = [row["cells"][1] for row in table["rows"] if row["in_total"]]
    assert sum(counted) == table["total_row"]["cells"][1] == 1.5


def test_convention_years_are_offered_for_fsl_and_asl(client, direction):
    client.force_login(direction)
    page = client.get(reverse("reporting:list")).content.decode()
    assert "habitat-asl/?annee_convention=" in page and "habitat-fsl/?annee_convention=" in page
    assert "habitat-cllaj/?annee_convention=" not in page
    response = client.get(
        reverse("reporting:report", args=["habitat-asl"]), {"annee_convention": 2024}
    )
    assert response.context["document"].period == Period.convention_year(2024)
    html = response.content.decode()
    assert "convention 2024-2025 (01/10/2024 – 30/09/2025)" in html
    assert "annee_convention=2024" in html  # the PDF and XLSX links keep the period
    pdf = client.get(reverse("reporting:pdf", args=["habitat-asl"]), {"annee_convention": 2024})
    assert pdf.content.startswith(b"%PDF")
    bad = client.get(reverse("reporting:pdf", args=["habitat-asl"]), {"annee_convention": "x"})
    assert bad.status_code == 400 and "convention" in bad.content.decode()


def test_a_validated_report_prints_its_headings_and_figures(client, direction):
    some_housing()
    client.force_login(direction)
    response = client.post(
        reverse("reporting:validate", args=["habitat-alt"]) + "?year=2025",
        {"note": "Validé", "board_date": "2026-03-12"},
    )
    assert response.status_code == 302
    StayFactory(entry=D(2025, 7, 1))  # a 2025 stay entered after the validation
    document = get_definition("habitat-alt").build(YEAR)
    hosted = next(t for t in document.tables if t.id == "alt-jeunes-public-accueilli")
    assert hosted.rows[0].cells == [1]
    assert ("Public accueilli", "Jeunes accueillis sur la période", "Jeunes", 1, 2) in (
        document.differences
    )
    assert [s.title for s in document.sections][:3] == [
        "ALT Jeunes",
        "ALT Familles / jeunes couples",
        "ALT Jeunes et Familles / jeunes couples : ensemble",
    ]
    assert [c.id for c in document.sections[0].charts] == ["graphique-alt-jeunes-sorties"]


def test_snapshots_validated_before_2026_print_as_they_were(direction):
    """An old snapshot (tables only, rows formatted as decimals, no kinds) is given its
    structure by the migration and prints with its old headings, tables and rules."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reporting.migrations.0005_validation_snapshot_structure")
    old_table = {
        "id": "sorties-jeunes",
        "title": "Sorties — jeunes",
        "columns": ["Sorties", "%"],
        "rows": [
            {
                "label": "Logement parc public",
                "cells": [1, {"decimal": "33.33"}],
                "format": "decimal",
                "level": 0,
            },
            {
                "label": "Autonomie",
                "cells": [2, {"decimal": "66.67"}],
                "format": "decimal",
                "level": 0,
            },
        ],
        "total_row": {
            "label": "Total",
            "cells": [3, {"decimal": "100"}],
            "format": "decimal",
            "level": 0,
        },
        "notes": ["Durée moyenne d'occupation : 7 mois et 19 jours."],
    }
    ReportValidation.objects.create(
        report="habitat-alt",
        period_start=YEAR.start,
        period_end=YEAR.end,
        validated_by=direction,
        board_date=D(2026, 3, 12),
        snapshot={"sections": {"chiffres": [old_table], "familles": []}},
    )
    migration.add_structure(apps, None)
    document = get_definition("habitat-alt").build(YEAR)
    assert [(s.key, s.title) for s in document.sections] == [
        ("analyse", "Analyse globale"),
        ("chiffres", "ALT Jeunes"),
        ("familles", "ALT Familles et jeunes couples"),
        ("perspectives", "Perspectives"),
        ("annexe", "Annexe : règles de calcul"),
    ]
    (printed,) = document.sections[1].tables
    assert printed.title == "Sorties — jeunes"
    assert printed.formatted(printed.rows[0]) == [(1, "decimal"), (Decimal("33.33"), "decimal")]
    assert document.sections[4].text.startswith("Une personne est comptée une fois par tableau ;")
    assert [c.title for c in document.sections[1].charts] == ["Motifs de sortie — jeunes"]
    # Today's tables are listed as new, not printed.
    assert ("Sorties : motif et destination", "(nouveau tableau)", "", None, None) in (
        document.differences
    )
    migration.remove_structure(apps, None)
    assert "structure" not in ReportValidation.objects.get().snapshot


def test_every_table_of_the_habitat_reports_adds_up_on_hand_made_data():
    some_housing(3)
    ConventionFactory(dispositif=dispositif("fsl-asll"), capacity=2)
    for slug in DEFINITIONS:
        if slug.startswith(("habitat", "association", "scolaire")):
            document = get_definition(slug).build(YEAR)
            assert document_faults(document.tables) == [], slug
