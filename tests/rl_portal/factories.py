import datetime

import factory
from django.contrib.auth.models import Group

from rl_portal.models import (
    CaseFile,
    Commune,
    Composition,
    Convention,
    Dispositif,
    Funder,
    Household,
    HouseholdMember,
    Partner,
    Person,
    Service,
    Sex,
    StaffPosition,
    User,
)
from rl_portal.roles import Role

PASSWORD = "mot-de-passe-de-test-assez-long"


def service(code: str) -> Service:
    """Services are loaded by the data migration."""
    return Service.objects.get(code=code)


def commune(name: str) -> Commune:
    return Commune.objects.get(name=name)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"utilisateur{n}")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(Group.objects.get(name=Role(extracted).label))

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        for code in extracted or []:
            self.services.add(service(code))


def make_user(role: Role | None, *services: str, **kwargs) -> User:
    user = UserFactory(role=role, services=list(services), **kwargs)
    # Roles and services are cached on the instance: give back a fresh one.
    return User.objects.get(pk=user.pk)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    pseudonym = factory.Faker("first_name", locale="fr_FR")
    sex = Sex.FEMALE
    birth_year = 2010

    class Params:
        minor = factory.Trait(birth_year=None, birth_date=datetime.date(2012, 3, 14))
        adult = factory.Trait(birth_year=None, birth_date=datetime.date(1988, 6, 2))
        unknown_age = factory.Trait(birth_year=None, birth_date=None)
        # Has been in child welfare (ASE).
        ase = factory.Trait(ase_history=True)

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        """PersonFactory(services=["prevention"]) opens a case file in each service."""
        for code in extracted or []:
            CaseFileFactory(person=self, service=service(code))


class CaseFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseFile

    person = factory.SubFactory(PersonFactory)
    service = factory.LazyFunction(lambda: service("prevention"))
    opened_on = datetime.date(2025, 3, 1)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    label = factory.Sequence(lambda n: f"Ménage {n}")
    composition = Composition.SINGLE


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    person = factory.SubFactory(PersonFactory)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partenaire {n}")
    kind = Partner.Kind.ASSOCIATION


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Financeur {n}")
    kind = Funder.Kind.DEPARTEMENT


class ConventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Convention

    funder = factory.SubFactory(FunderFactory)
    dispositif = factory.LazyFunction(lambda: Dispositif.objects.get(code="sps"))
    title = factory.Sequence(lambda n: f"Convention {n}")
    start = datetime.date(2025, 1, 1)
    end = datetime.date(2025, 12, 31)


class StaffPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffPosition

    category = StaffPosition.Category.EDUCATIF
    title = "Éducateur spécialisé"
    etp = 1
    start = datetime.date(2024, 1, 1)
