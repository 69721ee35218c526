"""The command-line import, for files too large for the page (a first year's history): the
same checks, the same services, the same journal, for a named user."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rl_portal.audit import Channel
from rl_portal.importing.workbook import WorkbookImport
from rl_portal.models import User


class ImportCommand(BaseCommand):
    definition: WorkbookImport

    def add_arguments(self, parser):
        parser.add_argument("file", help="Le classeur .xlsx à importer.")
        parser.add_argument(
            "--user", required=True, help="Identifiant de l'utilisateur au nom de qui importer."
        )
        parser.add_argument(
            "--confirm",
            action="store_true",
            help="Importer pour de bon ; sans cette option, le fichier est seulement vérifié.",
        )
        parser.add_argument(
            "--new",
            action="append",
            default=[],
            metavar="QUESTION",
            help="Une personne signalée comme déjà enregistrée est une autre personne (répétable).",
        )

    def options_of(self, user, options) -> dict:
        return {}

    def handle(self, *args, file, user, confirm, new, **options):
        try:
            importer = User.objects.get(username=user, is_active=True)
        except User.DoesNotExist:
            raise CommandError(f"Aucun utilisateur actif « {user} ».") from None
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {file}")
        started = time.perf_counter()
        outcome = self.definition.run(
            path.read_bytes(),
            by=importer,
            decisions=dict.fromkeys(new, "new"),
            options=self.options_of(importer, options),
            dry_run=not confirm,
            channel=Channel.COMMAND,
        )
        elapsed = time.perf_counter() - started
        rows = sum(len(sheet.rows) for sheet in outcome.sheets)
        for note in outcome.notes:
            self.stdout.write(f"Note : {note}")
        for question in outcome.questions:
            places = " ; ".join(question.places)
            self.stdout.write(
                f"Personne déjà enregistrée ? {question.row.describe()} ({places}) — "
                f"question {question.token} : "
                + (f"rattachée à la fiche n° {question.choice}" if question.choice.isdigit()
                   else "nouvelle fiche" if question.choice else "à décider (--new ou une seule "
                   "fiche candidate)")
            )  # fmt: skip
        for error in outcome.errors:
            self.stderr.write(error)
        speed = f"{rows} lignes en {elapsed:.1f} s ({rows / elapsed:.0f} lignes/s)" if rows else ""
        if outcome.errors:
            raise CommandError(f"Rien n'a été importé. {speed}".strip())
        verb = "Importé" if outcome.applied else "Vérifié (rien n'est écrit sans --confirm)"
        self.stdout.write(f"{verb} : {outcome.summary()}. {speed}")
