from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from reporting import perms
from reporting.documents import ReportDefinition
from reporting.models import AssociationProfile, Commentary, ReportInput, ReportValidation
from reportkit.periods import Period
from rl_portal.models import User
from rl_portal.versioning import ConcurrentEditError, save_versioned


@transaction.atomic
def commentary_save(
    *,
    definition: ReportDefinition,
    section: str,
    period: Period,
    text: str,
    read_version: int | None,
    by: User,
) -> Commentary:
    """Save a new version of a section's commentary. `read_version` is the version the author
    started from (None for the first): if someone saved since, nothing is written."""
    if not definition.accepts_commentary(section):
        raise ValidationError("Cette section n'a pas de commentaire.")
    if not perms.can_write_commentary(by, definition, section):
        raise ValidationError(
            "La direction écrit l'édito et les perspectives ; les chefs de service écrivent "
            "les observations des rapports de leur service."
        )
    versions = Commentary.objects.select_for_update().filter(
        report=definition.slug, section=section, period_start=period.start, period_end=period.end
    )
    latest = versions.aggregate(latest=Max("version"))["latest"]
    if (latest or None) != (read_version or None):
        raise ConcurrentEditError()
    return Commentary.objects.create(
        report=definition.slug,
        section=section,
        period_start=period.start,
        period_end=period.end,
        version=(latest or 0) + 1,
        text=text.strip(),
        author=by,
    )


@transaction.atomic
def report_input_save(
    *,
    definition: ReportDefinition,
    key: str,
    period: Period,
    data: dict,
    read_version: int | None,
    by: User,
) -> ReportInput:
    """Save a new version of the direction's data `key` for the report and period (identity,
    territory figures…). `read_version` is the version the author started from: if someone
    saved since, nothing is written. A validated report keeps printing the version it froze."""
    if key not in definition.inputs:
        raise ValidationError("Ce rapport ne tient pas cette donnée.")
    if not perms.can_edit_inputs(by, definition):
        raise ValidationError("Seule la direction tient les données du rapport.")
    allowed = {f.name for f in definition.inputs[key].fields_for(period)}
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError("Champ inconnu : " + ", ".join(sorted(unknown)) + ".")
    versions = ReportInput.objects.select_for_update().filter(
        report=definition.slug, key=key, period_start=period.start, period_end=period.end
    )
    latest = versions.aggregate(latest=Max("version"))["latest"]
    if (latest or None) != (read_version or None):
        raise ConcurrentEditError()
    return ReportInput.objects.create(
        report=definition.slug,
        key=key,
        period_start=period.start,
        period_end=period.end,
        version=(latest or 0) + 1,
        data=data,
        author=by,
    )


@transaction.atomic
def report_validate(
    *,
    definition: ReportDefinition,
    period: Period,
    options: dict,
    note: str,
    board_date: datetime.date | None,
    by: User,
) -> ReportValidation:
    """Freeze the report as transmitted: today's figures, texts and direction's data. The date
    printed is the board meeting's (`board_date`), which validated it before transmission. A
    new validation replaces the previous one for the same report, period and commune (both
    stay in the journal)."""
    if not perms.can_validate(by, definition):
        raise ValidationError("Seule la direction valide les rapports.")
    if board_date is None:
        raise ValidationError(
            {"board_date": "Indiquez la date du conseil d'administration qui a validé le rapport."}
        )
    if board_date > timezone.localdate():
        raise ValidationError(
            {"board_date": "Le conseil d'administration ne peut pas s'être tenu dans le futur."}
        )
    if board_date < period.start:
        raise ValidationError(
            {
                "board_date": "Le conseil d'administration valide le rapport après le début de sa "
                "période."
            }
        )
    validation = ReportValidation.objects.create(
        report=definition.slug,
        period_start=period.start,
        period_end=period.end,
        scope=options.get("commune", ""),
        note=note.strip(),
        board_date=board_date,
        snapshot={},
        validated_by=by,
    )
    # Built after the validation row exists, so that the identity sheet prints its date.
    document = definition.build(period, options, live=True)
    validation.snapshot = document.snapshot()
    validation.save(update_fields=["snapshot"])
    return validation


@transaction.atomic
def association_profile_save(
    *, profile: AssociationProfile, data: dict, version: int | None, by: User
) -> AssociationProfile:
    """Save the identity sheet, unless someone saved it since `version` was read."""
    if not perms.can_edit_identity(by):
        raise ValidationError("Seule la direction modifie la fiche d'identité.")
    for field, value in data.items():
        setattr(profile, field, value)
    profile.full_clean(exclude=["version"])
    # A new sheet has no version to check.
    save_versioned(profile, version if profile.pk else None)
    return profile
