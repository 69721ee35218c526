"""A transmitted report never changes: reopening keeps past years, validation freezes figures,
texts and the direction's data, a previous-year column reads the validated figures; who may
write what; the warning on hours dated inside a validated period."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from prevention import services as prevention_services
from prevention.indicators import sps
from prevention.indicators.common import Scope
from prevention.models import Accompaniment, Reorientation
from reporting.documents import get_definition
from reporting.models import ReportInput
from reportkit.periods import Period
from rl_portal.roles import Role
from tests.prevention.factories import AccompanimentFactory, ContactFactory, TimeEntryFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db
SPS = Scope(("sps",))
D = datetime.date


@pytest.fixture
def direction():
    return make_user(Role.DIRECTION, username="dir")


def validate(client, slug, year, board="2026-03-12", **params):
    query = "&".join(f"{k}={v}" for k, v in {"year": year, **params}.items())
    response = client.post(
        reverse("reporting:validate", args=[slug]) + "?" + query,
        {"note": "Rapport validé par le Conseil d'Administration", "board_date": board},
    )
    assert response.status_code == 302
    return response


def test_reopening_keeps_the_past_years_figures():
    chef = make_user(Role.CHEF_SERVICE, "prevention", username="chef")
    closed = AccompanimentFactory(
        start=D(2024, 4, 1),
        end=D(2024, 6, 30),
        end_reason=Accompaniment.EndReason.IMPROVEMENT,
    )
    Reorientation.objects.create(accompaniment=closed, category="loisirs", partner_name="CAJ")
    AccompanimentFactory(start=D(2024, 2, 1))  # another youth, still accompanied

    def figures():
        y2024, y2025 = Period.year(2024), Period.year(2025)
        return {
            "closed 2024": sps.closing_reasons(scope=SPS, period=y2024).rows[0].cells,
            "reorientations 2024": sps.reorientations(scope=SPS, period=y2024).rows[4].cells,
            "durations 2024": sps.accompaniment_duration(scope=SPS, period=y2024).total_row.cells,
            "accompanied 2025": sps.accompanied_count(scope=SPS, period=y2025),
        }

    before = figures()
    assert before["closed 2024"] == [0, 0, 0, 1, 1]
    assert before["reorientations 2024"] == [1, "CAJ : 1"]
    assert before["accompanied 2025"] == 1
    reopened = prevention_services.accompaniment_reopen(
        accompaniment=closed, by=chef, on=D(2026, 1, 5)
    )
    assert figures() == before
    closed.refresh_from_db()
    assert (closed.end, closed.end_reason) == (D(2024, 6, 30), "amelioration_situation")
    assert closed.reorientations.count() == 1
    # The youth is accompanied again from the reopening on, in a new period.
    assert reopened.start == D(2026, 1, 5) and reopened.reopened_from == closed
    assert sps.accompanied_count(scope=SPS, period=Period.year(2026)) == 2
    # A reopening never precedes the closure, and a period is reopened once.
    with pytest.raises(Exception, match="déjà été rouvert"):
        prevention_services.accompaniment_reopen(accompaniment=closed, by=chef)


def test_the_migration_restores_reopenings_from_the_journal():
    """Before periods existed, reopening erased the closure: the journal still has it."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("prevention.migrations.0004_accompaniment_reopened_from")
    accompaniment = AccompanimentFactory(
        start=D(2024, 4, 1), end=D(2024, 6, 30), end_reason="amelioration_situation"
    )
    Reorientation.objects.create(
        accompaniment=accompaniment, category="loisirs", partner_name="CAJ"
    )
    # What the old reopening did: erase the end and delete the réorientations (journalled).
    accompaniment.end, accompaniment.end_reason = None, ""
    accompaniment.save()
    accompaniment.reorientations.all().delete()
    assert sps.closing_reasons(scope=SPS, period=Period.year(2024)).rows[0].cells[-1] == 0
    migration.split_reopened_accompaniments(apps, None)
    assert sps.closing_reasons(scope=SPS, period=Period.year(2024)).rows[0].cells[-1] == 1
    restored = Accompaniment.objects.get(end=D(2024, 6, 30))
    assert list(restored.reorientations.values_list("category", "partner_name")) == [
        ("loisirs", "CAJ")
    ]
    accompaniment.refresh_from_db()
    assert accompaniment.is_open and accompaniment.reopened_from == restored


