"""Unambiguous names (issue 14): the files built for a youth (DALO, FSL, demande de logement
social…) become CllajApplication, the youth's CLLAJ follow-up becomes CllajFile (DESIGN's name,
formerly CllajRecord), their link to it `cllaj_file`, a measure's `files_and_aids` become
`applications_and_aids`, and `motive` becomes `reason`. Renames only:
the tables, rows and journal keep their data.

The content types follow the models (Django renames them after each RenameModel); the
permissions keep their codenames unless renamed here, which would give `add_cllajfile` (now the
follow-up) to whoever held it for the files built. CllajFile is renamed first so that its name
is free when CllajRecord takes it."""

import django.db.models.deletion
from django.db import migrations, models

# (model after the renames, codename suffix before, after), in the order of the renames.
PERMISSION_RENAMES = [
    ("cllajapplication", "cllajfile", "cllajapplication"),
    ("cllajfile", "cllajrecord", "cllajfile"),
]
ACTIONS = ("add", "change", "delete", "view")


def rename_permissions(apps, schema_editor, *, backwards=False):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    renames = PERMISSION_RENAMES
    if backwards:
        # Undo in reverse order: the content types are renamed back after this runs.
        renames = [(model, new, old) for model, old, new in reversed(renames)]
    for model, old, new in renames:
        content_type = ContentType.objects.filter(app_label="habitat", model=model).first()
        if content_type is None:
            continue  # a fresh database: post_migrate creates the permissions with their names
        for action in ACTIONS:
            Permission.objects.filter(content_type=content_type, codename=f"{action}_{old}").update(
                codename=f"{action}_{new}"
            )


def rename_permissions_backwards(apps, schema_editor):
    rename_permissions(apps, schema_editor, backwards=True)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("habitat", "0004_shared_composition_and_resource_type"),
        ("rl_portal", "0006_shared_resource_type"),
    ]

    operations = [
        migrations.RenameModel("CllajFile", "CllajApplication"),
        migrations.RenameModel("CllajRecord", "CllajFile"),
        migrations.RenameField("cllajapplication", "record", "cllaj_file"),
        migrations.RenameField("cllajinterview", "record", "cllaj_file"),
        migrations.RenameField("cllajorientation", "record", "cllaj_file"),
        migrations.RenameField("housingrequest", "motive", "reason"),
        migrations.RenameField("supportmeasure", "motive", "reason"),
        migrations.RenameField("supportmeasure", "files_and_aids", "applications_and_aids"),
        migrations.AlterField(
            model_name="cllajfile",
            name="person",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cllaj_files",
                to="rl_portal.person",
                verbose_name="jeune",
            ),
        ),
        migrations.AlterField(
            model_name="cllajapplication",
            name="cllaj_file",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="applications",
                to="habitat.cllajfile",
                verbose_name="dossier CLLAJ",
            ),
        ),
        migrations.AlterField(
            model_name="cllajinterview",
            name="cllaj_file",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="interviews",
                to="habitat.cllajfile",
                verbose_name="dossier CLLAJ",
            ),
        ),
        migrations.AlterField(
            model_name="cllajorientation",
            name="cllaj_file",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="orientations",
                to="habitat.cllajfile",
                verbose_name="dossier CLLAJ",
            ),
        ),
        migrations.RunPython(rename_permissions, rename_permissions_backwards),
    ]
