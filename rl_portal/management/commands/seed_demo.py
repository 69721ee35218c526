"""Build the demo association: `python manage.py seed_demo`.

Idempotent: when the demo data is there, it does nothing (use --reset to rebuild it).
Refused when DEBUG is off unless --force: the demo accounts share the password "demo".
"""

import random
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from rl_portal.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoContext
from rl_portal.models import Person, User

# Each app's demo module, in dependency order; each has seed(context) and reset().
SEEDERS = [
    "rl_portal.demo",
    "prevention.demo",
    "habitat.demo",
    "scolaire.demo",
    "reporting.demo",
]
SEED = 20240101


class Command(BaseCommand):
    help = "Charge les données de démonstration (comptes, personnes, activité sur trois ans)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Efface les données de démonstration et recharge."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Ne charge rien si la base contient déjà des personnes (utilisé par make run).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Autorise le chargement quand DEBUG est désactivé (jamais en production réelle).",
        )

    def handle(self, *args, reset=False, if_empty=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusé : DEBUG est désactivé. Les comptes de démonstration ont le mot de passe "
                "« demo » ; utilisez --force seulement sur une instance de démonstration."
            )
        already_seeded = User.objects.filter(username="direction").exists()
        if if_empty and Person.objects.exists():
            self.stdout.write("La base contient déjà des données : rien n'est chargé.")
            self.print_accounts()
            return
        if already_seeded and not reset:
            self.stdout.write(
                "Les données de démonstration sont déjà chargées (--reset pour recharger)."
            )
            self.print_accounts()
            return

        started = time.perf_counter()
        modules = [import_string(f"{path}.seed").__module__ for path in SEEDERS]
        with transaction.atomic():
            if reset:
                for module in reversed(modules):
                    import_string(f"{module}.reset")()
            context = DemoContext(rng=random.Random(SEED), today=timezone.localdate())
            for module in modules:
                import_string(f"{module}.seed")(context)
        elapsed = time.perf_counter() - started
        years = f"{context.years[0]}–{context.years[-1]}"
        self.stdout.write(
            self.style.SUCCESS(
                f"Données de démonstration chargées en {elapsed:.1f} s "
                f"({Person.objects.count()} personnes, années {years})."
            )
        )
        self.print_accounts()

    def print_accounts(self):
        self.stdout.write(f"Comptes de démonstration (mot de passe « {DEMO_PASSWORD} ») :")
        for username, _first, _last, role, services, _job in DEMO_ACCOUNTS:
            scope = f" — {', '.join(services)}" if services else ""
            self.stdout.write(f"  {username:<18} {role.label}{scope}")
