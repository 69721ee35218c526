"""Issue 15: a housing request and a support measure are recorded and corrected in the pages —
they had only the Django admin (about to be closed to all but administrators) and the API.
Recorded through the services, corrections versioned (HTTP 409 on a concurrent change) and
journalled, no preselected answer where the bilans count one, French errors that keep the
input."""

import datetime
import re
from decimal import Decimal
from html import unescape

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from habitat import services
from habitat.models import HousingRequest, SupportMeasure
from rl_portal.models import CaseFile, Commune, Epci
from rl_portal.roles import Role
from rl_portal.versioning import CONFLICT_MESSAGE, ConcurrentEditError
from tests.habitat.factories import HousingRequestFactory, SupportMeasureFactory, dispositif
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def request_data(person, **changes):
    return {
        "person": person,
        "dispositif": dispositif("tremplins-duo"),
        "date": D(2026, 10, 5),
        "orienteur_kind": "ase",
        "reason": "fin_prise_en_charge",
        "composition": "personne_seule",
        **changes,
    }


def measure_data(person, **changes):
    return {
        "person": person,
        "dispositif": dispositif("fsl-asll"),
        "kind": "asll",
        "weight": Decimal("3"),
        "orienteur_kind": "ssd_mds",
        "notified_on": D(2026, 9, 1),
        "start": D(2026, 9, 15),
        "reason": "impayes",
        **changes,
    }


def page_reads(person, actor):
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        object_pk=str(person.pk),
        content_type__model="person",
        actor=actor,
    )


