"""Suite-wide strictness and speed.

- An undefined template variable fails the test.
- The clock is frozen (time-machine) on FROZEN_NOW for every test but the browser's: no test
  depends on the day it runs.
- The seeded demo (tests/demo) is built once per run, by one xdist worker (`--dist loadscope`
  sends a module whole to a worker): its module is sent first, so that one worker starts on it
  while the other runs the rest.
"""

import datetime
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from tests.referentials import load_referentials

# The seeded demo's checks live in helper modules: their asserts say what failed too.
pytest.register_assert_rewrite("tests.demo.checks")

# A Tuesday in the middle of a school term, late enough in the year for the year-to-date pages.
FROZEN_NOW = datetime.datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
TODAY = FROZEN_NOW.date()


class UndefinedTemplateVariable(str):
    """Makes `{{ missing }}` raise instead of rendering as an empty string."""

    def __mod__(self, other):
        raise AssertionError(f"Variable de gabarit indéfinie : {other!r}")

    def __contains__(self, item):
        return item == "%s"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database's tables come from the models (`--no-migrations`: a third of the time
    of applying twenty-odd migrations, per xdist worker); the référentiels the data migrations
    load are loaded here."""
    with django_db_blocker.unblock():
        load_referentials()


@pytest.fixture(autouse=True)
def strict_templates(settings):
    for template in settings.TEMPLATES:
        template["OPTIONS"]["string_if_invalid"] = UndefinedTemplateVariable("%s")


@pytest.fixture(autouse=True)
def frozen_clock(request):
    """Every test runs on FROZEN_NOW (the clock then moves on: durations stay real). Browser
    tests keep the real clock: Chromium's cookie jar would drop a session cookie that expired
    by its own clock."""
    if request.node.get_closest_marker("e2e"):
        yield None
        return
    with time_machine.travel(FROZEN_NOW, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: what a test kept (the direction's dashboard) must
    not leak into the next, whose rolled-back ids may be the same on SQLite."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@contextmanager
def kept_for_the_module(django_db_blocker):
    """Data written inside stays for the tests of a module (each runs in a savepoint of this
    transaction), then is rolled back with it: build it once, not once per test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """The seeded demo's tests first (after pytest-randomly's shuffle and pytest-django's
    ordering): xdist gives that module to the first worker at once, the other starts on the
    rest. Browser tests stay last, where pytest-django puts transactional tests."""
    seeded = [item for item in items if item.get_closest_marker("seeded_demo")]
    if seeded:
        others = [item for item in items if not item.get_closest_marker("seeded_demo")]
        items[:] = seeded + others
