"""Habitat pages and API: who sees them, the board's highlights, the CLLAJ quick entry."""

import datetime
import re

import pytest
from django.db.models.fields import NOT_PROVIDED
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    MeetingPlace,
    MonthlyRent,
    Stay,
    SupportMeasure,
)
from rl_portal.models import Dispositif
from rl_portal.roles import Role
from tests.habitat.factories import (
    CllajFileFactory,
    HousingRequestFactory,
    HousingUnitFactory,
    StayFactory,
    SupportMeasureFactory,
)
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db
ENDPOINTS = ["housing-units", "stays", "requests", "cllaj-files", "support-measures"]


@pytest.fixture
def records():
    return {
        "housing-units": HousingUnitFactory(),
        "stays": StayFactory(),
        "requests": HousingRequestFactory(),
        "cllaj-files": CllajFileFactory(),
        "support-measures": SupportMeasureFactory(),
    }


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    ("role", "services", "sees"),
    [
        (Role.EDUCATEUR, ["habitat"], True),
        (Role.DIRECTION, [], True),
        (Role.EDUCATEUR, ["prevention"], False),
        (Role.CHEF_SERVICE, ["prevention", "emps"], False),
    ],
)
def test_api_is_scoped_to_the_habitat_service(records, endpoint, role, services, sees):
    api = APIClient()
    api.force_authenticate(make_user(role, *services, username="u"))
    listing = api.get(f"/api/v1/habitat/{endpoint}/")
    detail = api.get(f"/api/v1/habitat/{endpoint}/{records[endpoint].pk}/")
    assert listing.status_code == 200
    ids = [item["id"] for item in listing.json()["results"]]
    assert (records[endpoint].pk in ids) == sees
    if not sees:
        assert ids == []
    assert detail.status_code == (200 if sees else 404)


