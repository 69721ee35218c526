"""Issue 10, item 9: bad input is a 4xx with a French message, never a server error.

Each reproduction of the issue is a test; the kind is covered by rl_portal/inputs.py (the one
place views parse request data by hand) and by the API's JSON parser (depth, huge numbers, NUL)."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from reporting.documents import DEFINITIONS
from rl_portal.roles import Role
from tests.prevention.factories import AccompanimentFactory, YouthFactory
from tests.rl_portal.factories import PersonFactory, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def api_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def direction():
    return make_user(Role.DIRECTION, username="dir")


@pytest.fixture
def educ():
    return make_user(Role.EDUCATEUR, "prevention", username="julie")


def french(response) -> str:
    text = response.content.decode()
    assert any(word in text for word in ("date", "période", "Période", "année", "nombre")), text
    return text


@pytest.mark.parametrize(
    "query",
    [
        {"start": "0001-01-01", "end": "0001-12-31"},
        {"start": "9999-01-01", "end": "9999-12-31"},
        {"start": "0001-01-01", "end": "0001-01-01"},
    ],
)
def test_a_report_of_year_one_is_refused_in_every_format(client, direction, query):
    client.force_login(direction)
    api = api_for(direction)
    for slug in ("sps-departement", "association-annuelle"):
        response = api.get(f"/api/v1/reports/{slug}/", query)
        assert response.status_code == 400, slug
        assert "entre" in str(response.json())
        for name in ("pdf", "xlsx"):
            response = client.get(reverse(f"reporting:{name}", args=[slug]), query)
            assert response.status_code == 400, (slug, name)
            french(response)
        page = client.get(reverse("reporting:report", args=[slug]), query)
        assert page.status_code in (302, 400)


def test_every_report_refuses_a_period_out_of_range(direction):
    api = api_for(direction)
    for slug in DEFINITIONS:
        response = api.get(f"/api/v1/reports/{slug}/", {"start": "0001-01-01", "end": "0001-12-31"})
        assert response.status_code == 400, slug


def test_a_deeply_nested_json_body_is_a_400(educ):
    body = "[" * 100_000 + "]" * 100_000
    response = api_for(educ).post("/api/v1/persons/", body, content_type="application/json")
    assert response.status_code == 400
    assert "imbriqué" in response.json()["detail"]


def test_a_moderately_nested_body_is_still_read(educ):
    body = {"pseudonym": "Noé", "service": "prevention"}
    response = api_for(educ).post(
        "/api/v1/persons/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201


@pytest.mark.parametrize("version", [10**30, 2**63, -(2**63) - 1, 2**31])
def test_a_huge_version_is_a_400(educ, version):
    accompaniment = AccompanimentFactory(referent=educ)
    response = api_for(educ).patch(
        f"/api/v1/prevention/accompaniments/{accompaniment.pk}/",
        json.dumps({"version": version, "situation": "x"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "version" in response.json() or "detail" in response.json()


def test_a_huge_id_in_a_url_is_a_404(educ):
    api = api_for(educ)
    for url in (
        f"/api/v1/persons/{10**30}/",
        f"/api/v1/prevention/accompaniments/{2**63}/",
    ):
        assert api.get(url).status_code == 404, url


def test_a_nul_character_is_a_400(educ, client):
    api = api_for(educ)
    response = api.post(
        "/api/v1/persons/",
        json.dumps({"pseudonym": "No\u0000é", "service": "prevention"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    client.force_login(educ)
    response = client.get(reverse("person-list"), {"commune": "1\x00"})
    assert response.status_code == 400
    assert "caractère nul" in response.content.decode()
    response = client.post(reverse("person-list"), {"q": "Yan\x00is"})
    assert response.status_code == 400


def test_quick_youth_creation_with_an_unknown_dispositif(client, educ):
    client.force_login(educ)
    response = client.post(
        reverse("prevention:youth-create"),
        {"dispositif": "abc", "new-pseudonym": "Noé", "new-sex": "U"},
    )
    assert response.status_code == 400
    assert "dispositif" in response.content.decode()


def test_quick_entry_with_youths_that_are_not_ids(client, educ):
    client.force_login(educ)
    response = client.post(reverse("prevention:quick-entry"), {"youths": ["abc"]})
    assert response.status_code == 400
    assert "jeune" in response.content.decode()


def test_quick_entry_with_a_huge_youth_id(client, educ):
    client.force_login(educ)
    YouthFactory()
    response = client.post(reverse("prevention:quick-entry"), {"youths": [str(10**30)]})
    assert response.status_code == 400


@pytest.mark.parametrize("month", ["9999-12", "0000-01", "2025-13", "abc", "2025-1-1"])
def test_rents_of_an_impossible_month(client, month):
    client.force_login(make_user(Role.EDUCATEUR, "habitat", username="worker"))
    response = client.get(reverse("habitat:rents"), {"mois": month})
    assert response.status_code == 400
    assert "mois" in response.content.decode()


def test_rents_of_a_month(client):
    client.force_login(make_user(Role.EDUCATEUR, "habitat", username="worker"))
    assert client.get(reverse("habitat:rents"), {"mois": "2026-10"}).status_code == 200
    assert client.get(reverse("habitat:rents")).status_code == 200


@pytest.mark.parametrize("version", ["abc", str(10**30)])
def test_roll_call_with_a_version_that_is_not_one(client, version):
    animator = make_user(Role.EDUCATEUR, "scolaire", username="anim")
    programme = ProgrammeFactory(school_year=2026)
    EnrolmentFactory(programme=programme, start=programme_start())
    client.force_login(animator)
    response = client.post(reverse("scolaire:roll-call", args=[programme.pk]), {"version": version})
    assert response.status_code == 400
    assert "version" in response.content.decode()


def programme_start():
    import datetime

    return datetime.date(2026, 9, 1)


@pytest.mark.parametrize("referral", ["abc", str(10**30), "-1"])
def test_a_referral_that_is_not_an_id(client, referral):
    client.force_login(make_user(Role.CHEF_SERVICE, "prevention", username="chef"))
    response = client.post(reverse("scolaire:referrals"), {"referral": referral})
    assert response.status_code in (400, 404)
    if referral == "abc":
        assert response.status_code == 400
        assert "orientation" in response.content.decode()


def test_a_person_filter_with_a_huge_id(educ):
    PersonFactory(services=["prevention"])
    api = api_for(educ)
    assert api.get("/api/v1/persons/", {"commune": str(10**30)}).status_code == 400


def test_request_data_is_parsed_by_the_shared_helpers_only():
    """The kind, not the instance: no view converts request data by hand, and every integer a
    form or a serializer declares is bounded (rl_portal.inputs, form_helpers, api_base)."""
    import re
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    by_hand = re.compile(
        r"(?<![\w.])int\((self\.)?request\.|fromisoformat\(request\.|"
        r"request\.(GET|POST)\.getlist\(|(?<!rl_portal\.)\b(forms|serializers)\.IntegerField\("
    )
    offenders = []
    for app in ("rl_portal", "prevention", "habitat", "scolaire", "reporting", "reportkit"):
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if by_hand.search(line) and path.name not in {"inputs.py"}:
                    if "class IntegerField(" in line:
                        continue
                    offenders.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    assert offenders == []


@pytest.mark.parametrize(
    "overrides",
    [
        {"version": 10**30},
        {"version": -1},
        {"statuses": {str(10**30): "present"}},
        {"statuses": {"²": "present"}},
    ],
)
def test_an_offline_roll_call_with_numbers_that_are_not_ids(overrides):
    """The offline roll call (sent later by a phone) reads its version and enrolment ids with
    the same bounds as every other input."""
    from tests.scolaire.test_offline_roll_call import roll_call

    animator = make_user(Role.EDUCATEUR, "scolaire", username="anim")
    programme = ProgrammeFactory(school_year=2026)
    children = [EnrolmentFactory(programme=programme, start=programme_start()) for _ in range(2)]
    response = api_for(animator).post(
        "/api/v1/scolaire/roll-calls/", roll_call(children, **overrides), format="json"
    )
    assert response.status_code == 400
