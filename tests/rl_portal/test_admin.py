"""The Django admin: administrators only, and what it shows scoped like the pages (issue 10,
faults 1, 2 and 8).

Every registered ModelAdmin is walked for every role (changelist, add, change, history,
autocomplete): only administrators get in. The scoping of what remains (querysets, field
choices, raw-id labels, autocomplete) is checked on the ModelAdmins themselves for a chef de
service, since the site no longer lets one in."""

import json

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from habitat.models import Stay
from rl_portal.admin_scoping import ScopedAutocompleteJsonView
from rl_portal.models import CaseFile, Person, Service
from rl_portal.roles import Role
from tests.habitat.factories import StayFactory
from tests.prevention.factories import AccompanimentFactory
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db

# Every non-administrator carries the staff flag, as chefs de service did: the role decides.
ROLES = {
    "educ_prevention": (Role.EDUCATEUR, ["prevention"], {}),
    "chef_habitat": (Role.CHEF_SERVICE, ["habitat"], {}),
    "chef_prevention": (Role.CHEF_SERVICE, ["prevention", "emps"], {}),
    "direction": (Role.DIRECTION, [], {}),
    "secretariat": (Role.SECRETARIAT, [], {}),
    "no_role": (None, ["prevention"], {}),
}
ADMINISTRATORS = {
    "admin": (Role.ADMINISTRATEUR, [], {}),
    "superuser": (None, [], {"is_superuser": True}),
}


def user_for(key, *, staff=True):
    role, services, extra = {**ROLES, **ADMINISTRATORS}[key]
    return make_user(role, *services, username=key, is_staff=staff, **extra)


def admin_urls(model, pk=1):
    opts = model._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    return {
        "changelist": reverse(f"{name}_changelist"),
        "add": reverse(f"{name}_add"),
        "change": reverse(f"{name}_change", args=[pk]),
        "history": reverse(f"{name}_history", args=[pk]),
    }


REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture
def habitat_chef():
    return user_for("chef_habitat")


@pytest.fixture
def prevention_only():
    return PersonFactory(pseudonym="Yanis", services=["prevention"])


def _refused(response):
    return response.status_code == 302 and response["Location"].startswith("/admin/login/")


# ------------------------------------------------------------------------------------------------
# Only administrators get in
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("key", ROLES)
def test_only_administrators_enter_any_model_admin(client, key, prevention_only):
    client.force_login(user_for(key))
    assert _refused(client.get(reverse("admin:index")))
    refused = []
    for model in REGISTERED:
        for action, url in admin_urls(model, prevention_only.pk).items():
            if not _refused(client.get(url)):
                refused.append((model._meta.label, action))
        if not _refused(client.post(admin_urls(model)["add"], {})):
            refused.append((model._meta.label, "add POST"))
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "rl_portal", "model_name": "casefile", "field_name": "person", "term": "Ya"},
    )
    assert _refused(autocomplete)
    assert refused == []
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()


@pytest.mark.parametrize("key", ADMINISTRATORS)
def test_administrators_enter_every_model_admin(client, key, prevention_only):
    user = user_for(key)
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 200
    for model in REGISTERED:
        urls = admin_urls(model)
        assert client.get(urls["changelist"]).status_code == 200, model._meta.label
        model_admin = admin.site._registry[model]
        request = RequestFactory().get("/")
        request.user = user
        expected = 200 if model_admin.has_add_permission(request) else 403
        assert client.get(urls["add"]).status_code == expected, model._meta.label


def test_administrators_open_every_record_and_its_history(client):
    """One record of every registered model (the référentiels are loaded; a few records of
    each service are built): its change and history pages open for an administrator."""
    from tests.prevention.factories import ContactFactory, TimeEntryFactory

    accompaniment = AccompanimentFactory()
    TimeEntryFactory(accompaniment=accompaniment)
    ContactFactory(person=accompaniment.person)
    StayFactory()
    _enrolment(PersonFactory(services=["scolaire"]))
    client.force_login(user_for("admin"))
    opened = 0
    for model in REGISTERED:
        record = admin.site._registry[model].get_queryset(_request(user_for("admin"))).first()
        if record is None:
            continue
        urls = admin_urls(model, record.pk)
        assert client.get(urls["change"]).status_code == 200, model._meta.label
        assert client.get(urls["history"]).status_code == 200, model._meta.label
        opened += 1
    assert opened >= 20
    autocomplete = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "rl_portal", "model_name": "casefile", "field_name": "person", "term": ""},
    )
    assert autocomplete.status_code == 200
    shown = {int(result["id"]) for result in autocomplete.json()["results"]}
    assert shown == set(Person.objects.values_list("pk", flat=True))


