"""Homework help: roll call, referrals to prevention, scoping between services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from rl_portal.models import CaseFile
from rl_portal.roles import Role
from scolaire import services
from scolaire.models import Attendance, Referral, Session, school_year_of
from tests.habitat.factories import StayFactory
from tests.prevention.factories import AccompanimentFactory, ContactFactory
from tests.rl_portal.factories import make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_school_year():
    assert school_year_of(datetime.date(2025, 9, 1)) == 2025
    assert school_year_of(datetime.date(2026, 8, 31)) == 2025


def test_roll_call_records_every_enrolled_child(client, animator):
    today = timezone.localdate()
    programme = ProgrammeFactory()
    here, away, excused = (
        EnrolmentFactory(programme=programme, start=today - datetime.timedelta(days=30))
        for _ in range(3)
    )
    gone = EnrolmentFactory(
        programme=programme,
        start=today - datetime.timedelta(days=60),
        end=today - datetime.timedelta(days=1),
    )
    client.force_login(animator)
    url = reverse("scolaire:roll-call", args=[programme.pk])
    page = client.get(url)
    assert here.child.pseudonym in page.content.decode()
    assert f'name="e{gone.pk}"' not in page.content.decode()  # left yesterday
    # No child is absent (or present) by default: each one is chosen.
    assert " checked" not in page.content.decode()
    chosen = {
        f"e{here.pk}": "present",
        f"e{excused.pk}": "excuse",
        "start_time": "16:30",
        "end_time": "18:00",
    }
    refused = client.post(url, chosen)
    assert refused.status_code == 400
    assert f"manque {away.child.pseudonym} (CM1)" in refused.content.decode()
    assert 'value="present" checked' in refused.content.decode()  # the choices made are kept
    assert not Session.objects.exists()
    response = client.post(url, {**chosen, f"e{away.pk}": "absent"})
    assert response.status_code == 302
    session = Session.objects.get()
    assert dict(session.attendances.values_list("enrolment_id", "status")) == {
        here.pk: "present",
        away.pk: "absent",
        excused.pk: "excuse",
    }
    # A correction the same day replaces the roll call, it does not add a session.
    client.post(
        url,
        {
            f"e{here.pk}": "present",
            f"e{excused.pk}": "excuse",
            f"e{away.pk}": "present",
            "version": session.version,
            "start_time": "16:30",
            "end_time": "18:00",
        },
    )
    assert Session.objects.count() == 1
    assert Attendance.objects.get(enrolment=away).status == "present"


def test_roll_call_refuses_bad_times(client, animator):
    programme = ProgrammeFactory()
    EnrolmentFactory(programme=programme, start=timezone.localdate())
    client.force_login(animator)
    response = client.post(
        reverse("scolaire:roll-call", args=[programme.pk]),
        {"start_time": "18:00", "end_time": "16:00"},
    )
    assert response.status_code == 400
    assert not Session.objects.exists()


def test_a_session_cannot_be_recorded_in_advance(animator):
    with pytest.raises(ValidationError, match="pas à l'avance"):
        services.session_save(
            by=animator,
            programme=ProgrammeFactory(),
            date=timezone.localdate() + datetime.timedelta(days=1),
            start_time=datetime.time(16),
            end_time=datetime.time(17),
            statuses={},
        )


def test_an_individual_session_is_one_childs(animator):
    """The ADDI goes to the family's home: a session is one child's, never the roll call of
    every child enrolled."""
    today = timezone.localdate()
    programme = ProgrammeFactory(individual=True)
    lea, tom, _ = (
        EnrolmentFactory(programme=programme, start=today - datetime.timedelta(days=30))
        for _ in range(3)
    )
    times = {"start_time": datetime.time(17), "end_time": datetime.time(18)}
    with pytest.raises(ValidationError, match="un seul enfant"):
        services.session_save(
            by=animator,
            programme=programme,
            date=today,
            statuses={lea.pk: "present", tom.pk: "present"},
            **times,
        )
    with pytest.raises(ValidationError, match="un seul enfant"):
        services.session_save(by=animator, programme=programme, date=today, statuses={}, **times)
    assert not Session.objects.exists()
    session = services.session_save(
        by=animator, programme=programme, date=today, statuses={tom.pk: "present"}, **times
    )
    assert list(session.attendances.values_list("enrolment_id", "status")) == [(tom.pk, "present")]


def test_the_addi_page_records_one_visit_at_a_time(client, animator):
    today = timezone.localdate()
    programme = ProgrammeFactory(individual=True)
    lea, tom = (
        EnrolmentFactory(programme=programme, start=today - datetime.timedelta(days=30))
        for _ in range(2)
    )
    client.force_login(animator)
    url = reverse("scolaire:roll-call", args=[programme.pk])
    page = client.get(url).content.decode()
    assert "une séance par enfant" in page and f'value="{lea.pk}"' in page
    # No presence by default (issue 15): a visit without one is refused.
    assert '<option value="">— à choisir —</option>' in page and " selected" not in page
    unsaid = client.post(url, {"child": tom.pk, "start_time": "17:00", "end_time": "18:00"})
    assert unsaid.status_code == 400
    assert "Indiquez la présence" in unsaid.content.decode()
    assert not Session.objects.exists()
    post = {"child": tom.pk, "status": "present", "start_time": "17:00", "end_time": "18:00"}
    assert client.post(url, post).status_code == 302
    post = {"child": lea.pk, "status": "absent", "start_time": "18:00", "end_time": "19:00"}
    assert client.post(url, post).status_code == 302
    assert Session.objects.filter(programme=programme).count() == 2
    assert sorted(Attendance.objects.values_list("enrolment_id", "status")) == sorted(
        [(tom.pk, "present"), (lea.pk, "absent")]
    )
    refused = client.post(url, {"status": "present", "start_time": "17:00", "end_time": "18:00"})
    assert refused.status_code == 400
    assert "un seul enfant" in refused.content.decode()
    assert Session.objects.filter(programme=programme).count() == 2
    listed = client.get(url).content.decode()
    assert tom.child.pseudonym in listed and "17:00–18:00" in listed


def test_a_referral_decided_in_a_meeting_keeps_its_date(animator):
    enrolment = EnrolmentFactory(college=True)
    chef = make_user(Role.CHEF_SERVICE, "prevention", username="karim")
    today = timezone.localdate()
    referral = services.referral_send(
        by=animator,
        child=enrolment.child,
        reason="Décrochage en classe.",
        date=today - datetime.timedelta(days=10),
    )
    with pytest.raises(ValidationError, match="futur"):
        services.referral_decide(
            referral=referral, accept=True, by=chef, on=today + datetime.timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="précéder le signalement"):
        services.referral_decide(
            referral=referral, accept=True, by=chef, on=today - datetime.timedelta(days=11)
        )
    meeting = today - datetime.timedelta(days=3)
    services.referral_decide(referral=referral, accept=True, by=chef, on=meeting)
    referral.refresh_from_db()
    assert (referral.status, referral.decided_on) == ("acceptee", meeting)
    opened = CaseFile.objects.get(person=enrolment.child, service__code="prevention").opened_on
    assert opened == meeting


def test_referral_to_prevention(client, animator):
    enrolment = EnrolmentFactory()
    child = enrolment.child
    client.force_login(animator)
    client.post(
        reverse("scolaire:referral-send", args=[child.pk]), {"reason": "Absences répétées, repli."}
    )
    referral = Referral.objects.get()
    assert referral.status == "en_attente"
    # An éducateur of prevention may not decide; the chef de service does.
    client.force_login(make_user(Role.EDUCATEUR, "prevention", username="julie"))
    assert client.get(reverse("scolaire:referrals")).status_code == 403
    chef = make_user(Role.CHEF_SERVICE, "prevention", username="karim")
    client.force_login(chef)
    assert "Absences répétées" in client.get(reverse("scolaire:referrals")).content.decode()
    client.post(reverse("scolaire:referrals"), {"referral": referral.pk, "decision": "accepter"})
    referral.refresh_from_db()
    assert referral.status == "acceptee" and referral.decided_by == chef
    assert CaseFile.objects.filter(person=child, service__code="prevention").exists()
    # The child's page shows it to the scolaire team.
    client.force_login(animator)
    assert (
        "Acceptée par la prévention"
        in client.get(reverse("person-detail", args=[child.pk])).content.decode()
    )
    with pytest.raises(ValidationError, match="déjà reçu une suite"):
        services.referral_decide(referral=referral, accept=False, by=chef)


def test_a_scolaire_user_reads_no_prevention_or_habitat_record(client, animator):
    enrolment = EnrolmentFactory()
    child = enrolment.child
    # The same child is also accompanied by prevention and housed by habitat.
    CaseFile.objects.create(person=child, service_id=1, opened_on=datetime.date(2025, 1, 1))
    accompaniment = AccompanimentFactory(person=child)
    ContactFactory(person=child)
    stay = StayFactory(person=child)
    client.force_login(animator)
    html = client.get(reverse("person-detail", args=[child.pk])).content.decode()
    assert "titre-prevention" not in html and "titre-habitat" not in html
    assert client.get(
        reverse("prevention:accompaniment-detail", args=[accompaniment.pk])
    ).status_code in (403, 404)
    assert client.get(reverse("habitat:board")).status_code == 403
    api = APIClient()
    api.force_authenticate(animator)
    for url in [
        "/api/v1/prevention/accompaniments/",
        "/api/v1/prevention/contacts/",
        "/api/v1/habitat/stays/",
    ]:
        assert api.get(url).json()["results"] == [], url
    assert api.get(f"/api/v1/habitat/stays/{stay.pk}/").status_code == 404


def test_api_is_scoped_to_the_scolaire_service(animator):
    enrolment = EnrolmentFactory()
    api = APIClient()
    api.force_authenticate(animator)
    assert [e["id"] for e in api.get("/api/v1/scolaire/enrolments/").json()["results"]] == [
        enrolment.pk
    ]
    assert len(api.get("/api/v1/scolaire/programmes/").json()["results"]) == 1
    other = APIClient()
    other.force_authenticate(make_user(Role.EDUCATEUR, "prevention", username="julie"))
    assert other.get("/api/v1/scolaire/enrolments/").json()["results"] == []
    assert other.get("/api/v1/scolaire/programmes/").json()["results"] == []
    session = api.post(
        "/api/v1/scolaire/sessions/",
        {
            "programme": enrolment.programme.pk,
            "date": timezone.localdate().isoformat(),
            "start_time": "16:30",
            "end_time": "18:00",
            "attendances": [{"enrolment": enrolment.pk, "status": "present"}],
        },
        format="json",
    )
    assert session.status_code == 201, session.json()
    assert session.json()["attendances"] == [{"enrolment": enrolment.pk, "status": "present"}]


def test_roll_call_journals_each_attendance_and_a_correction_as_one_change(animator):
    """Issue 10, item 7: a roll call of twelve children journals twelve creations; correcting
    one child from absent to present journals that one change — not twelve deletions."""
    from auditlog.context import set_actor
    from auditlog.models import LogEntry

    today = timezone.localdate()
    programme = ProgrammeFactory()
    enrolments = [
        EnrolmentFactory(programme=programme, start=today - datetime.timedelta(days=30))
        for _ in range(12)
    ]
    times = {"start_time": datetime.time(16, 30), "end_time": datetime.time(18)}
    # Each child's status is chosen (issue 15): everyone absent, then one correction.
    absent = {enrolment.pk: "absent" for enrolment in enrolments}
    with set_actor(animator):  # as the request's middleware does
        session = services.session_save(
            by=animator, programme=programme, date=today, statuses=absent, **times
        )

    def journal():
        return LogEntry.objects.filter(
            content_type__model="attendance", content_type__app_label="scolaire"
        )

    created = journal().filter(action=LogEntry.Action.CREATE)
    assert created.count() == 12
    assert {entry.actor for entry in created} == {animator}
    before = journal().count()
    late = enrolments[4]
    with set_actor(animator):
        services.session_save(
            by=animator,
            programme=programme,
            date=today,
            statuses={**absent, late.pk: "present"},
            session=session,
            version=session.version,
            **times,
        )
    entries = list(journal().order_by("pk")[before:])
    assert [(e.action, e.object_id) for e in entries] == [
        (LogEntry.Action.UPDATE, Attendance.objects.get(enrolment=late).pk)
    ]
    assert entries[0].changes["status"] == ["absent", "present"]
