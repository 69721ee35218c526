"""The tables of the support-measure bilans, FSL ASLL and ASL Jeunes ASE (bilan habitat 2022,
« F.S.L. » and « A.S.L. Jeunes A.S.E. »), one indicator per table, each for one dispositif.

- **Measures** are records: a measure active on a day of the period counts, with its weight
  (FSL points; ASL simple = 1, renforcée = 2).
- **The public**: the persons with a measure active in the period, once, each described by
  their latest measure of the period (its territory, composition, resources…): the tables of a
  territory's public add up to the same total, and the territories to the whole.
- **A convention's rate** is computed over that convention's own period, with its capacity:
  the weight of the measures of its territory active in its period / its capacity. A report
  shows every convention that overlaps its period. Above 100 % is « suractivité ».
- Per-territory tables are returned for every territory at once ({"CAHC": Table, …}) from one
  query grouped by territory."""

from habitat.indicators.measures.base import (
    CONVENTION_COLUMNS,
    CONVENTION_KINDS,
    LOW_RESOURCES,
    ONE_YEAR,
    OVER_ACTIVITY,
    convention_rows,
    convention_usage,
    measures,
    public,
    territories,
)
from habitat.indicators.measures.overview import (
    conventions,
    extensions,
    home_visits,
    measures_by_territory,
    public_by_sex,
)
from habitat.indicators.measures.territory import (
    annex_difficulties,
    applications_and_aids,
    composition,
    ended,
    geographic_origin,
    housing_origin,
    initial_objectives,
    main_reasons,
    partners,
    public_by_sex_and_age,
    referrers,
    resource_amounts,
    resource_types,
)

__all__ = [
    "CONVENTION_COLUMNS",
    "CONVENTION_KINDS",
    "LOW_RESOURCES",
    "ONE_YEAR",
    "OVER_ACTIVITY",
    "annex_difficulties",
    "applications_and_aids",
    "composition",
    "convention_rows",
    "convention_usage",
    "conventions",
    "ended",
    "extensions",
    "geographic_origin",
    "home_visits",
    "housing_origin",
    "initial_objectives",
    "main_reasons",
    "measures",
    "measures_by_territory",
    "partners",
    "public",
    "public_by_sex",
    "public_by_sex_and_age",
    "referrers",
    "resource_amounts",
    "resource_types",
    "territories",
]
