"""The housing stock in the pages (not the Django admin): a habitat chef de service creates and
edits the units of their dispositifs and their works periods, through `habitat.units` —
versioned, journalled, refused in French when a stay occupies what would change."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from habitat.models import HousingUnit, UnitUnavailability
from rl_portal.models import Commune, Dispositif, Service
from rl_portal.roles import Role
from tests.habitat.factories import HousingUnitFactory, LandlordFactory, StayFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def chef():
    return make_user(Role.CHEF_SERVICE, "habitat", username="chef.habitat.test")


@pytest.fixture
def chef_client(client, chef):
    client.force_login(chef)
    return client


def unit_data(unit=None, **changes) -> dict:
    """The unit form's fields as posted: the unit's values (or a new one's), then `changes`."""
    landlord = unit.landlord if unit else LandlordFactory()
    data = {
        "label": unit.label if unit else "Carvin T2 n° 3",
        "address": unit.address if unit else "3 rue de la Gare",
        "commune": (unit.commune if unit else Commune.objects.get(name="Carvin")).pk,
        "typology": unit.typology if unit else HousingUnit.Typology.T2,
        "landlord": landlord.pk,
        "dispositif": (
            unit.dispositif if unit else Dispositif.objects.get(code="tremplins-duo")
        ).pk,
        "places": unit.places if unit else 2,
        "lease_start": (unit.lease_start if unit else datetime.date(2024, 1, 1)).isoformat(),
        "lease_end": unit.lease_end.isoformat() if unit and unit.lease_end else "",
        "public": unit.public if unit else HousingUnit.Public.MINORS,
    }
    if unit is not None:
        data["version"] = unit.version
    data.update(changes)
    return data


def test_a_chef_creates_a_unit_journalled(chef_client, chef):
    response = chef_client.post(reverse("habitat:unit-create"), unit_data())
    unit = HousingUnit.objects.get(label="Carvin T2 n° 3")
    assert response.status_code == 302
    assert response["Location"] == reverse("habitat:unit-update", args=[unit.pk])
    assert (unit.places, unit.public, unit.dispositif.code) == (2, "mineurs", "tremplins-duo")
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(HousingUnit), object_id=unit.pk
    )
    assert entries.exists()
    assert {entry.actor_id for entry in entries} == {chef.pk}


def test_a_chef_edits_a_unit_and_a_stale_version_is_refused(chef_client):
    unit = HousingUnitFactory(places=1)
    url = reverse("habitat:unit-update", args=[unit.pk])
    page = chef_client.get(url)
    assert page.status_code == 200
    assert "Indisponibilités" in page.content.decode()
    read = unit_data(unit, places=3, lease_end="2030-12-31")

    assert chef_client.post(url, read).status_code == 302
    unit.refresh_from_db()
    assert (unit.places, unit.lease_end) == (3, datetime.date(2030, 12, 31))

    # The same form sent again carries the version read before the first save.
    again = chef_client.post(url, {**read, "places": 4})
    assert again.status_code == 409
    assert "a été modifiée par quelqu" in again.content.decode()
    unit.refresh_from_db()
    assert unit.places == 3


def test_places_a_stay_occupies_are_not_taken_away(chef_client):
    unit = HousingUnitFactory(places=2)
    StayFactory(unit=unit, place=2, entry=datetime.date(2026, 3, 1))
    response = chef_client.post(
        reverse("habitat:unit-update", args=[unit.pk]), unit_data(unit, places=1)
    )
    assert response.status_code == 400
    assert "La place 2 est occupée depuis le 01/03/2026" in response.content.decode()
    unit.refresh_from_db()
    assert unit.places == 2


def test_a_place_left_before_today_may_go(chef_client):
    unit = HousingUnitFactory(places=2)
    StayFactory(unit=unit, place=2, entry=datetime.date(2025, 1, 1), ended=True)
    response = chef_client.post(
        reverse("habitat:unit-update", args=[unit.pk]), unit_data(unit, places=1)
    )
    assert response.status_code == 302


def test_a_lease_does_not_end_while_a_stay_runs(chef_client):
    unit = HousingUnitFactory()
    StayFactory(unit=unit, entry=datetime.date(2026, 2, 1))
    response = chef_client.post(
        reverse("habitat:unit-update", args=[unit.pk]), unit_data(unit, lease_end="2026-10-31")
    )
    assert response.status_code == 400
    assert "le bail ne peut pas finir le 31/10/2026" in response.content.decode()
    unit.refresh_from_db()
    assert unit.lease_end is None


def test_a_lease_does_not_start_after_a_stay(chef_client):
    unit = HousingUnitFactory()
    StayFactory(unit=unit, entry=datetime.date(2025, 1, 1), ended=True)
    response = chef_client.post(
        reverse("habitat:unit-update", args=[unit.pk]), unit_data(unit, lease_start="2025-06-01")
    )
    assert response.status_code == 400
    assert "avant ce début de bail" in response.content.decode()


