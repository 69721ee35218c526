"""Anonymise the persons with no activity for RETENTION_INACTIVE_YEARS (2 by default).

Run it daily or weekly. --dry-run lists how many persons would be anonymised."""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from rl_portal import services
from rl_portal.rgpd import inactive_persons


class Command(BaseCommand):
    help = "Anonymise les personnes sans activité depuis la durée de conservation."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans rien modifier.")
        parser.add_argument("--years", type=int, default=None)

    def handle(self, *args, dry_run=False, years=None, **options):
        years = settings.RETENTION_INACTIVE_YEARS if years is None else years
        since = timezone.localdate() - relativedelta(years=years)
        persons = inactive_persons(since=since)
        if dry_run:
            self.stdout.write(
                f"{persons.count()} personne(s) sans activité depuis le {since:%d/%m/%Y} "
                "seraient anonymisée(s)."
            )
            return
        count = 0
        reason = f"Conservation : aucune activité depuis le {since:%d/%m/%Y}"
        for person in persons.iterator():
            services.person_anonymise(person=person, by=None, reason=reason)
            count += 1
        self.stdout.write(f"{count} personne(s) anonymisée(s).")
