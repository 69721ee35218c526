"""The direction, and a little activity of 2025 for every report to show something."""

import datetime

import pytest

from rl_portal.roles import Role
from tests.prevention.factories import (
    AccompanimentFactory,
    CollectiveActionFactory,
    ContactFactory,
    TimeEntryFactory,
)
from tests.rl_portal.factories import make_user


@pytest.fixture
def direction():
    return make_user(Role.DIRECTION, username="dir")


@pytest.fixture
def some_activity():
    from rl_portal.models import Commune
    from tests.prevention.factories import dispositif

    # EMPS youths in two communes, so that the EMPS bilan has several sections.
    for name in ("Hénin-Beaumont", "Rouvroy"):
        AccompanimentFactory(
            dispositif=dispositif("emps"),
            person__commune=Commune.objects.get(name=name),
            person__services=["emps"],
            start=datetime.date(2025, 2, 1),
        )
    TimeEntryFactory(date=datetime.date(2025, 3, 3), hours=3)
    TimeEntryFactory(date=datetime.date(2025, 3, 4), activity="formation", hours=1)
    ContactFactory(date=datetime.date(2025, 3, 3))
    AccompanimentFactory(start=datetime.date(2025, 2, 1))
    action = CollectiveActionFactory()
    action.sessions.create(date=datetime.date(2025, 4, 1))