def test_works_are_recorded_changed_and_removed(chef_client):
    unit = HousingUnitFactory()
    create = reverse("habitat:unavailability-create", args=[unit.pk])
    response = chef_client.post(
        create, {"start": "2026-12-01", "end": "2026-12-20", "reason": "Peintures"}
    )
    assert response.status_code == 302
    works = UnitUnavailability.objects.get(unit=unit)
    assert (works.start, works.end, works.reason) == (
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 20),
        "Peintures",
    )

    update = reverse("habitat:unavailability-update", args=[unit.pk, works.pk])
    data = {"start": "2026-12-01", "end": "2026-12-31", "reason": "Peintures", "version": 0}
    assert chef_client.post(update, {**data, "version": works.version}).status_code == 302
    assert chef_client.post(update, data).status_code == 409  # version read before the change
    works.refresh_from_db()
    assert works.end == datetime.date(2026, 12, 31)

    delete = reverse("habitat:unavailability-delete", args=[unit.pk, works.pk])
    assert chef_client.post(delete, {"version": works.version}).status_code == 302
    assert not UnitUnavailability.objects.filter(unit=unit).exists()


def test_works_on_an_occupied_place_are_refused(chef_client):
    unit = HousingUnitFactory(places=2)
    StayFactory(unit=unit, place=2, entry=datetime.date(2026, 3, 1))
    response = chef_client.post(
        reverse("habitat:unavailability-create", args=[unit.pk]),
        {"start": "2026-12-01", "end": "2026-12-20", "reason": "Travaux"},
    )
    assert response.status_code == 400
    assert "ne peut pas couvrir un séjour" in response.content.decode()
    assert not UnitUnavailability.objects.exists()


def test_overlapping_works_are_refused(chef_client):
    unit = HousingUnitFactory()
    UnitUnavailability.objects.create(
        unit=unit, start=datetime.date(2026, 12, 1), end=datetime.date(2026, 12, 20)
    )
    response = chef_client.post(
        reverse("habitat:unavailability-create", args=[unit.pk]),
        {"start": "2026-12-15", "end": "2027-01-10", "reason": ""},
    )
    assert response.status_code == 400
    assert "chevauche une autre indisponibilité" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "service"),
    [
        (Role.CHEF_SERVICE, "prevention"),
        (Role.EDUCATEUR, "prevention"),
        (Role.CHEF_SERVICE, "scolaire"),
        # The habitat's éducateurs enter stays; its chefs de service keep the stock.
        (Role.EDUCATEUR, "habitat"),
        (Role.DIRECTION, None),
        (Role.SECRETARIAT, None),
    ],
)
def test_only_habitat_chefs_keep_the_stock(client, role, service):
    unit = HousingUnitFactory()
    works = UnitUnavailability.objects.create(
        unit=unit, start=datetime.date(2026, 12, 1), end=datetime.date(2026, 12, 20)
    )
    client.force_login(make_user(role, *([service] if service else [])))
    for url in (
        reverse("habitat:units"),
        reverse("habitat:unit-create"),
        reverse("habitat:unit-update", args=[unit.pk]),
        reverse("habitat:unavailability-create", args=[unit.pk]),
        reverse("habitat:unavailability-update", args=[unit.pk, works.pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("habitat:unit-update", args=[unit.pk]), unit_data(unit)).status_code
        == 403
    )
    delete = reverse("habitat:unavailability-delete", args=[unit.pk, works.pk])
    assert client.post(delete, {"version": works.version}).status_code == 403
    assert UnitUnavailability.objects.filter(pk=works.pk).exists()


def test_a_unit_of_another_services_dispositif_does_not_exist_for_the_chef(chef_client):
    """A dispositif run by another service: its units are out of the habitat chef's reach (404)
    and it is not offered for a new unit."""
    other = Service.objects.create(code="autre-habitat", name="Autre service logement")
    Dispositif.objects.filter(code="tremplins-duo").update(service=other)
    unit = HousingUnitFactory(dispositif=Dispositif.objects.get(code="tremplins-duo"))
    assert chef_client.get(reverse("habitat:unit-update", args=[unit.pk])).status_code == 404
    assert (
        chef_client.get(reverse("habitat:unavailability-create", args=[unit.pk])).status_code == 404
    )
    response = chef_client.post(reverse("habitat:unit-create"), unit_data())
    assert response.status_code == 400
    assert not HousingUnit.objects.filter(label="Carvin T2 n° 3").exists()


def test_the_board_links_the_stock_for_chefs_only(client, chef):
    unit = HousingUnitFactory()
    client.force_login(chef)
    page = client.get(reverse("habitat:board")).content.decode()
    assert reverse("habitat:unit-update", args=[unit.pk]) in page
    assert reverse("habitat:units") in page
    client.force_login(make_user(Role.EDUCATEUR, "habitat"))
    page = client.get(reverse("habitat:board")).content.decode()
    assert reverse("habitat:units") not in page


def test_the_list_shows_ended_leases(chef_client):
    HousingUnitFactory(label="Ancien bail", lease_end=datetime.date(2024, 12, 31))
    page = chef_client.get(reverse("habitat:units")).content.decode()
    assert "Ancien bail" in page


def test_bad_dates_are_a_french_400(chef_client):
    unit = HousingUnitFactory()
    response = chef_client.post(
        reverse("habitat:unavailability-create", args=[unit.pk]),
        {"start": "9999-99-99", "end": "2026-12-20"},
    )
    assert response.status_code == 400
    response = chef_client.post(
        reverse("habitat:unavailability-create", args=[unit.pk]),
        {"start": "2026-12-20", "end": "2026-12-01"},
    )
    assert response.status_code == 400
    assert "La fin précède le début" in response.content.decode()
