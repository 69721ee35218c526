"""Issue 15 (no everyday task needs the Django admin): a network reception, an instance
meeting and a collective action entered by mistake are corrected or deleted from prevention's
pages — by whoever entered them or a chef de service of their service — through the services
(versioned, journalled, checked again as when they were entered)."""

import datetime
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from prevention import services
from prevention.models import CollectiveAction, InstanceMeeting, NetworkReception
from rl_portal.roles import Role
from rl_portal.versioning import ConcurrentEditError
from tests.prevention.factories import (
    CollectiveActionFactory,
    InstanceMeetingFactory,
    NetworkReceptionFactory,
    TimeEntryFactory,
    dispositif,
)
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague():
    return make_user(Role.EDUCATEUR, "prevention", username="yasmine")


def test_a_reception_is_corrected_by_whoever_entered_it_versioned_and_journalled(educ):
    reception = NetworkReceptionFactory(created_by=educ)
    services.network_reception_update(
        reception=reception, data={"youths": 4, "hours": Decimal("3")}, by=educ, version=1
    )
    reception.refresh_from_db()
    assert (reception.youths, reception.hours, reception.version) == (4, 3, 2)
    change = LogEntry.objects.get_for_object(reception).get(action=LogEntry.Action.UPDATE)
    assert change.changes_dict["youths"] == ["2", "4"]
    with pytest.raises(ConcurrentEditError):
        services.network_reception_update(
            reception=reception, data={"youths": 5}, by=educ, version=1
        )
    with pytest.raises(ValidationError, match="durée"):
        services.network_reception_update(
            reception=reception, data={"days": 0, "hours": 0}, by=educ, version=2
        )
    with pytest.raises(ValidationError, match="31 jours"):
        services.network_reception_update(
            reception=reception, data={"date": datetime.date(2027, 6, 1)}, by=educ, version=2
        )
    pk = reception.pk
    services.network_reception_delete(reception=reception, by=educ, version=2)
    assert not NetworkReception.objects.exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_pk=str(pk)).exists()


def test_only_who_entered_it_or_a_chef_of_the_service(educ, chef, colleague):
    meeting = InstanceMeetingFactory(created_by=colleague)
    with pytest.raises(ValidationError, match="vos propres saisies"):
        services.instance_meeting_update(meeting=meeting, data={"name": "X"}, by=educ, version=1)
    with pytest.raises(ValidationError, match="vos propres saisies"):
        services.instance_meeting_delete(meeting=meeting, by=educ, version=1)
    outsider = make_user(Role.CHEF_SERVICE, "habitat", username="chef.habitat")
    with pytest.raises(ValidationError):
        services.instance_meeting_delete(meeting=meeting, by=outsider, version=1)
    services.instance_meeting_update(meeting=meeting, data={"name": "CLS"}, by=chef, version=1)
    services.instance_meeting_delete(meeting=meeting, by=chef, version=2)
    assert not InstanceMeeting.objects.exists()


def test_a_collective_action_entered_by_mistake_is_deleted_unless_hours_are_attached(
    educ, colleague, chef
):
    action = CollectiveActionFactory(created_by=educ)
    entry = TimeEntryFactory(educator=educ, action=action)
    with pytest.raises(ValidationError, match="vos propres saisies"):
        services.collective_action_delete(action=action, by=colleague, version=1)
    with pytest.raises(ValidationError, match="Des temps saisis sont rattachés"):
        services.collective_action_delete(action=action, by=educ, version=1)
    entry.delete()
    services.collective_action_delete(action=action, by=chef, version=1)
    assert not CollectiveAction.objects.exists()


def test_the_receptions_page_links_own_records_and_corrects_them(logged, educ, colleague):
    own = NetworkReceptionFactory(created_by=educ, youths=2)
    other = NetworkReceptionFactory(created_by=colleague)
    page = logged.get(reverse("prevention:network-receptions")).content.decode()
    update = reverse("prevention:network-reception-update", args=[own.pk])
    assert update in page
    assert reverse("prevention:network-reception-update", args=[other.pk]) not in page
    assert (
        logged.get(reverse("prevention:network-reception-update", args=[other.pk])).status_code
        == 403
    )
    form = {
        "dispositif": dispositif().pk,
        "network": own.network,
        "date": "2026-11-16",
        "youths": "3",
        "days": "0",
        "hours": "2h30",
        "note": "",
        "version": "1",
    }
    refused = logged.post(update, {**form, "youths": "0"})
    assert refused.status_code == 400  # the input kept, nothing written
    assert 'name="youths" value="0"' in refused.content.decode()
    own.refresh_from_db()
    assert (own.youths, own.version) == (2, 1)
    response = logged.post(update, form)
    assert response.url == reverse("prevention:network-receptions")
    own.refresh_from_db()
    assert (own.youths, own.hours, own.version) == (3, Decimal("2.5"), 2)
    stale = logged.post(update, {**form, "youths": "4"})
    assert stale.status_code == 409
    delete = reverse("prevention:network-reception-delete", args=[own.pk])
    assert logged.post(delete, {"version": "2"}).url == reverse("prevention:network-receptions")
    assert list(NetworkReception.objects.all()) == [other]


def test_the_meetings_page_and_the_action_page_offer_corrections(logged, educ):
    meeting = InstanceMeetingFactory(created_by=educ)
    page = logged.get(reverse("prevention:instance-meetings")).content.decode()
    assert reverse("prevention:instance-meeting-delete", args=[meeting.pk]) in page
    update = reverse("prevention:instance-meeting-update", args=[meeting.pk])
    assert logged.get(update).status_code == 200
    action = CollectiveActionFactory(created_by=educ)
    detail = logged.get(reverse("prevention:action-detail", args=[action.pk])).content.decode()
    delete = reverse("prevention:action-delete", args=[action.pk])
    assert delete in detail
    assert "Supprimer l&#x27;action" in logged.get(delete).content.decode()
    assert logged.post(delete, {"version": "1"}).url == reverse("prevention:actions")
    assert not CollectiveAction.objects.exists()
