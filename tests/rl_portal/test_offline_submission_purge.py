"""The idempotency keys of the entries (OfflineSubmission) are kept
OFFLINE_SUBMISSION_RETENTION_DAYS (30 days by default), then purged by the daily
`purge_offline_submissions`; they hold ids, never what identifies a youth."""

import datetime
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from prevention import services as prevention_services
from rl_portal.models import OfflineSubmission
from rl_portal.roles import Role
from tests.prevention.factories import YouthFactory, dispositif
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def educator():
    return make_user(Role.EDUCATEUR, "prevention", username="julie")


def received(user, days_ago: int) -> OfflineSubmission:
    submission = OfflineSubmission.objects.create(
        client_uuid=uuid.uuid4(), kind=OfflineSubmission.Kind.QUICK_ENTRY, user=user
    )
    OfflineSubmission.objects.filter(pk=submission.pk).update(
        received_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return submission


def test_keys_older_than_the_retention_are_purged(educator, capsys):
    old, recent = received(educator, 31), received(educator, 29)
    call_command("purge_offline_submissions")
    assert list(OfflineSubmission.objects.all()) == [recent]
    assert not OfflineSubmission.objects.filter(pk=old.pk).exists()
    assert "1 clé(s) de saisie reçue(s) avant le " in capsys.readouterr().out


def test_the_retention_is_a_setting(educator, settings):
    settings.OFFLINE_SUBMISSION_RETENTION_DAYS = 60
    kept = received(educator, 31)
    call_command("purge_offline_submissions")
    assert OfflineSubmission.objects.filter(pk=kept.pk).exists()
    call_command("purge_offline_submissions", days=7)
    assert not OfflineSubmission.objects.exists()


def test_an_out_of_range_retention_is_refused():
    with pytest.raises(CommandError, match="entre 7 et 365 jours"):
        call_command("purge_offline_submissions", days=1)


def test_a_key_keeps_ids_and_figures_never_a_person(educator):
    """What the key keeps to answer a resend: the ids written, the hours, the validated
    reports' names — no pseudonym, no free text, nothing typed about a youth."""
    youth = YouthFactory(pseudonym="Inès")
    submission, _ = prevention_services.quick_entry_record(
        client_uuid=uuid.uuid4(),
        by=educator,
        dispositif=dispositif(),
        date=timezone.localdate(),
        hours_by_activity={"travail_de_rue": "2"},
        persons=[youth],
        new_youths=[prevention_services.NewYouth(pseudonym="Yanis", age=16, distinct=True)],
        mode="travail_de_rue",
    )
    result = submission.result
    assert set(result) == {
        "time_entries",
        "contacts",
        "hours",
        "new_youths",
        "duplicates",
        "validated_reports",
    }
    ids = [*result["time_entries"], *result["contacts"], *result["new_youths"]]
    assert all(isinstance(pk, int) for pk in ids)
    assert "Inès" not in str(result) and "Yanis" not in str(result)
