"""The tables of the EMPS bilan (bilan EMPS Hénin-Beaumont 2023), one indicator per table.

The bilan is written per commune of the mobile team, so every indicator returns that table for
each commune at once ({commune: Table}) from one query grouped by commune: the number of
queries does not depend on the number of communes or of records.

- **Communes of the EMPS**: the communes of the CAHC or the CALL where the team recorded hours,
  youths met or actions in the period. « Autre territoire (hors CAHC et CALL) » is not one.
- **Public of a commune**: the youths living there whom the team followed in the period — with a
  PAEI, with an ASEP (and no PAEI), or met without an accompaniment (*en accroche*), as the
  reference counts them (its 60 = 20 PAEI + 25 ASEP + 15 en accroche). Every table of the public
  (modalities, age and sex, gender, origin, situation) counts these same youths. Youths living
  outside the team's communes are grouped under « Autres communes de résidence », so that
  every youth shows.
- Actions, hours and domains worked are those recorded in the commune (actions, hours) or for
  the youths of the commune (domains)."""

from prevention.indicators.emps.activity import (
    actions,
    financial_partners,
    general_action,
    modalities,
    specific_actions,
    worked_domains,
)
from prevention.indicators.emps.base import OTHER_COMMUNES, communes
from prevention.indicators.emps.public import (
    public_by_age_and_sex,
    public_by_gender,
    public_by_origin,
    public_by_situation,
)

__all__ = [
    "OTHER_COMMUNES",
    "actions",
    "communes",
    "financial_partners",
    "general_action",
    "modalities",
    "public_by_age_and_sex",
    "public_by_gender",
    "public_by_origin",
    "public_by_situation",
    "specific_actions",
    "worked_domains",
]
