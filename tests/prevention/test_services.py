"""The rules of the prevention writes, one by one."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from prevention import services
from prevention.models import Accompaniment, Contact, Problematique, TimeEntry
from rl_portal.models import CaseFile, Commune, Person, Quartier
from rl_portal.roles import Role
from tests.prevention.factories import AccompanimentFactory, dispositif
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 3)


def record(by, educator=None, **kwargs):
    values = {"dispositif": dispositif(), "date": DAY, "hours": "2", "activity": "travail_de_rue"}
    values.update(kwargs)
    return services.time_entry_create(educator=educator or by, by=by, **values)


@pytest.mark.parametrize("hours", ["0,25", "1.5", "7,75", "24"])
def test_hours_by_quarter(educ, hours):
    entry = record(educ, hours=hours)
    assert entry.hours == Decimal(hours.replace(",", "."))


@pytest.mark.parametrize("hours", ["2h30", "2:30", "2,5", "2.5", "2 h 30", "150 min"])
def test_hours_as_people_write_them(educ, hours):
    """Issue 15, item 7: « 2h30 » was refused."""
    assert record(educ, hours=hours).hours == Decimal("2.5")


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("0", "positif"),
        ("-1", "positif"),
        ("1,3", "quart d'heure"),
        ("25", "24 heures"),
        ("deux", "nombre d'heures"),
        ("NaN", "nombre d'heures"),
        ("2h75", "minutes"),
    ],
)
def test_bad_hours_are_refused(educ, hours, message):
    with pytest.raises(ValidationError) as error:
        record(educ, hours=hours)
    assert message in " ".join(error.value.message_dict["hours"])
    assert not TimeEntry.objects.exists()


def test_at_most_24_hours_a_day_per_educator(educ):
    record(educ, hours="20")
    with pytest.raises(ValidationError) as error:
        record(educ, hours="4,25")
    assert error.value.message_dict["hours"] == [
        "20 h déjà enregistrées le 03/03/2025 ; cette saisie en ajoute 4,25 h : "
        "maximum 24 h par jour."
    ]
    record(educ, hours="4")
    # Another day, or another éducateur, is counted apart.
    record(educ, hours="4", date=DAY + datetime.timedelta(days=1))
    assert TimeEntry.objects.count() == 3


def test_dates_between_2000_and_31_days_ahead(educ):
    with pytest.raises(ValidationError, match="2000"):
        record(educ, date=datetime.date(1999, 12, 31))
    with pytest.raises(ValidationError, match="31 jours"):
        record(educ, date=timezone.localdate() + datetime.timedelta(days=32))
    record(educ, date=timezone.localdate() + datetime.timedelta(days=31))


def test_only_the_services_dispositifs(educ):
    with pytest.raises(ValidationError) as error:
        record(educ, dispositif=dispositif("emps"))
    assert "dispositifs de vos services" in str(error.value)
    habitat = make_user(Role.EDUCATEUR, "habitat", username="thomas")
    with pytest.raises(ValidationError):
        record(habitat)


def test_an_educator_records_their_own_time_a_chef_for_the_team(educ, chef):
    colleague = make_user(Role.EDUCATEUR, "prevention", username="yasmine")
    with pytest.raises(ValidationError, match="propre temps"):
        record(educ, educator=colleague)
    assert record(chef, educator=colleague).educator == colleague


def test_quartier_must_match_commune(educ):
    with pytest.raises(ValidationError) as error:
        record(
            educ,
            commune=Commune.objects.get(name="Carvin"),
            quartier=Quartier.objects.get(name="Le Rotois"),
        )
    assert "quartier" in error.value.message_dict


def test_a_contact_makes_the_youth_known_to_the_service(educ):
    youth = PersonFactory(services=["scolaire"])
    services.contact_create(
        person=youth,
        dispositif=dispositif(),
        date=DAY,
        mode="travail_de_rue",
        educator=educ,
        by=educ,
    )
    case_file = CaseFile.objects.get(person=youth, service__code="prevention")
    assert case_file.opened_on == DAY
    services.contact_create(
        person=youth,
        dispositif=dispositif(),
        date=DAY - datetime.timedelta(days=10),
        mode="presence_sociale",
        educator=educ,
        by=educ,
    )
    case_file.refresh_from_db()
    assert case_file.opened_on == DAY - datetime.timedelta(days=10)


def test_quick_entry_is_all_or_nothing(educ):
    youth = PersonFactory(services=["prevention"])
    with pytest.raises(ValidationError) as error:
        services.quick_entry_save(
            by=educ,
            dispositif=dispositif(),
            date=DAY,
            hours_by_activity={"travail_de_rue": "2", "formation": "1,1"},
            persons=[youth],
        )
    assert "hours_formation" in error.value.message_dict
    assert not TimeEntry.objects.exists()
    assert not Contact.objects.exists()
    result = services.quick_entry_save(
        by=educ,
        dispositif=dispositif(),
        date=DAY,
        hours_by_activity={"travail_de_rue": "2", "formation": "1", "ecrits_professionnels": ""},
        persons=[youth],
    )
    assert result.hours == Decimal("3")
    assert len(result.contacts) == 1


def test_quick_entry_needs_something(educ):
    with pytest.raises(ValidationError, match="au moins"):
        services.quick_entry_save(by=educ, dispositif=dispositif(), date=DAY, hours_by_activity={})


def test_youth_created_on_the_spot(educ):
    youth = services.youth_create(
        pseudonym=" Nono ", sex="M", age=14, dispositif=dispositif(), by=educ
    )
    assert youth.pseudonym == "Nono"
    assert youth.birth_year == timezone.localdate().year - 14
    assert youth.case_files.get().service.code == "prevention"
    with pytest.raises(ValidationError):
        services.youth_create(pseudonym="X", sex="M", age=2, dispositif=dispositif(), by=educ)


def _open(educ, **kwargs):
    values = {
        "person": PersonFactory(services=["prevention"]),
        "dispositif": dispositif(),
        "kind": Accompaniment.Kind.PAEI,
        "referent": educ,
        "start": DAY,
        "situation": Accompaniment.Situation.COLLEGE,
        "problematiques": [Problematique.objects.filter(parent__isnull=False).first()],
        "co_accompaniments": [("ase", None), ("ase", None), ("sante", None)],
    }
    values.update(kwargs)
    return services.accompaniment_open(by=educ, **values)


def test_open_and_close_an_accompaniment(educ):
    accompaniment = _open(educ)
    assert sorted(accompaniment.co_accompaniments.values_list("kind", flat=True)) == [
        "ase",
        "sante",
    ]
    closed = services.accompaniment_close(
        accompaniment=accompaniment,
        end=DAY + datetime.timedelta(days=100),
        reason="amelioration_situation",
        version=accompaniment.version,
        by=educ,
    )
    assert closed.end_reason == "amelioration_situation"
    with pytest.raises(ValidationError, match="déjà clôturé"):
        services.accompaniment_close(accompaniment=closed, end=DAY, reason="orientation", by=educ)


def test_a_paei_needs_a_problematique(educ):
    with pytest.raises(ValidationError) as error:
        _open(educ, problematiques=[])
    assert "problematiques" in error.value.message_dict
    assert not Accompaniment.objects.exists()


@pytest.mark.parametrize(
    ("end_offset", "reason", "field"),
    [
        (-1, "amelioration_situation", "end"),
        (10, "", "end_reason"),
        (10, "n_importe_quoi", "end_reason"),
        (10, "orientation", "reorientations"),
    ],
)
def test_closing_checks_reason_and_dates(educ, end_offset, reason, field):
    accompaniment = _open(educ)
    with pytest.raises(ValidationError) as error:
        services.accompaniment_close(
            accompaniment=accompaniment,
            end=accompaniment.start + datetime.timedelta(days=end_offset),
            reason=reason,
            by=educ,
        )
    assert field in error.value.message_dict
    accompaniment.refresh_from_db()
    assert accompaniment.end is None


def test_closing_in_the_future_is_refused(educ):
    accompaniment = _open(educ)
    with pytest.raises(ValidationError, match="futur"):
        services.accompaniment_close(
            accompaniment=accompaniment,
            end=timezone.localdate() + datetime.timedelta(days=1),
            reason="amelioration_situation",
            by=educ,
        )


def test_closing_for_orientation_records_the_reorientation(educ):
    accompaniment = _open(educ)
    services.accompaniment_close(
        accompaniment=accompaniment,
        end=DAY + datetime.timedelta(days=5),
        reason="orientation",
        reorientations=[("medicale", None, "Structure de soin")],
        by=educ,
    )
    assert str(accompaniment.reorientations.get()) == "Médicale : Structure de soin"


def test_concurrent_close_is_refused(educ):
    from rl_portal.versioning import ConcurrentEditError

    accompaniment = _open(educ)
    stale = accompaniment.version
    services.accompaniment_update(
        accompaniment=Accompaniment.objects.get(pk=accompaniment.pk),
        data={"origin": "tiers"},
        version=stale,
        by=educ,
    )
    with pytest.raises(ConcurrentEditError):
        services.accompaniment_close(
            accompaniment=Accompaniment.objects.get(pk=accompaniment.pk),
            end=DAY + datetime.timedelta(days=3),
            reason="amelioration_situation",
            version=stale,
            by=educ,
        )
    assert Accompaniment.objects.get(pk=accompaniment.pk).end is None


def test_only_a_chef_reopens(educ, chef):
    accompaniment = AccompanimentFactory(closed=True, referent=educ)
    with pytest.raises(ValidationError, match="chef de service"):
        services.accompaniment_reopen(accompaniment=accompaniment, by=educ)
    reopened = services.accompaniment_reopen(accompaniment=accompaniment, by=chef)
    # A new period continues the closed one, which keeps its closure.
    accompaniment.refresh_from_db()
    assert not accompaniment.is_open and accompaniment.end_reason == "amelioration_situation"
    assert reopened.is_open and reopened.reopened_from == accompaniment


def test_worked_domains_fall_within_the_accompaniment(educ):
    accompaniment = AccompanimentFactory(closed=True, referent=educ)
    services.worked_domain_create(
        accompaniment=accompaniment, date=datetime.date(2025, 2, 1), domain="scolarite", by=educ
    )
    with pytest.raises(ValidationError, match="pendant l'accompagnement"):
        services.worked_domain_create(
            accompaniment=accompaniment, date=datetime.date(2025, 8, 1), domain="scolarite", by=educ
        )


def test_collective_action_with_sessions_and_headcounts(educ):
    youth = PersonFactory(services=["scolaire"])
    action = services.collective_action_save(
        by=educ,
        data={
            "dispositif": dispositif(),
            "title": "Sorties",
            "kind": "sortie",
            "commune": Commune.objects.get(name="Oignies"),
            "families": 3,
            "initiated_by_service": True,
        },
        session_dates=[DAY, DAY, DAY + datetime.timedelta(days=7)],
        headcounts=[
            services.HeadcountLine("11_14", "F", 4),
            services.HeadcountLine("15_18", "M", 0),
        ],
        participants=[youth],
    )
    assert action.sessions.count() == 2
    assert list(action.headcounts.values_list("age_band", "sex", "count")) == [("11_14", "F", 4)]
    assert CaseFile.objects.filter(person=youth, service__code="prevention").exists()
    with pytest.raises(ValidationError, match="au moins une séance"):
        services.collective_action_save(
            by=educ, data={"dispositif": dispositif()}, session_dates=[]
        )


def test_alert_queries():
    today = timezone.localdate()
    old = AccompanimentFactory(
        start=today - datetime.timedelta(days=300), last_review=today - datetime.timedelta(days=200)
    )
    reviewed = AccompanimentFactory(
        start=today - datetime.timedelta(days=300), last_review=today - datetime.timedelta(days=10)
    )
    Contact.objects.create(
        person=reviewed.person,
        dispositif=dispositif(),
        date=today,
        mode="travail_de_rue",
        educator=reviewed.referent,
    )
    assert list(Accompaniment.objects.needing_review(today)) == [old]
    assert list(Accompaniment.objects.without_recent_contact(today)) == [old]


def test_contacts_and_accompaniments_are_not_recorded_in_advance(educ):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="futur"):
        services.contact_create(
            person=PersonFactory(services=["prevention"]),
            dispositif=dispositif(),
            date=tomorrow,
            mode="travail_de_rue",
            educator=educ,
            by=educ,
        )
    with pytest.raises(ValidationError, match="futur"):
        _open(educ, start=tomorrow)


def test_the_no_contact_alert_looks_at_the_accompaniments_dispositif():
    today = timezone.localdate()
    accompaniment = AccompanimentFactory(start=today - datetime.timedelta(days=300))
    Contact.objects.create(
        person=accompaniment.person,
        dispositif=dispositif("emps"),
        date=today,
        mode="travail_de_rue",
        educator=accompaniment.referent,
    )
    assert list(Accompaniment.objects.without_recent_contact(today)) == [accompaniment]


def test_the_day_total_counts_saved_hours_apart_from_the_entry(educ):
    """Issue 15, item 7: 12 + 12 + 6 h with 2,5 h saved said « 14,5 h sont déjà saisies »
    (the entry's own lines counted as saved)."""
    record(educ, hours="2,5")
    with pytest.raises(ValidationError) as error:
        services.quick_entry_save(
            by=educ,
            dispositif=dispositif(),
            date=DAY,
            hours_by_activity={"travail_de_rue": "12", "formation": "12", "presence_sociale": "6"},
        )
    assert error.value.messages == [
        "2,5 h déjà enregistrées le 03/03/2025 ; cette saisie en ajoute 30 h : "
        "maximum 24 h par jour."
    ]
    assert TimeEntry.objects.count() == 1


def test_quick_entry_reads_hours_as_written(educ):
    result = services.quick_entry_save(
        by=educ,
        dispositif=dispositif(),
        date=DAY,
        hours_by_activity={"travail_de_rue": "2h30", "formation": "1:15", "presence_sociale": ""},
        online_hours="0.5",
    )
    assert result.hours == Decimal("4.25")


def new_youth(**kwargs):
    values = {"pseudonym": "Yanis", "sex": "M", "age": 16}
    values.update(kwargs)
    return services.NewYouth(**values)


def save_with(educ, **kwargs):
    values = {
        "by": educ,
        "dispositif": dispositif(),
        "date": DAY,
        "hours_by_activity": {"travail_de_rue": "2"},
    }
    values.update(kwargs)
    return services.quick_entry_save(**values)


def test_new_youths_are_created_with_the_entry_only(educ):
    """Issue 15, item 5: an abandoned or refused entry leaves no youth behind."""
    with pytest.raises(ValidationError):
        save_with(educ, hours_by_activity={"travail_de_rue": "1,1"}, new_youths=[new_youth()])
    assert not Person.objects.exists()
    oignies = Commune.objects.get(name="Oignies")
    result = save_with(educ, new_youths=[new_youth(commune=oignies), new_youth(commune=oignies)])
    youth = Person.objects.get()
    assert (youth.pseudonym, youth.sex, youth.birth_year, youth.commune) == (
        "Yanis",
        "M",
        timezone.localdate().year - 16,
        oignies,
    )
    assert [contact.person for contact in result.contacts] == [youth]
    assert youth.case_files.get().service.code == "prevention"


def test_the_same_youth_twice_is_met_once(educ):
    youth = PersonFactory(services=["prevention"])
    result = save_with(educ, persons=[youth, youth])
    assert len(result.contacts) == 1
    assert Contact.objects.count() == 1


@pytest.mark.parametrize(
    ("existing", "duplicate"),
    [
        ({"pseudonym": "Yanis", "birth_year": 2010}, True),
        ({"pseudonym": "yanïs", "birth_year": 2009}, True),
        ({"pseudonym": "Yanis", "birth_year": None}, True),
        ({"pseudonym": "Yanis", "birth_year": 2007}, False),
        ({"pseudonym": "Yanis", "birth_year": 2010, "commune": "Carvin"}, False),
        ({"pseudonym": "Yanis", "birth_year": 2010, "sex": "F"}, False),
        ({"pseudonym": "Yanisse", "birth_year": 2010}, False),
    ],
)
def test_a_likely_duplicate_is_not_created_unless_the_user_says_so(educ, existing, duplicate):
    commune = existing.pop("commune", "Oignies")
    PersonFactory(
        sex=existing.pop("sex", "M"),
        commune=Commune.objects.get(name=commune),
        services=["prevention"],
        **existing,
    )
    youth = new_youth(
        age=timezone.localdate().year - 2010, commune=Commune.objects.get(name="Oignies")
    )
    if duplicate:
        with pytest.raises(ValidationError, match="peut-être déjà connu"):
            save_with(educ, new_youths=[youth])
        assert Person.objects.count() == 1
        youth = services.NewYouth(**{**youth.__dict__, "distinct": True})
    save_with(educ, new_youths=[youth])
    assert Person.objects.count() == 2


def test_a_youth_of_another_service_is_no_duplicate(educ):
    PersonFactory(pseudonym="Yanis", sex="M", birth_year=2010, services=["habitat"])
    save_with(educ, new_youths=[new_youth(age=timezone.localdate().year - 2010)])
    assert Person.objects.count() == 2


def test_changing_the_co_accompaniments_journals_only_what_changed(educ):
    """Issue 10, item 7: a partner kept is not journalled as deleted and created again."""
    from auditlog.models import LogEntry

    accompaniment = _open(educ)
    journal = LogEntry.objects.filter(content_type__model="coaccompaniment")
    before = journal.count()
    services.accompaniment_update(
        accompaniment=accompaniment,
        data={"co_accompaniments": [("ase", None), ("education_nationale", None)]},
        version=accompaniment.version,
        by=educ,
    )
    changes = sorted(
        (entry.action, entry.changes["kind"][0 if entry.action else 1])
        for entry in journal.order_by("pk")[before:]
    )
    assert changes == [
        (LogEntry.Action.CREATE, "education_nationale"),
        (LogEntry.Action.DELETE, "sante"),
    ]
