"""The shared domain: users and roles, services, territory, persons and households, partners,
funders and conventions, staff positions.

Every model that holds personal data has a QuerySet with `visible_to(user)`: the one way views,
API and exports reach it.

One module per part of the shared domain (`services`, `users`, `territory`, `partners`,
`persons`); everything is importable from `rl_portal.models`."""

from rl_portal.models.partners import (
    Convention,
    ConventionQuerySet,
    Funder,
    Partner,
    StaffPosition,
    StaffPositionQuerySet,
)
from rl_portal.models.persons import (
    CaseFile,
    CaseFileQuerySet,
    Composition,
    Household,
    HouseholdMember,
    HouseholdMemberQuerySet,
    HouseholdQuerySet,
    OfflineSubmission,
    Person,
    PersonQuerySet,
    ResourceType,
    Sex,
    search_key,
)
from rl_portal.models.services import (
    Dispositif,
    Service,
)
from rl_portal.models.territory import (
    Commune,
    Epci,
    Quartier,
)
from rl_portal.models.users import (
    DEVICE_MAX_LENGTH,
    ApiToken,
    User,
)

__all__ = [
    "OfflineSubmission",
    "Service",
    "Dispositif",
    "User",
    "ApiToken",
    "DEVICE_MAX_LENGTH",
    "Epci",
    "Commune",
    "Quartier",
    "Partner",
    "Funder",
    "ConventionQuerySet",
    "Convention",
    "StaffPositionQuerySet",
    "StaffPosition",
    "Sex",
    "search_key",
    "PersonQuerySet",
    "Person",
    "CaseFileQuerySet",
    "CaseFile",
    "HouseholdQuerySet",
    "Composition",
    "ResourceType",
    "Household",
    "HouseholdMemberQuerySet",
    "HouseholdMember",
]
