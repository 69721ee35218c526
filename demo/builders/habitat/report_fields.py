"""What the habitat bilans print since 2026 — places for minors (Tremplins Duo), mobility,
steps taken and support at exit of the stays, the partners, housing origin and initial
objectives of the measures — drawn with their own random generator, so that the rest of the
demo stays as it was."""

from __future__ import annotations

import random

from demo.builders.habitat.plan import Plan
from demo.context import pick
from habitat.models import HousingUnit, Stay, SupportMeasure

MOBILITY = [
    (Stay.Mobility.PUBLIC_TRANSPORT, 55),
    (Stay.Mobility.TWO_WHEELS, 14),
    (Stay.Mobility.LEARNING, 13),
    (Stay.Mobility.LICENCE, 7),
    (Stay.Mobility.CAR, 3),
    (Stay.Mobility.NONE, 8),
]
HOUSING_ORIGINS = [
    (SupportMeasure.HousingOrigin.SOCIAL, 52),
    (SupportMeasure.HousingOrigin.PRIVATE, 14),
    (SupportMeasure.HousingOrigin.FOSTER, 10),
    (SupportMeasure.HousingOrigin.HOSTED, 12),
    (SupportMeasure.HousingOrigin.INSTITUTION, 12),
]
P = SupportMeasure.Partner
# The partners each bilan names (« Partenaires sollicités »).
PARTNERS = {
    "fsl-asll": [
        P.DEPARTEMENT,
        P.LANDLORD,
        P.CAF,
        P.CPAM,
        P.ENERGY,
        P.CLLAJ,
        P.SIAO,
        P.HEALTH,
        P.CHARITY,
        P.EMPLOYMENT,
        P.TAXES,
        P.BANK,
    ],
    "asl-jeunes-ase": [
        P.DEPARTEMENT,
        P.MISSION_LOCALE,
        P.LANDLORD,
        P.CAF,
        P.HEALTH,
        P.CLLAJ,
        P.EMPLOYMENT,
    ],
}
REHOUSED = (Stay.ExitReason.PUBLIC, Stay.ExitReason.PRIVATE, Stay.ExitReason.AUTONOMY)


def unit_public(code: str, public: str) -> str:
    """A Tremplins Duo unit's places are for minors (« m » in the data) or for adults."""
    if code != "tremplins-duo":
        return ""
    return HousingUnit.Public.MINORS if public == "m" else HousingUnit.Public.ADULTS


def complete(plan: Plan) -> None:
    """Fill the planned stays and measures' report fields before they are written."""
    rng = random.Random(2022)
    followed = {id(p.person): p.dispositif for p in plan.planned_measures}
    for stay in plan.stays:
        rehoused = stay.exit_reason in REHOUSED
        measure = followed.get(id(stay.person))
        if stay.unit.dispositif.code == "tremplins-duo":
            stay.mobility = pick(rng, MOBILITY)
            steps = []
            if measure == "asl-jeunes-ase":
                steps.append(Stay.Step.ASL)
            if rehoused and rng.random() < 0.75:
                steps.append(Stay.Step.FSL_INSTALLATION)
            if rehoused or rng.random() < 0.35:
                steps.append(Stay.Step.NUD)
            if rehoused and rng.random() < 0.2:
                steps.append(Stay.Step.VISALE)
            stay.steps = sorted(steps)
        if stay.exit:
            if measure == "fsl-asll":
                stay.exit_support = Stay.ExitSupport.FSL
            elif measure == "asl-jeunes-ase":
                stay.exit_support = Stay.ExitSupport.ASL
            elif rehoused:
                stay.exit_support = pick(
                    rng,
                    [
                        (Stay.ExitSupport.NONE, 60),
                        (Stay.ExitSupport.CLLAJ, 20),
                        (Stay.ExitSupport.PROTECTION, 5),
                        (Stay.ExitSupport.OTHER, 15),
                    ],
                )
            else:
                stay.exit_support = pick(
                    rng, [(Stay.ExitSupport.NONE, 70), (Stay.ExitSupport.CLLAJ, 30)]
                )
    for measure in plan.measures:
        code = measure.dispositif.code
        choices = PARTNERS[code]
        measure.partners_contacted = sorted(
            rng.sample(choices, k=rng.randint(2, min(5, len(choices))))
        )
        if code == "asl-jeunes-ase":
            measure.housing_origin = pick(rng, HOUSING_ORIGINS)
            objectives = [SupportMeasure.Objective.ADMINISTRATIVE, SupportMeasure.Objective.BUDGET]
            others = [o for o in SupportMeasure.Objective.values if o not in objectives]
            measure.initial_objectives = sorted(
                objectives + rng.sample(others, k=rng.randint(0, 3))
            )
