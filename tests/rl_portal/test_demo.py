"""seed_demo: the demo association, built fast, idempotent, refused in production."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from rl_portal.demo import DEMO_ACCOUNTS
from rl_portal.models import CaseFile, Convention, Household, Person, StaffPosition, User

pytestmark = pytest.mark.django_db


def test_refused_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG est désactivé"):
        call_command("seed_demo")
    assert not Person.objects.exists()


def test_builds_three_years_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    from habitat.models import CllajFile, Stay, SupportMeasure

    def counts_now():
        return (
            Person.objects.count(),
            CaseFile.objects.count(),
            Convention.objects.count(),
            Stay.objects.count(),
            CllajFile.objects.count(),
            SupportMeasure.objects.count(),
        )

    counts = counts_now()
    assert 1500 <= counts[0] <= 3500
    this_year = timezone.localdate().year
    opened_years = set(CaseFile.objects.values_list("opened_on__year", flat=True))
    assert opened_years == {this_year - 2, this_year - 1, this_year}
    assert Household.objects.exists()
    assert StaffPosition.objects.exists()
    assert {u.username for u in User.objects.all()} >= {a[0] for a in DEMO_ACCOUNTS}
    assert not CaseFile.objects.filter(opened_on__gt=timezone.localdate()).exists()
    # Second run: nothing changes.
    call_command("seed_demo")
    assert counts_now() == counts
    # Reset rebuilds the same association (seeded generator).
    call_command("seed_demo", reset=True)
    assert counts_now() == counts


def test_demo_data_is_realistic(settings, client):
    """One seed (the slow part) for the accounts, the ages and the prevention year."""
    settings.DEBUG = True
    call_command("seed_demo")
    for username, *_ in DEMO_ACCOUNTS:
        response = client.post(
            "/connexion/", {"username": username, "password": "demo"}, follow=True
        )
        assert response.status_code == 200, username
        assert response.context["user"].username == username
        assert "Bonjour" in response.content.decode()
        client.post("/deconnexion/")
    assert User.objects.get(username="educ.habitat").services.get().code == "habitat"

    # Ages are plausible.
    today = datetime.date.today()
    for person in Person.objects.filter(
        case_files__service__code="scolaire", birth_year__isnull=False
    )[:50]:
        assert 3 <= today.year - person.birth_year <= 22

    # Shares of hours close to the Département's report, a hundred-odd accompaniments, a few
    # dozen actions per commune.
    from django.db.models import Sum

    from prevention.models import Accompaniment, CollectiveAction, TimeEntry

    year = timezone.localdate().year - 1
    entries = TimeEntry.objects.filter(date__year=year, dispositif__code="sps")
    total = entries.aggregate(total=Sum("hours"))["total"]
    street = entries.filter(activity="travail_de_rue").aggregate(total=Sum("hours"))["total"]
    collective = entries.filter(activity="action_collective").aggregate(total=Sum("hours"))["total"]
    assert entries.count() > 2000
    assert 14 < street / total * 100 < 20
    assert 31 < collective / total * 100 < 39
    assert Accompaniment.objects.filter(end__isnull=False).count() >= 80
    per_commune = CollectiveAction.objects.filter(dispositif__code="sps", commune__name="Oignies")
    assert 12 <= per_commune.count() <= 40
