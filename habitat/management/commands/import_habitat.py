"""`manage.py import_habitat FILE --user USERNAME [--confirm]`: the habitat import of the page,
without its size limit."""

from habitat.importing import HABITAT_IMPORT
from rl_portal.importing.command import ImportCommand


class Command(ImportCommand):
    help = "Vérifie (ou importe, avec --confirm) un classeur de logements, séjours et mesures."
    definition = HABITAT_IMPORT