def test_an_administrator_without_the_staff_flag_stays_out(client):
    client.force_login(user_for("admin", staff=False))
    assert _refused(client.get(reverse("admin:index")))


def test_the_menu_offers_the_admin_to_administrators_only(client):
    client.force_login(user_for("chef_habitat"))
    assert b"/admin/" not in client.get(reverse("home")).content
    client.force_login(user_for("admin"))
    assert b"/admin/" in client.get(reverse("home")).content


# ------------------------------------------------------------------------------------------------
# The reproductions of the issue
# ------------------------------------------------------------------------------------------------


def test_chef_habitat_cannot_file_a_prevention_youth_into_habitat(
    client, habitat_chef, prevention_only
):
    """Fault 1: as chef.habitat, POST /admin/rl_portal/casefile/add/ with a person known only
    to prevention and service = habitat was saved; then every habitat user read that person."""
    client.force_login(habitat_chef)
    response = client.post(
        reverse("admin:rl_portal_casefile_add"),
        {
            "person": prevention_only.pk,
            "service": Service.objects.get(code="habitat").pk,
            "opened_on": "2026-11-01",
        },
    )
    assert _refused(response)
    assert list(prevention_only.case_files.values_list("service__code", flat=True)) == [
        "prevention"
    ]
    assert not Person.objects.visible_to(make_user(Role.EDUCATEUR, "habitat")).exists()


@pytest.mark.parametrize(
    "url_name, parameter",
    [
        ("admin:habitat_stay_add", "person"),
        ("admin:prevention_workeddomain_add", "accompaniment"),
        ("admin:habitat_monthlyrent_add", "stay"),
        ("admin:scolaire_attendance_add", "enrolment"),
    ],
)
def test_raw_id_labels_of_other_services_are_not_printed(
    client, habitat_chef, prevention_only, url_name, parameter
):
    """Fault 2: GET /admin/habitat/stay/add/?person=<a prevention-only youth> printed the
    pseudonym (also through ?accompaniment=, ?stay=, ?enrolment=)."""
    records = {
        "person": prevention_only,
        "accompaniment": AccompanimentFactory(person=prevention_only),
        "stay": StayFactory(person=PersonFactory(pseudonym="Yanis", services=["prevention"])),
        "enrolment": _enrolment(prevention_only),
    }
    client.force_login(habitat_chef)
    response = client.get(reverse(url_name), {parameter: records[parameter].pk})
    assert _refused(response)
    assert b"Yanis" not in response.content


def _enrolment(person):
    from tests.scolaire.factories import EnrolmentFactory

    return EnrolmentFactory(child=person)


# ------------------------------------------------------------------------------------------------
# What remains in the admin is scoped (checked on the ModelAdmins with a chef's request)
# ------------------------------------------------------------------------------------------------


def _request(user, method="get", path="/", data=None):
    request = getattr(RequestFactory(), method)(path, data or {})
    request.user = user
    return request


def test_model_admin_querysets_are_scoped(habitat_chef, prevention_only):
    housed = PersonFactory(pseudonym="Sarah", services=["habitat"])
    request = _request(habitat_chef)
    assert list(admin.site._registry[Person].get_queryset(request)) == [housed]
    assert list(admin.site._registry[CaseFile].get_queryset(request)) == [housed.case_files.get()]


def test_form_choices_and_raw_id_labels_are_scoped_and_journalled(habitat_chef, prevention_only):
    housed = PersonFactory(pseudonym="Sarah", services=["habitat"])
    request = _request(habitat_chef)
    stay_admin = admin.site._registry[Stay]
    person_field = stay_admin.get_form(request)().fields["person"]
    assert list(person_field.queryset) == [housed]
    widget = person_field.widget
    assert widget.label_and_url_for_value(prevention_only.pk) == ("", "")
    assert widget.label_and_url_for_value("abc") == ("", "")
    label, url = widget.label_and_url_for_value(housed.pk)
    assert label == "Sarah" and url == reverse("admin:rl_portal_person_change", args=[housed.pk])
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert list(reads.values_list("object_pk", "additional_data")) == [
        (str(housed.pk), {"canal": "admin"})
    ]
    # The service of a new case file is among the chef's own.
    service_field = admin.site._registry[CaseFile].get_form(request)().fields["service"]
    assert list(service_field.queryset.values_list("code", flat=True)) == ["habitat"]


