"""Delete audit entries older than AUDIT_RETENTION_MONTHS (12 by default, 6 to 36).

Run it daily (cron or systemd timer): the CNIL's référentiel limits how long access logs are
kept."""

from auditlog.models import LogEntry
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Supprime les entrées du journal d'audit plus anciennes que la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=None,
            help="Durée de conservation en mois (6 à 36 ; par défaut AUDIT_RETENTION_MONTHS).",
        )

    def handle(self, *args, months=None, **options):
        months = settings.AUDIT_RETENTION_MONTHS if months is None else months
        if not 6 <= months <= 36:
            raise CommandError("La durée de conservation doit être comprise entre 6 et 36 mois.")
        cutoff = timezone.now() - relativedelta(months=months)
        deleted, _ = LogEntry.objects.filter(timestamp__lt=cutoff).delete()
        self.stdout.write(
            f"{deleted} entrée(s) du journal antérieures au {cutoff:%d/%m/%Y} supprimée(s)."
        )
