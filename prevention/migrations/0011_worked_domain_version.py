# A worked domain carries a version: it is corrected or deleted from the accompaniment's page
# (issue 15), by its éducateur or a chef de service of its service.

import concurrency.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("prevention", "0010_network_reception_instance_meeting_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="workeddomain",
            name="version",
            field=concurrency.fields.AutoIncVersionField(
                default=0, help_text="record revision number"
            ),
        ),
    ]
