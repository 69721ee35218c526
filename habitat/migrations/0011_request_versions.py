import concurrency.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("habitat", "0010_corrections_versions_and_stay_author"),
    ]

    operations = [
        migrations.AddField(
            model_name="housingrequest",
            name="version",
            field=concurrency.fields.AutoIncVersionField(
                default=0, help_text="record revision number"
            ),
        ),
    ]
