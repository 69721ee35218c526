"""Prevention pages: quick entry, lists, accompaniments, actions, alerts, the youth's page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from prevention.models import (
    Accompaniment,
    CollectiveAction,
    Contact,
    NetworkReception,
    Problematique,
    TimeEntry,
)
from rl_portal.models import Commune, Person
from rl_portal.roles import Role
from tests.prevention.factories import (
    AccompanimentFactory,
    ContactFactory,
    TimeEntryFactory,
    YouthFactory,
    dispositif,
)
from tests.rl_portal.factories import PartnerFactory, PersonFactory, make_user

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


def create_step(client, **overrides):
    data = {
        "new-pseudonym": "Momo",
        "new-sex": "M",
        "new-age": "13",
        "dispositif": dispositif().pk,
    }
    data.update(overrides)
    return client.post(reverse("prevention:youth-create"), data)


def new_youths_of(html: str) -> list[str]:
    """The new youths' hidden inputs of a fragment, as posted back by the browser."""
    import html as html_module
    import re

    return [html_module.unescape(v) for v in re.findall(r'name="new_youths" value="([^"]*)"', html)]


def test_a_youth_met_for_the_first_time_is_created_with_the_entry(logged):
    """Issue 15, item 5: « Créer et ajouter » stored the youth at once (orphans when the entry
    was abandoned)."""
    oignies = Commune.objects.get(name="Oignies")
    response = create_step(logged, **{"new-commune": oignies.pk, "commune": oignies.pk})
    assert response.status_code == 200
    assert not Person.objects.exists()
    chips = new_youths_of(response.content.decode())
    assert len(chips) == 1
    # The fresh form offers the entry's commune for the next youth.
    assert f'<option value="{oignies.pk}" selected>' in response.content.decode()

    saved = logged.post(
        reverse("prevention:quick-entry"),
        {**quick_entry_data(commune=oignies.pk), "new_youths": chips + chips},
        HTTP_HX_REQUEST="true",
    )
    assert "Enregistré : 5,5 h et 1 jeune rencontré (dont 1 nouveau)." in saved.content.decode()
    youth = Person.objects.get()
    assert (youth.pseudonym, youth.commune, youth.birth_year) == ("Momo", oignies, 2013)
    assert Contact.objects.get().person == youth


def test_a_refused_entry_keeps_its_new_youths_and_creates_none(logged):
    chips = new_youths_of(create_step(logged).content.decode())
    response = logged.post(
        reverse("prevention:quick-entry"),
        {**quick_entry_data(hours_formation="1,1"), "new_youths": chips},
        HTTP_HX_REQUEST="true",
    )
    assert new_youths_of(response.content.decode()) == chips
    assert not Person.objects.exists()


def test_the_create_step_checks_the_youth(logged):
    bad = create_step(logged, **{"new-pseudonym": ""})
    assert "obligatoire" in bad.content.decode()
    assert create_step(logged, **{"new-age": "45"}).content.decode().count("new_youths") == 0
    chips = new_youths_of(create_step(logged).content.decode())
    again = create_step(logged, new_youths=chips).content.decode()
    assert "est déjà dans la saisie" in again
    assert not new_youths_of(again)


def test_likely_duplicates_are_shown_before_adding(logged, educ):
    oignies = Commune.objects.get(name="Oignies")
    known = PersonFactory(
        pseudonym="Yanis", sex="M", birth_year=2010, commune=oignies, services=["prevention"]
    )
    ContactFactory(person=known, educator=educ, date=datetime.date(2026, 10, 2))
    PersonFactory(pseudonym="Yanis", sex="M", birth_year=2010, services=["habitat"])
    fields = {"new-pseudonym": "yanis", "new-age": "16", "new-commune": oignies.pk}
    html = create_step(logged, **fields).content.decode()
    assert "est peut-être un jeune déjà connu" in html
    assert html.count("Oui : <strong>Yanis</strong>") == 1  # not the habitat one
    assert "16 ans · Oignies · vu·e le 02/10/2026" in html
    assert not new_youths_of(html)

    # « Oui » adds the known youth; « Non, c'est un autre jeune » the new one.
    chosen = logged.post(
        reverse("prevention:youth-chip"), {"youth": known.pk, "reset": "1"}
    ).content.decode()
    assert f'name="youths" value="{known.pk}"' in chosen
    assert 'id="new-youth" class="row g-2 mt-1" hx-swap-oob="true"' in chosen
    other = create_step(logged, **fields, **{"new-distinct": "on"}).content.decode()
    [chip] = new_youths_of(other)
    logged.post(reverse("prevention:quick-entry"), {**quick_entry_data(), "new_youths": [chip]})
    assert Person.objects.filter(pseudonym="yanis").count() == 1


