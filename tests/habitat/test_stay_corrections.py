"""Issue 15: a stay is corrected from the pages, not the Django admin — its entry, unit, place,
counted answers and a recorded exit (date, reason) — with the same rules as an entry and an
exit, versioned (409 on a concurrent change) and journalled; a stay entered by mistake is
deleted by its author or a chef de service. The board shows the correction."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from habitat import services
from habitat.models import MonthlyRent, Stay
from rl_portal.roles import Role
from rl_portal.versioning import CONFLICT_MESSAGE, ConcurrentEditError
from tests.habitat.factories import HousingUnitFactory, StayFactory
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def chef():
    return make_user(Role.CHEF_SERVICE, "habitat", username="chef.habitat.test")


def journal(stay_pk) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Stay), object_id=stay_pk
        ).order_by("pk")
    )


# --- service ---------------------------------------------------------------------------------


def test_a_stay_is_corrected_journalled_and_versioned(worker):
    stay = services.stay_create(
        unit=HousingUnitFactory(), person=PersonFactory(), entry=D(2025, 1, 6), by=worker
    )
    read = stay.version
    other_unit = HousingUnitFactory(label="Oignies T1")
    services.stay_update(
        stay=stay,
        by=worker,
        version=read,
        unit=other_unit,
        entry=D(2025, 1, 3),
        origin=Stay.Origin.STREET,
    )
    stay.refresh_from_db()
    assert (stay.unit, stay.entry, stay.origin) == (other_unit, D(2025, 1, 3), "rue")
    last = journal(stay.pk)[-1]
    assert last.actor == worker
    assert last.additional_data == {"action": "correction du séjour"}
    assert set(last.changes) >= {"unit", "entry", "origin"}
    # The same correction with the version read before: refused, nothing written.
    with pytest.raises(ConcurrentEditError):
        services.stay_update(stay=Stay.objects.get(pk=stay.pk), by=worker, version=read, place=1)


def test_a_recorded_exit_is_corrected_with_the_exit_rules(worker):
    today = timezone.localdate()
    stay = StayFactory(entry=today - datetime.timedelta(days=60))
    services.stay_exit(stay=stay, exit=today, reason="parc_public", by=worker)
    stay.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.stay_update(
            stay=stay, by=worker, version=stay.version, exit=today + datetime.timedelta(days=1)
        )
    assert error.value.message_dict["exit"] == ["Cette date n'est pas plausible."]
    stay.refresh_from_db()
    with pytest.raises(ValidationError, match="précéder l'entrée"):
        services.stay_update(
            stay=stay, by=worker, version=stay.version, exit=stay.entry - datetime.timedelta(1)
        )
    stay.refresh_from_db()
    with pytest.raises(ValidationError, match="motif"):
        services.stay_update(stay=stay, by=worker, version=stay.version, exit_reason="")
    stay.refresh_from_db()
    yesterday = today - datetime.timedelta(days=1)
    services.stay_update(
        stay=stay, by=worker, version=stay.version, exit=yesterday, exit_reason="retour_famille"
    )
    stay.refresh_from_db()
    assert (stay.exit, stay.exit_reason) == (yesterday, "retour_famille")


def test_an_exit_recorded_by_mistake_is_removed_and_none_is_added_here(worker):
    today = timezone.localdate()
    stay = StayFactory(entry=today - datetime.timedelta(days=60), exit_support="cllaj")
    services.stay_exit(stay=stay, exit=today, reason="parc_public", by=worker, exit_support="cllaj")
    stay.refresh_from_db()
    services.stay_update(stay=stay, by=worker, version=stay.version, exit=None)
    stay.refresh_from_db()
    # No exit: nothing counted at an exit stays recorded.
    assert (stay.exit, stay.exit_reason, stay.exit_support) == (None, "", "")
    with pytest.raises(ValidationError, match="page « Sortie »"):
        services.stay_update(stay=stay, by=worker, version=stay.version, exit=today)


def test_a_correction_never_overlaps_a_place_or_houses_a_person_twice(worker):
    unit = HousingUnitFactory(places=1)
    StayFactory(unit=unit, entry=D(2025, 1, 1), exit=D(2025, 3, 31), exit_reason="parc_public")
    later = StayFactory(unit=unit, entry=D(2025, 4, 1))
    with pytest.raises(ValidationError) as error:
        services.stay_update(stay=later, by=worker, version=later.version, entry=D(2025, 3, 15))
    assert "chevaucher" in error.value.message_dict["entry"][0]
    later.refresh_from_db()
    assert later.entry == D(2025, 4, 1)
    elsewhere = StayFactory(person=later.person, entry=D(2024, 1, 1), exit=D(2025, 4, 10))
    elsewhere.exit_reason = "parc_public"
    elsewhere.save()
    with pytest.raises(ValidationError) as error:
        services.stay_update(stay=later, by=worker, version=later.version, entry=D(2025, 4, 2))
    assert "deux fois à la fois" in error.value.message_dict["person"][0]
    # A place the unit does not have.
    with pytest.raises(ValidationError, match="1 place"):
        services.stay_update(stay=later, by=worker, version=later.version, place=2)


def test_only_the_author_or_a_chef_deletes_a_stay(worker, chef):
    colleague = make_user(Role.EDUCATEUR, "habitat", username="colleague")
    stay = services.stay_create(
        unit=HousingUnitFactory(), person=PersonFactory(), entry=D(2025, 1, 6), by=worker
    )
    with pytest.raises(ValidationError, match="auteur"):
        services.stay_delete(stay=stay, by=colleague, version=stay.version)
    with pytest.raises(ConcurrentEditError):
        services.stay_delete(stay=stay, by=worker, version=stay.version - 1)
    pk = stay.pk
    services.stay_delete(stay=stay, by=worker, version=stay.version)
    assert not Stay.objects.filter(pk=pk).exists()
    deletion = journal(pk)[-1]
    assert (deletion.action, deletion.actor) == (LogEntry.Action.DELETE, worker)
    # A stay from before authors were recorded: the chef de service deletes it.
    old = StayFactory()
    with pytest.raises(ValidationError, match="auteur"):
        services.stay_delete(stay=old, by=worker, version=old.version)
    services.stay_delete(stay=old, by=chef, version=old.version)


def test_a_stay_with_rents_is_not_deleted(chef):
    stay = StayFactory()
    MonthlyRent.objects.create(stay=stay, month=D(2025, 1, 1), due=300, paid=300)
    with pytest.raises(ValidationError, match="loyers"):
        services.stay_delete(stay=stay, by=chef, version=stay.version)
    assert Stay.objects.filter(pk=stay.pk).exists()


# --- pages -----------------------------------------------------------------------------------


def stay_data(stay, **changes) -> dict:
    data = {
        "unit": stay.unit_id,
        "place": stay.place,
        "entry": stay.entry.isoformat(),
        "planned_exit": stay.planned_exit.isoformat() if stay.planned_exit else "",
        "origin": stay.origin,
        "resources_entry": "",
        "resource_type_entry": stay.resource_type_entry,
        "mobility": stay.mobility,
        "version": stay.version,
    }
    if stay.exit:
        data.update(
            exit=stay.exit.isoformat(),
            exit_reason=stay.exit_reason,
            resources_exit="",
            resource_type_exit=stay.resource_type_exit,
            exit_support=stay.exit_support,
        )
    data.update(changes)
    return data


def test_the_board_links_to_the_correction_and_shows_it(client, worker):
    today = timezone.localdate()
    stay = StayFactory(entry=today - datetime.timedelta(days=30), unit__label="Carvin T1")
    services.stay_exit(stay=stay, exit=today, reason="parc_public", by=worker)
    stay.refresh_from_db()
    client.force_login(worker)
    board = client.get(reverse("habitat:board")).content.decode()
    url = reverse("habitat:stay-update", args=[stay.pk])
    assert url in board and "sorti(e) aujourd'hui" in board
    page = client.get(url)
    assert page.status_code == 200
    assert "Corriger le séjour de" in page.content.decode()
    yesterday = today - datetime.timedelta(days=1)
    response = client.post(url, stay_data(stay, exit=yesterday.isoformat()))
    assert response.status_code == 302 and response["Location"] == "/habitat/"
    stay.refresh_from_db()
    assert stay.exit == yesterday
    # The board no longer shows an exit today.
    board = client.get(reverse("habitat:board")).content.decode()
    assert "sorti(e) aujourd'hui" not in board


def test_a_stale_correction_is_a_409_with_the_input_kept(client, worker):
    stay = StayFactory(entry=D(2025, 1, 1))
    url = reverse("habitat:stay-update", args=[stay.pk])
    client.force_login(worker)
    read = stay_data(stay, entry="2025-01-02")
    assert client.post(url, read).status_code == 302
    response = client.post(url, {**read, "entry": "2025-01-05"})
    assert response.status_code == 409
    page = response.content.decode()
    assert CONFLICT_MESSAGE.split(":")[0].replace("'", "&#x27;") in page
    assert 'value="2025-01-05"' in page
    stay.refresh_from_db()
    assert stay.entry == D(2025, 1, 2)


def test_an_exit_without_destination_is_a_400(client, worker):
    today = timezone.localdate()
    stay = StayFactory(entry=today - datetime.timedelta(days=30))
    services.stay_exit(stay=stay, exit=today, reason="parc_public", by=worker)
    stay.refresh_from_db()
    client.force_login(worker)
    url = reverse("habitat:stay-update", args=[stay.pk])
    response = client.post(url, stay_data(stay, exit_reason=""))
    assert response.status_code == 400
    assert "Choisissez le motif ou la destination de sortie." in response.content.decode()
    stay.refresh_from_db()
    assert stay.exit_reason == "parc_public"


def test_the_person_and_unit_pages_link_to_the_correction(client, chef):
    stay = StayFactory()
    client.force_login(chef)
    url = reverse("habitat:stay-update", args=[stay.pk])
    person_page = client.get(reverse("person-detail", args=[stay.person_id])).content.decode()
    assert url in person_page
    unit_page = client.get(reverse("habitat:unit-update", args=[stay.unit_id])).content.decode()
    assert url in unit_page
    # Opened from the person's page, the correction goes back there.
    person_url = reverse("person-detail", args=[stay.person_id])
    response = client.post(url, {**stay_data(stay, origin="rue"), "retour": person_url})
    assert response["Location"] == person_url
    # Never to another site.
    response = client.post(
        url, {**stay_data(Stay.objects.get(pk=stay.pk)), "retour": "https://example.org/"}
    )
    assert response["Location"] == "/habitat/"


def test_a_stay_is_deleted_from_its_page(client, chef, worker):
    stay = StayFactory()
    delete_url = reverse("habitat:stay-delete", args=[stay.pk])
    client.force_login(worker)
    assert client.post(delete_url, {"version": stay.version}).status_code == 400
    assert Stay.objects.filter(pk=stay.pk).exists()
    client.force_login(chef)
    assert delete_url in client.get(reverse("habitat:stay-update", args=[stay.pk])).content.decode()
    assert client.get(delete_url).status_code == 200
    assert client.post(delete_url, {"version": stay.version - 1}).status_code == 409
    response = client.post(delete_url, {"version": stay.version})
    assert response.status_code == 302
    assert not Stay.objects.filter(pk=stay.pk).exists()


def test_only_the_habitat_staff_corrects(client):
    stay = StayFactory()
    client.force_login(make_user(Role.DIRECTION))
    assert client.get(reverse("habitat:stay-update", args=[stay.pk])).status_code == 403
    client.force_login(make_user(Role.EDUCATEUR, "prevention", username="educ.prev"))
    assert client.get(reverse("habitat:stay-update", args=[stay.pk])).status_code == 403
