"""Plausibility: what a social worker reading the demo would find absurd — a child registered
at the Mission locale, a parents' action without parents, ten children at one home visit, a
youth aid for a fifty-year-old. Every rule below is written from the field, not from the demo's
own data, so that the demo cannot agree with itself by construction."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Q, Sum

from habitat.models import CllajFile, HousingRequest, Stay, SupportMeasure
from prevention.models import Accompaniment, CollectiveAction, WorkedDomain
from rl_portal.models import CaseFile, HouseholdMember
from scolaire.models import PRIMARY_LEVELS, Attendance, Programme, Referral, Session

# Ages at which each scolarité or situation is possible (at the start of an accompaniment).
SITUATION_AGES = {
    "ecole_primaire": (5, 12),
    "college": (10, 16),
    "lycee_general": (14, 21),
    "lycee_professionnel": (14, 21),
    "etudes_superieures": (17, 99),
    "descolarise": (12, 99),
    "recherche_emploi": (16, 99),
    "recherche_formation": (15, 99),
    "en_formation": (15, 99),
    "activite_professionnelle": (16, 99),
    "chomage_rsa": (16, 99),
}
# The Mission locale receives youths from 16 to 25; training is after school; a collège takes
# pupils up to 16; child welfare follows minors and young adults up to 21.
MISSION_LOCALE = (16, 25)
PROBLEMATIQUE_AGES = {
    "Inscription Mission locale, France Travail": MISSION_LOCALE,
    "Formation": (15, 99),
}
CO_ACCOMPANIMENT_AGES = {
    "mission_locale": MISSION_LOCALE,
    "ase": (0, 21),
    "education_nationale": (5, 20),
}
PARTNER_KIND_AGES = {"mission_locale": MISSION_LOCALE, "college": (10, 16), "ecole": (5, 12)}
DOMAIN_AGES = {
    "insertion_pro": (16, 99),
    "logement_hebergement": (16, 99),
    "formation": (15, 99),
}
# Aids and resources that depend on age (and on child welfare, or children).
AID_AGES = {"faj": (18, 25), "afase": (18, 21)}
RESOURCE_AGES = {"apjm": (18, 21), "cej": (16, 25)}
WITH_CHILDREN = {"couple_enfants", "monoparentale"}
# Ages of each housing public at entry.
STAY_AGES = {"alt-jeunes": (18, 30), "alt-familles": (18, 99), "tremplins-duo": (16, 25)}


def _outside(age: int | None, ages: tuple[int, int]) -> bool:
    return age is not None and not ages[0] <= age <= ages[1]


def check_prevention_ages() -> list[str]:
    faults = []
    accompaniments = Accompaniment.objects.select_related("person").prefetch_related(
        "problematiques", "co_accompaniments", "reorientations__partner"
    )
    for acc in accompaniments:
        age = acc.person.age_on(acc.start)
        label = f"accompagnement {acc.pk} ({age} ans)"
        if _outside(age, SITUATION_AGES[acc.situation]):
            faults.append(f"{label} : situation « {acc.get_situation_display()} »")
        for problematique in acc.problematiques.all():
            if _outside(age, PROBLEMATIQUE_AGES.get(problematique.name, (0, 99))):
                faults.append(f"{label} : problématique « {problematique.name} »")
        for co in acc.co_accompaniments.all():
            if _outside(age, CO_ACCOMPANIMENT_AGES.get(co.kind, (0, 99))):
                faults.append(f"{label} : co-accompagnement « {co.get_kind_display()} »")
        for reorientation in acc.reorientations.all():
            kind = reorientation.partner.kind if reorientation.partner else ""
            if _outside(acc.person.age_on(acc.end), PARTNER_KIND_AGES.get(kind, (0, 99))):
                faults.append(f"{label} : réorienté vers « {reorientation.partner} »")
    for worked in WorkedDomain.objects.select_related("accompaniment__person"):
        age = worked.accompaniment.person.age_on(worked.date)
        if _outside(age, DOMAIN_AGES.get(worked.domain, (0, 99))):
            faults.append(f"domaine « {worked.get_domain_display()} » travaillé à {age} ans")
    for case_file in CaseFile.objects.filter(
        service__code__in=["prevention", "emps"]
    ).select_related("person"):
        age = case_file.person.age_on(case_file.opened_on)
        if _outside(age, (6, 25)):
            faults.append(f"jeune rencontré à {age} ans par la prévention")
    return faults


def check_family_actions() -> list[str]:
    """Families come with their parents: an action involving families counts at least one
    adult per family; a parentalité action involves families."""
    faults = []
    actions = CollectiveAction.objects.annotate(
        adults=Sum("headcounts__count", filter=Q(headcounts__age_band="plus_21"), default=0)
    )
    for action in actions:
        if action.kind == "parentalite" and action.families == 0:
            faults.append(f"action de parentalité « {action.title} » sans famille")
        if action.adults < action.families:
            faults.append(
                f"« {action.title} » : {action.families} familles pour {action.adults} adulte(s)"
            )
    return faults


def check_named_participants() -> list[str]:
    """A youth named among an action's participants is of the age the action is for (no
    twenty-year-old in a collège class's workshop): one of the bands of its head-count."""
    faults = []
    actions = CollectiveAction.objects.prefetch_related("participants", "headcounts", "sessions")
    for action in actions:
        bands = {headcount.age_band for headcount in action.headcounts.all()}
        first = min(session.date for session in action.sessions.all())
        for person in action.participants.all():
            band = _band(person.age_on(first))
            if bands and band is not None and band not in bands:
                faults.append(
                    f"« {action.title} » ({', '.join(sorted(bands))}) : {person} en {band}"
                )
    return faults


