from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from reporting.documents import ReportDefinition
from reporting.models import AssociationProfile, Commentary, ReportValidation
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
    if not (by.is_superuser or by.has_perm("reporting.add_commentary")):
        raise ValidationError("Seule la direction écrit les commentaires des rapports.")
    if not definition.accepts_commentary(section):
        raise ValidationError("Cette section n'a pas de commentaire.")
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
def report_validate(
    *, definition: ReportDefinition, period: Period, options: dict, note: str, by: User
) -> ReportValidation:
    """Freeze today's figures of the report as transmitted. A new validation replaces the
    previous one for the same report, period and commune (both stay in the journal)."""
    if not (by.is_superuser or by.has_perm("reporting.add_reportvalidation")):
        raise ValidationError("Seule la direction valide les rapports.")
    document = definition.build(period, options, live=True)
    return ReportValidation.objects.create(
        report=definition.slug,
        period_start=period.start,
        period_end=period.end,
        scope=options.get("commune", ""),
        note=note.strip(),
        snapshot=document.snapshot(),
        validated_by=by,
    )


@transaction.atomic
def association_profile_save(
    *, profile: AssociationProfile, data: dict, version: int | None, by: User
) -> AssociationProfile:
    """Save the identity sheet, unless someone saved it since `version` was read."""
    if not (by.is_superuser or by.has_perm("reporting.change_associationprofile")):
        raise ValidationError("Seule la direction modifie la fiche d'identité.")
    for field, value in data.items():
        setattr(profile, field, value)
    profile.full_clean(exclude=["version"])
    # A new sheet has no version to check.
    save_versioned(profile, version if profile.pk else None)
    return profile
