"""Validated reports print exactly as validated: snapshots taken before 2026 held only each
section's tables, and the document around them (headings, rules, charts) was today's. The
habitat bilans, the scolaire bilan and the association's report were restructured in 2026 (one
heading per dispositif, new sections): their older snapshots get the structure they were
printed with, written here as it was then. Other reports kept their sections: their snapshots
need none (the document reads them with today's headings, which did not change)."""

from django.db import migrations

HABITAT_RULES = [
    "Une personne est comptée une fois par tableau ; une part est rapportée au total du "
    "tableau, à deux décimales.",
    "Âge : en années révolues au dernier jour de la période ; tranches : moins de 18 ans, 18 à "
    "20, 21 à 25, 26 ans et plus.",
    "Durée moyenne : moyenne des jours entre l'entrée et la sortie (ou le début et la fin de la "
    "mesure), exprimée en mois de 30,44 jours et en jours.",
    "Taux d'occupation : journées-places occupées / journées-places disponibles (jours de bail "
    "compris dans la période × places, moins les périodes de travaux).",
    "Taux de réalisation d'une convention : poids des mesures actives sur la période (FSL en "
    "points ; ASL simple = 1, renforcée = 2) / capacité de la convention.",
    "Impayés : mois de la période où le loyer payé est inférieur au loyer dû ; un séjour est "
    "encore en impayé si le solde de tous ses mois jusqu'à la fin de la période est dû.",
]
SCOLAIRE_RULES = [
    "Un enfant compte une fois par tableau (une fois par programme dans le tableau des "
    "programmes).",
    "Année scolaire : du 1er septembre au 31 août ; inscriptions actives sur la période.",
    "Taux de présence : présences / appels enregistrés (présent, absent, excusé), à deux "
    "décimales.",
    "Nouvel enfant : sans inscription l'année scolaire précédente.",
]
# The habitat tables drawn as bars, by table id, with their chart's title.
CHARTED = {
    "composition-familiale": "Composition familiale",
    "orienteurs": "Orienteurs",
    "situation-logement": "Situation logement",
    "sorties": "Motifs de sortie",
    "sorties-jeunes": "Motifs de sortie — jeunes",
    "sorties-familles": "Motifs de sortie — familles et jeunes couples",
    "ressources-jeunes": "Ressources à l'entrée — jeunes",
}


def section(key, title, *, level=1, text="", commentary="", label="", charts=()):
    return {
        "key": key,
        "title": title,
        "level": level,
        "text": text,
        "commentary": commentary,
        "commentary_label": label,
        "charts": [list(chart) for chart in charts],
    }


def habitat(tables_by_section, *middle):
    """The habitat bilans as printed before 2026: analysis, the tables, perspectives, annex."""

    def charted(key):
        return [
            ("counts_bar", table["id"], CHARTED[table["id"]])
            for table in tables_by_section.get(key, [])
            if table["id"] in CHARTED
        ]

    return [
        section("analyse", "Analyse globale", commentary="analyse-globale"),
        *[section(key, title, charts=charted(key)) for key, title in middle],
        section("perspectives", "Perspectives", commentary="perspectives"),
        section("annexe", "Annexe : règles de calcul", text="\n".join(HABITAT_RULES)),
    ]


def structure(report, tables):
    if report == "habitat-cllaj":
        return habitat(tables, ("chiffres", "Le CLLAJ en chiffres"))
    if report == "habitat-tremplins":
        return habitat(tables, ("chiffres", "Tremplins Duo en chiffres"))
    if report == "habitat-alt":
        return habitat(
            tables, ("chiffres", "ALT Jeunes"), ("familles", "ALT Familles et jeunes couples")
        )
    if report == "habitat-fsl":
        return habitat(tables, ("chiffres", "FSL ASLL par territoire"))
    if report == "habitat-asl":
        return habitat(tables, ("chiffres", "ASL Jeunes ASE par territoire"))
    if report == "scolaire-bilan":
        return [
            section("analyse", "Analyse", commentary="analyse-globale"),
            section("chiffres", "L'accompagnement scolaire en chiffres"),
            section("annexe", "Annexe : règles de calcul", text="\n".join(SCOLAIRE_RULES)),
        ]
    if report == "association-annuelle":
        return [
            section("chiffres", "I. L'association en chiffres"),
            section("activite", "II. Activité de l'association", commentary="faits-marquants"),
            section("perspectives", "III. Perspectives associatives", commentary="perspectives"),
            section(
                "prevention",
                "1. Prévention spécialisée",
                charts=[("hours_by_activity", "activite-heures")],
            ),
            section("scolaire", "2. Accompagnement scolaire"),
            section("habitat", "3. Habitat"),
        ]
    return None


def add_structure(apps, schema_editor):
    ReportValidation = apps.get_model("reporting", "ReportValidation")
    for validation in ReportValidation.objects.all():
        snapshot = validation.snapshot or {}
        if "structure" in snapshot:
            continue
        printed = structure(validation.report, snapshot.get("sections", {}))
        if printed is None:
            continue
        snapshot["structure"] = printed
        validation.snapshot = snapshot
        validation.save(update_fields=["snapshot"])


def remove_structure(apps, schema_editor):
    """Back to snapshots without structure (only those this migration wrote)."""
    ReportValidation = apps.get_model("reporting", "ReportValidation")
    for validation in ReportValidation.objects.all():
        snapshot = validation.snapshot or {}
        if (
            "structure" in snapshot
            and structure(validation.report, snapshot.get("sections", {})) == snapshot["structure"]
        ):
            del snapshot["structure"]
            validation.snapshot = snapshot
            validation.save(update_fields=["snapshot"])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0004_report_inputs_and_board_date")]

    operations = [migrations.RunPython(add_structure, remove_structure)]
