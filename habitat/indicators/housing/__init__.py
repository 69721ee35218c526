"""The tables the housing dispositifs share (ALT Jeunes, ALT Familles / jeunes couples,
Tremplins Duo), one indicator per table, each for one dispositif (`dispositif` is its code).

- **Who is counted**: a youth (ALT Jeunes, Tremplins Duo) or a household (ALT Familles: « 21
  familles accueillies ») housed on a day of the period, once, described by their latest stay
  of the period. A stay without a household is a household of one.
- **Requests** (demandes, préadmissions) and **exits** are records: their tables say so.
- **Occupancy**: occupied place-days / available place-days. A place is available on the
  days of its unit's lease, less the unit's works; a stay counts only its days on an available
  place, so the rate never exceeds 100 % (and the services refuse works on an occupied place
  and exits after the lease's end)."""

from habitat.indicators.housing.base import (
    HOUSEHOLD_DISPOSITIFS,
    HOUSING_COUNT_NOTE,
    counted_as,
    hosted_key,
    public,
    stays,
    units,
)
from habitat.indicators.housing.exits import (
    arrears,
    exit_resources,
    exit_support,
    exits,
    occupancy,
    occupancy_rate,
)
from habitat.indicators.housing.public import (
    geographic_origin,
    hosted,
    hosted_by_composition,
    hosted_by_sex_and_age,
    mobility,
    new_arrivals_by_sex_and_age,
    new_arrivals_resources,
    origin_of_accommodation,
    referrers_of_hosted,
    request_reasons,
    resources_at_entry,
    steps_taken,
)
from habitat.indicators.housing.requests import (
    applicants_by_sex_and_age,
    housing_stock,
    landlords,
    request_counts,
    requests_by_composition,
    requests_by_referrer,
)

__all__ = [
    "HOUSEHOLD_DISPOSITIFS",
    "HOUSING_COUNT_NOTE",
    "applicants_by_sex_and_age",
    "arrears",
    "counted_as",
    "exit_resources",
    "exit_support",
    "exits",
    "geographic_origin",
    "hosted",
    "hosted_by_composition",
    "hosted_by_sex_and_age",
    "hosted_key",
    "housing_stock",
    "landlords",
    "mobility",
    "new_arrivals_by_sex_and_age",
    "new_arrivals_resources",
    "occupancy",
    "occupancy_rate",
    "origin_of_accommodation",
    "public",
    "referrers_of_hosted",
    "request_counts",
    "request_reasons",
    "requests_by_composition",
    "requests_by_referrer",
    "resources_at_entry",
    "stays",
    "steps_taken",
    "units",
]
