"""Issue 15, item 2: a saved time entry or meeting can be corrected or deleted — by its
éducateur, or a chef de service of its service — through the services (versioned, journalled,
the 24 h rule checked again), from the lists."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from prevention import services
from prevention.models import Contact, TimeEntry
from reporting.models import ReportValidation
from rl_portal.models import CaseFile
from rl_portal.roles import Role
from rl_portal.versioning import ConcurrentEditError
from tests.prevention.factories import ContactFactory, TimeEntryFactory, dispositif
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 16)


@pytest.fixture
def colleague():
    return make_user(Role.EDUCATEUR, "prevention", username="yasmine")


def test_an_educator_corrects_their_own_time(educ):
    entry = TimeEntryFactory(educator=educ, date=DAY, hours=Decimal("2"))
    services.time_entry_update(
        entry=entry, data={"hours": "2h30", "activity": "formation"}, by=educ, version=1
    )
    entry.refresh_from_db()
    assert (entry.hours, entry.activity, entry.version) == (Decimal("2.5"), "formation", 2)
    change = LogEntry.objects.get_for_object(entry).get(action=LogEntry.Action.UPDATE)
    assert [Decimal(v) for v in change.changes_dict["hours"]] == [2, Decimal("2.5")]
    pk = entry.pk
    services.time_entry_delete(entry=entry, by=educ, version=2)
    assert not TimeEntry.objects.exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_pk=str(pk)).exists()


def test_only_their_educator_or_a_chef_of_the_service(educ, chef, colleague):
    entry = TimeEntryFactory(educator=colleague, date=DAY)
    with pytest.raises(ValidationError, match="vos propres saisies"):
        services.time_entry_update(entry=entry, data={"hours": "3"}, by=educ, version=1)
    with pytest.raises(ValidationError, match="vos propres saisies"):
        services.time_entry_delete(entry=entry, by=educ, version=1)
    outsider = make_user(Role.CHEF_SERVICE, "habitat", username="chef.habitat")
    with pytest.raises(ValidationError):
        services.time_entry_delete(entry=entry, by=outsider, version=1)
    services.time_entry_update(entry=entry, data={"hours": "3"}, by=chef, version=1)
    services.time_entry_delete(entry=entry, by=chef, version=2)
    assert not TimeEntry.objects.exists()


def test_a_correction_checks_the_day_again(educ):
    TimeEntryFactory(educator=educ, date=DAY, hours=Decimal("20"))
    entry = TimeEntryFactory(educator=educ, date=DAY, hours=Decimal("2"))
    with pytest.raises(ValidationError) as error:
        services.time_entry_update(entry=entry, data={"hours": "5"}, by=educ, version=1)
    assert error.value.message_dict["hours"] == [
        "20 h déjà enregistrées le 16/11/2026 ; cette saisie en ajoute 5 h : maximum 24 h par jour."
    ]
    services.time_entry_update(entry=entry, data={"hours": "4"}, by=educ, version=1)


def test_a_stale_correction_or_deletion_is_refused(educ):
    entry = TimeEntryFactory(educator=educ, date=DAY)
    services.time_entry_update(entry=entry, data={"hours": "3"}, by=educ, version=1)
    stale = TimeEntry.objects.get()
    stale.version = 1
    with pytest.raises(ConcurrentEditError):
        services.time_entry_delete(entry=stale, by=educ, version=1)
    contact = ContactFactory(educator=educ, date=DAY)
    services.contact_update(contact=contact, data={"mode": "presence_sociale"}, by=educ, version=1)
    with pytest.raises(ConcurrentEditError):
        services.contact_update(
            contact=contact, data={"mode": "travail_de_rue"}, by=educ, version=1
        )


def test_a_meeting_is_corrected_or_deleted_by_its_educator(educ, colleague):
    contact = ContactFactory(educator=educ, date=DAY)
    case_file = CaseFile.objects.get(person=contact.person)
    earlier = datetime.date(2025, 1, 6)
    services.contact_update(contact=contact, data={"date": earlier}, by=educ, version=1)
    case_file.refresh_from_db()
    assert case_file.opened_on == earlier  # the youth is known since that meeting
    with pytest.raises(ValidationError, match="futur"):
        services.contact_update(
            contact=contact, data={"date": DAY + datetime.timedelta(days=3)}, by=educ, version=2
        )
    with pytest.raises(ValidationError, match="vos propres saisies"):
        services.contact_delete(contact=contact, by=colleague, version=2)
    pk = contact.pk
    services.contact_delete(contact=contact, by=educ, version=2)
    assert not Contact.objects.exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_pk=str(pk)).exists()


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def test_the_lists_link_to_the_corrections_one_may_make(client, educ, colleague):
    own = TimeEntryFactory(educator=educ, date=DAY)
    other = TimeEntryFactory(educator=colleague, date=DAY)
    own_contact = ContactFactory(educator=educ, date=DAY)
    other_contact = ContactFactory(educator=colleague, date=DAY)
    client.force_login(educ)
    html = client.get(reverse("prevention:time-entries")).content.decode()
    assert reverse("prevention:time-entry-update", args=[own.pk]) in html
    assert reverse("prevention:time-entry-delete", args=[own.pk]) in html
    assert reverse("prevention:time-entry-update", args=[other.pk]) not in html
    html = client.get(reverse("prevention:contacts")).content.decode()
    assert reverse("prevention:contact-update", args=[own_contact.pk]) in html
    assert reverse("prevention:contact-delete", args=[own_contact.pk]) in html
    assert reverse("prevention:contact-update", args=[other_contact.pk]) not in html
    assert (
        client.get(reverse("prevention:contact-update", args=[other_contact.pk])).status_code == 403
    )
    assert client.post(reverse("prevention:time-entry-delete", args=[other.pk])).status_code == 403
    assert TimeEntry.objects.count() == 2


def test_a_chef_corrects_the_services_entries(client, chef, colleague):
    entry = TimeEntryFactory(educator=colleague, date=DAY)
    client.force_login(chef)
    html = client.get(reverse("prevention:time-entries")).content.decode()
    assert reverse("prevention:time-entry-update", args=[entry.pk]) in html
    response = client.post(
        reverse("prevention:time-entry-update", args=[entry.pk]),
        {"date": DAY.isoformat(), "activity": "formation", "hours": "1:45", "version": "1"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.educator, entry.hours, entry.activity) == (
        colleague,
        Decimal("1.75"),
        "formation",
    )


def test_outside_the_service_an_entry_does_not_exist(client, colleague):
    entry = TimeEntryFactory(educator=colleague, date=DAY)
    client.force_login(make_user(Role.EDUCATEUR, "habitat", username="thomas"))
    assert client.get(reverse("prevention:time-entry-update", args=[entry.pk])).status_code == 403
    client.force_login(make_user(Role.CHEF_SERVICE, "prevention", "habitat", username="k2"))
    emps = TimeEntryFactory(
        educator=make_user(Role.EDUCATEUR, "emps", username="e"), dispositif=dispositif("emps")
    )
    assert client.get(reverse("prevention:time-entry-update", args=[emps.pk])).status_code == 404


def test_edit_page_keeps_the_input_and_says_why(client, educ):
    TimeEntryFactory(educator=educ, date=DAY, hours=Decimal("22"))
    entry = TimeEntryFactory(educator=educ, date=DAY, hours=Decimal("1"))
    client.force_login(educ)
    url = reverse("prevention:time-entry-update", args=[entry.pk])
    page = client.get(url).content.decode()
    assert 'value="1"' in page and "---------" not in page
    response = client.post(
        url, {"date": DAY.isoformat(), "activity": "formation", "hours": "3h", "version": "1"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "22 h déjà enregistrées le 16/11/2026 ; cette saisie en ajoute 3 h" in html
    assert 'value="3h"' in html
    stale = client.post(
        url, {"date": DAY.isoformat(), "activity": "formation", "hours": "1", "version": "0"}
    )
    assert stale.status_code == 409


def test_a_correction_in_a_validated_period_warns_as_on_creation(client, educ, direction_user):
    ReportValidation.objects.create(
        report="sps-departement",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        validated_by=direction_user,
        board_date=datetime.date(2026, 3, 12),
        snapshot={"sections": {}},
    )
    entry = TimeEntryFactory(educator=educ, date=datetime.date(2025, 3, 3))
    client.force_login(educ)
    response = client.post(
        reverse("prevention:time-entry-delete", args=[entry.pk]), {"version": "1"}, follow=True
    )
    html = response.content.decode()
    assert "Temps supprimé." in html
    assert "période d&#x27;un rapport déjà validé" in html
    assert not TimeEntry.objects.exists()


def test_delete_pages_confirm_first(client, educ):
    contact = ContactFactory(educator=educ, date=DAY)
    client.force_login(educ)
    url = reverse("prevention:contact-delete", args=[contact.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Supprimer la rencontre avec" in page.content.decode()
    assert Contact.objects.exists()
    assert client.post(url, {"version": "1"}).status_code == 302
    assert not Contact.objects.exists()


@pytest.fixture
def direction_user():
    return make_user(Role.DIRECTION, username="direction")
