"""Issue 15: a worked domain of an accompaniment entered by mistake is corrected or deleted
from the accompaniment's page — by its éducateur or a chef de service of its service — through
the services (versioned, journalled, checked again as when it was entered), not the admin."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from prevention import services
from prevention.models import Domain, WorkedDomain
from rl_portal.roles import Role
from rl_portal.versioning import ConcurrentEditError
from tests.prevention.factories import AccompanimentFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def colleague():
    return make_user(Role.EDUCATEUR, "prevention", username="yasmine")


@pytest.fixture
def entry(educ):
    accompaniment = AccompanimentFactory(referent=educ, start=D(2025, 1, 6))
    return services.worked_domain_create(
        accompaniment=accompaniment, date=D(2025, 2, 3), domain=Domain.values[0], by=educ
    )


def test_a_worked_domain_is_corrected_versioned_and_journalled(educ, entry):
    other = Domain.values[1]
    services.worked_domain_update(
        entry=entry, data={"domain": other, "note": "CV"}, by=educ, version=entry.version
    )
    entry.refresh_from_db()
    assert (entry.domain, entry.note) == (other, "CV")
    change = LogEntry.objects.get_for_object(entry).get(action=LogEntry.Action.UPDATE)
    assert change.changes_dict["domain"][1] == other


def test_a_correction_is_refused_out_of_the_accompaniment_stale_or_by_a_colleague(
    educ, colleague, entry
):
    read = entry.version
    with pytest.raises(ValidationError, match="pendant l'accompagnement"):
        services.worked_domain_update(
            entry=entry, data={"date": D(2024, 12, 1)}, by=educ, version=read
        )
    with pytest.raises(ValidationError, match="vos propres saisies"):
        services.worked_domain_delete(entry=entry, by=colleague, version=read)
    entry.refresh_from_db()  # the refused date was set on the object, not saved
    assert entry.date == D(2025, 2, 3)
    services.worked_domain_update(entry=entry, data={"note": "vu"}, by=educ, version=read)
    with pytest.raises(ConcurrentEditError):
        services.worked_domain_delete(entry=entry, by=educ, version=read)
    stored = WorkedDomain.objects.get(pk=entry.pk)
    assert (stored.date, stored.note) == (D(2025, 2, 3), "vu")


def test_the_chef_deletes_a_worked_domain_and_the_journal_keeps_it(chef, entry):
    pk = entry.pk
    services.worked_domain_delete(entry=entry, by=chef, version=entry.version)
    assert not WorkedDomain.objects.filter(pk=pk).exists()
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_pk=str(pk)).exists()


def test_the_accompaniment_page_links_only_its_author_to_the_correction(
    client, educ, colleague, entry
):
    detail = reverse("prevention:accompaniment-detail", args=[entry.accompaniment_id])
    update = reverse("prevention:worked-domain-update", args=[entry.pk])
    client.force_login(educ)
    page = client.get(detail).text
    assert update in page
    assert reverse("prevention:worked-domain-delete", args=[entry.pk]) in page
    client.force_login(colleague)
    assert update not in client.get(detail).text
    assert client.get(update).status_code == 403


def test_the_correction_page_keeps_refused_input_then_saves_and_deletes(logged, entry):
    update = reverse("prevention:worked-domain-update", args=[entry.pk])
    detail = reverse("prevention:accompaniment-detail", args=[entry.accompaniment_id])
    assert logged.get(update).status_code == 200
    data = {"date": "2024-12-01", "domain": entry.domain, "note": "gardée", "version": 1}
    refused = logged.post(update, data)
    assert refused.status_code == 400
    assert "pendant l&#x27;accompagnement" in refused.text and 'value="gardée"' in refused.text
    assert WorkedDomain.objects.get(pk=entry.pk).note == ""
    saved = logged.post(update, {**data, "date": "2025-02-04"})
    assert saved.status_code == 302 and saved.url == detail
    assert WorkedDomain.objects.get(pk=entry.pk).date == D(2025, 2, 4)
    stale = logged.post(update, {**data, "date": "2025-02-05"})
    assert stale.status_code == 409
    delete = reverse("prevention:worked-domain-delete", args=[entry.pk])
    assert logged.get(delete).status_code == 200
    assert logged.post(delete, {"version": 1}).status_code == 409
    deleted = logged.post(delete, {"version": 2})
    assert deleted.status_code == 302 and deleted.url == detail
    assert not WorkedDomain.objects.filter(pk=entry.pk).exists()