def test_validation_freezes_the_texts_and_prints_the_board_date(client, direction):
    client.force_login(direction)
    url = reverse("reporting:commentary", args=["sps-departement", "edito"]) + "?year=2025"
    client.post(url, {"text": "Édito transmis", "version": ""})
    validate(client, "sps-departement", 2025, board="2026-03-12")
    # Edited after the validation: a draft, not the transmitted text.
    form = client.get(url)
    assert "version brouillon" in form.content.decode()
    assert client.post(url, {"text": "Édito réécrit", "version": "1"}).status_code == 302
    page = client.get(reverse("reporting:report", args=["sps-departement"]), {"year": 2025})
    html = page.content.decode()
    assert "Édito transmis" in html and "Édito réécrit" not in html
    assert "Brouillons postérieurs à la validation" in html and "I. Édito (version 2" in html
    assert "conseil d'administration du 12/03/2026" in html
    live = client.get(
        reverse("reporting:report", args=["sps-departement"]), {"year": 2025, "actuel": "1"}
    )
    assert "Édito réécrit" in live.content.decode()
    document = get_definition("sps-departement").build(Period.year(2025))
    identity = next(t for t in document.tables if t.id == "fiche-identite")
    assert identity.rows[-1].cells == ["12/03/2026"]
    from reporting.renderers import render_pdf

    pdf = render_pdf(document)
    assert pdf.startswith(b"%PDF")
    from django.template.loader import render_to_string

    html = render_to_string("reporting/report_pdf.html", {"document": document})
    assert "conseil d'administration du 12 mars 2026" in html
    assert "Édito transmis" in html and "Édito réécrit" not in html


def test_validation_needs_the_board_date(client, direction):
    from reporting.models import ReportValidation

    client.force_login(direction)
    client.post(reverse("reporting:validate", args=["sps-departement"]) + "?year=2025", {})
    assert not ReportValidation.objects.exists()


def test_the_direction_data_is_per_year_versioned_and_frozen(client, direction):
    client.force_login(direction)
    url = reverse("reporting:input", args=["sps-departement", "fiche-identite"])
    assert client.post(url + "?year=2025", {"president": "GLAPIAK Henryk"}).status_code == 302
    assert client.post(url + "?year=2025", {"service_email": "pas un courriel"}).status_code == 400
    validate(client, "sps-departement", 2025)
    client.post(url + "?year=2025", {"president": "Autre Président", "version": "1"})
    assert ReportInput.objects.count() == 2
    page = client.get(reverse("reporting:report", args=["sps-departement"]), {"year": 2025})
    printed = next(t for t in page.context["document"].tables if t.id == "fiche-identite")
    assert ["GLAPIAK Henryk"] in [row.cells for row in printed.rows]
    assert ["Autre Président"] not in [row.cells for row in printed.rows]
    assert "II. Fiche d&#x27;identité (version 2, validée : 1)" in page.content.decode()
    # The next year starts from the latest values, printed until the direction saves its own.
    next_year = get_definition("sps-departement").build(Period.year(2026))
    identity = next(t for t in next_year.tables if t.id == "fiche-identite")
    assert ["Autre Président"] in [row.cells for row in identity.rows]
    # A stale form is refused with a 409 and writes nothing.
    assert client.post(url + "?year=2025", {"president": "X", "version": "1"}).status_code == 409
    chef = make_user(Role.CHEF_SERVICE, "prevention", username="chef")
    client.force_login(chef)
    assert client.get(url + "?year=2025").status_code == 403


def test_previous_year_columns_read_the_validated_figures(client, direction):
    client.force_login(direction)
    TimeEntryFactory(date=D(2024, 3, 4), hours=3)
    TimeEntryFactory(date=D(2024, 3, 5), hours=1, activity="formation")
    ContactFactory(date=D(2024, 3, 4))
    TimeEntryFactory(date=D(2025, 3, 4), hours=2)
    validate(client, "sps-departement", 2024, board="2025-04-18")
    validate(client, "prevention-synthese", 2024, board="2025-04-18")
    # A 2024 record entered after the 2024 reports were transmitted.
    TimeEntryFactory(date=D(2024, 9, 1), hours=4, activity="formation")
    ContactFactory(date=D(2024, 9, 1))
    hours = next(
        t
        for t in get_definition("sps-departement").build(Period.year(2025)).tables
        if t.id == "activite-heures"
    )
    previous = hours.rows[2]
    assert previous.label == "% 2024 (rapport validé) *"
    assert previous.cells[0] == 75 and previous.cells[4] == 25  # validated: 3 h and 1 h of 4
    assert hours.rows[3].cells[0] == 100 - 75
    assert any("18/04/2025" in note and "aujourd'hui" in note for note in hours.notes)
    synthese = get_definition("prevention-synthese").build(Period.year(2025))
    key = next(t for t in synthese.tables if t.id == "chiffres-cles")
    assert key.columns[1] == "2024 (rapport validé) *"
    assert key.cell("Jeunes rencontrés", "2024 (rapport validé) *") == 1  # today: 2
    blocks = next(t for t in synthese.tables if t.id == "activite-blocs-2021")
    assert blocks.rows[2].label == "% 2024 (rapport validé) *"


