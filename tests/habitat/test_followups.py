"""Deciding a housing request and following a support measure (home visits, end) in the pages:
they had only the Django admin and the API."""

import datetime

import pytest
from django.urls import reverse

from habitat.models import HomeVisit, HousingRequest, SupportMeasure
from rl_portal.roles import Role
from tests.habitat.factories import HousingRequestFactory, SupportMeasureFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def test_a_pending_request_is_decided_without_a_preselected_answer(worker_client):
    housing_request = HousingRequestFactory()
    listing = worker_client.get(reverse("habitat:requests"))
    assert listing.status_code == 200
    url = reverse("habitat:request-decide", args=[housing_request.pk])
    assert url in listing.content.decode()

    refused = worker_client.post(url, {"on": "2026-11-10"})
    assert refused.status_code == 400
    housing_request.refresh_from_db()
    assert housing_request.decision == HousingRequest.Decision.PENDING

    assert worker_client.post(url, {"decision": "admis", "on": "2026-11-10"}).status_code == 302
    housing_request.refresh_from_db()
    assert (housing_request.decision, housing_request.decided_on) == (
        HousingRequest.Decision.ADMITTED,
        datetime.date(2026, 11, 10),
    )
    again = worker_client.post(url, {"decision": "refuse", "on": "2026-11-10"})
    assert again.status_code == 400
    assert "déjà été décidée" in again.content.decode()


def test_a_measure_gets_its_home_visits_and_its_end(worker_client):
    measure = SupportMeasureFactory(objectives_set=3)
    assert reverse("habitat:measure", args=[measure.pk]) in (
        worker_client.get(reverse("habitat:measures")).content.decode()
    )
    url = reverse("habitat:measure", args=[measure.pk])
    assert worker_client.post(url, {"form": "visit", "date": "2026-11-02"}).status_code == 302
    assert HomeVisit.objects.filter(measure=measure, date=datetime.date(2026, 11, 2)).exists()
    outside = worker_client.post(url, {"form": "visit", "date": "2024-01-01"})
    assert outside.status_code == 400

    no_reason = worker_client.post(
        url, {"form": "close", "end": "2026-11-15", "version": measure.version}
    )
    assert no_reason.status_code == 400
    data = {
        "form": "close",
        "end": "2026-11-15",
        "reason": SupportMeasure.EndReason.values[0],
        "objectives_reached": 2,
        "version": measure.version,
    }
    assert worker_client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert (measure.end, measure.objectives_reached) == (datetime.date(2026, 11, 15), 2)


def test_a_stale_measure_end_is_a_conflict(worker_client):
    measure = SupportMeasureFactory()
    data = {
        "form": "close",
        "end": "2026-11-15",
        "reason": SupportMeasure.EndReason.values[0],
        "version": measure.version - 1,
    }
    response = worker_client.post(reverse("habitat:measure", args=[measure.pk]), data)
    assert response.status_code == 409
    measure.refresh_from_db()
    assert measure.end is None


@pytest.mark.parametrize(
    ("role", "service"),
    [(Role.EDUCATEUR, "prevention"), (Role.CHEF_SERVICE, "scolaire"), (Role.SECRETARIAT, None)],
)
def test_outside_the_habitat_team_the_pages_are_refused(client, role, service):
    housing_request, measure = HousingRequestFactory(), SupportMeasureFactory()
    client.force_login(make_user(role, *([service] if service else [])))
    for url in (
        reverse("habitat:requests"),
        reverse("habitat:request-decide", args=[housing_request.pk]),
        reverse("habitat:measures"),
        reverse("habitat:measure", args=[measure.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_a_workshop_held_is_recorded_with_its_headcount(worker_client, worker):
    from habitat.models import HousingEvent

    url = reverse("habitat:events")
    data = {
        "kind": "atelier",
        "title": "Budget et premier logement",
        "date": "2026-11-12",
        "place": "Mission locale",
        "headcount": 9,
        "qpv_headcount": 4,
    }
    assert worker_client.post(url, data).status_code == 302
    event = HousingEvent.objects.get()
    assert (event.headcount, event.qpv_headcount, event.created_by) == (9, 4, worker)
    assert "Budget et premier logement" in worker_client.get(url).content.decode()
    too_many = worker_client.post(url, {**data, "qpv_headcount": 12})
    assert too_many.status_code == 400
    assert "ne peuvent pas dépasser" in too_many.content.decode()
    future = worker_client.post(url, {**data, "date": "2026-12-12"})
    assert future.status_code == 400
    no_kind = worker_client.post(url, {**data, "kind": ""})
    assert no_kind.status_code == 400
    assert HousingEvent.objects.count() == 1
