"""A reopened accompaniment becomes a new period linked to the closed one.

Before this migration, reopening erased the closure (end, reason) and deleted the
réorientations, rewriting the reports of the year it closed. The audit journal kept what was
erased: for each reopening found there, the closed period is restored as its own row (with its
end, reason and réorientations, and the worked domains and hours dated before the reopening),
and the row that stayed open becomes the new period, starting on the day of the reopening."""

import datetime
import json
import zoneinfo

import django.db.models.deletion
from django.db import migrations, models

UPDATE, DELETE = 1, 2
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _changes(entry) -> dict:
    changes = entry.changes
    if isinstance(changes, str):
        changes = json.loads(changes or "{}")
    return changes or {}


def _date(value):
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def split_reopened_accompaniments(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    Accompaniment = apps.get_model("prevention", "Accompaniment")
    Reorientation = apps.get_model("prevention", "Reorientation")
    WorkedDomain = apps.get_model("prevention", "WorkedDomain")
    TimeEntry = apps.get_model("prevention", "TimeEntry")
    types = {
        ct.model: ct
        for ct in ContentType.objects.filter(
            app_label="prevention", model__in=["accompaniment", "reorientation"]
        )
    }
    if "accompaniment" not in types:
        return  # a fresh database: nothing was ever reopened
    reopenings: dict[int, list] = {}
    for entry in LogEntry.objects.filter(
        content_type=types["accompaniment"], action=UPDATE
    ).order_by("timestamp", "pk"):
        end = _changes(entry).get("end")
        if end and _date(end[0]) and str(end[1]) in ("None", "", "null"):
            reason = _changes(entry).get("end_reason", ["", ""])[0]
            reopenings.setdefault(int(entry.object_pk), []).append(
                (entry.timestamp, _date(end[0]), reason)
            )
    deleted_reorientations = []
    if "reorientation" in types:
        for entry in LogEntry.objects.filter(content_type=types["reorientation"], action=DELETE):
            changes = _changes(entry)
            if "accompaniment" in changes and "category" in changes:
                deleted_reorientations.append((entry.timestamp, changes))
    for pk, events in reopenings.items():
        current = Accompaniment.objects.filter(pk=pk).first()
        if current is None:
            continue
        previous = None
        for index, (timestamp, end, reason) in enumerate(events):
            next_timestamp = events[index + 1][0] if index + 1 < len(events) else None
            reopened_on = max(timestamp.astimezone(PARIS).date(), end + datetime.timedelta(1))
            closed = Accompaniment.objects.create(
                person_id=current.person_id,
                dispositif_id=current.dispositif_id,
                kind=current.kind,
                referent_id=current.referent_id,
                start=current.start,
                end=end,
                end_reason=reason or "amelioration_situation",
                situation=current.situation,
                origin=current.origin,
                reopened_from=previous,
                last_review=current.last_review
                if current.last_review and current.last_review <= end
                else current.start,
            )
            closed.problematiques.set(current.problematiques.all())
            for timestamp_, changes in deleted_reorientations:
                if str(changes["accompaniment"][0]) != str(pk) or timestamp_ < timestamp:
                    continue
                if next_timestamp is not None and timestamp_ >= next_timestamp:
                    continue
                partner = changes.get("partner", [None])[0]
                Reorientation.objects.create(
                    accompaniment=closed,
                    category=changes["category"][0],
                    partner_id=int(partner) if partner and str(partner).isdigit() else None,
                    partner_name=(changes.get("partner_name", [""])[0] or "")
                    if str(changes.get("partner_name", [""])[0]) != "None"
                    else "",
                )
            WorkedDomain.objects.filter(accompaniment_id=pk, date__lt=reopened_on).update(
                accompaniment=closed
            )
            TimeEntry.objects.filter(accompaniment_id=pk, date__lt=reopened_on).update(
                accompaniment=closed
            )
            current.start = reopened_on
            previous = closed
        if current.end is not None and current.end < current.start:
            current.start = current.end
        current.reopened_from = previous
        current.save(update_fields=["start", "reopened_from"])


class Migration(migrations.Migration):
    dependencies = [
        ("prevention", "0003_timeentry_version_and_labels"),
        ("auditlog", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="accompaniment",
            name="reopened_from",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reopened_as",
                to="prevention.accompaniment",
                verbose_name="reprise de l'accompagnement",
            ),
        ),
        migrations.RunPython(split_reopened_accompaniments, migrations.RunPython.noop),
    ]
