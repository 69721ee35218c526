# Home visits keep who entered them and, like the workshops and events, carry a version: both
# are corrected or deleted from the pages (issue 15), by their author or a chef de service.

import concurrency.fields
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("habitat", "0011_request_versions"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="homevisit",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="saisie par",
            ),
        ),
        migrations.AddField(
            model_name="homevisit",
            name="version",
            field=concurrency.fields.AutoIncVersionField(
                default=0, help_text="record revision number"
            ),
        ),
        migrations.AddField(
            model_name="housingevent",
            name="version",
            field=concurrency.fields.AutoIncVersionField(
                default=0, help_text="record revision number"
            ),
        ),
    ]
