# The CLLAJ records are corrected from their pages (versioned); a stay keeps who entered it
# (its author, or a chef de service, deletes one entered by mistake).

import concurrency.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def _version():
    return concurrency.fields.AutoIncVersionField(default=0, help_text="record revision number")


class Migration(migrations.Migration):
    dependencies = [
        ("habitat", "0009_counted_booleans_asked"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        *[
            migrations.AddField(model_name=model, name="version", field=_version())
            for model in ("cllajfile", "cllajinterview", "cllajapplication", "cllajorientation")
        ],
        migrations.AddField(
            model_name="stay",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="saisi par",
            ),
        ),
    ]
