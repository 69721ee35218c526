"""The habitat demo is planned in memory first — persons, CLLAJ records, stays, requests,
measures — so that every person's case file opens on their first habitat record; then it is
written (demo.builders.habitat.write). `Plan` holds what is planned and the rules every public
follows (ages, resources, aids)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from demo.context import DAY, DemoContext, pick
from demo.data import habitat as data
from habitat.models import (
    CllajFile,
    CllajOrientation,
    HousingRequest,
    HousingUnit,
    MeetingPlace,
    Stay,
    SupportMeasure,
    UnitUnavailability,
)
from rl_portal.models import Commune, Dispositif, Epci, Household, Partner, Person, Quartier, Sex


def euros(value: float) -> Decimal:
    return Decimal(str(round(value, 2))).quantize(Decimal("0.01"))


def within(age: int | None, ages: tuple[int, int]) -> bool:
    return age is not None and ages[0] <= age <= ages[1]


@dataclass
class PlannedMeasure:
    dispositif: str
    person: Person
    start: datetime.date
    epci: str | None = None
    orienteur: str | None = None
    remaining: bool = False  # in progress on the first day covered


@dataclass
class Plan:
    context: DemoContext
    communes: dict[str, Commune]
    epcis: dict[str, Epci]
    dispositifs: dict[str, Dispositif]
    partners: dict[str, list[Partner]]
    qpv_quartiers: dict[int, list[Quartier]]
    persons: list[Person] = field(default_factory=list)
    first_record: dict[int, datetime.date] = field(default_factory=dict)
    households: list[tuple[Household, Person]] = field(default_factory=list)
    units: list[tuple[HousingUnit, str]] = field(default_factory=list)
    meeting_places: list[MeetingPlace] = field(default_factory=list)
    unavailabilities: list[UnitUnavailability] = field(default_factory=list)
    records: list[CllajFile] = field(default_factory=list)
    linked_records: set[int] = field(default_factory=set)
    orientations: list[CllajOrientation] = field(default_factory=list)
    # Stays in the order they happen on each place, with the request that led to them.
    stays: list[Stay] = field(default_factory=list)
    requests: list[HousingRequest] = field(default_factory=list)
    measures: list[SupportMeasure] = field(default_factory=list)
    planned_measures: list[PlannedMeasure] = field(default_factory=list)

    @classmethod
    def load(cls, context: DemoContext) -> Plan:
        partners: dict[str, list[Partner]] = {}
        kinds = list(data.PARTNER_KINDS.values())
        for partner in Partner.objects.filter(kind__in=kinds).order_by("pk"):
            partners.setdefault(partner.kind, []).append(partner)
        qpv: dict[int, list[Quartier]] = {}
        for quartier in Quartier.objects.filter(is_qpv=True).order_by("pk"):
            qpv.setdefault(quartier.commune_id, []).append(quartier)
        return cls(
            context=context,
            communes={c.name: c for c in Commune.objects.select_related("epci")},
            epcis={e.short_name: e for e in Epci.objects.all()},
            dispositifs={d.code: d for d in Dispositif.objects.filter(service__code="habitat")},
            partners=partners,
            qpv_quartiers=qpv,
        )

    @property
    def rng(self):
        return self.context.rng

    @property
    def today(self) -> datetime.date:
        return self.context.today

    def commune(self, epci: str | None = None) -> Commune:
        rng = self.rng
        if epci is None:
            roll = rng.random()
            epci = "CAHC" if roll < 0.88 else "CALL" if roll < 0.96 else ""
        if not epci:
            return self.communes[data.OTHER_TERRITORY]
        return self.communes[
            pick(rng, data.CAHC_COMMUNES if epci == "CAHC" else data.CALL_COMMUNES)
        ]

    def new_person(
        self,
        on: datetime.date,
        age: int,
        *,
        commune: Commune,
        exact_birth: float = 0.6,
        ase_history: bool | None = None,
        is_qpv: bool = False,
        sex: str | None = None,
        unknown_age: float = 0.0,
    ) -> Person:
        """A new habitat person, first recorded on `on` at `age` (unknown for a share
        `unknown_age` of them: the housed and accompanied give their birth date)."""
        rng = self.rng
        sex = sex or pick(
            rng, [(Sex.FEMALE, 46), (Sex.MALE, 52), (Sex.NON_BINARY, 1), (Sex.UNKNOWN, 1)]
        )
        roll = rng.random()
        if roll < exact_birth:
            birth_date = on - relativedelta(years=age) - rng.randint(0, 364) * DAY
            birth_year = birth_date.year
        elif roll < 1 - unknown_age:
            birth_date, birth_year = None, on.year - age
        else:
            birth_date = birth_year = None
        quartier = None
        if is_qpv and commune.pk in self.qpv_quartiers:
            quartier = rng.choice(self.qpv_quartiers[commune.pk])
        person = Person(
            pseudonym=self.context.pseudonym(sex),
            sex=sex,
            birth_date=birth_date,
            birth_year=birth_year,
            commune=commune,
            quartier=quartier,
            ase_history=ase_history,
            version=1,
        )
        self.persons.append(person)
        self.first_record[id(person)] = on
        return person

    def seen(self, person: Person, on: datetime.date) -> None:
        """A record of `person` on `on`: their case file opens on their first record."""
        key = id(person)
        if key not in self.first_record or on < self.first_record[key]:
            self.first_record[key] = on

    def household(self, person: Person, composition: str, resource_type: str, amount) -> Household:
        """The household a family applies with (its composition is the request's)."""
        household = Household(
            label=f"Ménage de {person.pseudonym}",
            composition=composition,
            monthly_resources=amount,
            main_resource_type=resource_type,
            commune=person.commune,
        )
        self.households.append((household, person))
        return household

    def partner(self, orienteur_kind: str) -> Partner | None:
        candidates = self.partners.get(data.PARTNER_KINDS.get(orienteur_kind, ""), [])
        if candidates and self.rng.random() < 0.8:
            return self.rng.choice(candidates)
        return None

    def orienteur(self, weighted, person: Person, on: datetime.date) -> str:
        """An orienteur kind of `weighted` that works with this person (the Mission locale
        only from 16 to 25, the ASE only for its youths)."""
        age = person.age_on(on)
        allowed = [
            (kind, weight)
            for kind, weight in weighted
            if (kind != data.Orienteur.MISSION_LOCALE or within(age, data.MISSION_LOCALE_AGES))
            and (kind != data.Orienteur.ASE or person.ase_history)
        ]
        return pick(self.rng, allowed)

    def resource_type(self, weighted, person: Person, on: datetime.date, composition="") -> str:
        """A main resource this person can have: no allocation jeune majeur outside the ASE or
        after 21, no CEJ after 25, no RSA before 25 unless a parent, no family benefits
        without children."""
        age = person.age_on(on)
        with_children = composition in data.WITH_CHILDREN
        allowed = []
        for kind, weight in weighted:
            ages = data.RESOURCE_AGES.get(kind)
            if ages and not within(age, ages) and not (kind == data.Resource.RSA and with_children):
                continue
            if kind in data.RESOURCES_FOR_ASE_YOUTHS_ONLY and not person.ase_history:
                continue
            if kind in data.RESOURCES_NEEDING_CHILDREN and not with_children:
                continue
            allowed.append((kind, weight))
        return pick(self.rng, allowed)

    def resources(self, resource_type: str, family: bool = False) -> Decimal:
        low, high = data.AMOUNTS[resource_type]
        amount = self.rng.uniform(low, high)
        if family and resource_type != data.Resource.NONE:
            # Family benefits and a second income come on top of the applicant's.
            amount += self.rng.uniform(250, 800)
        return euros(amount)

    def aids(self, person: Person, on: datetime.date) -> list[str]:
        """Files built and aids mobilised during a measure, among those the person is eligible
        to (the FAJ for 18–25-year-olds, the AFASE for ASE youths under 21)."""
        age = person.age_on(on)
        eligible = [
            aid
            for aid in SupportMeasure.ApplicationOrAid.values
            if (aid not in data.AID_AGES or within(age, data.AID_AGES[aid]))
            and (aid not in data.AIDS_FOR_ASE_YOUTHS_ONLY or person.ase_history)
        ]
        return sorted(self.rng.sample(eligible, k=self.rng.choice([0, 1, 1, 2, 3])))
