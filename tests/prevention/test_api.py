"""The prevention API: every endpoint serves its records, scoped; bad input is refused in
French and stores nothing (property-based for time entries and accompaniments)."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prevention.models import (
    Accompaniment,
    CollectiveAction,
    Contact,
    InstanceMeeting,
    NetworkReception,
    Problematique,
    TimeEntry,
)
from rl_portal.models import Commune
from rl_portal.roles import Role
from tests.prevention.conftest import client_for
from tests.prevention.factories import (
    AccompanimentFactory,
    CollectiveActionFactory,
    ContactFactory,
    InstanceMeetingFactory,
    NetworkReceptionFactory,
    TimeEntryFactory,
    dispositif,
)
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db
BASE = "/api/v1/prevention"
# Phrases of Django's and DRF's English messages: none may reach a French user.
ENGLISH = ("This field", "A valid", "is not a valid", "Ensure", "must be", "Invalid")


@pytest.fixture
def records(educ):
    youth = PersonFactory(pseudonym="Yanis", services=["prevention"])
    return {
        "time-entries": TimeEntryFactory(educator=educ),
        "contacts": ContactFactory(person=youth, educator=educ),
        "accompaniments": AccompanimentFactory(person=youth, referent=educ),
        "collective-actions": CollectiveActionFactory(created_by=educ),
        "network-receptions": NetworkReception.objects.create(
            dispositif=dispositif(),
            network="mds",
            date=datetime.date(2025, 3, 1),
            youths=3,
            days=2,
            created_by=educ,
        ),
        "instance-meetings": InstanceMeeting.objects.create(
            dispositif=dispositif(),
            instance="cls",
            name="CLS Oignies",
            date=datetime.date(2025, 3, 1),
            created_by=educ,
        ),
    }


ENDPOINTS = [
    "time-entries",
    "contacts",
    "accompaniments",
    "collective-actions",
    "network-receptions",
    "instance-meetings",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    ("role", "services", "sees"),
    [
        (Role.EDUCATEUR, ["prevention"], True),
        (Role.CHEF_SERVICE, ["prevention", "emps"], True),
        (Role.DIRECTION, [], True),
        (Role.EDUCATEUR, ["habitat"], False),
        (Role.EDUCATEUR, ["emps"], False),
        (Role.SECRETARIAT, [], None),
    ],
)
def test_endpoints_are_scoped(records, endpoint, role, services, sees):
    client = client_for(make_user(role, *services, username="lecteur"))
    record = records[endpoint]
    listing = client.get(f"{BASE}/{endpoint}/")
    detail = client.get(f"{BASE}/{endpoint}/{record.pk}/")
    if sees is None:  # the secrétariat reads aggregated reports only
        assert listing.status_code == 403
        assert detail.status_code == 403
    elif sees:
        assert listing.status_code == 200
        assert [item["id"] for item in listing.json()["results"]] == [record.pk]
        assert detail.status_code == 200
    else:
        assert listing.status_code == 200
        assert listing.json()["results"] == []
        assert detail.status_code == 404


def test_time_entry_fields_and_defaults(api, educ):
    response = api.post(
        f"{BASE}/time-entries/",
        {"dispositif": "sps", "date": "2025-03-03", "hours": "1.75", "activity": "formation"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert set(body) == {
        "id",
        "educator",
        "dispositif",
        "date",
        "hours",
        "activity",
        "commune",
        "quartier",
        "accompaniment",
        "action",
        "note",
        "online",
        "version",
        "warnings",
    }
    assert body["educator"] == educ.pk
    assert body["hours"] == 1.75


@pytest.mark.parametrize("hours", ["2h30", "2:30", "2,5", 2.5])
def test_time_entry_hours_as_people_write_them(api, hours):
    response = api.post(
        f"{BASE}/time-entries/",
        {"dispositif": "sps", "date": "2025-03-03", "hours": hours, "activity": "formation"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["hours"] == 2.5


def test_time_entry_cannot_link_an_accompaniment_of_another_service(api):
    emps_accompaniment = AccompanimentFactory(
        dispositif=dispositif("emps"), person=PersonFactory(services=["emps"])
    )
    response = api.post(
        f"{BASE}/time-entries/",
        {
            "dispositif": "sps",
            "date": "2025-03-03",
            "hours": "1",
            "activity": "accompagnement_individuel",
            "accompaniment": emps_accompaniment.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "accompaniment" in response.json()
    assert not TimeEntry.objects.exists()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    hours=st.one_of(
        st.decimals(allow_nan=True, allow_infinity=False, places=3, min_value=-50, max_value=50),
        st.text(max_size=6),
        st.integers(min_value=-100, max_value=100),
    ),
    activity=st.sampled_from(["travail_de_rue", "formation", "inconnue", ""]),
    date=st.one_of(
        st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 1, 1)),
        st.text(max_size=10),
    ),
)
def test_time_entry_input_is_valid_or_refused_in_french(api, hours, activity, date):
    before = TimeEntry.objects.count()
    response = api.post(
        f"{BASE}/time-entries/",
        {"dispositif": "sps", "date": str(date), "hours": str(hours), "activity": activity},
        format="json",
    )
    assert response.status_code in (201, 400), response.content
    if response.status_code == 400:
        assert TimeEntry.objects.count() == before
        errors = response.json()
        text = " ".join(str(v) for v in errors.values())
        # French messages, never Django's or DRF's English ones.
        assert not any(english in text for english in ENGLISH)
    else:
        entry = TimeEntry.objects.get(pk=response.json()["id"])
        assert entry.hours > 0 and (entry.hours * 4) % 1 == 0
        TimeEntry.objects.filter(pk=entry.pk).delete()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(["paei", "asep", "autre", ""]),
    situation=st.sampled_from(["college", "descolarise", "inconnue"]),
    start=st.one_of(
        st.dates(min_value=datetime.date(1995, 1, 1), max_value=datetime.date(2030, 1, 1)),
        st.just("pas une date"),
    ),
    with_problematique=st.booleans(),
    co=st.lists(st.sampled_from(["ase", "sante", "martiens"]), max_size=3),
)
def test_accompaniment_input_is_valid_or_refused_in_french(
    api, educ, kind, situation, start, with_problematique, co
):
    youth = PersonFactory(services=["prevention"])
    before = Accompaniment.objects.count()
    payload = {
        "person": youth.pk,
        "dispositif": "sps",
        "kind": kind,
        "referent": educ.pk,
        "start": str(start),
        "situation": situation,
        "co_accompaniments": co,
        "problematiques": [Problematique.objects.filter(parent__isnull=False).first().pk]
        if with_problematique
        else [],
    }
    response = api.post(f"{BASE}/accompaniments/", payload, format="json")
    assert response.status_code in (201, 400), response.content
    if response.status_code == 400:
        assert Accompaniment.objects.count() == before
        text = str(response.json())
        assert not any(english in text for english in ENGLISH)
    else:
        assert kind in ("paei", "asep")
        Accompaniment.objects.filter(pk=response.json()["id"]).delete()


def test_accompaniment_update_and_close(api, educ):
    accompaniment = AccompanimentFactory(referent=educ)
    url = f"{BASE}/accompaniments/{accompaniment.pk}/"
    assert api.patch(url, {"origin": "tiers"}, format="json").status_code == 400  # no version
    response = api.patch(url, {"origin": "tiers", "version": accompaniment.version}, format="json")
    assert response.status_code == 200
    version = response.json()["version"]
    stale = api.post(
        url + "close/",
        {"end": "2025-05-01", "end_reason": "orientation", "version": version - 1},
        format="json",
    )
    assert stale.status_code in (400, 409)
    closed = api.post(
        url + "close/",
        {
            "end": "2025-05-01",
            "end_reason": "orientation",
            "version": version,
            "reorientations": [{"category": "loisirs", "partner_name": "CAJ"}],
        },
        format="json",
    )
    assert closed.status_code == 200, closed.json()
    assert closed.json()["end_reason"] == "orientation"
    assert closed.json()["reorientations"] == [
        {"category": "loisirs", "partner": None, "partner_name": "CAJ"}
    ]


def test_concurrent_accompaniment_edit_gets_409(api, educ):
    accompaniment = AccompanimentFactory(referent=educ)
    url = f"{BASE}/accompaniments/{accompaniment.pk}/"
    version = api.get(url).json()["version"]
    assert api.patch(url, {"origin": "tiers", "version": version}, format="json").status_code == 200
    second = api.patch(url, {"origin": "partenaire", "version": version}, format="json")
    assert second.status_code == 409
    assert Accompaniment.objects.get(pk=accompaniment.pk).origin == "tiers"


def test_collective_action_round_trip(api):
    youth = PersonFactory(services=["prevention"])
    oignies = Commune.objects.get(name="Oignies")
    payload = {
        "dispositif": "sps",
        "title": "Futsal",
        "kind": "action_collective",
        "commune": oignies.pk,
        "sessions": ["2025-03-01", "2025-03-08"],
        "headcounts": [{"age_band": "11_14", "sex": "M", "count": 12}],
        "participants": [youth.pk],
        "families": 2,
    }
    # Counted in the EMPS bilan (DSL « à l'initiative » / « en associé »): asked, not defaulted.
    unsaid = api.post(f"{BASE}/collective-actions/", payload, format="json")
    assert unsaid.status_code == 400
    assert "initiated_by_service" in unsaid.json()
    payload["initiated_by_service"] = True
    response = api.post(f"{BASE}/collective-actions/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["sessions"] == ["2025-03-01", "2025-03-08"]
    assert body["headcounts"] == [{"age_band": "11_14", "sex": "M", "count": 12}]
    assert body["participants"] == [youth.pk]
    bad = api.post(f"{BASE}/collective-actions/", {**payload, "sessions": []}, format="json")
    assert bad.status_code == 400
    assert CollectiveAction.objects.count() == 1


def test_contact_of_an_invisible_youth_is_refused(api):
    stranger = PersonFactory(services=["habitat"])
    response = api.post(
        f"{BASE}/contacts/",
        {
            "person": stranger.pk,
            "dispositif": "sps",
            "date": "2025-03-03",
            "mode": "travail_de_rue",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "person" in response.json()
    assert not Contact.objects.exists()


def test_network_reception_needs_a_duration(api):
    response = api.post(
        f"{BASE}/network-receptions/",
        {"dispositif": "sps", "network": "adae_reparation", "date": "2025-03-03", "youths": 2},
        format="json",
    )
    assert response.status_code == 400
    assert "durée" in str(response.json())
    assert not NetworkReception.objects.exists()


def test_time_entry_update_needs_the_version_and_refuses_a_stale_one(api, educ):
    entry = TimeEntryFactory(educator=educ)
    url = f"{BASE}/time-entries/{entry.pk}/"
    assert api.patch(url, {"hours": "3"}, format="json").status_code == 400
    version = api.get(url).json()["version"]
    assert api.patch(url, {"hours": "3", "version": version}, format="json").status_code == 200
    stale = api.patch(url, {"hours": "4", "version": version}, format="json")
    assert stale.status_code == 409
    entry.refresh_from_db()
    assert entry.hours == 3


def test_a_contact_is_corrected_and_deleted_through_the_api_by_its_educator(api, educ, chef):
    """Issue 15: the contacts endpoint takes PATCH (with the version read) and DELETE, through
    the services; a colleague's meeting is refused, the chef de service's allowed."""
    contact = ContactFactory(educator=educ, date=datetime.date(2026, 11, 10))
    url = f"{BASE}/contacts/{contact.pk}/"
    assert (
        api.patch(url, {"mode": "presence_sociale"}, format="json").status_code == 400
    )  # no version
    version = api.get(url).json()["version"]
    response = api.patch(url, {"mode": "presence_sociale", "version": version}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["mode"] == "presence_sociale"
    stale = api.patch(url, {"mode": "promeneur_du_net", "version": version}, format="json")
    assert stale.status_code == 409
    other = PersonFactory(services=["prevention"])
    moved = api.patch(url, {"person": other.pk, "version": version + 1}, format="json")
    assert moved.status_code == 400
    assert "supprimez-la" in str(moved.json())
    colleague = client_for(make_user(Role.EDUCATEUR, "prevention", username="yasmine"))
    refused = colleague.delete(url)
    assert refused.status_code == 400
    assert "vos propres saisies" in str(refused.json())
    assert client_for(chef).delete(url).status_code == 204
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_network_receptions_and_meetings_are_corrected_through_the_api(api, educ):
    reception = NetworkReceptionFactory(created_by=educ)
    url = f"{BASE}/network-receptions/{reception.pk}/"
    version = api.get(url).json()["version"]
    response = api.patch(url, {"youths": 3, "version": version}, format="json")
    assert response.status_code == 200, response.json()
    refused = api.patch(url, {"days": 0, "hours": 0, "version": version + 1}, format="json")
    assert refused.status_code == 400
    reception.refresh_from_db()
    assert (reception.youths, reception.days) == (3, 1)
    assert api.delete(url).status_code == 204
    meeting = InstanceMeetingFactory(created_by=educ)
    assert api.delete(f"{BASE}/instance-meetings/{meeting.pk}/").status_code == 204
    assert not NetworkReception.objects.exists() and not InstanceMeeting.objects.exists()


def test_only_the_services_staff_can_be_named_referent(api):
    outsider = make_user(Role.EDUCATEUR, "habitat", username="hab")
    youth = PersonFactory(services=["prevention"])
    response = api.post(
        f"{BASE}/accompaniments/",
        {
            "person": youth.pk,
            "dispositif": "sps",
            "kind": "asep",
            "referent": outsider.pk,
            "start": "2025-02-01",
            "situation": "college",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "referent" in response.json()
