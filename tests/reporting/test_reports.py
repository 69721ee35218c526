"""Report pages, downloads and API: who may read them and what they contain (their exact
number of queries, on the demo's data: tests/demo)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reporting.documents import (
    DEFINITIONS,
    get_definition,
    habitat,
    scolaire,
)
from reporting.models import Commentary
from reportkit.periods import Period
from rl_portal.roles import Role
from tests.prevention.factories import (
    TimeEntryFactory,
)
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "services", "readable"),
    [
        (Role.DIRECTION, [], set(DEFINITIONS)),
        (Role.SECRETARIAT, [], set(DEFINITIONS)),
        (Role.CHEF_SERVICE, ["prevention"], {"sps-departement", "prevention-synthese"}),
        (
            Role.CHEF_SERVICE,
            ["habitat"],
            {slug for slug in DEFINITIONS if slug.startswith("habitat")},
        ),
        (Role.EDUCATEUR, ["prevention"], set()),
    ],
)
def test_who_reads_which_report(client, role, services, readable):
    client.force_login(make_user(role, *services, username="u"))
    for slug in DEFINITIONS:
        # A year that is not one: a reader is sent back with a message (the report itself is
        # rendered by the tests below), anyone else is refused first.
        response = client.get(reverse("reporting:report", args=[slug]), {"year": "deux"})
        assert response.status_code == (302 if slug in readable else 403), slug
    api = APIClient()
    api.force_authenticate(make_user(role, *services, username="u2"))
    listed = {item["report"] for item in api.get("/api/v1/reports/").json()["results"]}
    assert listed == readable


# WeasyPrint takes a second or two per document: one PDF per family of reports (its templates
# and charts), the others as HTML and XLSX from the same tables.
# The association's (the longest, from every service) is rendered from the demo (tests/demo),
# the SPS report's by the browser test that downloads it (tests/e2e).
PDF_PER_FAMILY = {family.DEFINITIONS[0].slug for family in (habitat, scolaire)}


@pytest.mark.parametrize("slug", list(DEFINITIONS))
def test_every_report_renders_in_every_format(client, direction, some_activity, slug):
    client.force_login(direction)
    page = client.get(reverse("reporting:report", args=[slug]), {"year": 2025})
    assert page.status_code == 200
    if slug in PDF_PER_FAMILY:
        pdf = client.get(reverse("reporting:pdf", args=[slug]), {"year": 2025})
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        assert f'filename="{slug}-2025.pdf"' in pdf["Content-Disposition"]
    xlsx = client.get(reverse("reporting:xlsx", args=[slug]), {"year": 2025})
    workbook = load_workbook(io.BytesIO(xlsx.content))
    assert workbook.sheetnames[0] == "Sommaire"
    document = get_definition(slug).build(Period.year(2025))
    assert len(workbook.sheetnames) == 1 + len(document.tables)


def test_xlsx_stores_numbers_as_numbers_with_formats(client, direction, some_activity):
    client.force_login(direction)
    content = client.get(
        reverse("reporting:xlsx", args=["sps-departement"]), {"year": 2025}
    ).content
    workbook = load_workbook(io.BytesIO(content))
    # Sheets are named after their tables, readably (the Sommaire lists them).
    summary = {row[2]: row[0] for row in workbook["Sommaire"].iter_rows(values_only=True)}
    sheet = workbook[summary["Activité du service : heures par activité"]]
    assert sheet.title == "Activité du service – heures…"
    assert sheet["A3"].value == "Heures"
    assert sheet["B3"].value == 3 and sheet["B3"].number_format == '#,##0.00" h"'
    assert sheet["B4"].value == pytest.approx(0.75) and sheet["B4"].number_format == "0.00%"
    assert sheet.freeze_panes == "B3"
    assert sheet["B2"].font.bold


def test_json_report(direction, some_activity):
    api = APIClient()
    api.force_authenticate(direction)
    body = api.get("/api/v1/reports/sps-departement/?year=2025").json()
    assert body["report"] == "sps-departement"
    assert body["period"] == {"start": "2025-01-01", "end": "2025-12-31", "label": "2025"}
    tables = {table["id"]: table for table in body["tables"]}
    for expected in [
        "activite-heures",
        "rencontres-travail-de-rue",
        "rencontres-presence-sociale",
        "accompagnes-sexe-age",
        "accompagnes-scolarite",
        "accompagnes-commune",
        "accompagnes-problematiques",
        "co-accompagnement",
        "duree-accompagnement",
        "motifs-cloture",
        "reorientations",
        "actions-collectives-oignies",
        "actions-dsl",
        "actions-parentalite",
        "actions-partenariales",
        "reseaux",
        "instances-territoriales",
        "partenariats-informels",
        "organigramme",
    ]:
        assert expected in tables, expected
    hours = tables["activite-heures"]["rows"][0]
    assert (hours["label"], hours["cells"]) == ("Heures", [3, 0, 0, 0, 1, 0, 0])
    assert (hours["level"], hours["in_total"]) == (0, True)
    assert tables["activite-heures"]["section"] == "activite"
    assert tables["activite-heures"]["rows"][1]["cells"][0] == 75.0
    custom = api.get("/api/v1/reports/sps-departement/?start=2025-03-01&end=2025-03-03").json()
    assert custom["period"]["label"] == "du 01/03/2025 au 03/03/2025"
    bad = api.get("/api/v1/reports/sps-departement/?start=2025-03-10&end=2025-03-01")
    assert bad.status_code == 400
    assert "précède" in str(bad.json())
    assert api.get("/api/v1/reports/inconnu/").status_code == 404


def test_a_bad_year_is_a_french_message(client, direction):
    client.force_login(direction)
    response = client.get(
        reverse("reporting:report", args=["sps-departement"]), {"year": "deux"}, follow=True
    )
    assert "L&#x27;année doit être un nombre" in response.content.decode()
    assert (
        client.get(reverse("reporting:pdf", args=["sps-departement"]), {"year": "1800"}).status_code
        == 400
    )


def test_commentary_is_versioned_and_guarded(client, direction):
    client.force_login(direction)
    url = reverse("reporting:commentary", args=["sps-departement", "edito"]) + "?year=2025"
    assert client.post(url, {"text": "Première version", "version": ""}).status_code == 302
    assert client.post(url, {"text": "Deuxième version", "version": "1"}).status_code == 302
    # Someone who started from version 1 is told, and nothing is written.
    stale = client.post(url, {"text": "Écrase ?", "version": "1"})
    assert stale.status_code == 409
    assert list(Commentary.objects.order_by("version").values_list("text", flat=True)) == [
        "Première version",
        "Deuxième version",
    ]
    page = client.get(reverse("reporting:report", args=["sps-departement"]), {"year": 2025})
    assert "Deuxième version" in page.content.decode()
    assert "Première version" not in page.content.decode()
    # Another year has its own commentary.
    other = client.get(reverse("reporting:report", args=["sps-departement"]), {"year": 2024})
    assert "Deuxième version" not in other.content.decode()


def test_only_the_direction_writes_commentary(client):
    client.force_login(make_user(Role.SECRETARIAT, username="sec"))
    url = reverse("reporting:commentary", args=["sps-departement", "edito"]) + "?year=2025"
    assert client.get(url).status_code == 403
    assert client.post(url, {"text": "x"}).status_code == 403
    assert not Commentary.objects.exists()


def test_unknown_commentary_section(client, direction):
    client.force_login(direction)
    url = reverse("reporting:commentary", args=["sps-departement", "inconnue"]) + "?year=2025"
    assert client.get(url).status_code == 404


def test_the_direction_edits_the_identity_sheet(client, direction):
    client.force_login(direction)
    response = client.post(
        reverse("reporting:identity"),
        {"name": "Rencontres et Loisirs", "director": "M. Test", "email": "pas-un-courriel"},
    )
    assert response.status_code == 400
    client.post(
        reverse("reporting:identity"), {"name": "Rencontres et Loisirs", "director": "M. Test"}
    )
    page = client.get(reverse("reporting:report", args=["sps-departement"]), {"year": 2025})
    assert "M. Test" in page.content.decode()
    client.force_login(make_user(Role.CHEF_SERVICE, "prevention", username="chef"))
    assert client.get(reverse("reporting:identity")).status_code == 403


def test_a_validated_report_keeps_its_figures(client, direction, some_activity):
    client.force_login(direction)
    url = reverse("reporting:report", args=["sps-departement"])
    response = client.post(
        reverse("reporting:validate", args=["sps-departement"]) + "?year=2025",
        {
            "note": "Rapport validé par le Conseil d'Administration du 12/03/2026",
            "board_date": "2026-03-12",
        },
    )
    assert response.status_code == 302
    # A record of 2025 is corrected after the report was sent.
    TimeEntryFactory(date=datetime.date(2025, 6, 2), hours=5)
    page = client.get(url, {"year": 2025})
    document = page.context["document"]
    hours = next(t for t in document.tables if t.id == "activite-heures")
    assert hours.rows[0].cells[0] == 3  # the validated figure
    html = page.content.decode()
    assert "Rapport validé" in html and "Conseil d&#x27;Administration du 12/03/2026" in html
    assert ("Activité du service : heures par activité", "Heures", "Travail de rue", 3, 8) in [
        (t, r, c, b, a) for t, r, c, b, a in document.differences
    ]
    live = client.get(url, {"year": 2025, "actuel": "1"}).context["document"]
    assert next(t for t in live.tables if t.id == "activite-heures").rows[0].cells[0] == 8
    api = APIClient()
    api.force_authenticate(direction)
    body = api.get("/api/v1/reports/sps-departement/?year=2025").json()
    assert body["validation"]["changed_since"] >= 1
    assert any(
        t["id"] == "activite-heures" and t["rows"][0]["cells"][0] == 3 for t in body["tables"]
    )
    # Other years are not frozen.
    assert client.get(url, {"year": 2024}).context["document"].validation is None


def test_only_the_direction_validates(client, some_activity):
    from reporting.models import ReportValidation

    client.force_login(make_user(Role.SECRETARIAT, username="sec"))
    response = client.post(
        reverse("reporting:validate", args=["sps-departement"]) + "?year=2025", {}
    )
    assert response.status_code == 403
    assert not ReportValidation.objects.exists()


def test_direction_dashboard(client, direction, some_activity):
    """The dashboard of the direction (its exact query count: tests/demo)."""
    client.force_login(direction)
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Depuis le 1er janvier" in html
    assert "/reports/association-annuelle/?start=" in html
    assert len(response.context["dashboard"].charts) >= 3
    # Other roles have no dashboard.
    client.force_login(make_user(Role.SECRETARIAT, username="sec"))
    assert "dashboard" not in client.get(reverse("home")).context
