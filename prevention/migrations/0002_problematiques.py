"""The Département's référentiel "Problématiques du jeune à l'origine de l'accompagnement",
as its table shows it (categories, then their sub-problématiques). Chefs de service edit it in
the admin."""

from django.db import migrations

REFERENTIEL = [
    (
        "Éducatives et familiales",
        "",
        [
            (
                "Difficultés éducatives et familiales",
                "Difficultés éducatives, gestion des relations familiales, exigence/excellence, "
                "socialisation, autonomie, carences éducatives",
            ),
            ("Mobilité", ""),
        ],
    ),
    (
        "Sociales",
        "",
        [
            ("Accès aux droits", "Accès aux droits, accompagnement aux démarches administratives"),
            ("Logement", ""),
            ("Autonomie face aux loisirs, à la culture et au sport", ""),
        ],
    ),
    (
        "Scolaires",
        "",
        [
            (
                "Comportement et décrochage scolaire",
                "Comportement, absentéisme, rupture scolaire, désinvestissement, harcèlement",
            ),
        ],
    ),
    (
        "Professionnelles",
        "",
        [
            ("Inscription Mission locale, France Travail", ""),
            ("Formation", ""),
        ],
    ),
    (
        "Santé - Psychologie - Handicap",
        "",
        [
            (
                "Santé, psychologie, handicap",
                "Addiction, consommation excessive, pathologies diverses, troubles nutrition, vie "
                "affective et sexuelle, trouble sommeil, trouble apprentissage, isolement, conduite "
                "à risque, anxiété/angoisse, vécu/événement traumatisant, mal-être, addiction à un "
                "comportement, trouble du comportement, comportement violent, fragilité identitaire",
            ),
        ],
    ),
    (
        "Juridiques",
        "",
        [
            ("Procédure civile", ""),
            ("Procédure judiciaire", ""),
        ],
    ),
]


def load(apps, schema_editor):
    Problematique = apps.get_model("prevention", "Problematique")
    for position, (name, description, children) in enumerate(REFERENTIEL, start=1):
        category, _ = Problematique.objects.update_or_create(
            parent=None, name=name, defaults={"description": description, "position": position * 10}
        )
        for child_position, (child, child_description) in enumerate(children, start=1):
            Problematique.objects.update_or_create(
                parent=category,
                name=child,
                defaults={
                    "description": child_description,
                    "position": position * 10 + child_position,
                },
            )


class Migration(migrations.Migration):
    dependencies = [("prevention", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
