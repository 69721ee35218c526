import datetime

import factory

from rl_portal.models import Commune
from scolaire.models import Enrolment, Programme
from tests.rl_portal.factories import PersonFactory


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")
    kind = Programme.Kind.ACCOMPANIMENT
    commune = factory.LazyFunction(lambda: Commune.objects.get(name="Carvin"))
    public = Programme.Public.BOTH
    school_year = 2025

    class Params:
        # Homework help at the family's home: one child per session.
        individual = factory.Trait(kind=Programme.Kind.ADDI, site="À domicile")


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    child = factory.SubFactory(PersonFactory, services=["scolaire"])
    programme = factory.SubFactory(ProgrammeFactory)
    level = "CM1"
    start = datetime.date(2025, 9, 1)

    class Params:
        college = factory.Trait(level="6e", child__birth_year=2014)
        left = factory.Trait(
            end=factory.LazyAttribute(lambda e: e.start + datetime.timedelta(days=60)),
            leaving_reason=Enrolment.LeavingReason.MOVED,
        )
