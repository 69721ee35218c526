"""Issue 15: a measure's home visit and a CLLAJ workshop or event are corrected or deleted from
the pages, not the Django admin — by their author or a chef de service of the habitat,
versioned (409 on a concurrent change), journalled, nothing written on refusal."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from habitat import events, services
from habitat.models import HomeVisit, HousingEvent
from rl_portal.roles import Role
from rl_portal.versioning import CONFLICT_MESSAGE, ConcurrentEditError
from tests.habitat.factories import SupportMeasureFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def colleague():
    return make_user(Role.EDUCATEUR, "habitat", username="colleague.habitat")


@pytest.fixture
def chef():
    return make_user(Role.CHEF_SERVICE, "habitat", username="chef.habitat.test")


@pytest.fixture
def visit(worker):
    return services.home_visit_create(
        measure=SupportMeasureFactory(start=D(2025, 1, 15)), date=D(2025, 2, 3), by=worker
    )


@pytest.fixture
def event(worker):
    return events.housing_event_create(
        by=worker,
        kind=HousingEvent.Kind.WORKSHOP,
        title="Atelier budget",
        date=D(2025, 3, 4),
        place="Hénin",
        headcount=8,
        qpv_headcount=3,
    )


def journal(record, pk=None) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(record)),
            object_id=pk or record.pk,
        ).order_by("pk")
    )


EVENT = {
    "kind": HousingEvent.Kind.FORUM,
    "title": "Forum logement",
    "date": D(2025, 3, 5),
    "place": "Carvin",
    "headcount": 12,
    "qpv_headcount": 4,
}


# --- home visits: services -------------------------------------------------------------------


def test_a_visit_keeps_its_author_and_is_corrected_versioned_and_journalled(worker, visit):
    assert visit.created_by == worker
    services.home_visit_update(visit=visit, by=worker, version=visit.version, date=D(2025, 2, 4))
    visit.refresh_from_db()
    assert visit.date == D(2025, 2, 4)
    last = journal(visit)[-1]
    assert last.actor == worker
    assert last.additional_data == {"action": "correction de la visite à domicile"}


def test_a_visit_correction_is_refused_outside_the_measure_stale_or_by_a_colleague(
    worker, colleague, visit
):
    read = visit.version
    with pytest.raises(ValidationError) as error:
        services.home_visit_update(visit=visit, by=worker, version=read, date=D(2025, 1, 2))
    assert "pendant la mesure" in str(error.value)
    with pytest.raises(ValidationError) as error:
        services.home_visit_update(visit=visit, by=colleague, version=read, date=D(2025, 2, 5))
    assert "Seul l'auteur" in str(error.value)
    services.home_visit_update(visit=visit, by=worker, version=read, date=D(2025, 2, 6))
    with pytest.raises(ConcurrentEditError):
        services.home_visit_update(visit=visit, by=worker, version=read, date=D(2025, 2, 7))
    assert HomeVisit.objects.get(pk=visit.pk).date == D(2025, 2, 6)


def test_a_visit_is_deleted_by_the_chef_and_the_journal_keeps_it(chef, visit):
    pk = visit.pk
    services.home_visit_delete(visit=visit, by=chef, version=visit.version)
    assert not HomeVisit.objects.filter(pk=pk).exists()
    assert journal(visit, pk)[-1].actor == chef


def test_a_visit_with_no_author_known_is_corrected_by_the_chef_only(worker, chef):
    old = HomeVisit.objects.create(measure=SupportMeasureFactory(), date=D(2025, 2, 3))
    pk = old.pk
    with pytest.raises(ValidationError):
        services.home_visit_delete(visit=old, by=worker, version=old.version)
    services.home_visit_delete(visit=old, by=chef, version=old.version)
    assert not HomeVisit.objects.filter(pk=pk).exists()


# --- home visits: pages ----------------------------------------------------------------------


def test_the_measure_page_links_a_visit_to_its_correction_page(client, worker, colleague, visit):
    url = reverse("habitat:home-visit", args=[visit.measure_id, visit.pk])
    client.force_login(worker)
    assert url in client.get(reverse("habitat:measure", args=[visit.measure_id])).text
    client.force_login(colleague)
    assert url not in client.get(reverse("habitat:measure", args=[visit.measure_id])).text
    assert client.get(url).status_code == 403


def test_the_visit_page_corrects_keeps_refused_input_and_deletes(client, worker, visit):
    url = reverse("habitat:home-visit", args=[visit.measure_id, visit.pk])
    client.force_login(worker)
    page = client.get(url)
    assert page.status_code == 200 and "Corriger la visite" in page.text
    refused = client.post(url, {"form": "update", "date": "2025-01-02", "version": visit.version})
    assert refused.status_code == 400
    assert "pendant la mesure" in refused.text and 'value="2025-01-02"' in refused.text
    assert HomeVisit.objects.get(pk=visit.pk).date == D(2025, 2, 3)
    done = client.post(url, {"form": "update", "date": "2025-02-10", "version": visit.version})
    assert done.status_code == 302
    assert HomeVisit.objects.get(pk=visit.pk).date == D(2025, 2, 10)
    stale = client.post(url, {"form": "delete", "version": visit.version})
    assert stale.status_code == 409 and CONFLICT_MESSAGE[:40] in stale.text.replace("&#x27;", "'")
    assert HomeVisit.objects.filter(pk=visit.pk).exists()
    deleted = client.post(url, {"form": "delete", "version": visit.version + 1})
    assert deleted.status_code == 302
    assert not HomeVisit.objects.filter(pk=visit.pk).exists()


# --- workshops and events: services ----------------------------------------------------------


def test_an_event_is_corrected_versioned_and_journalled(worker, event):
    services.housing_event_update(event=event, by=worker, version=event.version, **EVENT)
    event.refresh_from_db()
    assert (event.kind, event.title, event.headcount, event.qpv_headcount) == (
        "forum",
        "Forum logement",
        12,
        4,
    )
    last = journal(event)[-1]
    assert last.actor == worker
    assert last.additional_data == {"action": "correction de l'atelier ou de l'événement"}


def test_an_event_correction_is_refused_when_wrong_stale_or_by_a_colleague(
    worker, colleague, event
):
    read = event.version
    with pytest.raises(ValidationError) as error:
        services.housing_event_update(
            event=event, by=worker, version=read, **{**EVENT, "qpv_headcount": 13}
        )
    assert "QPV" in str(error.value)
    with pytest.raises(ValidationError):
        services.housing_event_update(event=event, by=colleague, version=read, **EVENT)
    services.housing_event_update(event=event, by=worker, version=read, **EVENT)
    with pytest.raises(ConcurrentEditError):
        services.housing_event_delete(event=event, by=worker, version=read)
    assert HousingEvent.objects.get(pk=event.pk).title == "Forum logement"


def test_an_event_is_deleted_by_its_author(worker, event):
    pk = event.pk
    services.housing_event_delete(event=event, by=worker, version=event.version)
    assert not HousingEvent.objects.filter(pk=pk).exists()
    assert journal(event, pk)[-1].actor == worker


# --- workshops and events: pages -------------------------------------------------------------


def test_the_events_page_links_an_event_to_its_correction_page(client, worker, colleague, event):
    url = reverse("habitat:event", args=[event.pk])
    client.force_login(worker)
    assert url in client.get(reverse("habitat:events")).text
    client.force_login(colleague)
    assert url not in client.get(reverse("habitat:events")).text
    assert client.get(url).status_code == 403


def test_the_event_page_corrects_keeps_refused_input_and_deletes(client, chef, event):
    url = reverse("habitat:event", args=[event.pk])
    client.force_login(chef)
    assert client.get(url).status_code == 200
    data = {**EVENT, "date": "2025-03-05", "form": "update", "version": event.version}
    refused = client.post(url, {**data, "qpv_headcount": 20})
    assert refused.status_code == 400
    assert "dépasser l&#x27;effectif" in refused.text and 'value="Forum logement"' in refused.text
    assert HousingEvent.objects.get(pk=event.pk).title == "Atelier budget"
    assert client.post(url, data).status_code == 302
    assert HousingEvent.objects.get(pk=event.pk).title == "Forum logement"
    stale = client.post(url, data)
    assert stale.status_code == 409
    deleted = client.post(url, {"form": "delete", "version": event.version + 1})
    assert deleted.status_code == 302
    assert not HousingEvent.objects.filter(pk=event.pk).exists()