def test_a_chef_form_refuses_a_person_of_another_service(habitat_chef, prevention_only):
    request = _request(habitat_chef, "post")
    form_class = admin.site._registry[CaseFile].get_form(request)
    form = form_class(
        {
            "person": prevention_only.pk,
            "service": Service.objects.get(code="habitat").pk,
            "opened_on": "2026-11-01",
        }
    )
    assert not form.is_valid()
    assert "person" in form.errors


def test_raw_id_labels_through_a_record_journal_its_person(habitat_chef):
    housed = PersonFactory(pseudonym="Sarah", services=["habitat"])
    stay = StayFactory(person=housed)
    from habitat.models import MonthlyRent

    request = _request(habitat_chef)
    widget = admin.site._registry[MonthlyRent].get_form(request)().fields["stay"].widget
    label, _ = widget.label_and_url_for_value(stay.pk)
    assert "Sarah" in label
    assert LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(housed.pk), additional_data__canal="admin"
    ).exists()


def test_autocomplete_answers_are_scoped_and_journalled(habitat_chef, prevention_only):
    housed = PersonFactory(pseudonym="Yasmine", services=["habitat"])
    request = _request(
        habitat_chef,
        path="/admin/autocomplete/",
        data={
            "app_label": "rl_portal",
            "model_name": "casefile",
            "field_name": "person",
            "term": "Ya",
        },
    )
    response = ScopedAutocompleteJsonView.as_view(admin_site=admin.site)(request)
    results = json.loads(response.content)["results"]
    assert results == [{"id": str(housed.pk), "text": "Yasmine"}]
    assert list(
        LogEntry.objects.filter(action=LogEntry.Action.ACCESS).values_list("object_pk", flat=True)
    ) == [str(housed.pk)]


def test_administrator_changelists_show_what_visible_to_gives_and_journal_it(client):
    user = user_for("admin")
    persons = [
        PersonFactory(pseudonym="Yanis", services=["prevention"]),
        PersonFactory(pseudonym="Sarah", services=["habitat"]),
    ]
    client.force_login(user)
    response = client.get(reverse("admin:rl_portal_person_changelist"))
    shown = set(response.context["cl"].result_list)
    assert shown == set(Person.objects.visible_to(user)) == set(persons)
    journalled = set(
        LogEntry.objects.filter(
            action=LogEntry.Action.ACCESS, additional_data__canal="admin"
        ).values_list("object_pk", flat=True)
    )
    assert journalled == {str(p.pk) for p in persons}


def test_inline_choices_are_scoped(habitat_chef, prevention_only):
    """Inlines go through the same mixin (a household's members)."""
    from rl_portal.models import Household

    housed = PersonFactory(pseudonym="Sarah", services=["habitat"])
    request = _request(habitat_chef)
    (members,) = [
        inline
        for inline in admin.site._registry[Household].get_inline_instances(request)
        if inline.model._meta.model_name == "householdmember"
    ]
    field = members.get_formset(request).form.base_fields["person"]
    assert list(field.queryset) == [housed]
    assert field.widget.label_and_url_for_value(prevention_only.pk) == ("", "")


def test_a_changelist_journals_the_persons_its_columns_show(client):
    from habitat.models import MonthlyRent

    housed = PersonFactory(pseudonym="Sarah", services=["habitat"])
    stay = StayFactory(person=housed)
    MonthlyRent.objects.create(stay=stay, month=stay.entry.replace(day=1), due=300, paid=300)
    client.force_login(user_for("admin"))
    assert client.get(reverse("admin:habitat_monthlyrent_changelist")).status_code == 200
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, additional_data__canal="admin")
    assert list(reads.values_list("object_pk", flat=True)) == [str(housed.pk)]
    # Hours list no person: nothing is journalled.
    from tests.prevention.factories import TimeEntryFactory

    TimeEntryFactory(accompaniment=AccompanimentFactory())
    reads.delete()
    assert client.get(reverse("admin:prevention_timeentry_changelist")).status_code == 200
    assert not reads.exists()
