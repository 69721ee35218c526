"""The person pages: search without names in URLs, forms, concurrent edits, query counts."""

import pytest
from django.urls import reverse

from rl_portal.models import Commune, Person
from rl_portal.roles import Role
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db


def test_search_is_posted_and_filters(logged_in):
    PersonFactory(pseudonym="Yanis", services=["prevention"])
    PersonFactory(pseudonym="Lina", last_name="Yanisse", services=["prevention"])
    PersonFactory(pseudonym="Tom", services=["prevention"])
    response = logged_in.post(reverse("person-list"), {"q": "yanis"})
    assert {p.pseudonym for p in response.context["page"]} == {"Yanis", "Lina"}
    accents = logged_in.post(reverse("person-list"), {"q": "YANÎS"})
    assert accents.context["page"].paginator.count == 2
    # A search text in the URL is ignored: names stay out of URLs and logs.
    response = logged_in.get(reverse("person-list") + "?q=yanis")
    assert response.context["page"].paginator.count == 3


def test_htmx_gets_only_the_results(logged_in):
    PersonFactory(pseudonym="Yanis", services=["prevention"])
    response = logged_in.post(reverse("person-list"), {"q": "ya"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Yanis" in html
    assert "navbar" not in html


def test_filter_by_commune_and_pagination(logged_in):
    oignies = Commune.objects.get(name="Oignies")
    PersonFactory.create_batch(30, commune=oignies, services=["prevention"])
    PersonFactory.create_batch(3, services=["prevention"])
    response = logged_in.get(reverse("person-list"), {"commune": oignies.pk})
    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"]) == 25
    page2 = logged_in.post(reverse("person-list"), {"commune": oignies.pk, "page": 2})
    assert len(page2.context["page"]) == 5


def test_create_with_a_pseudonym_only(logged_in, educator):
    response = logged_in.post(
        reverse("person-create"),
        {
            "pseudonym": "Nour",
            "sex": "NR",
            "service": educator.services.get().pk,
            "ase_history": "unknown",
        },
    )
    person = Person.objects.get(pseudonym="Nour")
    assert response.status_code == 302
    assert response["Location"] == reverse("person-detail", args=[person.pk])
    assert person.case_files.get().service.code == "prevention"
    assert person.ase_history is None


def test_bad_input_keeps_what_was_typed(logged_in, educator):
    response = logged_in.post(
        reverse("person-create"),
        {"pseudonym": "Nour", "birth_date": "2099-01-01", "service": educator.services.get().pk},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "La date de naissance ne peut pas être dans le futur." in html
    assert 'value="Nour"' in html
    assert not Person.objects.exists()


def test_concurrent_edit_in_the_browser(logged_in):
    person = PersonFactory(pseudonym="Avant", services=["prevention"])
    stale_version = person.version
    # Someone else saves first.
    person.pseudonym = "Collègue"
    person.save()
    response = logged_in.post(
        reverse("person-update", args=[person.pk]),
        {"pseudonym": "Moi", "sex": "F", "version": stale_version, "ase_history": "unknown"},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "modifiée par quelqu&#x27;un d&#x27;autre" in html
    assert 'value="Moi"' in html  # the user's input is not lost
    person.refresh_from_db()
    assert person.pseudonym == "Collègue"


def test_home_shows_real_figures(logged_in):
    PersonFactory.create_batch(4, services=["prevention"])
    PersonFactory.create_batch(2, services=["habitat"])
    response = logged_in.get(reverse("home"))
    table = response.context["persons_table"]
    assert [row.label for row in table.rows] == ["Prévention spécialisée"]
    assert table.rows[0].cells[0] == 4


def test_direction_home_shows_every_service_and_funding(client):
    from tests.rl_portal.factories import ConventionFactory

    client.force_login(make_user(Role.DIRECTION, username="dir"))
    PersonFactory.create_batch(2, services=["prevention"])
    PersonFactory(services=["habitat"])
    ConventionFactory(amount=1000, is_call_for_projects=True)
    response = client.get(reverse("home"))
    persons = response.context["persons_table"]
    assert {row.label: row.cells[0] for row in persons.rows} == {
        "Habitat": 1,
        "Prévention spécialisée": 2,
    }
    assert "funding_table" in response.context


def test_pages_are_french(logged_in):
    html = logged_in.get(reverse("person-list")).content.decode()
    assert '<html lang="fr">' in html
    assert "Personnes" in html
