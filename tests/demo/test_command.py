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


def test_make_run_is_told_the_login_page_and_the_accounts(settings):
    """Issue 15, item 11: `make run` names the login page and the demo accounts at the end."""
    import io

    from tests.rl_portal.factories import PersonFactory

    settings.DEBUG = True
    PersonFactory()
    out = io.StringIO()
    call_command("seed_demo", "--if-empty", "--url", "http://127.0.0.1:8000/", stdout=out)
    lines = out.getvalue().splitlines()
    assert "  educ.prevention    Éducateur / travailleur social — prevention" in lines
    assert lines[-1].startswith("Connexion : http://127.0.0.1:8000/connexion/")
