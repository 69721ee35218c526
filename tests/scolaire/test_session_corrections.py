"""Issue 15 (no everyday task needs the Django admin): a forgotten roll call is recorded the
next days, a past one corrected, and a session recorded by mistake (it did not take place)
deleted with its roll call — from the programme's page, through the services, journalled."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from scolaire import services
from scolaire.models import Attendance, Session
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 17)  # tests/conftest.py FROZEN_NOW


def test_a_forgotten_roll_call_is_recorded_for_an_earlier_day(client, animator):
    programme = ProgrammeFactory(school_year=2026)
    enrolment = EnrolmentFactory(programme=programme, start=datetime.date(2026, 9, 7))
    client.force_login(animator)
    url = reverse("scolaire:roll-call", args=[programme.pk])
    page = client.get(url, {"jour": "2026-11-12"}).content.decode()
    assert "jeudi 12 novembre 2026" in page
    response = client.post(
        f"{url}?jour=2026-11-12",
        {f"e{enrolment.pk}": "present", "start_time": "16:30", "end_time": "18:00"},
    )
    assert response.url == f"{url}?jour=2026-11-12"
    assert Session.objects.get().date == datetime.date(2026, 11, 12)
    # Not in advance, nor before the programme's school year.
    assert client.get(url, {"jour": "2026-11-18"}).status_code == 400
    assert client.get(url, {"jour": "2026-08-31"}).status_code == 400


def test_a_session_recorded_by_mistake_is_deleted_from_the_programme_page(client, animator):
    programme = ProgrammeFactory(school_year=2026)
    enrolment = EnrolmentFactory(programme=programme, start=datetime.date(2026, 9, 7))
    session = services.session_save(
        by=animator,
        programme=programme,
        date=datetime.date(2026, 11, 16),
        start_time=datetime.time(16, 30),
        end_time=datetime.time(18),
        statuses={enrolment.pk: "absent"},
    )
    client.force_login(animator)
    page = client.get(reverse("scolaire:programme", args=[programme.pk])).content.decode()
    assert "lundi 16 novembre 2026" in page
    assert f"{reverse('scolaire:roll-call', args=[programme.pk])}?jour=2026-11-16" in page
    delete = reverse("scolaire:session-delete", args=[session.pk])
    assert delete in page
    assert client.get(delete).status_code == 405
    stale = client.post(delete, {"version": str(session.version + 1)})
    assert Session.objects.exists()
    assert stale.url == reverse("scolaire:programme", args=[programme.pk])
    client.post(delete, {"version": str(session.version)})
    assert not Session.objects.exists() and not Attendance.objects.exists()
    deleted = LogEntry.objects.filter(action=LogEntry.Action.DELETE)
    assert set(deleted.values_list("content_type__model", flat=True)) == {
        "session",
        "attendance",
    }
