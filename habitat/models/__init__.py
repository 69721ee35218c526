"""Habitat: CLLAJ, Tremplins Duo, ALT, FSL ASLL, ASL Jeunes ASE — housing stock, requests,
stays and rent, CLLAJ follow-ups, workshops, support measures.

Every record belongs to the habitat service: its staff see them all; the direction and the
administrators too; nobody else (`visible_to`).

One module per part of habitat (`housing`: stock, requests, stays, rent; `cllaj`; `measures`:
FSL ASLL and ASL Jeunes ASE); everything is importable from `habitat.models`."""

from habitat.models.cllaj import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    HousingEvent,
    MeetingPlace,
)
from habitat.models.common import (
    CLLAJ_DISPOSITIFS,
    HABITAT_SERVICE,
    HOUSING_DISPOSITIFS,
    MEASURE_DISPOSITIFS,
    ActiveDuringQuerySet,
    HabitatQuerySet,
    OrienteurKind,
)
from habitat.models.housing import (
    HousingRequest,
    HousingUnit,
    MonthlyRent,
    Stay,
    StayQuerySet,
    UnitUnavailability,
)
from habitat.models.measures import (
    HomeVisit,
    MeasureQuerySet,
    SupportMeasure,
)

# The household's choices live in rl_portal (one definition each); kept importable from here for
# the code that reads them beside habitat's records.
from rl_portal.models import Composition, ResourceType

__all__ = [
    "Composition",
    "ResourceType",
    "HOUSING_DISPOSITIFS",
    "MEASURE_DISPOSITIFS",
    "CLLAJ_DISPOSITIFS",
    "HABITAT_SERVICE",
    "HabitatQuerySet",
    "ActiveDuringQuerySet",
    "OrienteurKind",
    "HousingUnit",
    "UnitUnavailability",
    "HousingRequest",
    "StayQuerySet",
    "Stay",
    "MonthlyRent",
    "MeetingPlace",
    "CllajFile",
    "CllajInterview",
    "CllajApplication",
    "CllajOrientation",
    "HousingEvent",
    "MeasureQuerySet",
    "SupportMeasure",
    "HomeVisit",
]
