"""Prévention spécialisée (SPS) and its mobile team (EMPS): hours, youths met, accompaniments,
collective actions, networks and territorial bodies.

SPS and EMPS are two dispositifs of the same records: every record names its dispositif, and a
user sees the records of the dispositifs of their services (`visible_to`).

One module per kind of record (`time_entries`, `contacts`, `accompaniments`, `actions`); the
choices, référentiels and scoped querysets in `common`; everything is importable from
`prevention.models`."""

from prevention.models.accompaniments import (
    Accompaniment,
    AccompanimentPartQuerySet,
    AccompanimentQuerySet,
    CoAccompaniment,
    Domain,
    Reorientation,
    WorkedDomain,
    WorkedDomainQuerySet,
)
from prevention.models.actions import (
    ActionSession,
    CollectiveAction,
    CollectiveActionQuerySet,
    Headcount,
    InstanceMeeting,
    NetworkReception,
)
from prevention.models.common import (
    PREVENTION_DISPOSITIFS,
    Activity,
    AgeBand,
    ContactMode,
    Problematique,
    ScopedQuerySet,
    prevention_dispositifs,
)
from prevention.models.contacts import (
    Contact,
    ContactQuerySet,
)
from prevention.models.time_entries import (
    TimeEntry,
    TimeEntryQuerySet,
)

__all__ = [
    "PREVENTION_DISPOSITIFS",
    "Activity",
    "ContactMode",
    "AgeBand",
    "ScopedQuerySet",
    "prevention_dispositifs",
    "Problematique",
    "TimeEntryQuerySet",
    "TimeEntry",
    "ContactQuerySet",
    "Contact",
    "AccompanimentQuerySet",
    "Accompaniment",
    "AccompanimentPartQuerySet",
    "CoAccompaniment",
    "Reorientation",
    "Domain",
    "WorkedDomainQuerySet",
    "WorkedDomain",
    "CollectiveActionQuerySet",
    "CollectiveAction",
    "ActionSession",
    "Headcount",
    "NetworkReception",
    "InstanceMeeting",
]
