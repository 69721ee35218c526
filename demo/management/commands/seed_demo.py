"""Build the demo association: `python manage.py seed_demo`.

Idempotent: when the demo data is there, it does nothing (use --reset to rebuild it).
Refused when DEBUG is off unless --force: the demo accounts share the password "demo".
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import builders
from demo.data.shared import ACCOUNTS, DEMO_PASSWORD
from rl_portal.models import Person, User


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
            "--url",
            default="",
            help="Adresse du site, imprimée avec les comptes (make run).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Autorise le chargement quand DEBUG est désactivé (jamais en production réelle).",
        )

    def handle(self, *args, reset=False, if_empty=False, force=False, url="", **options):
        self.url = url
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusé : DEBUG est désactivé. Les comptes de démonstration ont le mot de passe "
                "« demo » ; utilisez --force seulement sur une instance de démonstration."
            )
        if if_empty and Person.objects.exists():
            self.stdout.write("La base contient déjà des données : rien n'est chargé.")
            self.print_accounts()
            return
        if User.objects.filter(username="direction").exists() and not reset:
            self.stdout.write(
                "Les données de démonstration sont déjà chargées (--reset pour recharger)."
            )
            self.print_accounts()
            return
        started = time.perf_counter()
        self.stdout.write(
            "Chargement de la démonstration (trois années d'activité, une à deux minutes) :"
        )
        context = builders.build(reset=reset, progress=lambda step: self.stdout.write(f"  {step}…"))
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
        for account in ACCOUNTS:
            scope = f" — {', '.join(account.services)}" if account.services else ""
            self.stdout.write(f"  {account.username:<18} {account.role.label}{scope}")
        if self.url:
            self.stdout.write(
                self.style.SUCCESS(f"Connexion : {self.url.rstrip('/')}/connexion/")
                + " (Ctrl+C arrête le serveur)"
            )
