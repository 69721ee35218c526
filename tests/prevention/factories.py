import datetime
from decimal import Decimal

import factory

from prevention.models import (
    Accompaniment,
    CollectiveAction,
    Contact,
    ContactMode,
    InstanceMeeting,
    NetworkReception,
    TimeEntry,
)
from rl_portal.models import Commune, Dispositif
from tests.rl_portal.factories import CaseFileFactory, PersonFactory, UserFactory, service


def dispositif(code: str = "sps") -> Dispositif:
    return Dispositif.objects.get(code=code)


class YouthFactory(PersonFactory):
    """A youth known to prevention (their case file is open)."""

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        for code in ["prevention"] if extracted is None else extracted:
            CaseFileFactory(person=self, service=service(code))

    class Params:
        # Met twice in the street (ContactFactory's date and a week later).
        with_contacts = factory.Trait(
            contacts=factory.RelatedFactoryList(
                "tests.prevention.factories.ContactFactory",
                factory_related_name="person",
                size=2,
                date=factory.Sequence(
                    lambda n: datetime.date(2025, 3, 3) + datetime.timedelta(days=7 * (n % 2))
                ),
            )
        )


class TimeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TimeEntry

    educator = factory.SubFactory(UserFactory)
    dispositif = factory.LazyFunction(dispositif)
    date = datetime.date(2025, 3, 3)
    hours = Decimal("2")
    activity = "travail_de_rue"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    person = factory.SubFactory(PersonFactory, services=["prevention"])
    dispositif = factory.LazyFunction(dispositif)
    date = datetime.date(2025, 3, 3)
    mode = ContactMode.TRAVAIL_DE_RUE
    educator = factory.SubFactory(UserFactory)


class AccompanimentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accompaniment

    person = factory.SubFactory(PersonFactory, services=["prevention"])
    dispositif = factory.LazyFunction(dispositif)
    kind = Accompaniment.Kind.PAEI
    referent = factory.SubFactory(UserFactory)
    start = datetime.date(2025, 1, 6)
    situation = Accompaniment.Situation.COLLEGE
    last_review = factory.SelfAttribute("start")

    class Params:
        closed = factory.Trait(
            end=datetime.date(2025, 6, 30), end_reason=Accompaniment.EndReason.IMPROVEMENT
        )


class CollectiveActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveAction

    dispositif = factory.LazyFunction(dispositif)
    title = factory.Sequence(lambda n: f"Action {n}")
    kind = CollectiveAction.Kind.SORTIE
    initiated_by_service = True
    commune = factory.LazyFunction(lambda: Commune.objects.get(name="Oignies"))
    created_by = factory.SubFactory(UserFactory)

    class Params:
        parentalite = factory.Trait(kind=CollectiveAction.Kind.PARENTALITE, families=3)


class NetworkReceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkReception

    dispositif = factory.LazyFunction(dispositif)
    network = NetworkReception.Network.ADAE
    date = datetime.date(2026, 11, 16)
    youths = 2
    days = Decimal("1")
    created_by = factory.SubFactory(UserFactory)


class InstanceMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstanceMeeting

    dispositif = factory.LazyFunction(dispositif)
    instance = InstanceMeeting.Instance.CISPD
    name = "CISPD CAHC"
    date = datetime.date(2026, 11, 16)
    created_by = factory.SubFactory(UserFactory)
