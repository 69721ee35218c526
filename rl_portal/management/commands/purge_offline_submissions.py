"""Delete the idempotency keys of entries sent from the pages and phones (OfflineSubmission)
older than OFFLINE_SUBMISSION_RETENTION_DAYS (30 by default, 7 to 365).

Run it daily (cron or systemd timer), beside purge_audit: a key is needed only while a phone
may still send its entry again."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rl_portal import services


class Command(BaseCommand):
    help = (
        "Supprime les clés d'idempotence des saisies (saisie du jour, appels) plus anciennes "
        "que la durée de conservation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Durée de conservation en jours (7 à 365 ; par défaut "
            "OFFLINE_SUBMISSION_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.OFFLINE_SUBMISSION_RETENTION_DAYS if days is None else days
        if not 7 <= days <= 365:
            raise CommandError("La durée de conservation doit être comprise entre 7 et 365 jours.")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted = services.offline_submissions_purge(before=cutoff)
        self.stdout.write(
            f"{deleted} clé(s) de saisie reçue(s) avant le "
            f"{timezone.localtime(cutoff):%d/%m/%Y à %H:%M} supprimée(s)."
        )