def _band(age: int | None) -> str | None:
    if age is None:
        return None
    if age < 11:
        return "moins_11"
    for band, highest in (("11_14", 14), ("15_18", 18), ("19_21", 21)):
        if age <= highest:
            return band
    return "plus_21"


def check_individual_programmes() -> list[str]:
    """An individual programme (homework help at home) sees one child per session; a child has
    at most one visit a day."""
    faults = []
    individual = Programme.objects.filter(kind__in=Programme.INDIVIDUAL_KINDS)
    crowded = (
        Session.objects.filter(programme__in=individual)
        .annotate(children=Count("attendances"))
        .exclude(children=1)
    )
    faults += [f"séance individuelle {s.pk} : {s.children} enfants" for s in crowded]
    visits = Counter(
        Attendance.objects.filter(session__programme__in=individual).values_list(
            "enrolment_id", "session__date"
        )
    )
    faults += [f"inscription {e} : {n} visites le {d}" for (e, d), n in visits.items() if n > 1]
    return faults


def check_referrals() -> list[str]:
    """What is signalled about a child fits their school: the collège is a collégien's."""
    faults = []
    for referral in Referral.objects.select_related("child"):
        enrolment = (
            referral.child.enrolments.filter(start__lte=referral.date).order_by("-start").first()
        )
        if "collège" in referral.reason and enrolment.level in PRIMARY_LEVELS:
            faults.append(f"orientation {referral.pk} : « collège » pour un élève de primaire")
    return faults


def check_habitat_ages() -> list[str]:
    faults = []
    for stay in Stay.objects.select_related("person", "unit__dispositif", "household"):
        age = stay.person.age_on(stay.entry)
        code = stay.unit.dispositif.code
        if _outside(age, STAY_AGES[code]):
            faults.append(f"séjour {stay.pk} ({code}) à {age} ans")
        composition = stay.household.composition if stay.household else ""
        for resource, day in (
            (stay.resource_type_entry, stay.entry),
            (stay.resource_type_exit, stay.exit),
        ):
            faults += _resource_faults(stay.person, resource, day, composition, f"séjour {stay.pk}")
    for measure in SupportMeasure.objects.select_related("person", "dispositif"):
        age = measure.person.age_on(measure.start)
        label = f"mesure {measure.pk} ({measure.dispositif.code}, {age} ans)"
        for aid in measure.applications_and_aids:
            if _outside(age, AID_AGES.get(aid, (0, 99))):
                faults.append(f"{label} : aide « {aid} »")
            if aid == "afase" and not measure.person.ase_history:
                faults.append(f"{label} : AFASE hors ASE")
        young_ase_adult = not _outside(age, (18, 21)) and measure.person.ase_history
        if measure.dispositif.code == "asl-jeunes-ase" and not young_ase_adult:
            faults.append(f"{label} : ASL Jeunes ASE")
    for record in CllajFile.objects.select_related("person"):
        age = record.person.age_on(record.date)
        followed = record.mission_locale or record.orienteur_kind == "mission_locale"
        if followed and _outside(age, MISSION_LOCALE):
            faults.append(f"dossier CLLAJ {record.pk} : Mission locale à {age} ans")
    for request in HousingRequest.objects.select_related("household").exclude(household=None):
        if request.household.composition != request.composition:
            faults.append(f"demande {request.pk} : composition autre que celle du ménage")
    for member in HouseholdMember.objects.select_related("person", "household"):
        age = member.person.age
        if member.role == "demandeur" and _outside(age, (18, 99)):
            faults.append(f"ménage {member.household_id} : demandeur de {age} ans")
    return faults


def _resource_faults(person, resource: str, day, composition: str, label: str) -> list[str]:
    if not resource or day is None:
        return []
    age = person.age_on(day)
    faults = []
    if _outside(age, RESOURCE_AGES.get(resource, (0, 99))):
        faults.append(f"{label} : ressource « {resource} » à {age} ans")
    if resource == "apjm" and not person.ase_history:
        faults.append(f"{label} : allocation jeune majeur hors ASE")
    if resource == "rsa" and _outside(age, (25, 99)) and composition not in WITH_CHILDREN:
        faults.append(f"{label} : RSA à {age} ans sans enfant")
    if resource == "prestations_familiales" and composition not in WITH_CHILDREN:
        faults.append(f"{label} : prestations familiales sans enfant")
    return faults


def all_faults() -> dict[str, list[str]]:
    return {
        check.__name__: check()
        for check in (
            check_prevention_ages,
            check_family_actions,
            check_named_participants,
            check_individual_programmes,
            check_referrals,
            check_habitat_ages,
        )
    }