def selected_options(html: str, name: str) -> list[str]:
    """The values of the options selected in the <select> named `name`."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*selected', select)


# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------


def test_a_request_is_recorded_pending_once(worker):
    person = PersonFactory(pseudonym="Inès")
    created = services.housing_request_create(by=worker, **request_data(person))
    assert (created.decision, created.decided_on) == (HousingRequest.Decision.PENDING, None)
    assert CaseFile.objects.filter(person=person, service__code="habitat").exists()
    assert LogEntry.objects.get_for_object(created).filter(action=LogEntry.Action.CREATE).exists()
    # The same request entered twice (a double tap, a colleague's entry not seen).
    with pytest.raises(ValidationError) as error:
        services.housing_request_create(by=worker, **request_data(person, date=D(2026, 10, 6)))
    assert error.value.message_dict["person"] == [
        "Inès a déjà une demande Tremplins Duo en attente (du 05/10/2026) : corrigez-la plutôt "
        "que d'en saisir une autre."
    ]
    # Another dispositif is another request; a measure's dispositif is no housing request.
    services.housing_request_create(
        by=worker, **request_data(person, dispositif=dispositif("alt-jeunes"))
    )
    with pytest.raises(ValidationError) as error:
        services.housing_request_create(
            by=worker, **request_data(person, dispositif=dispositif("fsl-asll"))
        )
    assert "Tremplins Duo" in error.value.message_dict["dispositif"][0]
    # The counted answers are required: none is supplied by default.
    with pytest.raises(ValidationError) as error:
        services.housing_request_create(by=worker, **request_data(person, orienteur_kind=""))
    assert "orienteur_kind" in error.value.message_dict
    assert HousingRequest.objects.count() == 2


def test_a_pending_request_is_corrected_versioned_and_journalled(worker):
    housing_request = HousingRequestFactory(reason="rupture_familiale")
    version = housing_request.version
    services.housing_request_update(
        housing_request=housing_request,
        data={"reason": "sans_logement", "orienteur_kind": "ccas"},
        version=version,
        by=worker,
    )
    housing_request.refresh_from_db()
    assert (housing_request.reason, housing_request.orienteur_kind) == ("sans_logement", "ccas")
    assert housing_request.version != version
    change = LogEntry.objects.get_for_object(housing_request).get(action=LogEntry.Action.UPDATE)
    assert change.changes_dict["reason"] == ["rupture_familiale", "sans_logement"]
    # A correction made on the version read before: refused, nothing written.
    stale = HousingRequest.objects.get(pk=housing_request.pk)
    with pytest.raises(ConcurrentEditError):
        services.housing_request_update(
            housing_request=stale, data={"reason": "autre"}, version=version, by=worker
        )
    housing_request.refresh_from_db()
    assert housing_request.reason == "sans_logement"


def test_a_decided_request_is_corrected_or_put_back_pending(worker):
    housing_request = HousingRequestFactory(admitted=True)  # 01/02/2025, admitted 08/02
    version = housing_request.version
    with pytest.raises(ValidationError) as error:
        services.housing_request_update(
            housing_request=housing_request,
            data={"decision": "refuse", "decided_on": D(2025, 1, 20)},
            version=version,
            by=worker,
        )
    assert error.value.message_dict["decided_on"] == [
        "La décision ne peut pas précéder la demande."
    ]
    housing_request = HousingRequest.objects.get(pk=housing_request.pk)
    with pytest.raises(ValidationError) as error:
        services.housing_request_update(
            housing_request=housing_request,
            data={"decision": "refuse", "decided_on": None},
            version=version,
            by=worker,
        )
    assert error.value.message_dict["decided_on"] == ["Indiquez la date de la décision."]
    housing_request = HousingRequest.objects.get(pk=housing_request.pk)
    services.housing_request_update(
        housing_request=housing_request,
        data={"decision": "refuse", "decided_on": D(2025, 2, 10)},
        version=version,
        by=worker,
    )
    housing_request.refresh_from_db()
    assert (housing_request.decision, housing_request.decided_on) == ("refuse", D(2025, 2, 10))
    # Back to « en attente »: no decision date any more.
    services.housing_request_update(
        housing_request=housing_request,
        data={"decision": "en_attente", "decided_on": D(2025, 2, 10)},
        version=housing_request.version,
        by=worker,
    )
    housing_request.refresh_from_db()
    assert (housing_request.decision, housing_request.decided_on) == ("en_attente", None)


def test_a_measure_in_progress_is_corrected(worker):
    measure = SupportMeasureFactory(objectives_set=2)
    version = measure.version
    services.support_measure_update(
        measure=measure,
        data={
            "dispositif": dispositif("asl-jeunes-ase"),
            "kind": "renforcee",
            "objectives_set": 4,
            "objectives_reached": 1,
            "prolongations": 1,
            "planned_end": D(2026, 1, 15),
            "initial_objectives": ["budget", "acces"],
        },
        version=version,
        by=worker,
    )
    measure.refresh_from_db()
    assert (measure.kind, measure.weight, measure.objectives_set, measure.prolongations) == (
        "renforcee",
        Decimal("2"),  # an ASL measure's points follow its nature
        4,
        1,
    )
    assert measure.initial_objectives == ["budget", "acces"]
    assert LogEntry.objects.get_for_object(measure).filter(action=LogEntry.Action.UPDATE).exists()
    with pytest.raises(ConcurrentEditError):
        services.support_measure_update(
            measure=SupportMeasure.objects.get(pk=measure.pk),
            data={"objectives_set": 5},
            version=version,
            by=worker,
        )
    fresh = SupportMeasure.objects.get(pk=measure.pk)
    refusals = [
        ({"notified_on": D(2025, 2, 1)}, "notified_on", "postérieure au début"),
        ({"objectives_set": 0}, "objectives_set", "déjà atteints"),
        ({"planned_end": D(2024, 12, 1)}, "planned_end", "précéder le début"),
        ({"kind": "asll"}, "kind", "simple ou renforcée"),
        ({"end": D(2025, 6, 1)}, None, "non modifiables"),  # ended on its own page
    ]
    for data, field, message in refusals:
        with pytest.raises(ValidationError) as error:
            services.support_measure_update(
                measure=SupportMeasure.objects.get(pk=measure.pk),
                data=data,
                version=fresh.version,
                by=worker,
            )
        found = error.value.message_dict[field] if field else error.value.messages
        assert message in found[0], data
    assert SupportMeasure.objects.get(pk=measure.pk).version == fresh.version


def test_a_corrected_measure_never_overlaps_another(worker):
    person = PersonFactory(pseudonym="Yanis")
    first = SupportMeasureFactory(person=person, closed=True)  # 15/01/2025 – 14/07/2025
    second = SupportMeasureFactory(person=person, start=D(2025, 9, 1), notified_on=D(2025, 9, 1))
    # Its own dates are no overlap: a correction of the second alone is fine.
    services.support_measure_update(
        measure=second, data={"start": D(2025, 9, 10)}, version=second.version, by=worker
    )
    with pytest.raises(ValidationError, match="ne s'ouvre pas deux fois"):
        services.support_measure_update(
            measure=SupportMeasure.objects.get(pk=second.pk),
            data={"start": D(2025, 7, 1), "notified_on": D(2025, 7, 1)},
            version=second.version,
            by=worker,
        )
    # An ended measure's end and its reason are corrected too.
    services.support_measure_update(
        measure=first,
        data={"end": D(2025, 6, 30), "end_reason": "demenagement"},
        version=first.version,
        by=worker,
    )
    first.refresh_from_db()
    assert (first.end, first.end_reason) == (D(2025, 6, 30), "demenagement")


def test_only_the_habitat_staff_record_and_correct(worker):
    outsider = make_user(Role.EDUCATEUR, "prevention", username="julie")
    housing_request, measure = HousingRequestFactory(), SupportMeasureFactory()
    with pytest.raises(ValidationError, match="service habitat"):
        services.housing_request_update(
            housing_request=housing_request, data={}, version=housing_request.version, by=outsider
        )
    with pytest.raises(ValidationError, match="service habitat"):
        services.support_measure_update(
            measure=measure, data={}, version=measure.version, by=outsider
        )


# --------------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------------


def test_a_request_is_recorded_from_the_person_page(worker_client, worker):
    person = PersonFactory(pseudonym="Adam", services=["habitat"])
    page = worker_client.get(reverse("person-detail", args=[person.pk])).content.decode()
    create_url = reverse("habitat:request-create")
    link = f"{create_url}?person={person.pk}&amp;retour={person.pk}"
    assert link in page
    form = worker_client.get(create_url, {"person": person.pk, "retour": person.pk})
    html = form.content.decode()
    assert form.status_code == 200
    assert f'name="person" value="{person.pk}"' in html  # chosen, shown as chosen
    assert f'name="back_to_person" value="{person.pk}"' in html
    # No counted answer is preselected.
    for name in ("dispositif", "orienteur_kind", "reason", "composition"):
        assert selected_options(html, name) in ([], [""]), name
    reads = page_reads(person, worker).count()

    data = {"person": person.pk, "back_to_person": person.pk, "date": "2026-11-02"}
    refused = worker_client.post(create_url, data)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "Ce champ est obligatoire." in html
    assert 'value="2026-11-02"' in html  # the input stays
    assert page_reads(person, worker).count() > reads
    assert not HousingRequest.objects.exists()

    data.update(
        dispositif=dispositif("alt-jeunes").pk,
        orienteur_kind="mission_locale",
        reason="hebergement_tiers",
        composition="couple",
    )
    response = worker_client.post(create_url, data)
    assert response.status_code == 302
    assert response.url == reverse("person-detail", args=[person.pk])
    stored = HousingRequest.objects.get()
    assert (stored.person, stored.dispositif.code, stored.date, stored.created_by) == (
        person,
        "alt-jeunes",
        D(2026, 11, 2),
        worker,
    )
    assert (stored.orienteur_kind, stored.reason, stored.composition) == (
        "mission_locale",
        "hebergement_tiers",
        "couple",
    )
    page = worker_client.get(reverse("person-detail", args=[person.pk])).content.decode()
    assert reverse("habitat:request-update", args=[stored.pk]) in page


def test_a_person_the_user_may_not_choose_is_refused(worker_client):
    hidden = PersonFactory(pseudonym="Enzo", services=["prevention"])
    data = {
        "person": hidden.pk,
        "dispositif": dispositif("alt-jeunes").pk,
        "date": "2026-11-02",
        "orienteur_kind": "ase",
        "reason": "autre",
        "composition": "couple",
    }
    response = worker_client.post(reverse("habitat:request-create"), data)
    assert response.status_code == 400
    assert "Cette personne n'est pas disponible" in unescape(response.content.decode())
    assert "Enzo" not in response.content.decode()
    assert not HousingRequest.objects.exists()


def test_a_request_is_corrected_in_its_page_with_a_409_on_a_concurrent_change(worker_client):
    housing_request = HousingRequestFactory(admitted=True)
    url = reverse("habitat:request-update", args=[housing_request.pk])
    html = worker_client.get(url).content.decode()
    assert selected_options(html, "decision") == ["admis"]
    data = {
        "person": housing_request.person_id,
        "dispositif": housing_request.dispositif_id,
        "date": "2025-02-01",
        "orienteur_kind": "ase",
        "reason": "rupture_familiale",
        "composition": "personne_seule",
        "decision": "refuse",
        "decided_on": "2025-02-09",
        "version": housing_request.version,
    }
    HousingRequest.objects.get(pk=housing_request.pk).save()  # a colleague's correction
    conflict = worker_client.post(url, data)
    assert conflict.status_code == 409
    assert CONFLICT_MESSAGE.split(":")[0] in unescape(conflict.content.decode())
    housing_request.refresh_from_db()
    assert housing_request.decision == "admis"
    response = worker_client.post(url, {**data, "version": housing_request.version})
    assert response.status_code == 302
    housing_request.refresh_from_db()
    assert (
        housing_request.decision,
        housing_request.decided_on,
        housing_request.orienteur_kind,
    ) == (
        "refuse",
        D(2025, 2, 9),
        "ase",
    )


def test_a_measure_is_opened_then_corrected_in_the_pages(worker_client):
    person = PersonFactory(
        pseudonym="Lina", commune=Commune.objects.get(name="Lens"), services=["habitat"]
    )
    create_url = reverse("habitat:measure-create")
    assert create_url in worker_client.get(reverse("habitat:measures")).content.decode()
    html = worker_client.get(create_url, {"person": person.pk}).content.decode()
    for name in ("dispositif", "kind", "orienteur_kind", "reason", "composition"):
        assert selected_options(html, name) in ([], [""]), name
    assert 'name="objectives_set" value=' not in html  # no preset count either
    today = timezone.localdate()
    data = {
        "person": person.pk,
        "dispositif": dispositif("asl-jeunes-ase").pk,
        "notified_on": (today - datetime.timedelta(days=10)).isoformat(),
        "start": (today - datetime.timedelta(days=3)).isoformat(),
        "objectives_set": 3,
        "initial_objectives": ["budget", "sante"],
    }
    refused = worker_client.post(create_url, data)
    assert refused.status_code == 400
    assert not SupportMeasure.objects.exists()
    data.update(kind="simple", orienteur_kind="ase", reason="acces_logement")
    response = worker_client.post(create_url, data)
    assert response.status_code == 302
    measure = SupportMeasure.objects.get()
    assert response.url == reverse("habitat:measure", args=[measure.pk])
    assert (measure.person, measure.kind, measure.weight, measure.epci.short_name) == (
        person,
        "simple",
        Decimal("1"),
        "CALL",  # from the person's commune
    )
    assert (measure.composition, measure.housing_origin, measure.initial_objectives) == (
        "",  # « non renseigné », not « personne seule »
        "",
        ["budget", "sante"],
    )

    update_url = reverse("habitat:measure-update", args=[measure.pk])
    assert update_url in worker_client.get(response.url).content.decode()
    html = worker_client.get(update_url).content.decode()
    assert selected_options(html, "kind") == ["simple"]
    corrected = {
        **data,
        "kind": "renforcee",
        "objectives_reached": 1,
        "prolongations": 0,
        "epci": Epci.objects.get(short_name="CAHC").pk,
        "version": measure.version,
    }
    SupportMeasure.objects.get(pk=measure.pk).save()  # a colleague's correction
    assert worker_client.post(update_url, corrected).status_code == 409
    measure.refresh_from_db()
    assert measure.kind == "simple"
    response = worker_client.post(update_url, {**corrected, "version": measure.version})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert (measure.kind, measure.weight, measure.objectives_reached, measure.epci.short_name) == (
        "renforcee",
        Decimal("2"),
        1,
        "CAHC",
    )


@pytest.mark.parametrize(
    ("role", "service"),
    [(Role.EDUCATEUR, "prevention"), (Role.CHEF_SERVICE, "scolaire"), (Role.SECRETARIAT, None)],
)
def test_outside_the_habitat_team_the_intake_pages_are_refused(client, role, service):
    housing_request, measure = HousingRequestFactory(), SupportMeasureFactory()
    client.force_login(make_user(role, *([service] if service else [])))
    for url in (
        reverse("habitat:request-create"),
        reverse("habitat:request-update", args=[housing_request.pk]),
        reverse("habitat:measure-create"),
        reverse("habitat:measure-update", args=[measure.pk]),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url


def test_bad_input_is_a_french_400_never_a_server_error(worker_client):
    measure = SupportMeasureFactory()
    huge = "99999999999999999999"
    assert worker_client.get(reverse("habitat:request-create"), {"person": huge}).status_code == 200
    assert worker_client.get(reverse("habitat:measure-create"), {"person": "x"}).status_code == 200
    for odd in ("²", "٣"):  # digits to str.isdigit(), not to the URLs
        url = reverse("habitat:request-create")
        assert worker_client.get(url, {"person": odd, "retour": odd}).status_code == 200
        response = worker_client.post(url, {"person": odd, "back_to_person": odd})
        assert response.status_code == 400
    response = worker_client.post(
        reverse("habitat:measure-update", args=[measure.pk]),
        {
            "person": huge,
            "weight": huge,
            "objectives_set": huge,
            "resources": "beaucoup",
            "initial_objectives": ["inconnu"],
            "version": huge,
        },
    )
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Cette personne n'est pas disponible" in html
    assert "Sélectionnez un choix valide" in html
    measure.refresh_from_db()
    assert measure.initial_objectives == []
