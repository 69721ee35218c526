"""Issue 15 (no everyday task needs the Django admin): the scolaire team enrols a child from
the programme's page (the child found by searching — two "Enzo" in 4e told apart by their
school — or created there) and from the child's page (the programme chosen), through
`services.enrolment_create`; the level is never preselected (the bilans count it)."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from rl_portal.models import CaseFile, Partner, Person
from rl_portal.roles import Role
from scolaire import services
from scolaire.models import Enrolment
from tests.rl_portal.factories import PartnerFactory, PersonFactory, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 17)  # tests/conftest.py FROZEN_NOW


def pick(client, text, field="child"):
    return client.post(
        reverse("person-pick"),
        {"picker": "scolaire-children", "field": field, f"{field}__q": text},
    )


@pytest.fixture
def two_enzos():
    """Two boys called Enzo, both in 4e last year, in two collèges."""
    last_year = ProgrammeFactory(school_year=2025)
    enzos = []
    for school in ("Collège Jean Jaurès", "Collège Pasteur"):
        enrolment = EnrolmentFactory(
            programme=last_year,
            child__pseudonym="Enzo",
            child__sex="M",
            child__birth_year=2012,
            level="4e",
            school=PartnerFactory(name=school, kind=Partner.Kind.COLLEGE),
        )
        enzos.append(enrolment.child)
    return enzos


def test_a_known_child_is_enrolled_journalled_and_once_only(animator):
    programme = ProgrammeFactory(school_year=2026)
    child = PersonFactory(pseudonym="Lina", services=["scolaire"])
    enrolment = services.enrolment_create(
        by=animator, programme=programme, child=child, start=TODAY, level="CM2"
    )
    assert (enrolment.child, enrolment.level, enrolment.start) == (child, "CM2", TODAY)
    assert LogEntry.objects.get_for_object(enrolment).filter(action=LogEntry.Action.CREATE)
    with pytest.raises(ValidationError, match="déjà inscrit"):
        services.enrolment_create(
            by=animator, programme=programme, child=child, start=TODAY, level="CM2"
        )
    with pytest.raises(ValidationError, match="L'année scolaire du programme va du"):
        services.enrolment_create(
            by=animator,
            programme=ProgrammeFactory(school_year=2026),
            child=child,
            start=datetime.date(2026, 8, 30),
            level="CM2",
        )
    outsider = make_user(Role.EDUCATEUR, "prevention", username="julie")
    with pytest.raises(ValidationError, match="Seule l'équipe"):
        services.enrolment_create(
            by=outsider, programme=ProgrammeFactory(), child=child, start=TODAY, level="CM2"
        )


def test_a_new_child_is_created_with_the_enrolment_after_namesakes_are_ruled_out(
    animator, two_enzos
):
    programme = ProgrammeFactory(school_year=2026)
    new = {"pseudonym": "Enzo", "sex": "M", "birth_year": 2012, "commune": programme.commune}
    with pytest.raises(ValidationError, match="Déjà connu"):
        services.enrolment_create(
            by=animator, programme=programme, new_child=new, start=TODAY, level="4e"
        )
    # A refused enrolment leaves no child behind (one transaction).
    with pytest.raises(ValidationError):
        services.enrolment_create(
            by=animator,
            programme=programme,
            new_child=new,
            confirm_new=True,
            start=TODAY,
            level="7e",
        )
    assert Person.objects.filter(pseudonym="Enzo").count() == 2
    enrolment = services.enrolment_create(
        by=animator, programme=programme, new_child=new, confirm_new=True, start=TODAY, level="4e"
    )
    assert Person.objects.filter(pseudonym="Enzo").count() == 3
    assert CaseFile.objects.filter(person=enrolment.child, service__code="scolaire").exists()


def test_the_picker_tells_the_two_enzos_apart_by_their_school(client, animator, two_enzos):
    client.force_login(animator)
    html = pick(client, "enzo").content.decode()
    assert html.count("data-picker-choose") == 2
    assert "en 4e, Collège Jean Jaurès" in html and "en 4e, Collège Pasteur" in html
    assert "14 ans" in html
    # Another service's children are not offered.
    PersonFactory(pseudonym="Enzo", services=["prevention"])
    assert pick(client, "enzo").content.decode().count("data-picker-choose") == 2


def test_the_programme_page_enrols_a_child_picked_by_search(client, animator, two_enzos):
    programme = ProgrammeFactory(school_year=2026)
    client.force_login(animator)
    page = client.get(reverse("scolaire:programme", args=[programme.pk])).content.decode()
    url = reverse("scolaire:enrolment-create", args=[programme.pk])
    assert url in page
    form = client.get(url).content.decode()
    assert "Enzo" not in form  # never the list of the children
    assert '<option value="" selected>— choisir —</option>' in form  # no level preselected
    pasteur = two_enzos[1]
    missing = client.post(url, {"child": pasteur.pk, "level": "", "start": "2026-11-17"})
    assert missing.status_code == 400
    html = missing.content.decode()
    assert "Choisissez le niveau de l" in html
    assert f'name="child" value="{pasteur.pk}"' in html  # the choice is kept
    assert not Enrolment.objects.filter(programme=programme).exists()
    response = client.post(url, {"child": pasteur.pk, "level": "3e", "start": "2026-11-17"})
    assert response.url == reverse("scolaire:programme", args=[programme.pk])
    enrolment = Enrolment.objects.get(programme=programme)
    assert (enrolment.child, enrolment.level) == (pasteur, "3e")


def test_the_programme_page_creates_a_child_on_the_spot(client, animator):
    programme = ProgrammeFactory(school_year=2026)
    client.force_login(animator)
    url = reverse("scolaire:enrolment-create", args=[programme.pk])
    data = {
        "child": "",
        "new_pseudonym": "Maël",
        "new_sex": "M",
        "new_birth_year": "2016",
        "new_commune": str(programme.commune_id),
        "level": "CE2",
        "start": "2026-11-17",
    }
    assert client.post(url, {**data, "new_sex": ""}).status_code == 400
    assert not Person.objects.filter(pseudonym="Maël").exists()
    assert client.post(url, data).status_code == 302
    enrolment = Enrolment.objects.get(programme=programme)
    assert (enrolment.child.pseudonym, enrolment.child.commune) == ("Maël", programme.commune)


def test_the_childs_page_enrols_them_in_a_programme(client, animator):
    programme = ProgrammeFactory(school_year=2026, name="CLAS Oignies")
    ProgrammeFactory(school_year=2025, name="Ancien programme")
    child = PersonFactory(pseudonym="Lina", services=["scolaire"])
    client.force_login(animator)
    page = client.get(reverse("person-detail", args=[child.pk])).content.decode()
    url = reverse("scolaire:child-enrolment-create", args=[child.pk])
    assert url in page
    form = client.get(url).content.decode()
    assert "CLAS Oignies" in form and "Ancien programme" not in form
    refused = client.post(url, {"programme": "", "level": "CM1", "start": "2026-11-17"})
    assert refused.status_code == 400
    response = client.post(url, {"programme": programme.pk, "level": "CM1", "start": "2026-11-17"})
    assert response.url == reverse("person-detail", args=[child.pk])
    assert Enrolment.objects.get(child=child).programme == programme


def test_others_cannot_enrol(client):
    programme = ProgrammeFactory(school_year=2026)
    client.force_login(make_user(Role.EDUCATEUR, "prevention", username="julie"))
    assert client.get(reverse("scolaire:enrolment-create", args=[programme.pk])).status_code == 403
