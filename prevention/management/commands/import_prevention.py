"""`manage.py import_prevention FILE --user USERNAME [--dispositif sps] [--confirm]`: the
prevention history import of the page, without its size limit (a first year's history)."""

from django.core.management.base import CommandError

from prevention.forms import user_dispositifs
from prevention.importing import PREVENTION_IMPORT
from rl_portal.importing.command import ImportCommand


class Command(ImportCommand):
    help = "Vérifie (ou importe, avec --confirm) un classeur d'historique de la prévention."
    definition = PREVENTION_IMPORT

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--dispositif", help="Dispositif (sps ou emps) des lignes qui n'en indiquent pas."
        )

    def options_of(self, user, options) -> dict:
        code = options.get("dispositif")
        if not code:
            return {}
        dispositif = user_dispositifs(user).filter(code=code).first()
        if dispositif is None:
            raise CommandError(f"« {code} » n'est pas un dispositif de {user}.")
        return {"dispositif": dispositif.pk}