def test_api_stay_entry_and_exit(worker):
    api = APIClient()
    api.force_authenticate(worker)
    unit = HousingUnitFactory()
    person = PersonFactory(services=["habitat"])
    created = api.post(
        "/api/v1/habitat/stays/",
        {"unit": unit.pk, "person": person.pk, "entry": "2025-01-02"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    overlapping = api.post(
        "/api/v1/habitat/stays/",
        {"unit": unit.pk, "person": person.pk, "entry": "2025-02-02"},
        format="json",
    )
    assert overlapping.status_code == 400
    assert "chevaucher" in str(overlapping.json())
    stay = created.json()
    exit_ = api.post(
        f"/api/v1/habitat/stays/{stay['id']}/exit/",
        {"exit": "2025-06-30", "exit_reason": "parc_public", "version": stay["version"]},
        format="json",
    )
    assert exit_.status_code == 200
    assert exit_.json()["exit"] == "2025-06-30"


@pytest.mark.parametrize(
    "name", ["habitat:board", "habitat:gauge", "habitat:rents", "habitat:cllaj-files"]
)
def test_pages_by_role(client, name):
    client.force_login(make_user(Role.EDUCATEUR, "habitat", username="h"))
    assert client.get(reverse(name)).status_code == 200
    client.force_login(make_user(Role.EDUCATEUR, "prevention", username="p"))
    assert client.get(reverse(name)).status_code == 403


def test_board_highlights(client, worker):
    today = timezone.localdate()
    long_stay = StayFactory(entry=today - datetime.timedelta(days=400))
    arrears = StayFactory(
        entry=today - datetime.timedelta(days=90), planned_exit=today + datetime.timedelta(days=10)
    )
    for month in (1, 2):
        MonthlyRent.objects.create(
            stay=arrears, month=datetime.date(2025, month, 1), due=300, paid=0
        )
    # A stay whose old debt was paid back is no alert.
    repaid = StayFactory(entry=today - datetime.timedelta(days=90))
    MonthlyRent.objects.create(stay=repaid, month=datetime.date(2025, 1, 1), due=300, paid=0)
    MonthlyRent.objects.create(stay=repaid, month=datetime.date(2025, 2, 1), due=300, paid=600)
    HousingUnitFactory(label="Vide", places=2)
    client.force_login(worker)
    response = client.get(reverse("habitat:board"))
    html = response.content.decode()
    assert "+ 12 mois" in html
    assert "impayés 600,00 €" in html
    assert "impayés 0,00" not in html  # the repaid stay
    assert "sortie le" in html
    assert response.context["free_places"] == 2
    assert response.context["occupied"] == 3
    assert long_stay.person.pseudonym in html


def test_cllaj_quick_interview_creates_the_follow_up_once(client, worker):
    place = MeetingPlace.objects.create(name="Mission locale de Carvin")
    client.force_login(worker)
    data = {
        "pseudonym": "Kylian",
        "sex": "M",
        "age": "19",
        "date": timezone.localdate().isoformat(),
        "mode": "physique",
        "place": place.pk,
        "applications": ["demande_logement_social", "fsl_lni"],
        "dispositif": Dispositif.objects.get(code="cllaj").pk,
        "kind": "suivi",
        "orienteur_kind": "mission_locale",
        "housing_situation": "heberge",
        "employment": "demandeur_emploi",
        "problematique": "logement",
    }
    assert client.post(reverse("habitat:cllaj-interview"), data).status_code == 302
    record = CllajFile.objects.get()
    assert record.person.pseudonym == "Kylian"
    assert set(CllajApplication.objects.values_list("kind", flat=True)) == {
        "demande_logement_social",
        "fsl_lni",
    }
    # A second interview goes to the same follow-up.
    second = {
        **data,
        "pseudonym": "",
        "person": record.person.pk,
        "applications": [],
        "mode": "distance",
        "place": "",
    }
    assert client.post(reverse("habitat:cllaj-interview"), second).status_code == 302
    assert CllajFile.objects.count() == 1
    assert CllajInterview.objects.count() == 2
    # In person without a place is refused, nothing written.
    bad = {**second, "mode": "physique"}
    response = client.post(reverse("habitat:cllaj-interview"), bad)
    assert response.status_code == 400
    assert "lieu du rendez-vous" in response.content.decode()
    assert CllajInterview.objects.count() == 2


def test_rent_page_keeps_input_on_error(client, worker):
    stay = StayFactory(entry=datetime.date(2025, 1, 1))
    client.force_login(worker)
    url = reverse("habitat:rents") + "?mois=2025-03"
    response = client.post(url, {f"due_{stay.pk}": "abc", f"paid_{stay.pk}": "10"})
    assert response.status_code == 400
    assert 'value="abc"' in response.content.decode()
    assert not MonthlyRent.objects.exists()
    assert client.post(url, {f"due_{stay.pk}": "350", f"paid_{stay.pk}": "350"}).status_code == 302
    assert MonthlyRent.objects.get().due == 350


def test_stay_exit_page(client, worker):
    stay = StayFactory(entry=datetime.date(2025, 1, 1))
    client.force_login(worker)
    url = reverse("habitat:stay-exit", args=[stay.pk])
    assert (
        client.post(
            url, {"exit": "2024-12-01", "reason": "parc_public", "version": stay.version}
        ).status_code
        == 400
    )
    assert (
        client.post(
            url, {"exit": "2025-05-01", "reason": "parc_public", "version": stay.version}
        ).status_code
        == 302
    )
    assert Stay.objects.get(pk=stay.pk).exit == datetime.date(2025, 5, 1)


def test_rent_sheet_does_not_overwrite_a_colleagues_entry(client, worker):
    stay = StayFactory(entry=datetime.date(2025, 1, 1))
    url = reverse("habitat:rents") + "?mois=2025-03"
    client.force_login(worker)
    # Both open the empty sheet; the colleague saves 300/300 first.
    MonthlyRent.objects.create(stay=stay, month=datetime.date(2025, 3, 1), due=300, paid=300)
    response = client.post(
        url,
        {
            f"due_{stay.pk}": "300",
            f"paid_{stay.pk}": "0",
            f"loaded_due_{stay.pk}": "",
            f"loaded_paid_{stay.pk}": "",
        },
    )
    assert response.status_code == 400
    assert "modifié par quelqu" in response.content.decode()
    assert MonthlyRent.objects.get().paid == 300
    # Reloaded, the sheet shows the new amounts and accepts a correction.
    page = client.get(url).content.decode()
    assert 'value="300,00"' in page
    ok = client.post(
        url,
        {
            f"due_{stay.pk}": "300,00",
            f"paid_{stay.pk}": "250,00",
            f"loaded_due_{stay.pk}": "300.00",
            f"loaded_paid_{stay.pk}": "300.00",
        },
    )
    assert ok.status_code == 302
    assert MonthlyRent.objects.get().paid == 250


def test_what_the_bilans_need_is_recorded_by_page_and_api(client, worker):
    """Support at exit and steps taken from the exit page; a measure's partners, objectives,
    housing origin and resource type through the API, unknown codes refused in French."""
    stay = StayFactory(entry=datetime.date(2025, 1, 1))
    client.force_login(worker)
    response = client.post(
        reverse("habitat:stay-exit", args=[stay.pk]),
        {
            "exit": "2025-05-01",
            "reason": "parc_public",
            "exit_support": "fsl_asll",
            "steps": ["nud", "fsl_installation"],
            "version": stay.version,
        },
    )
    assert response.status_code == 302
    stay.refresh_from_db()
    assert (stay.exit_support, stay.steps) == ("fsl_asll", ["nud", "fsl_installation"])
    api = APIClient()
    api.force_authenticate(worker)
    person = PersonFactory(services=["habitat"])
    data = {
        "person": person.pk,
        "dispositif": "asl-jeunes-ase",
        "epci": SupportMeasureFactory().epci_id,
        "kind": "renforcee",
        "orienteur_kind": "ase",
        "notified_on": "2025-02-01",
        "start": "2025-02-03",
        "reason": "acces_logement",
        "resource_type": "salaire",
        "housing_origin": "parc_social",
        "initial_objectives": ["budget", "administratif"],
        "partners_contacted": ["mission_locale", "caf"],
    }
    created = api.post("/api/v1/habitat/support-measures/", data, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["partners_contacted"] == ["mission_locale", "caf"]
    refused = api.post(
        "/api/v1/habitat/support-measures/",
        {**data, "person": PersonFactory(services=["habitat"]).pk, "partners_contacted": ["x"]},
        format="json",
    )
    assert refused.status_code == 400
    assert "Valeur inconnue" in str(refused.json())


def test_cllaj_interview_has_no_preselected_answer(client, worker):
    """Issue 15: a new youth's interview saved without opening « Premier entretien » was stored
    with orienteur « Mission locale ». The modality, the dispositif and the nature are chosen;
    the answers left empty are stored « non renseigné » and counted so in the bilan."""
    from habitat.indicators.cllaj import referrers
    from reportkit.periods import Period

    place = MeetingPlace.objects.create(name="Mission locale de Carvin")
    client.force_login(worker)
    url = reverse("habitat:cllaj-interview")
    page = client.get(url).content.decode()
    assert "checked" not in page  # neither « présentiel » nor « à distance »
    # In the follow-up's part, only the empty choices are selected.
    selected = re.findall(r'<option value="([^"]*)" selected>', page.split("Premier entretien")[1])
    # QPV and Mission locale: « non renseigné », never a « non » nobody said.
    assert selected == ["", "", "", "", "", "", "unknown", "unknown"]
    quick = {
        "pseudonym": "Kylian",
        "age": "19",
        "date": timezone.localdate().isoformat(),
        "place": place.pk,
    }
    refused = client.post(url, quick)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "présentiel ou à distance" in html
    assert not CllajInterview.objects.exists()
    refused = client.post(url, {**quick, "mode": "physique"})
    assert refused.status_code == 400
    assert "Choisissez CLLAJ ou CLLAJ ASE" in refused.content.decode()
    assert '<details class="mb-3" open>' in refused.content.decode()
    chosen = {
        **quick,
        "mode": "physique",
        "dispositif": Dispositif.objects.get(code="cllaj").pk,
        "kind": "suivi",
    }
    assert client.post(url, chosen).status_code == 302
    record = CllajFile.objects.get()
    assert (
        record.orienteur_kind,
        record.housing_situation,
        record.employment,
        record.problematique,
        record.composition,
    ) == ("", "", "", "", "")
    assert (record.is_qpv, record.mission_locale, record.action_logement) == (None, None, None)
    year = timezone.localdate().year
    table = referrers(period=Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    rows = {row.label: row.cells[0] for row in table.rows}
    assert rows["Non renseigné"] == 1
    assert rows["Mission locale"] == 0


def test_stay_exit_has_no_preselected_destination(client, worker):
    stay = StayFactory(entry=datetime.date(2025, 1, 1))
    client.force_login(worker)
    url = reverse("habitat:stay-exit", args=[stay.pk])
    page = client.get(url).content.decode()
    assert '<option value="" selected>— à choisir —</option>' in page
    response = client.post(url, {"exit": "2025-06-01", "version": stay.version})
    assert response.status_code == 400
    assert "Choisissez le motif ou la destination de sortie." in response.content.decode()
    stay.refresh_from_db()
    assert stay.exit is None and stay.exit_reason == ""


def test_a_measure_without_composition_is_counted_not_recorded():
    """« Personne seule » was the model's default: a measure recorded without the household's
    composition now shows in the « Non renseigné » row."""
    from habitat.indicators.measures import composition
    from reportkit.periods import Period

    measure = SupportMeasureFactory(composition="")
    assert SupportMeasure._meta.get_field("composition").default in ("", NOT_PROVIDED)
    period = Period(
        datetime.date(measure.start.year, 1, 1), datetime.date(measure.start.year, 12, 31)
    )
    tables = composition(
        dispositif=measure.dispositif.code, period=period, territories=[measure.epci.short_name]
    )
    (table,) = tables.values()
    rows = {row.label: row.cells[0] for row in table.rows}
    assert rows["Non renseigné"] == 1
    assert rows["Personne seule"] == 0


def test_board_shows_todays_exit_and_the_entry_to_come(client, worker):
    """Issue 15: an exit recorded today left its occupant and « 0 libre » on the card; an entry
    recorded for tomorrow on the freed place did not show. The exit day is the occupant's last:
    the place shows free, with the day's exit and the coming entry as movements."""
    from habitat import services

    today = timezone.localdate()
    stay = StayFactory(entry=today - datetime.timedelta(days=60), person__pseudonym="Sarah")
    unit = stay.unit
    services.stay_exit(stay=stay, exit=today, reason="parc_public", by=worker)
    services.stay_create(
        unit=unit,
        place=1,
        person=PersonFactory(pseudonym="Yanis", services=["habitat"]),
        entry=today + datetime.timedelta(days=1),
        by=worker,
    )
    client.force_login(worker)
    response = client.get(reverse("habitat:board"))
    html = response.content.decode()
    assert response.context["occupied"] == 0
    assert response.context["free_places"] == 1
    assert 'Sarah</a> <span class="text-body-secondary">sorti(e) aujourd\'hui' in html
    tomorrow = today + datetime.timedelta(days=1)
    assert f"entrée prévue le {tomorrow:%d/%m/%Y} — place 1" in html
    assert "1 sortie aujourd'hui · 1 entrée à venir" in html
    assert f"/habitat/sejours/{stay.pk}/sortie/" not in html  # no second exit offered
