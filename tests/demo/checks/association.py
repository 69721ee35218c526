"""The association as the demo builds it: accounts that sign in, three years of persons, staff
and households, and a prevention year close to the Département's report."""

from __future__ import annotations

from django.db.models import Count, Sum

from demo.data.shared import ACCOUNTS, DEMO_PASSWORD
from prevention.models import Accompaniment, CollectiveAction, TimeEntry
from rl_portal.models import CaseFile, Household, Person, StaffPosition, User


def check_accounts(client) -> None:
    for account in ACCOUNTS:
        response = client.post(
            "/connexion/",
            {"username": account.username, "password": DEMO_PASSWORD},
            follow=True,
        )
        assert response.status_code == 200, account.username
        assert response.context["user"].username == account.username
        assert "Bonjour" in response.content.decode()
        client.post("/deconnexion/")
    assert User.objects.get(username="educ.habitat").services.get().code == "habitat"


def check_three_years(today) -> None:
    assert 1500 <= Person.objects.count() <= 3500
    opened_years = set(CaseFile.objects.values_list("opened_on__year", flat=True))
    assert opened_years == {today.year - 2, today.year - 1, today.year}
    assert not CaseFile.objects.filter(opened_on__gt=today).exists()
    assert Household.objects.exists()
    assert StaffPosition.objects.exists()
    assert {u.username for u in User.objects.all()} >= {a.username for a in ACCOUNTS}


def check_prevention_year(today) -> None:
    """Shares of hours close to the Département's report, a hundred-odd accompaniments, a few
    dozen actions per commune."""
    year = today.year - 1
    entries = TimeEntry.objects.filter(date__year=year, dispositif__code="sps")
    total = entries.aggregate(total=Sum("hours"))["total"]

    def share(activity):
        hours = entries.filter(activity=activity).aggregate(total=Sum("hours"))["total"]
        return hours / total * 100

    assert entries.count() > 2000
    assert 14 < share("travail_de_rue") < 20
    assert 31 < share("action_collective") < 39
    online = entries.filter(online=True).aggregate(total=Sum("hours"))["total"]
    assert 20 <= online <= 80  # about an hour a week (rapport SPS 2023)
    # One line per activity and day, as the quick entry records it (street work online,
    # promeneur du net, on its own line).
    assert not (
        TimeEntry.objects.values("educator", "date", "activity", "online")
        .annotate(lines=Count("pk"))
        .filter(lines__gt=1)
        .exists()
    )
    assert Accompaniment.objects.filter(end__isnull=False).count() >= 80
    per_commune = CollectiveAction.objects.filter(dispositif__code="sps", commune__name="Oignies")
    assert 12 <= per_commune.count() <= 40
    for person in Person.objects.filter(
        case_files__service__code="scolaire", birth_year__isnull=False
    )[:50]:
        assert 3 <= today.year - person.birth_year <= 22
