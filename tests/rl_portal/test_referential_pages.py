"""Chefs de service keep their référentiels in the application's pages (/referentiels/), scoped
to their services; the Django admin is no longer theirs (issue 10, item 2)."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from habitat.models import MeetingPlace
from prevention.models import Problematique
from rl_portal.models import Commune, Partner, Quartier
from rl_portal.roles import Role
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db

USERS = {
    "chef_habitat": (Role.CHEF_SERVICE, ["habitat"]),
    "chef_prevention": (Role.CHEF_SERVICE, ["prevention", "emps"]),
    "chef_scolaire": (Role.CHEF_SERVICE, ["scolaire"]),
    "educ_prevention": (Role.EDUCATEUR, ["prevention"]),
    "direction": (Role.DIRECTION, []),
    "secretariat": (Role.SECRETARIAT, []),
    "admin": (Role.ADMINISTRATEUR, []),
}
# Which référentiels each user manages in the pages.
MANAGES = {
    "chef_habitat": {"quartiers", "partenaires", "lieux-de-rendez-vous"},
    "chef_prevention": {"quartiers", "partenaires", "problematiques"},
    "chef_scolaire": {"quartiers", "partenaires", "programmes"},
    "educ_prevention": set(),
    # The organigramme's staff positions: the direction; funders and conventions: the
    # secrétariat (they had only the Django admin).
    "direction": {"postes"},
    "secretariat": {"financeurs", "conventions"},
    "admin": {
        "quartiers",
        "partenaires",
        "problematiques",
        "lieux-de-rendez-vous",
        "programmes",
        "financeurs",
        "conventions",
        "postes",
    },
}
ALL = MANAGES["admin"]


def login(client, key):
    role, services = USERS[key]
    user = make_user(role, *services, username=key)
    client.force_login(user)
    return user


@pytest.mark.parametrize("key", USERS)
def test_who_manages_which_referential(client, key):
    login(client, key)
    index = client.get(reverse("referentials"))
    home = client.get(reverse("home")).content.decode()
    if not MANAGES[key]:
        assert index.status_code == 403
        assert reverse("referentials") not in home
    else:
        assert index.status_code == 200
        assert reverse("referentials") in home
        assert {r.slug for r in index.context["referentials"]} == MANAGES[key]
    for slug in ALL:
        expected = 200 if slug in MANAGES[key] else 403
        assert client.get(reverse("referential-list", args=[slug])).status_code == expected
        assert client.get(reverse("referential-create", args=[slug])).status_code == expected
    assert client.get(reverse("referential-list", args=["inconnu"])).status_code in (403, 404)


def test_a_chef_of_habitat_cannot_edit_the_prevention_referential(client):
    login(client, "chef_habitat")
    category = Problematique.objects.filter(parent=None).first()
    before = (category.name, category.is_active)
    url = reverse("referential-update", args=["problematiques", category.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"name": "Changé", "position": 1, "is_active": ""})
    assert response.status_code == 403
    created = client.post(
        reverse("referential-create", args=["problematiques"]), {"name": "Nouvelle", "position": 1}
    )
    assert created.status_code == 403
    category.refresh_from_db()
    assert (category.name, category.is_active) == before
    assert not Problematique.objects.filter(name="Nouvelle").exists()


def test_the_service_refuses_whoever_the_page_would_let_through():
    from django.core.exceptions import ValidationError

    from rl_portal import services
    from rl_portal.referentials import REFERENTIALS

    chef = make_user(Role.CHEF_SERVICE, "habitat", username="chef")
    with pytest.raises(ValidationError):
        services.referential_save(
            referential=REFERENTIALS["problematiques"],
            instance=None,
            data={"name": "Nouvelle", "position": 1},
            fingerprint_read=None,
            by=chef,
        )


def test_a_chef_of_prevention_adds_and_edits_a_problematique(client):
    chef = login(client, "chef_prevention")
    category = Problematique.objects.filter(parent=None).first()
    response = client.post(
        reverse("referential-create", args=["problematiques"]),
        {
            "parent": category.pk,
            "name": "Usage des écrans",
            "description": "",
            "position": 9,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    created = Problematique.objects.get(name="Usage des écrans")
    assert created.parent == category
    edit_url = reverse("referential-update", args=["problematiques", created.pk])
    form = client.get(edit_url).context["form"]
    response = client.post(
        edit_url,
        {
            "parent": category.pk,
            "name": "Usage excessif des écrans",
            "position": 9,
            "fingerprint": form["fingerprint"].value(),
        },
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.name, created.is_active) == ("Usage excessif des écrans", False)
    changes = LogEntry.objects.get_for_object(created)
    assert changes.count() == 2
    assert {entry.actor for entry in changes} == {chef}
    listing = client.get(reverse("referential-list", args=["problematiques"]), {"q": "écrans"})
    assert [record for record, _ in listing.context["rows"]] == [created]


def test_a_category_is_chosen_among_the_categories(client):
    login(client, "chef_prevention")
    sub = Problematique.objects.exclude(parent=None).first()
    response = client.post(
        reverse("referential-create", args=["problematiques"]),
        {"parent": sub.pk, "name": "Trop profond", "position": 1},
    )
    assert response.status_code == 400
    assert "parent" in response.context["form"].errors


def test_a_chef_of_habitat_keeps_the_meeting_places_and_shared_partners(client):
    login(client, "chef_habitat")
    oignies = Commune.objects.get(name="Oignies")
    response = client.post(
        reverse("referential-create", args=["lieux-de-rendez-vous"]),
        {"name": "Maison des services", "address": "1 rue Pasteur", "commune": oignies.pk},
    )
    assert response.status_code == 302
    assert MeetingPlace.objects.get(name="Maison des services").commune == oignies
    response = client.post(
        reverse("referential-create", args=["partenaires"]),
        {"name": "Mission locale de l'Artois", "kind": "mission_locale", "field": "insertion"},
    )
    assert response.status_code == 302
    assert Partner.objects.filter(name="Mission locale de l'Artois", is_active=False).exists()


def test_bad_input_gets_a_french_message(client):
    login(client, "chef_habitat")
    existing = Quartier.objects.select_related("commune").first()
    response = client.post(
        reverse("referential-create", args=["quartiers"]),
        {"commune": existing.commune.pk, "name": existing.name},
    )
    assert response.status_code == 400
    assert "existe déjà" in response.content.decode()
    assert (
        client.post(
            reverse("referential-create", args=["quartiers"]), {"commune": "abc", "name": "X"}
        ).status_code
        == 400
    )
    assert (
        client.get(reverse("referential-list", args=["quartiers"]), {"page": "abc"}).status_code
        == 200
    )


def test_a_concurrent_edit_is_refused_not_overwritten(client):
    login(client, "chef_habitat")
    quartier = Quartier.objects.select_related("commune").first()
    url = reverse("referential-update", args=["quartiers", quartier.pk])
    fingerprint = client.get(url).context["form"]["fingerprint"].value()
    data = {"commune": quartier.commune.pk, "is_qpv": "on", "fingerprint": fingerprint}
    assert client.post(url, {**data, "name": "Premier"}).status_code == 302
    second = client.post(url, {**data, "name": "Second"})
    assert second.status_code == 409
    quartier.refresh_from_db()
    assert quartier.name == "Premier"


def test_a_chef_of_scolaire_opens_next_years_programme(client):
    from rl_portal.models import Funder
    from scolaire.models import Programme

    login(client, "chef_scolaire")
    caf = Funder.objects.create(name="CAF du Pas-de-Calais", kind=Funder.Kind.choices[0][0])
    data = {
        "name": "CLAS Oignies",
        "kind": "clas",
        "site": "Centre social",
        "commune": Commune.objects.get(name="Oignies").pk,
        "public": "college",
        "school_year": 2027,
        "funders": [caf.pk],
        "is_active": "on",
    }
    response = client.post(reverse("referential-create", args=["programmes"]), data)
    assert response.status_code == 302, response.context["form"].errors
    programme = Programme.objects.get(school_year=2027)
    assert list(programme.funders.all()) == [caf]
    url = reverse("referential-update", args=["programmes", programme.pk])
    fingerprint = client.get(url).context["form"]["fingerprint"].value()
    response = client.post(url, {**data, "funders": [], "fingerprint": fingerprint})
    assert response.status_code == 302
    assert not programme.funders.exists()
    # A stale form (read before the funders changed) is refused.
    assert client.post(url, {**data, "fingerprint": fingerprint}).status_code == 409


def test_the_secretariat_keeps_funders_and_conventions_journalled(client):
    from rl_portal.models import Convention, Dispositif, Funder

    user = login(client, "secretariat")
    response = client.post(
        reverse("referential-create", args=["financeurs"]),
        {"name": "Fondation de France", "kind": Funder.Kind.choices[-1][0]},
    )
    assert response.status_code == 302
    funder = Funder.objects.get(name="Fondation de France")
    dispositif = Dispositif.objects.get(code="alt-jeunes")
    data = {
        "funder": funder.pk,
        "dispositif": dispositif.pk,
        "title": "ALT Jeunes 2027",
        "start": "2027-01-01",
        "end": "2027-12-31",
        "capacity": "12",
        "capacity_unit": "places",
        "amount": "45000",
    }
    assert client.post(reverse("referential-create", args=["conventions"]), data).status_code == 302
    convention = Convention.objects.get(title="ALT Jeunes 2027")
    assert LogEntry.objects.get_for_object(convention).get().actor == user
    # A capacity without its unit is refused in French, nothing written.
    refused = client.post(
        reverse("referential-create", args=["conventions"]),
        {**data, "title": "Sans unité", "capacity_unit": ""},
    )
    assert refused.status_code == 400
    assert "unité de la capacité" in refused.content.decode()
    assert not Convention.objects.filter(title="Sans unité").exists()
    edit = client.get(reverse("referential-update", args=["conventions", convention.pk]))
    assert 'type="date"' in edit.content.decode()
    assert 'value="2027-01-01"' in edit.content.decode()
    # The dashboard's and reports' reader, the direction, does not change conventions.
    login(client, "direction")
    url = reverse("referential-update", args=["conventions", convention.pk])
    assert client.get(url).status_code == 403
