"""A household without the Django admin (issue 15: « no everyday task needs the admin »): the
habitat team creates it from the applicant's page, describes it (its composition is counted in
the habitat bilans: chosen, never preselected), adds and removes members found by search,
versioned and journalled."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from rl_portal import services
from rl_portal.models import Household, HouseholdMember
from rl_portal.roles import Role
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return make_user(Role.EDUCATEUR, "habitat")


@pytest.fixture
def logged(client, worker):
    client.force_login(worker)
    return client


def test_create_a_household_from_the_applicants_page(logged, worker):
    applicant = PersonFactory(pseudonym="Inès", services=["habitat"], adult=True)
    page = logged.get(reverse("person-detail", args=[applicant.pk])).content.decode()
    url = reverse("household-create", args=[applicant.pk])
    assert url in page
    form = logged.get(url).content.decode()
    assert '<option value="" selected>— à choisir —</option>' in form  # composition
    refused = logged.post(url, {"label": "Inès"})
    assert refused.status_code == 400
    assert not Household.objects.exists()
    created = logged.post(url, {"label": "Inès", "composition": "monoparentale"})
    household = Household.objects.get()
    assert created.status_code == 302
    assert created["Location"] == reverse("household-detail", args=[household.pk])
    member = household.memberships.get()
    assert (member.person, member.role) == (applicant, HouseholdMember.Role.APPLICANT)
    assert LogEntry.objects.filter(
        object_pk=str(household.pk), action=LogEntry.Action.CREATE
    ).exists()


def test_add_and_remove_members_found_by_search(logged, worker):
    applicant = PersonFactory(pseudonym="Inès", services=["habitat"], adult=True)
    household = services.household_create(
        applicant=applicant, data={"label": "Inès", "composition": "monoparentale"}, by=worker
    )
    child = PersonFactory(pseudonym="Lina", services=["habitat"], minor=True)
    elsewhere = PersonFactory(pseudonym="Léo", services=["prevention"])
    url = reverse("household-detail", args=[household.pk])
    page = logged.get(url).content.decode()
    assert "Lina" not in page  # the page holds no list of persons: the picker searches
    no_role = logged.post(url, {"form": "member", "person": child.pk})
    assert no_role.status_code == 400
    hidden = logged.post(url, {"form": "member", "person": elsewhere.pk, "role": "enfant"})
    assert hidden.status_code == 400
    added = logged.post(url, {"form": "member", "person": child.pk, "role": "enfant"})
    assert added.status_code == 302
    assert set(household.members.all()) == {applicant, child}
    twice = logged.post(url, {"form": "member", "person": child.pk, "role": "enfant"})
    assert "fait déjà partie du ménage" in twice.content.decode()
    member = household.memberships.get(person=child)
    logged.post(url, {"form": "remove", "member": member.pk})
    assert list(household.members.all()) == [applicant]
    last = household.memberships.get()
    logged.post(url, {"form": "remove", "member": last.pk})
    assert list(household.members.all()) == [applicant]  # never empty


def test_concurrent_descriptions_do_not_overwrite_each_other(logged, worker):
    applicant = PersonFactory(services=["habitat"], adult=True)
    household = services.household_create(
        applicant=applicant, data={"label": "A", "composition": "personne_seule"}, by=worker
    )
    read = household.version
    services.household_update(
        household=household,
        data={"label": "A", "composition": "couple"},
        version=read,
        by=worker,
    )
    url = reverse("household-detail", args=[household.pk])
    stale = logged.post(
        url, {"form": "household", "label": "A", "composition": "personne_seule", "version": read}
    )
    assert stale.status_code == 409
    household.refresh_from_db()
    assert household.composition == "couple"


def test_other_services_cannot_reach_the_household(client, worker):
    applicant = PersonFactory(services=["habitat"], adult=True)
    household = services.household_create(
        applicant=applicant, data={"label": "A", "composition": "personne_seule"}, by=worker
    )
    client.force_login(make_user(Role.EDUCATEUR, "prevention"))
    assert client.get(reverse("household-detail", args=[household.pk])).status_code == 404
    assert client.get(reverse("household-create", args=[applicant.pk])).status_code == 404
