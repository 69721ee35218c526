"""The direction's dashboard is built once per day and kept until a record changes (a write
journalled in the audit log), so that the direction's home page costs a few queries instead
of rebuilding every figure and chart at each visit."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.prevention.factories import TimeEntryFactory

pytestmark = pytest.mark.django_db


def _home(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("home"))
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    # The table is transposed: a row of hours, one column per activity.
    hours = next(row for row in dashboard.hours.rows if row.label == "Heures")
    return len(queries.captured_queries), sum(hours.cells)


def test_the_dashboard_is_kept_until_a_record_changes(client, direction, some_activity):
    client.force_login(direction)
    today = timezone.localdate()

    built, hours = _home(client)
    kept, hours_kept = _home(client)
    assert hours_kept == hours
    # The second visit reads only the latest write's id instead of building the dashboard.
    assert (built, kept) == (BUILT, KEPT)

    # A record written since: the dashboard is built again and shows it.
    TimeEntryFactory(date=today, hours=Decimal("2"))
    rebuilt, hours_after = _home(client)
    assert hours_after == hours + 2
    assert rebuilt == BUILT


BUILT = 40
KEPT = 10