def test_no_evolution_against_a_year_without_records():
    TimeEntryFactory(date=D(2025, 3, 4), hours=2)
    table = sps.hours_by_activity(scope=SPS, period=Period.year(2025))
    assert table.rows[2].cells == [None] * 7
    assert table.rows[3].cells == [None] * 7
    from rl_portal.templatetags.fr import cell

    assert cell(None, "percent") == "—"


def test_chefs_write_their_services_observations(client):
    chef = make_user(Role.CHEF_SERVICE, "prevention", username="chef")
    client.force_login(chef)
    base = "reporting:commentary"
    ok = reverse(base, args=["sps-departement", "observations-activite"]) + "?year=2025"
    assert client.post(ok, {"text": "Observations du chef", "version": ""}).status_code == 302
    edito = client.get(reverse(base, args=["sps-departement", "edito"]) + "?year=2025")
    assert edito.status_code == 403
    assert "la direction écrit l&#x27;édito" in edito.content.decode().lower()
    page = client.get(reverse("reporting:report", args=["sps-departement"]), {"year": 2025})
    html = page.content.decode()
    assert "Qui fait quoi sur ce rapport" in html and "Observations du chef" in html
    # What this user may do is said outside the folded list, readable on a phone at once.
    assert (
        '<p class="small mb-1" id="user-can"><strong>Vous pouvez</strong> : lire et exporter le '
        "rapport, écrire les observations des sections.</p>"
    ) in html
    other = make_user(Role.CHEF_SERVICE, "habitat", username="chef2")
    client.force_login(other)
    assert client.post(ok, {"text": "x", "version": "1"}).status_code == 403


def test_hours_in_a_validated_period_are_saved_with_a_warning(client, direction):
    client.force_login(direction)
    validate(client, "sps-departement", 2025, board="2026-03-12")
    educ = make_user(Role.EDUCATEUR, "prevention", username="educ")
    client.force_login(educ)
    from rl_portal.models import Dispositif

    response = client.post(
        reverse("prevention:quick-entry"),
        {
            "dispositif": Dispositif.objects.get(code="sps").pk,
            "date": "2025-06-02",
            "mode": "travail_de_rue",
            "hours_formation": "2",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rapport d&#x27;activités du SPS — 2025" in html and "12/03/2026" in html
    api = APIClient()
    api.force_authenticate(educ)
    body = api.post(
        "/api/v1/prevention/time-entries/",
        {"dispositif": "sps", "date": "2025-06-03", "hours": "1", "activity": "formation"},
        format="json",
    ).json()
    assert len(body["warnings"]) == 1 and "12/03/2026" in body["warnings"][0]
    fresh = api.post(
        "/api/v1/prevention/time-entries/",
        {"dispositif": "sps", "date": "2026-06-03", "hours": "1", "activity": "formation"},
        format="json",
    ).json()
    assert fresh["warnings"] == []


def test_the_summary_regroups_the_validated_sps_hours(client, direction):
    """Only the SPS report of 2024 was transmitted: the 2025 summary's six blocks read its
    validated hours regrouped (street work inside présence sociale), not today's records."""
    client.force_login(direction)
    TimeEntryFactory(date=D(2024, 3, 4), hours=3)  # travail de rue
    TimeEntryFactory(date=D(2024, 3, 5), hours=1, activity="presence_sociale")
    TimeEntryFactory(date=D(2024, 3, 6), hours=4, activity="formation")
    TimeEntryFactory(date=D(2025, 3, 4), hours=2)
    validate(client, "sps-departement", 2024, board="2025-04-18")
    TimeEntryFactory(date=D(2024, 9, 1), hours=8, activity="formation")  # entered since
    synthese = get_definition("prevention-synthese").build(Period.year(2025))
    blocks = next(t for t in synthese.tables if t.id == "activite-blocs-2021")
    previous = blocks.rows[2]
    assert previous.label == "% 2024 (rapport validé) *"
    # Validated: présence sociale 3 + 1 = 4 h of 8 → 50 %, formation 4 h → 50 % (today: 25 %
    # and 75 %).
    assert blocks.columns[0] == "Présence sociale" and blocks.columns[5] == "Formation"
    assert previous.cells == [50, 0, 0, 0, 0, 50]
    assert any("18/04/2025" in note for note in blocks.notes)
