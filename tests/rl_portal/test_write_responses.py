"""Every API write answers with the record as a read gives it: built from the same scoped
queryset, and journalled as a read (issue 10, faults 3 and 8)."""

import datetime
import inspect

import pytest
from auditlog.models import LogEntry
from rest_framework.test import APIClient

from rl_portal.api_base import ScopedResponsesMixin, ScopedSerializer
from rl_portal.api_urls import router
from rl_portal.roles import Role
from tests.prevention.factories import AccompanimentFactory, CollectiveActionFactory
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db


def api_for(user):
    api = APIClient()
    api.force_authenticate(user)
    return api


def api_reads(person):
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        object_pk=str(person.pk),
        content_type__model="person",
        additional_data={"canal": "api"},
    )


def test_patch_person_answers_only_the_users_services():
    """Fault 3: an éducateur of scolaire saw ["scolaire", "prevention"] after a PATCH."""
    educ = make_user(Role.EDUCATEUR, "scolaire")
    person = PersonFactory(pseudonym="Lina", services=["scolaire", "prevention"])
    api = api_for(educ)
    assert api.get(f"/api/v1/persons/{person.pk}/").json()["services"] == ["scolaire"]
    response = api.patch(
        f"/api/v1/persons/{person.pk}/",
        {"pseudonym": "Lina B.", "version": person.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["services"] == ["scolaire"]
    assert response.json()["pseudonym"] == "Lina B."
    # The GET and the PATCH response: two reads.
    assert api_reads(person).count() == 2


def test_put_and_post_person_answer_like_a_read():
    educ = make_user(Role.EDUCATEUR, "scolaire")
    api = api_for(educ)
    created = api.post("/api/v1/persons/", {"pseudonym": "Noé"}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["services"] == ["scolaire"]
    person = PersonFactory(pseudonym="Lina", services=["scolaire", "habitat"])
    response = api.put(
        f"/api/v1/persons/{person.pk}/",
        {"pseudonym": "Lina", "sex": "F", "version": person.version},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["services"] == ["scolaire"]
    assert api_reads(person).count() == 1


def test_collective_action_update_names_only_visible_participants():
    educ = make_user(Role.EDUCATEUR, "prevention")
    seen = PersonFactory(services=["prevention"])
    elsewhere = PersonFactory(services=["habitat"])
    action = CollectiveActionFactory()
    action.participants.set([seen, elsewhere])
    action.sessions.create(date=datetime.date(2026, 10, 21))
    url = f"/api/v1/prevention/collective-actions/{action.pk}/"
    api = api_for(educ)
    assert api.get(url).json()["participants"] == [seen.pk]
    response = api.patch(url, {"title": "Sortie plage", "version": action.version}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["participants"] == [seen.pk]
    action.refresh_from_db()
    assert set(action.participants.all()) == {seen, elsewhere}


def test_actions_answer_like_a_read_and_are_journalled():
    educ = make_user(Role.EDUCATEUR, "prevention")
    accompaniment = AccompanimentFactory(referent=educ)
    url = f"/api/v1/prevention/accompaniments/{accompaniment.pk}/"
    api = api_for(educ)
    patched = api.patch(url, {"origin": "tiers", "version": accompaniment.version}, format="json")
    assert patched.status_code == 200
    closed = api.post(
        url + "close/",
        {
            "end": "2025-05-01",
            "end_reason": "orientation",
            "version": patched.json()["version"],
            "reorientations": [{"category": "loisirs", "partner_name": "CAJ"}],
        },
        format="json",
    )
    assert closed.status_code == 200, closed.json()
    assert closed.json()["end_reason"] == "orientation"
    assert api_reads(accompaniment.person).count() == 2


WRITE_ACTIONS = {"create", "update", "partial_update"}
OFFLINE_QUEUES = {"prevention/quick-entries", "scolaire/roll-calls"}


@pytest.mark.parametrize(
    "prefix, viewset", [(prefix, viewset) for prefix, viewset, _ in router.registry]
)
def test_every_writing_viewset_answers_from_its_scoped_queryset(prefix, viewset):
    """Create and update go through ScopedSerializer.save (the record fetched again through
    the view's get_queryset); the extra actions call scoped_response. The phones' offline
    queues answer a receipt instead (ids written, French messages; names only through
    visible_to): tests/prevention/test_offline_sync.py, tests/scolaire/test_offline_roll_call.py."""
    if prefix in OFFLINE_QUEUES:
        return
    writes = WRITE_ACTIONS & set(dir(viewset))
    extra_posts = [a for a in viewset.get_extra_actions() if "post" in a.mapping]
    if not writes and not extra_posts:
        return
    assert issubclass(viewset, ScopedResponsesMixin), prefix
    assert issubclass(viewset.serializer_class, ScopedSerializer), prefix
    for extra in extra_posts:
        assert "self.scoped_response(" in inspect.getsource(extra), (prefix, extra.__name__)
