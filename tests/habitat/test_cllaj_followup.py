"""Issue 15: a CLLAJ follow-up is kept from its page, not the Django admin — the file's answers,
its interviews, applications built and orientations advised are added, corrected (versioned:
409 on a concurrent change) and deleted, journalled; nothing counted is preselected."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from habitat import services
from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    MeetingPlace,
)
from rl_portal.roles import Role
from rl_portal.versioning import ConcurrentEditError
from tests.habitat.factories import CllajFileFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def cllaj_file(worker):
    return CllajFileFactory(date=D(2025, 3, 1), created_by=worker)


def entries(model, pk) -> list[LogEntry]:
    return list(
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=pk
        ).order_by("pk")
    )


# --- services --------------------------------------------------------------------------------


def test_the_file_is_corrected_versioned_and_journalled(worker, cllaj_file):
    read = cllaj_file.version
    services.cllaj_file_update(
        cllaj_file=cllaj_file, by=worker, version=read, orienteur_kind="", outcome="bailleur_public"
    )
    cllaj_file.refresh_from_db()
    assert (cllaj_file.orienteur_kind, cllaj_file.outcome) == ("", "bailleur_public")
    last = entries(CllajFile, cllaj_file.pk)[-1]
    assert last.actor == worker and "outcome" in last.changes
    with pytest.raises(ConcurrentEditError):
        services.cllaj_file_update(
            cllaj_file=CllajFile.objects.get(pk=cllaj_file.pk), by=worker, version=read, kind="aio"
        )
    with pytest.raises(ValidationError, match="nature"):
        services.cllaj_file_update(
            cllaj_file=cllaj_file, by=worker, version=cllaj_file.version, kind=""
        )


def test_the_request_date_never_follows_its_interviews(worker, cllaj_file):
    services.cllaj_interview_add(
        cllaj_file=cllaj_file, by=worker, date=D(2025, 3, 4), mode="distance"
    )
    with pytest.raises(ValidationError) as error:
        services.cllaj_file_update(
            cllaj_file=cllaj_file, by=worker, version=cllaj_file.version, date=D(2025, 3, 10)
        )
    assert "04/03/2025" in error.value.message_dict["date"][0]


def test_interviews_are_added_corrected_and_deleted_by_their_author_or_a_chef(worker, cllaj_file):
    place = MeetingPlace.objects.create(name="CCAS de Carvin")
    with pytest.raises(ValidationError, match="lieu"):
        services.cllaj_interview_add(
            cllaj_file=cllaj_file, by=worker, date=D(2025, 3, 4), mode="physique"
        )
    with pytest.raises(ValidationError, match="précède la demande"):
        services.cllaj_interview_add(
            cllaj_file=cllaj_file, by=worker, date=D(2025, 2, 4), mode="distance"
        )
    interview = services.cllaj_interview_add(
        cllaj_file=cllaj_file, by=worker, date=D(2025, 3, 4), mode="physique", place=place
    )
    read = interview.version
    services.cllaj_interview_update(
        interview=interview, by=worker, version=read, date=D(2025, 3, 5), mode="distance"
    )
    interview.refresh_from_db()
    assert (interview.date, interview.mode, interview.place) == (D(2025, 3, 5), "distance", None)
    with pytest.raises(ConcurrentEditError):
        services.cllaj_interview_update(
            interview=interview, by=worker, version=read, date=D(2025, 3, 6), mode="distance"
        )
    interview.refresh_from_db()  # the refused save left the stale version on the object
    colleague = make_user(Role.EDUCATEUR, "habitat", username="colleague")
    with pytest.raises(ValidationError, match="auteur"):
        services.cllaj_interview_delete(
            interview=interview, by=colleague, version=interview.version
        )
    chef = make_user(Role.CHEF_SERVICE, "habitat", username="chef.h")
    pk = interview.pk
    services.cllaj_interview_delete(interview=interview, by=chef, version=interview.version)
    assert not CllajInterview.objects.exists()
    assert entries(CllajInterview, pk)[-1].actor == chef


def test_applications_and_orientations_are_added_corrected_and_deleted(worker, cllaj_file):
    with pytest.raises(ValidationError, match="Choisissez l'orientation"):
        services.cllaj_orientation_save(
            cllaj_file=cllaj_file, by=worker, target="", date=D(2025, 3, 2)
        )
    orientation = services.cllaj_orientation_save(
        cllaj_file=cllaj_file, by=worker, target="siao", date=D(2025, 3, 2)
    )
    services.cllaj_orientation_save(
        cllaj_file=cllaj_file,
        by=worker,
        target="alt",
        date=D(2025, 3, 3),
        orientation=orientation,
        version=orientation.version,
    )
    orientation.refresh_from_db()
    assert (orientation.target, orientation.date) == ("alt", D(2025, 3, 3))
    application = services.cllaj_application_save(
        cllaj_file=cllaj_file, by=worker, kind="dalo", date=D(2025, 3, 2)
    )
    with pytest.raises(ConcurrentEditError):
        services.cllaj_application_save(
            cllaj_file=cllaj_file,
            by=worker,
            kind="visale",
            date=D(2025, 3, 2),
            application=application,
            version=application.version - 1,
        )
    pk = orientation.pk
    application.refresh_from_db()
    services.cllaj_item_delete(item=application, by=worker, version=application.version)
    services.cllaj_item_delete(item=orientation, by=worker, version=orientation.version)
    assert not CllajApplication.objects.exists() and not CllajOrientation.objects.exists()
    assert entries(CllajOrientation, pk)[-1].action == LogEntry.Action.DELETE


def test_outside_the_habitat_nothing_is_written(cllaj_file):
    other = make_user(Role.EDUCATEUR, "prevention", username="educ.prev")
    with pytest.raises(ValidationError, match="habitat"):
        services.cllaj_orientation_save(
            cllaj_file=cllaj_file, by=other, target="siao", date=D(2025, 3, 2)
        )


# --- pages -----------------------------------------------------------------------------------


def file_data(cllaj_file, **changes) -> dict:
    data = {
        name: getattr(cllaj_file, name) or ""
        for name in services.CLLAJ_FILE_FIELDS
        if name not in ("dispositif", "date", "is_qpv", "mission_locale", "action_logement")
    }
    answers = {None: "unknown", True: "true", False: "false"}
    for name in ("is_qpv", "mission_locale", "action_logement"):
        data[name] = answers[getattr(cllaj_file, name)]
    data.update(
        dispositif=cllaj_file.dispositif_id,
        date=cllaj_file.date.isoformat(),
        version=cllaj_file.version,
    )
    data.update(changes)
    return data


def test_the_list_and_the_person_page_link_to_the_follow_up(client, worker, cllaj_file):
    client.force_login(worker)
    url = reverse("habitat:cllaj-file", args=[cllaj_file.pk])
    assert url in client.get(reverse("habitat:cllaj-files")).content.decode()
    person_page = client.get(reverse("person-detail", args=[cllaj_file.person_id]))
    assert url in person_page.content.decode()
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "Suivi CLLAJ de" in content
    # Nothing counted is preselected in the forms that add: the kind and the orientation
    # are chosen.
    assert '<option value="" selected>— à choisir —</option>' in content
    read = LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_id=cllaj_file.person_id, actor=worker
    )
    assert read.exists()


def test_an_orientation_is_added_from_the_page_and_refused_without_a_choice(
    client, worker, cllaj_file
):
    client.force_login(worker)
    url = reverse("habitat:cllaj-item-create", args=[cllaj_file.pk, "orientations"])
    response = client.post(url, {"orientation-target": "", "orientation-date": "2025-03-05"})
    assert response.status_code == 400
    assert "Choisissez l&#x27;orientation préconisée." in response.content.decode()
    assert 'value="2025-03-05"' in response.content.decode()
    assert not CllajOrientation.objects.exists()
    response = client.post(url, {"orientation-target": "siao", "orientation-date": "2025-03-05"})
    assert response.status_code == 302
    assert CllajOrientation.objects.get().target == "siao"


def test_the_file_is_corrected_from_its_page_409_when_stale(client, worker, cllaj_file):
    client.force_login(worker)
    url = reverse("habitat:cllaj-file", args=[cllaj_file.pk])
    read = file_data(cllaj_file, outcome="bailleur_prive", is_qpv="true", mission_locale="unknown")
    assert client.post(url, read).status_code == 302
    cllaj_file.refresh_from_db()
    assert cllaj_file.outcome == "bailleur_prive"
    # Yes / no / « non renseigné »: an answer nobody gave is not a no.
    assert (cllaj_file.is_qpv, cllaj_file.mission_locale) == (True, None)
    response = client.post(url, {**read, "outcome": "bailleur_public"})
    assert response.status_code == 409
    cllaj_file.refresh_from_db()
    assert cllaj_file.outcome == "bailleur_prive"
    # An empty nature is a field error, not a preselected answer.
    response = client.post(url, file_data(cllaj_file, kind=""))
    assert response.status_code == 400


def test_an_interview_is_corrected_and_deleted_from_its_page(client, worker, cllaj_file):
    interview = services.cllaj_interview_add(
        cllaj_file=cllaj_file, by=worker, date=D(2025, 3, 4), mode="distance"
    )
    client.force_login(worker)
    url = reverse("habitat:cllaj-item", args=[cllaj_file.pk, "entretiens", interview.pk])
    assert client.get(url).status_code == 200
    data = {"entretien-date": "2025-03-06", "entretien-mode": "distance"}
    response = client.post(url, {**data, "entretien-version": interview.version})
    assert response.status_code == 302
    response = client.post(url, {**data, "entretien-version": interview.version})
    assert response.status_code == 409
    interview.refresh_from_db()
    assert interview.date == D(2025, 3, 6)
    delete_url = reverse(
        "habitat:cllaj-item-delete", args=[cllaj_file.pk, "entretiens", interview.pk]
    )
    assert client.post(delete_url, {"version": interview.version}).status_code == 302
    assert not CllajInterview.objects.exists()


def test_an_unknown_kind_or_another_files_item_is_a_404(client, worker, cllaj_file):
    other = CllajFileFactory()
    orientation = services.cllaj_orientation_save(
        cllaj_file=other, by=worker, target="siao", date=D(2025, 3, 2)
    )
    client.force_login(worker)
    url = reverse("habitat:cllaj-item", args=[cllaj_file.pk, "orientations", orientation.pk])
    assert client.get(url).status_code == 404
    url = reverse("habitat:cllaj-item", args=[cllaj_file.pk, "loyers", orientation.pk])
    assert client.get(url).status_code == 404
