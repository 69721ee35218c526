"""Report pages, downloads and API: who may read them, what they contain, and a number of
queries that does not grow with the data."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reporting.documents import DEFINITIONS, get_definition
from reporting.models import Commentary
from reportkit.periods import Period
from rl_portal.roles import Role
from tests.prevention.factories import (
    AccompanimentFactory,
    CollectiveActionFactory,
    ContactFactory,
    TimeEntryFactory,
)
from tests.reporting import report_checks
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def direction():
    return make_user(Role.DIRECTION, username="dir")


@pytest.fixture
def some_activity():
    from rl_portal.models import Commune
    from tests.prevention.factories import dispositif

    # EMPS youths in two communes, so that the EMPS bilan has several sections.
    for name in ("Hénin-Beaumont", "Rouvroy"):
        AccompanimentFactory(
            dispositif=dispositif("emps"),
            person__commune=Commune.objects.get(name=name),
            person__services=["emps"],
            start=datetime.date(2025, 2, 1),
        )
    TimeEntryFactory(date=datetime.date(2025, 3, 3), hours=3)
    TimeEntryFactory(date=datetime.date(2025, 3, 4), activity="formation", hours=1)
    ContactFactory(date=datetime.date(2025, 3, 3))
    AccompanimentFactory(start=datetime.date(2025, 2, 1))
    action = CollectiveActionFactory()
    action.sessions.create(date=datetime.date(2025, 4, 1))


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
        response = client.get(reverse("reporting:report", args=[slug]), {"year": 2025})
        assert response.status_code == (200 if slug in readable else 403), slug
    api = APIClient()
    api.force_authenticate(make_user(role, *services, username="u2"))
    listed = {item["report"] for item in api.get("/api/v1/reports/").json()["results"]}
    assert listed == readable


@pytest.mark.parametrize("slug", list(DEFINITIONS))
def test_every_report_renders_in_every_format(client, direction, some_activity, slug):
    client.force_login(direction)
    page = client.get(reverse("reporting:report", args=[slug]), {"year": 2025})
    assert page.status_code == 200
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


# The exact number of queries of the prevention reports, whatever the volume of records.
PREVENTION_QUERIES = {"sps-departement": 58, "prevention-synthese": 19, "emps-bilan": 20}


@pytest.mark.parametrize("slug", list(DEFINITIONS))
def test_queries_do_not_grow_with_the_data(some_activity, slug):
    definition = get_definition(slug)
    with CaptureQueriesContext(connection) as small:
        definition.build(Period.year(2025))
    if slug in PREVENTION_QUERIES:
        assert len(small.captured_queries) == PREVENTION_QUERIES[slug]
    from rl_portal.models import Commune
    from tests.prevention.factories import dispositif

    communes = list(Commune.objects.filter(epci__short_name="CAHC")[:6])
    for day in range(1, 20):
        commune = communes[day % len(communes)]
        TimeEntryFactory(date=datetime.date(2025, 5, day), hours=1)
        ContactFactory(date=datetime.date(2025, 5, day))
        AccompanimentFactory(start=datetime.date(2025, 5, day))
        CollectiveActionFactory(commune=commune).sessions.create(date=datetime.date(2025, 5, day))
        AccompanimentFactory(
            dispositif=dispositif("emps"),
            person__commune=commune,
            person__services=["emps"],
            start=datetime.date(2025, 5, day),
        )
    with CaptureQueriesContext(connection) as large:
        definition.build(Period.year(2025))
    assert len(large.captured_queries) == len(small.captured_queries)
    with CaptureQueriesContext(connection) as empty_year:
        definition.build(Period.year(2021))
    assert len(empty_year.captured_queries) == len(small.captured_queries)


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


def test_every_report_renders_for_every_demo_year(client, settings):
    from django.core.management import call_command
    from django.utils import timezone

    settings.DEBUG = True
    call_command("seed_demo")
    client.force_login(make_user(Role.DIRECTION, username="dir2"))
    this_year = timezone.localdate().year
    for slug in DEFINITIONS:
        for year in (this_year - 2, this_year - 1, this_year):
            for name in ("reporting:report", "reporting:xlsx", "reporting:pdf"):
                assert client.get(reverse(name, args=[slug]), {"year": year}).status_code == 200
            api = client.get(f"/api/v1/reports/{slug}/", {"year": year})
            assert api.status_code == 200 and api.json()["tables"]

    # Every table of every report and year passes its invariants; the association's report
    # prints the services' own figures.
    report_checks.check_invariants(timezone.localdate())
    report_checks.check_association_composes_the_services(timezone.localdate())


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


def test_direction_dashboard(client, direction, some_activity, django_assert_max_num_queries):
    client.force_login(direction)
    with django_assert_max_num_queries(80) as few:
        response = client.get(reverse("home"))
    html = response.content.decode()
    assert "Depuis le 1er janvier" in html
    assert "/reports/association-annuelle/?start=" in html
    assert len(response.context["dashboard"].charts) >= 3
    for day in range(1, 15):
        TimeEntryFactory(date=datetime.date.today().replace(day=day), hours=1)
        ContactFactory(date=datetime.date(2025, 5, day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("home"))
    # Other roles have no dashboard.
    client.force_login(make_user(Role.SECRETARIAT, username="sec"))
    assert "dashboard" not in client.get(reverse("home")).context
