"""seed_demo refuses production settings."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rl_portal.models import Person

pytestmark = pytest.mark.django_db


def test_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG est désactivé"):
        call_command("seed_demo")
    assert not Person.objects.exists()
