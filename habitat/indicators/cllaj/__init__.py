"""The CLLAJ bilan's tables (bilan habitat 2022, « CLLAJ Hénin-Carvin »), one indicator per
table.

- **The public of a period**: the young persons with a CLLAJ file dated in the period (the date
  of the request). A youth counts once per table, described by their latest file of the period.
  A youth is « suivi dossier » when one of their files of the period is a follow-up, « AIO
  seule » otherwise: the two add up to the youths.
- **Situations** are files, **interviews** and **files built** are records: each table says
  which it counts.
- **Zooms**: the youths with an ASE background (CLLAJ ASE files, or a person known to have been
  in child welfare), living in a QPV, followed by the Mission locale — the same tables as the
  whole public, on that part of it."""

from habitat.indicators.cllaj.activity import (
    action_logement,
    applications,
    attendance_history,
    funding,
    housing_access,
    interviews,
    meeting_places,
    orientations,
    planned_funding,
    workshops_and_events,
)
from habitat.indicators.cllaj.base import (
    DISPOSITIF,
    DISPOSITIFS,
    LOW_RESOURCES,
    POVERTY_LINE,
    POVERTY_SOURCE,
    ZOOMS,
)
from habitat.indicators.cllaj.public import (
    composition,
    employment,
    geographic_origin,
    housing_situation,
    main_problem,
    public_by_sex_and_age,
    referrers,
    resource_means,
    resources,
)

__all__ = [
    "DISPOSITIF",
    "DISPOSITIFS",
    "LOW_RESOURCES",
    "POVERTY_LINE",
    "POVERTY_SOURCE",
    "ZOOMS",
    "action_logement",
    "applications",
    "attendance_history",
    "composition",
    "employment",
    "funding",
    "geographic_origin",
    "housing_access",
    "housing_situation",
    "interviews",
    "main_problem",
    "meeting_places",
    "orientations",
    "planned_funding",
    "public_by_sex_and_age",
    "referrers",
    "resource_means",
    "resources",
    "workshops_and_events",
]
