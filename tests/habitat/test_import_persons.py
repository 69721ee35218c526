"""The persons of the habitat import: a person already recorded is found, not created again;
a likely duplicate is asked about in the preview; nobody is housed twice at once."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from habitat.importing import HABITAT_IMPORT
from habitat.indicators.bilans import housed_count
from habitat.models import Stay, SupportMeasure
from reportkit.periods import Period
from rl_portal.models import CaseFile, Person, Sex
from rl_portal.roles import Role
from tests.habitat.factories import HousingUnitFactory, StayFactory, SupportMeasureFactory
from tests.habitat.test_import import measure, stay, xlsx
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def worker():
    return make_user(Role.EDUCATEUR, "habitat", username="thomas")


@pytest.fixture
def units():
    return (
        HousingUnitFactory(label="Carvin T2 n° 3", places=1),
        HousingUnitFactory(label="Oignies T1 n° 1", places=1),
    )


def ines(**values):
    return PersonFactory(
        pseudonym="Inès", sex=Sex.FEMALE, birth_year=2004, services=["habitat"], **values
    )


def test_a_person_already_housed_is_neither_created_again_nor_housed_twice(worker, units):
    """Reproduction: Inès (F, 2004) lives in Carvin T2 n° 3; a file from the old tool puts
    her in Oignies T1 n° 1. She was created a second time and counted twice as housed."""
    carvin, oignies = units
    housed = ines()
    StayFactory(unit=carvin, person=housed, entry=D(2025, 1, 6))
    period = Period.year(2025)
    assert housed_count(period=period) == 1
    file = xlsx(stays=[stay(Logement="Oignies T1 n° 1", Entrée="03/02/2025")])

    preview = HABITAT_IMPORT.preview(file, by=worker)

    assert preview.errors == [
        "Feuille Séjours, ligne 2 : Inès est déjà hébergé(e) dans le logement « Carvin T2 n° 3 » "
        "du 06/01/2025 à ce jour : une personne n'est jamais hébergée deux fois à la fois."
    ]
    [question] = preview.questions
    assert question.candidates == [housed] and question.choice == str(housed.pk)
    with pytest.raises(ValidationError):
        HABITAT_IMPORT.apply(file, by=worker)
    assert (Person.objects.count(), Stay.objects.count()) == (1, 1)
    assert housed_count(period=period) == 1


def test_a_known_person_is_found_and_her_record_completed(worker, units):
    known = ines()
    CaseFile.objects.filter(person=known).update(opened_on=D(2025, 5, 2))
    file = xlsx(
        stays=[stay(Entrée="03/02/2025")],
        measures=[measure(Pseudonyme="inès", Sexe="F", **{"Année de naissance": 2004})],
    )

    preview = HABITAT_IMPORT.preview(file, by=worker)

    assert preview.errors == []
    assert preview.persons_created == 0
    [question] = preview.questions
    assert question.places == ["Séjours, ligne 2", "Mesures, ligne 2"]
    assert question.options() == [
        (str(known.pk), f"La fiche n° {known.pk} : Inès, F, né(e) en 2004"),
        ("new", "Une autre personne : créer une nouvelle fiche"),
    ]
    done = HABITAT_IMPORT.apply(file, by=worker)
    assert done.persons_created == 0
    assert Person.objects.count() == 1
    assert known.stays.get().entry == D(2025, 2, 3)
    assert known.support_measures.get().dispositif.code == "fsl-asll"
    # Her first record in the service is now the measure's start.
    assert CaseFile.objects.get(person=known, service__code="habitat").opened_on == D(2025, 1, 15)


def test_the_user_may_say_it_is_someone_else(worker, units):
    known = ines()
    file = xlsx(stays=[stay()])
    token = HABITAT_IMPORT.preview(file, by=worker).questions[0].token

    done = HABITAT_IMPORT.apply(file, by=worker, decisions={token: "new"})

    assert done.persons_created == 1
    newcomer = Person.objects.exclude(pk=known.pk).get()
    assert newcomer.stays.get().unit.label == "Carvin T2 n° 3"
    assert not known.stays.exists()


def test_between_several_candidates_the_user_must_choose(worker, units):
    first, second = ines(), ines(last_name="Martin")
    same = {"Pseudonyme": "Inès", "Sexe": "F", "Année de naissance": 2004}
    file = xlsx(stays=[stay()], measures=[measure(**same)])

    preview = HABITAT_IMPORT.preview(file, by=worker)

    message = (
        "plusieurs fiches déjà enregistrées ressemblent à « Inès, F, né(e) en 2004 » : "
        "choisissez ci-dessous laquelle, ou une nouvelle fiche."
    )
    assert preview.errors == [
        f"Feuille Séjours, ligne 2 : {message}",
        f"Feuille Mesures, ligne 2 : {message}",
    ]
    [stay_question] = preview.questions
    # As close to the row as each other: the latest recorded first.
    assert stay_question.candidates == [second, first]
    assert stay_question.places == ["Séjours, ligne 2", "Mesures, ligne 2"]
    assert stay_question.choice == ""

    # A forged answer (a person who is not a candidate) is no answer.
    other = PersonFactory(pseudonym="Inès", services=["prevention"])
    forged = HABITAT_IMPORT.preview(file, by=worker, decisions={stay_question.token: other.pk})
    assert forged.errors[0] == f"Feuille Séjours, ligne 2 : {message}"

    done = HABITAT_IMPORT.apply(file, by=worker, decisions={stay_question.token: str(second.pk)})
    assert done.persons_created == 0
    assert second.stays.count() == 1 and second.support_measures.count() == 1
    assert not first.stays.exists()


def test_only_persons_the_user_may_see_are_proposed(worker, units):
    """A youth known only to prevention is neither shown to the habitat worker nor reused."""
    prevention_only = PersonFactory(
        pseudonym="Inès", sex=Sex.FEMALE, birth_year=2004, services=["prevention"]
    )
    file = xlsx(stays=[stay()])

    preview = HABITAT_IMPORT.preview(file, by=worker)

    assert (preview.errors, preview.questions, preview.persons_created) == ([], [], 1)
    HABITAT_IMPORT.apply(file, by=worker)
    assert Person.objects.exclude(pk=prevention_only.pk).get().stays.count() == 1


def test_a_second_measure_of_the_same_dispositif_is_refused(worker):
    known = ines()
    SupportMeasureFactory(person=known, start=D(2025, 1, 15))
    file = xlsx(measures=[measure(Pseudonyme="Inès", Sexe="F", **{"Année de naissance": 2004})])

    preview = HABITAT_IMPORT.preview(file, by=worker)

    assert preview.errors == [
        "Feuille Mesures, ligne 2 : Inès a déjà une mesure FSL ASLL commencée le 15/01/2025 (en "
        "cours) : une mesure se prolonge, elle ne s'ouvre pas deux fois."
    ]
    assert SupportMeasure.objects.count() == 1


def test_the_candidates_shown_are_journalled_as_read(worker, units):
    known = ines()
    HABITAT_IMPORT.preview(xlsx(stays=[stay()]), by=worker)
    reads = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, object_pk=str(known.pk))
    assert reads.get().actor == worker


def test_the_imported_records_are_journalled_with_their_author(worker, units):
    HABITAT_IMPORT.apply(xlsx(stays=[stay()]), by=worker)
    entry = LogEntry.objects.get_for_model(Stay).get(action=LogEntry.Action.CREATE)
    assert entry.actor == worker
    assert entry.additional_data == {"action": "import habitat"}


def test_the_page_asks_then_imports_with_the_answer(client, worker, units):
    known = ines()
    client.force_login(worker)
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("habitat:import")
    preview = client.post(url, {"file": SimpleUploadedFile("parc.xlsx", xlsx(stays=[stay()]))})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Des personnes déjà enregistrées ?" in html
    assert f"La fiche n° {known.pk} : Inès, F, né(e) en 2004" in html
    token = preview.context["outcome"].questions[0].token
    assert f'name="personne_{token}"' in html

    done = client.post(url, {"action": "confirmer", f"personne_{token}": "new"})

    assert done.status_code == 302
    assert Person.objects.count() == 2 and not known.stays.exists()
