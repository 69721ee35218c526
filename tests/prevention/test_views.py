"""Prevention pages: quick entry, lists, accompaniments, actions, alerts, the youth's page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from prevention.models import Accompaniment, CollectiveAction, Contact, Problematique, TimeEntry
from rl_portal.models import Commune, Person
from rl_portal.roles import Role
from tests.prevention.factories import (
    AccompanimentFactory,
    ContactFactory,
    TimeEntryFactory,
    YouthFactory,
    dispositif,
)
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db


def quick_entry_data(**overrides):
    data = {
        "dispositif": dispositif().pk,
        "date": timezone.localdate().isoformat(),
        "mode": "travail_de_rue",
        "hours_travail_de_rue": "2,5",
        "hours_action_collective": "3",
    }
    data.update(overrides)
    return data


def test_quick_entry_saves_hours_and_youths(logged):
    youth = PersonFactory(services=["prevention"])
    response = logged.post(
        reverse("prevention:quick-entry"),
        {**quick_entry_data(), "youths": [youth.pk]},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enregistré : 5,5 h et 1 jeune rencontré" in html
    assert "navbar" not in html  # a fragment
    assert TimeEntry.objects.count() == 2
    assert Contact.objects.get().person == youth


def test_quick_entry_errors_keep_the_input(logged):
    response = logged.post(
        reverse("prevention:quick-entry"), quick_entry_data(hours_formation="1,1")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "quart d&#x27;heure" in html
    assert 'value="2,5"' in html
    assert not TimeEntry.objects.exists()


def test_quick_entry_ignores_youths_the_user_cannot_see(logged):
    stranger = PersonFactory(services=["habitat"])
    logged.post(reverse("prevention:quick-entry"), {**quick_entry_data(), "youths": [stranger.pk]})
    assert not Contact.objects.exists()
    assert TimeEntry.objects.count() == 2


def test_youth_search_is_posted_and_scoped(logged):
    PersonFactory(pseudonym="Inès", services=["prevention"])
    PersonFactory(pseudonym="Inès", last_name="Habitat", services=["habitat"])
    response = logged.post(reverse("prevention:youth-search"), {"q": "ines"})
    assert response.content.decode().count("+ ajouter") == 1
    assert logged.get(reverse("prevention:youth-search") + "?q=ines").status_code == 405


def test_youth_created_on_the_spot_comes_back_as_a_chip(logged):
    response = logged.post(
        reverse("prevention:youth-create"),
        {"new-pseudonym": "Momo", "new-sex": "M", "new-age": "13", "dispositif": dispositif().pk},
    )
    html = response.content.decode()
    youth = Person.objects.get(pseudonym="Momo")
    assert f'name="youths" value="{youth.pk}"' in html
    assert youth.case_files.get().service.code == "prevention"
    bad = logged.post(reverse("prevention:youth-create"), {"new-pseudonym": "", "new-sex": "M"})
    assert "obligatoire" in bad.content.decode()


@pytest.mark.parametrize(
    ("role", "services", "status"),
    [
        (Role.EDUCATEUR, ["habitat"], 403),
        (Role.SECRETARIAT, [], 403),
        (Role.DIRECTION, [], 403),
        (Role.CHEF_SERVICE, ["prevention"], 200),
    ],
)
def test_quick_entry_is_for_prevention_staff(client, role, services, status):
    client.force_login(make_user(role, *services, username="u"))
    assert client.get(reverse("prevention:quick-entry")).status_code == status


@pytest.mark.parametrize(
    "name",
    [
        "prevention:time-entries",
        "prevention:contacts",
        "prevention:accompaniments",
        "prevention:actions",
        "prevention:alerts",
        "prevention:network-receptions",
        "prevention:instance-meetings",
    ],
)
def test_lists_by_role(client, educ, name):
    ContactFactory(educator=educ)
    client.force_login(educ)
    assert client.get(reverse(name)).status_code == 200
    client.force_login(make_user(Role.DIRECTION, username="dir"))
    assert client.get(reverse(name)).status_code == 200
    client.force_login(make_user(Role.EDUCATEUR, "habitat", username="hab"))
    assert client.get(reverse(name)).status_code == 403


def test_list_filters(logged, educ):
    oignies = Commune.objects.get(name="Oignies")
    TimeEntryFactory(educator=educ, commune=oignies, activity="formation")
    TimeEntryFactory(educator=educ, activity="formation", date=datetime.date(2024, 1, 5))
    TimeEntryFactory(educator=educ, activity="travail_de_rue")
    page = logged.get(
        reverse("prevention:time-entries"), {"activity": "formation", "start": "2025-01-01"}
    ).context["page"]
    assert page.paginator.count == 1
    page = logged.get(reverse("prevention:time-entries"), {"commune": oignies.pk}).context["page"]
    assert page.paginator.count == 1


def test_open_an_accompaniment_from_the_youths_page(logged, educ):
    youth = PersonFactory(services=["prevention"])
    page = logged.get(reverse("person-detail", args=[youth.pk])).content.decode()
    assert "Ouvrir un accompagnement" in page
    problematique = Problematique.objects.filter(parent__isnull=False).first()
    response = logged.post(
        reverse("prevention:accompaniment-create", args=[youth.pk]),
        {
            "dispositif": dispositif().pk,
            "kind": "paei",
            "referent": educ.pk,
            "start": "2025-02-03",
            "situation": "college",
            "origin": "presence_sociale",
            "problematiques": [problematique.pk],
            "co_accompaniment_kinds": ["ase"],
        },
    )
    accompaniment = Accompaniment.objects.get()
    assert response["Location"] == reverse(
        "prevention:accompaniment-detail", args=[accompaniment.pk]
    )
    assert accompaniment.co_accompaniments.get().kind == "ase"


def test_close_page(logged, educ):
    accompaniment = AccompanimentFactory(referent=educ)
    url = reverse("prevention:accompaniment-close", args=[accompaniment.pk])
    bad = logged.post(
        url,
        {
            "end": "2024-01-01",
            "end_reason": "amelioration_situation",
            "version": accompaniment.version,
        },
    )
    assert bad.status_code == 400
    assert "précéder le début" in bad.content.decode()
    good = logged.post(
        url,
        {
            "end": "2025-06-01",
            "end_reason": "amelioration_situation",
            "version": accompaniment.version,
        },
    )
    assert good.status_code == 302
    accompaniment.refresh_from_db()
    assert accompaniment.end == datetime.date(2025, 6, 1)


def test_accompaniment_of_another_service_does_not_exist(client):
    accompaniment = AccompanimentFactory()
    client.force_login(make_user(Role.EDUCATEUR, "emps", username="emps"))
    assert (
        client.get(reverse("prevention:accompaniment-detail", args=[accompaniment.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("prevention:accompaniment-close", args=[accompaniment.pk])).status_code
        == 404
    )


def test_record_a_collective_action(logged):
    oignies = Commune.objects.get(name="Oignies")
    response = logged.post(
        reverse("prevention:action-create"),
        {
            "dispositif": dispositif().pk,
            "title": "Ateliers composteurs",
            "kind": "action_collective",
            "commune": oignies.pk,
            "families": "0",
            "session_dates": "03/03/2025\n10/03/2025",
            "count_11_14_F": "4",
            "count_11_14_M": "3",
        },
    )
    action = CollectiveAction.objects.get()
    assert response.status_code == 302
    assert action.sessions.count() == 2
    assert sum(action.headcounts.values_list("count", flat=True)) == 7
    bad = logged.post(
        reverse("prevention:action-create"),
        {
            "dispositif": dispositif().pk,
            "title": "X",
            "kind": "sortie",
            "commune": oignies.pk,
            "families": "0",
            "session_dates": "32/13/2025",
        },
    )
    assert bad.status_code == 400
    assert "n&#x27;est pas une date" in bad.content.decode()


def test_alerts_for_an_educator_are_their_own(logged, educ):
    today = timezone.localdate()
    old = today - datetime.timedelta(days=400)
    mine = AccompanimentFactory(referent=educ, start=old, last_review=old)
    AccompanimentFactory(start=old, last_review=old)  # a colleague's
    response = logged.get(reverse("prevention:alerts"))
    assert list(response.context["needing_review"]) == [mine]


def test_youths_page_gathers_prevention_records(logged, educ):
    youth = YouthFactory(with_contacts=True, contacts__educator=educ)
    html = logged.get(reverse("person-detail", args=[youth.pk])).content.decode()
    assert "en accroche" in html
    AccompanimentFactory(person=youth, referent=educ)
    html = logged.get(reverse("person-detail", args=[youth.pk])).content.decode()
    assert "en accroche" not in html
    assert "PAEI" in html


def test_habitat_staff_see_no_prevention_section(client):
    youth = YouthFactory(with_contacts=True, services=["prevention", "habitat"])
    client.force_login(make_user(Role.EDUCATEUR, "habitat", username="hab"))
    response = client.get(reverse("person-detail", args=[youth.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert youth.pseudonym in html
    assert "Rencontres" not in html and "titre-prevention" not in html


def test_home_shows_the_educators_prevention_figures(logged, educ):
    today = timezone.localdate()
    AccompanimentFactory(
        referent=educ,
        start=today - datetime.timedelta(days=400),
        last_review=today - datetime.timedelta(days=300),
    )
    AccompanimentFactory()
    AccompanimentFactory(closed=True, referent=educ)
    TimeEntryFactory(educator=educ, date=today, hours=3)
    table = logged.get(reverse("home")).context["prevention_table"]
    assert [row.cells[0] for row in table.rows] == [2, 1, 1, 3]


def test_close_page_has_no_preselected_reason(logged, educ):
    """Issue 15: « Orientation » was preselected; the reason is now chosen or refused."""
    accompaniment = AccompanimentFactory(referent=educ)
    url = reverse("prevention:accompaniment-close", args=[accompaniment.pk])
    page = logged.get(url).content.decode()
    assert '<option value="" selected>— à choisir —</option>' in page
    refused = logged.post(url, {"end": "2025-06-01", "version": accompaniment.version})
    assert refused.status_code == 400
    assert "Choisissez le motif de clôture." in refused.content.decode()
    accompaniment.refresh_from_db()
    assert accompaniment.end is None


def test_youth_search_tells_namesakes_apart_and_is_journalled(logged, educ):
    """Issue 15: the quick entry's search shows what tells youths of the same pseudonym apart
    (age, commune, last meeting), the one met lately first, and journals what it shows."""
    from auditlog.models import LogEntry

    from tests.prevention.factories import ContactFactory, YouthFactory

    today = timezone.localdate()
    carvin = Commune.objects.get(name="Carvin")
    older = YouthFactory(pseudonym="Enzo", birth_year=today.year - 15, commune=carvin)
    met = YouthFactory(pseudonym="Enzo", birth_year=today.year - 15)
    ContactFactory(person=met, date=today - datetime.timedelta(days=2), educator=educ)
    html = logged.post(reverse("prevention:youth-search"), {"q": "enzo"}).content.decode()
    first, second = html.split("+ ajouter")[:2]
    assert f'"youth": "{met.pk}"' in first
    assert f"dernière rencontre le {today - datetime.timedelta(days=2):%d/%m/%Y}" in first
    assert "15 ans" in second and "Carvin" in second
    journal = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, content_type__model="person")
    assert set(journal.values_list("object_pk", flat=True)) == {str(older.pk), str(met.pk)}


def test_quick_entry_has_no_preselected_mode(logged):
    """Issue 15: the youths met were « travail de rue » unless the éducateur changed it. The
    mode is chosen when youths are added; hours alone need none."""
    youth = PersonFactory(pseudonym="Tom", services=["prevention"])
    page = logged.get(reverse("prevention:quick-entry")).content.decode()
    assert '<option value="" selected>Jeunes rencontrés en : — à choisir —</option>' in page
    refused = logged.post(
        reverse("prevention:quick-entry"), quick_entry_data(mode="", youths=[youth.pk])
    )
    assert "Choisissez le mode de rencontre." in refused.content.decode()
    assert not TimeEntry.objects.exists() and not Contact.objects.exists()
    hours_only = logged.post(reverse("prevention:quick-entry"), quick_entry_data(mode=""))
    assert hours_only.status_code == 200
    assert TimeEntry.objects.count() == 2
