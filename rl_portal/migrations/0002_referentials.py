"""Référentiels every installation starts with: the services and their dispositifs, the CAHC
and CALL with all their communes (from the official COG, see scripts/derive_communes.py), and
the quartiers named in the association's reports."""

import json
from pathlib import Path

from django.db import migrations

COMMUNES_FILE = Path(__file__).resolve().parent.parent / "data" / "communes.json"

SERVICES = [
    ("prevention", "Prévention spécialisée"),
    ("emps", "Équipe mobile de prévention spécialisée"),
    ("habitat", "Habitat"),
    ("scolaire", "Accompagnement scolaire"),
]

DISPOSITIFS = [
    ("prevention", "sps", "SPS — Prévention spécialisée"),
    ("emps", "emps", "EMPS — Équipe mobile de prévention spécialisée"),
    ("habitat", "cllaj", "CLLAJ"),
    ("habitat", "cllaj-ase", "CLLAJ ASE (expérimentation)"),
    ("habitat", "tremplins-duo", "Tremplins Duo"),
    ("habitat", "alt-jeunes", "ALT Jeunes"),
    ("habitat", "alt-familles", "ALT Familles / Jeunes couples"),
    ("habitat", "fsl-asll", "FSL ASLL"),
    ("habitat", "asl-jeunes-ase", "ASL Jeunes ASE"),
    ("scolaire", "addi", "ADDI — Aide aux devoirs à domicile et individualisée"),
    ("scolaire", "accompagnement-scolaire", "Accompagnement scolaire"),
    ("scolaire", "clas", "CLAS"),
]

# (commune INSEE code, quartier, is_qpv) — the quartiers the reports name. Only the Rotois is
# said to be a QPV in them; chefs de service complete the list in the admin.
QUARTIERS = [
    ("62250", "Le Rotois", True),
    ("62250", "Centre", False),
    ("62215", "Centre", False),
    ("62215", "Faubourg de Lille", False),
    ("62907", "La Haute Voie", False),
    ("62907", "Centre", False),
    ("62637", "Cité Justice", False),
    ("62637", "Centre", False),
    ("62427", "Darcy", False),
    ("62427", "Kennedy", False),
    ("62427", "ZAC des Deux Villes", False),
    ("62587", "Centre", False),
    ("62724", "Centre", False),
    ("62321", "Centre", False),
]

OTHER_TERRITORY = "Autre territoire (hors CAHC et CALL)"


def load(apps, schema_editor):
    Service = apps.get_model("rl_portal", "Service")
    Dispositif = apps.get_model("rl_portal", "Dispositif")
    Epci = apps.get_model("rl_portal", "Epci")
    Commune = apps.get_model("rl_portal", "Commune")
    Quartier = apps.get_model("rl_portal", "Quartier")

    services = {}
    for code, name in SERVICES:
        services[code], _ = Service.objects.update_or_create(code=code, defaults={"name": name})
    for service_code, code, name in DISPOSITIFS:
        Dispositif.objects.update_or_create(
            code=code, defaults={"name": name, "service": services[service_code]}
        )

    data = json.loads(COMMUNES_FILE.read_text(encoding="utf-8"))
    for epci_data in data["epcis"]:
        epci, _ = Epci.objects.update_or_create(
            code=epci_data["siren"],
            defaults={"name": epci_data["name"], "short_name": epci_data["short_name"]},
        )
        for commune in epci_data["communes"]:
            Commune.objects.update_or_create(
                insee_code=commune["insee"],
                defaults={
                    "name": commune["name"],
                    "epci": epci,
                    "postcodes": " ".join(commune["postcodes"]),
                },
            )
    if not Commune.objects.filter(name=OTHER_TERRITORY).exists():
        Commune.objects.create(name=OTHER_TERRITORY, insee_code=None, epci=None)

    for insee, name, is_qpv in QUARTIERS:
        commune = Commune.objects.get(insee_code=insee)
        Quartier.objects.update_or_create(commune=commune, name=name, defaults={"is_qpv": is_qpv})


class Migration(migrations.Migration):
    dependencies = [("rl_portal", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
