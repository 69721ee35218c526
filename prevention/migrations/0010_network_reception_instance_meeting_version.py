# Network receptions and instance meetings are corrected by the éducateurs (issue 15).

import concurrency.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("prevention", "0009_counted_booleans_asked"),
    ]

    operations = [
        migrations.AddField(
            model_name="networkreception",
            name="version",
            field=concurrency.fields.AutoIncVersionField(
                default=0, help_text="record revision number"
            ),
        ),
        migrations.AddField(
            model_name="instancemeeting",
            name="version",
            field=concurrency.fields.AutoIncVersionField(
                default=0, help_text="record revision number"
            ),
        ),
    ]
