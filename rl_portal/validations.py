"""Which validated (frozen) reports a dated record falls in: the reports app answers, the apps
ask (to warn that a record no longer changes a transmitted report) without importing the
reports, which sit above them."""

from __future__ import annotations

import datetime
from collections.abc import Callable

VALIDATED_REPORTS_LOOKUPS: list[Callable] = []


def register_validated_reports_lookup(lookup: Callable) -> Callable:
    """`lookup(day, service_code) -> list[str]`: the validated reports covering the day."""
    if lookup not in VALIDATED_REPORTS_LOOKUPS:
        VALIDATED_REPORTS_LOOKUPS.append(lookup)
    return lookup


def validated_reports_covering(day: datetime.date, service_code: str) -> list[str]:
    """The validated reports of a service whose period contains `day`, in French."""
    return [name for lookup in VALIDATED_REPORTS_LOOKUPS for name in lookup(day, service_code)]