def test_a_youth_already_in_the_entry_is_not_added_again(logged):
    youth = PersonFactory(pseudonym="Adam", services=["prevention"])
    first = logged.post(reverse("prevention:youth-chip"), {"youth": youth.pk}).content.decode()
    assert f'name="youths" value="{youth.pk}"' in first
    again = logged.post(
        reverse("prevention:youth-chip"), {"youth": youth.pk, "youths": [youth.pk]}
    ).content.decode()
    assert 'name="youths"' not in again
    assert "Adam est déjà dans la saisie." in again


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


def test_close_with_several_reorientations(logged, educ):
    """Issue 15, item 8: the close form allowed one réorientation and showed « --------- »."""
    accompaniment = AccompanimentFactory(referent=educ)
    partner = PartnerFactory(name="Mission locale de Lens")
    url = reverse("prevention:accompaniment-close", args=[accompaniment.pk])
    page = logged.get(url).content.decode()
    assert "---------" not in page
    assert page.count('name="reorientation_category_') == 3
    missing = logged.post(
        url,
        {
            "end": "2025-06-01",
            "end_reason": "orientation",
            "version": accompaniment.version,
            "reorientation_partner_name_2": "PRE",
        },
    )
    assert missing.status_code == 400
    assert "Choisissez la catégorie de cette réorientation." in missing.content.decode()
    response = logged.post(
        url,
        {
            "end": "2025-06-01",
            "end_reason": "orientation",
            "version": accompaniment.version,
            "reorientation_category_1": "scolaire_professionnelle",
            "reorientation_partner_1": partner.pk,
            "reorientation_category_2": "medicale",
            "reorientation_partner_name_2": "CMP de Carvin",
        },
    )
    assert response.status_code == 302
    assert sorted(
        accompaniment.reorientations.values_list("category", "partner__name", "partner_name")
    ) == [
        ("medicale", None, "CMP de Carvin"),
        ("scolaire_professionnelle", "Mission locale de Lens", ""),
    ]


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
            "initiated_by_service": "True",
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


def test_a_collective_action_asks_who_initiated_it(logged):
    """Issue 15 (hidden answers): the page left out « à l'initiative du service », so every
    action entered there was stored « en associé » in the EMPS bilan's DSL rows. It is now an
    explicit choice, none preselected, refused when left out."""
    url = reverse("prevention:action-create")
    page = logged.get(url).content.decode()
    assert 'name="initiated_by_service"' in page
    assert "checked" not in page.split('name="initiated_by_service"')[1].split("</fieldset>")[0]
    data = {
        "dispositif": dispositif().pk,
        "title": "Fête de quartier",
        "kind": "dsl",
        "commune": Commune.objects.get(name="Oignies").pk,
        "families": "0",
        "session_dates": "03/03/2025",
    }
    refused = logged.post(url, data)
    assert refused.status_code == 400
    assert "à l&#x27;initiative de l&#x27;action ou s&#x27;y associe" in refused.content.decode()
    assert not CollectiveAction.objects.exists()
    assert logged.post(url, {**data, "initiated_by_service": "False"}).status_code == 302
    assert CollectiveAction.objects.get().initiated_by_service is False


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
    contact = youth.prevention_contacts.first()
    assert reverse("prevention:contact-update", args=[contact.pk]) in html
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


def test_network_reception_hours_as_people_write_them(logged):
    response = logged.post(
        reverse("prevention:network-receptions"),
        {
            "dispositif": dispositif().pk,
            "network": NetworkReception.Network.MDS,
            "date": "2026-11-02",
            "youths": "2",
            "days": "0",
            "hours": "3h45",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert NetworkReception.objects.get().hours == Decimal("3.75")


@pytest.mark.parametrize(
    ("role", "services", "shown"),
    [
        (Role.EDUCATEUR, ["prevention"], False),
        (Role.CHEF_SERVICE, ["prevention"], True),
        (Role.DIRECTION, [], True),
    ],
)
def test_the_api_link_is_not_in_a_field_workers_menu(client, role, services, shown):
    """Issue 15, item 8: an « API » link sat in an éducateur's menu."""
    client.force_login(make_user(role, *services, username="u"))
    html = client.get(reverse("home")).content.decode()
    assert (f'href="{reverse("api-docs")}"' in html) is shown


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
