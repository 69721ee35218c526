"""Issue 15, item 10: the scolaire team ends and corrects enrolments from the child's and the
programme's pages, through a service (versioned, journalled); the roll call stops listing a
child after their last day."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from rl_portal.roles import Role
from rl_portal.versioning import ConcurrentEditError
from scolaire import services
from scolaire.models import Attendance, Enrolment, Session
from tests.rl_portal.factories import make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 17)  # tests/conftest.py FROZEN_NOW


def roll_call(animator, programme, day, statuses):
    return services.session_save(
        by=animator,
        programme=programme,
        date=day,
        start_time=datetime.time(16, 30),
        end_time=datetime.time(18),
        statuses=statuses,
    )


def test_the_team_ends_an_enrolment_and_the_roll_call_stops_listing_the_child(
    client, animator, frozen_clock
):
    programme = ProgrammeFactory(school_year=2026)
    enrolment = EnrolmentFactory(programme=programme, start=datetime.date(2026, 9, 7))
    client.force_login(animator)
    url = reverse("scolaire:enrolment-end", args=[enrolment.pk])
    page = client.get(url).content.decode()
    assert '<option value="" selected>— choisir —</option>' in page  # no reason preselected
    missing = client.post(url, {"end": "2026-11-17", "leaving_reason": "", "version": "1"})
    assert missing.status_code == 400
    assert "Choisissez le motif de sortie." in missing.content.decode()
    response = client.post(
        url, {"end": "2026-11-17", "leaving_reason": "demenagement", "version": "1"}
    )
    assert response.url == reverse("scolaire:programme", args=[programme.pk])
    enrolment.refresh_from_db()
    assert (enrolment.end, enrolment.leaving_reason, enrolment.version) == (
        TODAY,
        "demenagement",
        2,
    )
    assert LogEntry.objects.get_for_object(enrolment).filter(action=LogEntry.Action.UPDATE).exists()
    roll = reverse("scolaire:roll-call", args=[programme.pk])
    assert f'name="e{enrolment.pk}"' in client.get(roll).content.decode()  # their last day
    frozen_clock.shift(datetime.timedelta(days=1))
    assert f'name="e{enrolment.pk}"' not in client.get(roll).content.decode()


def test_absences_after_the_last_day_go_a_presence_refuses_it(animator):
    programme = ProgrammeFactory(school_year=2026)
    enrolment = EnrolmentFactory(programme=programme, start=datetime.date(2026, 9, 7))
    roll_call(animator, programme, datetime.date(2026, 11, 2), {enrolment.pk: "present"})
    roll_call(animator, programme, datetime.date(2026, 11, 9), {enrolment.pk: "absent"})
    with pytest.raises(ValidationError, match="présent ou excusé à des séances hors"):
        services.enrolment_end(
            enrolment=enrolment, end=datetime.date(2026, 10, 30), reason="autre", by=animator
        )
    enrolment.refresh_from_db()
    assert enrolment.end is None
    services.enrolment_end(
        enrolment=enrolment, end=datetime.date(2026, 11, 6), reason="choix_famille", by=animator
    )
    assert list(Attendance.objects.values_list("session__date", "status")) == [
        (datetime.date(2026, 11, 2), "present")
    ]
    assert Session.objects.count() == 2  # the session stays, without the child
    assert LogEntry.objects.filter(
        action=LogEntry.Action.DELETE, content_type__model="attendance"
    ).exists()


@pytest.mark.parametrize(
    ("end", "reason", "message"),
    [
        (datetime.date(2026, 9, 1), "autre", "précéder l'inscription"),
        (datetime.date(2027, 9, 1), "autre", "se termine le 31/08/2027"),
        (datetime.date(2026, 11, 1), "", "motif"),
        (None, "autre", "date de sortie"),
    ],
)
def test_bad_ends_are_refused(animator, end, reason, message):
    enrolment = EnrolmentFactory(
        programme=ProgrammeFactory(school_year=2026), start=datetime.date(2026, 9, 7)
    )
    with pytest.raises(ValidationError, match=message):
        services.enrolment_end(enrolment=enrolment, end=end, reason=reason, by=animator)


def test_only_the_scolaire_team(animator):
    enrolment = EnrolmentFactory()
    educ = make_user(Role.EDUCATEUR, "prevention", username="julie")
    with pytest.raises(ValidationError, match="équipe de l'accompagnement scolaire"):
        services.enrolment_end(
            enrolment=enrolment, end=datetime.date(2025, 10, 1), reason="autre", by=educ
        )


def test_a_correction_is_versioned(animator):
    enrolment = EnrolmentFactory(programme=ProgrammeFactory(school_year=2026), start=TODAY)
    services.enrolment_update(enrolment=enrolment, data={"level": "CM2"}, by=animator, version=1)
    with pytest.raises(ConcurrentEditError):
        services.enrolment_update(
            enrolment=Enrolment.objects.get(), data={"level": "CE2"}, by=animator, version=1
        )
    assert Enrolment.objects.get().level == "CM2"


def test_correct_from_the_childs_page_and_reopen(client, animator):
    enrolment = EnrolmentFactory(
        programme=ProgrammeFactory(school_year=2026),
        start=datetime.date(2026, 9, 7),
        end=datetime.date(2026, 10, 16),
        leaving_reason="autre",
    )
    client.force_login(animator)
    person_page = client.get(reverse("person-detail", args=[enrolment.child_id])).content.decode()
    link = reverse("scolaire:enrolment-update", args=[enrolment.pk]) + "?depuis=enfant"
    assert link in person_page
    response = client.post(
        link,
        {"level": "CE2", "start": "2026-09-14", "end": "", "leaving_reason": "", "version": "1"},
    )
    assert response.url == reverse("person-detail", args=[enrolment.child_id])
    enrolment.refresh_from_db()
    assert (enrolment.level, enrolment.start, enrolment.end, enrolment.leaving_reason) == (
        "CE2",
        datetime.date(2026, 9, 14),
        None,
        "",
    )
    half = client.post(
        link,
        {
            "level": "CE2",
            "start": "2026-09-14",
            "end": "",
            "leaving_reason": "autre",
            "version": "2",
        },
    )
    assert half.status_code == 400
    assert "Indiquez la date de sortie qui va avec ce motif." in half.content.decode()


def test_the_programme_page_lists_current_and_ended(client, animator):
    programme = ProgrammeFactory(school_year=2026)
    here = EnrolmentFactory(programme=programme, start=datetime.date(2026, 9, 7))
    gone = EnrolmentFactory(
        programme=programme,
        start=datetime.date(2026, 9, 7),
        end=datetime.date(2026, 10, 16),
        leaving_reason="objectifs_atteints",
    )
    client.force_login(animator)
    html = client.get(reverse("scolaire:programme", args=[programme.pk])).content.decode()
    assert reverse("scolaire:enrolment-end", args=[here.pk]) in html
    assert reverse("scolaire:enrolment-end", args=[gone.pk]) not in html
    assert "du 07/09/2026 au 16/10/2026 · Objectifs atteints" in html
    assert html.index(here.child.pseudonym) < html.index("Sortis")
    # Outside the scolaire team, the pages do not open.
    client.force_login(make_user(Role.EDUCATEUR, "habitat", username="thomas"))
    assert client.get(reverse("scolaire:enrolment-end", args=[here.pk])).status_code == 403


def test_the_api_ends_an_enrolment_through_the_service(animator):
    from rest_framework.test import APIClient

    enrolment = EnrolmentFactory(
        programme=ProgrammeFactory(school_year=2026), start=datetime.date(2026, 9, 7)
    )
    api = APIClient()
    api.force_authenticate(animator)
    url = f"/api/v1/scolaire/enrolments/{enrolment.pk}/end/"
    refused = api.post(url, {"end": "2026-09-01", "leaving_reason": "autre", "version": 1})
    assert refused.status_code == 400
    assert "précéder l'inscription" in str(refused.json())
    response = api.post(url, {"end": "2026-11-13", "leaving_reason": "autre", "version": 1})
    assert response.status_code == 200, response.json()
    assert (response.json()["end"], response.json()["leaving_reason"]) == ("2026-11-13", "autre")
    stale = api.post(url, {"end": "2026-11-12", "leaving_reason": "autre", "version": 1})
    assert stale.status_code == 409
