"""The demo association, seeded once for the whole run: tests/demo/test_seeded_demo.py goes whole
to one xdist worker, which builds it under the frozen clock."""

import pytest
import time_machine

from demo import builders
from tests.conftest import FROZEN_NOW, kept_for_the_module


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo built as `seed_demo` builds it, on FROZEN_NOW; rolled back after the module."""
    with kept_for_the_module(django_db_blocker):
        with time_machine.travel(FROZEN_NOW, tick=True):
            context = builders.build()
        yield context
