import datetime
from decimal import Decimal

import factory

from habitat.models import (
    CllajFile,
    HousingRequest,
    HousingUnit,
    Stay,
    SupportMeasure,
)
from rl_portal.models import Commune, Dispositif, Epci, Partner
from tests.rl_portal.factories import PersonFactory, UserFactory


def dispositif(code: str) -> Dispositif:
    return Dispositif.objects.get(code=code)


class LandlordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("name", "kind")

    name = "SIA Habitat"
    kind = Partner.Kind.BAILLEUR


class HousingUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingUnit

    label = factory.Sequence(lambda n: f"Logement {n}")
    address = factory.Sequence(lambda n: f"{n} rue de la Gare")
    commune = factory.LazyFunction(lambda: Commune.objects.get(name="Carvin"))
    typology = HousingUnit.Typology.T2
    landlord = factory.SubFactory(LandlordFactory)
    dispositif = factory.LazyFunction(lambda: dispositif("alt-jeunes"))
    places = 1
    lease_start = datetime.date(2020, 1, 1)


class StayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stay

    unit = factory.SubFactory(HousingUnitFactory)
    person = factory.SubFactory(PersonFactory, services=["habitat"])
    entry = datetime.date(2025, 1, 1)
    version = 1

    class Params:
        # Left three months later for a social housing.
        ended = factory.Trait(
            exit=factory.LazyAttribute(lambda stay: stay.entry + datetime.timedelta(days=90)),
            exit_reason=Stay.ExitReason.PUBLIC,
        )


class HousingRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HousingRequest

    person = factory.SubFactory(PersonFactory, services=["habitat"])
    dispositif = factory.LazyFunction(lambda: dispositif("alt-jeunes"))
    date = datetime.date(2025, 2, 1)
    orienteur_kind = "mission_locale"
    reason = "rupture_familiale"
    composition = "personne_seule"
    created_by = factory.SubFactory(UserFactory)

    class Params:
        admitted = factory.Trait(
            decision=HousingRequest.Decision.ADMITTED,
            decided_on=factory.LazyAttribute(lambda r: r.date + datetime.timedelta(days=7)),
        )


class CllajFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CllajFile

    person = factory.SubFactory(PersonFactory, services=["habitat"])
    dispositif = factory.LazyFunction(lambda: dispositif("cllaj"))
    kind = CllajFile.Kind.FOLLOW_UP
    date = datetime.date(2025, 3, 1)
    orienteur_kind = "mission_locale"
    housing_situation = "famille"
    employment = "demandeur_emploi"
    problematique = "logement"
    composition = "personne_seule"
    created_by = factory.SubFactory(UserFactory)

    class Params:
        # Information and orientation only, without a follow-up.
        aio = factory.Trait(kind=CllajFile.Kind.AIO)


class SupportMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportMeasure

    person = factory.SubFactory(PersonFactory, services=["habitat"])
    dispositif = factory.LazyFunction(lambda: dispositif("fsl-asll"))
    epci = factory.LazyFunction(lambda: Epci.objects.get(short_name="CAHC"))
    kind = SupportMeasure.Kind.ASLL
    weight = Decimal("3")
    orienteur_kind = "ssd_mds"
    notified_on = datetime.date(2025, 1, 10)
    start = datetime.date(2025, 1, 15)
    reason = "maintien_logement"
    composition = "personne_seule"
    version = 1

    class Params:
        # ASL Jeunes ASE measures weigh 1 (simple) or 2 (renforcée).
        asl_simple = factory.Trait(
            dispositif=factory.LazyFunction(lambda: dispositif("asl-jeunes-ase")),
            kind=SupportMeasure.Kind.SIMPLE,
            weight=Decimal("1"),
        )
        asl_reinforced = factory.Trait(
            dispositif=factory.LazyFunction(lambda: dispositif("asl-jeunes-ase")),
            kind=SupportMeasure.Kind.REINFORCED,
            weight=Decimal("2"),
        )
        closed = factory.Trait(
            end=factory.LazyAttribute(lambda m: m.start + datetime.timedelta(days=180)),
            end_reason=SupportMeasure.EndReason.OBJECTIVES,
        )
