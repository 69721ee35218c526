"""Every write of the habitat records: one transaction per call, a French ValidationError (per
field where it applies) and nothing written when the input is refused.

One module per kind of record (`housing`: units, stays and rents; `applications`: requests
and the CLLAJ's creations; `cllaj`: the corrections of a CLLAJ follow-up; `measures`: FSL/ASL
support measures and home visits; `followups`: corrections of home visits and
workshops), the checks they share in `checks`; everything is
importable from `habitat.services`."""

from habitat.services.applications import (
    cllaj_file_create,
    cllaj_interview_create,
    housing_request_create,
    housing_request_decide,
    housing_request_update,
)
from habitat.services.checks import (
    ALT_LIMIT_MONTHS,
    EARLIEST,
    check_can_record,
)
from habitat.services.cllaj import (
    CLLAJ_FILE_FIELDS,
    cllaj_application_save,
    cllaj_file_update,
    cllaj_interview_add,
    cllaj_interview_delete,
    cllaj_interview_update,
    cllaj_item_delete,
    cllaj_orientation_save,
)
from habitat.services.followups import (
    HOUSING_EVENT_FIELDS,
    home_visit_delete,
    home_visit_update,
    housing_event_delete,
    housing_event_update,
)
from habitat.services.housing import (
    STAY_FIELDS,
    housing_unit_create,
    monthly_rent_save,
    stay_create,
    stay_delete,
    stay_exit,
    stay_update,
)
from habitat.services.measures import (
    ASL_WEIGHTS,
    cllaj_interview_quick_create,
    home_visit_create,
    support_measure_close,
    support_measure_open,
    support_measure_update,
)

__all__ = [
    "EARLIEST",
    "ALT_LIMIT_MONTHS",
    "check_can_record",
    "housing_unit_create",
    "stay_create",
    "stay_exit",
    "STAY_FIELDS",
    "stay_update",
    "stay_delete",
    "monthly_rent_save",
    "housing_request_create",
    "housing_request_decide",
    "housing_request_update",
    "cllaj_file_create",
    "cllaj_interview_create",
    "CLLAJ_FILE_FIELDS",
    "cllaj_file_update",
    "cllaj_interview_add",
    "cllaj_interview_update",
    "cllaj_interview_delete",
    "cllaj_application_save",
    "cllaj_orientation_save",
    "cllaj_item_delete",
    "ASL_WEIGHTS",
    "support_measure_open",
    "support_measure_close",
    "support_measure_update",
    "home_visit_create",
    "cllaj_interview_quick_create",
    "home_visit_update",
    "home_visit_delete",
    "HOUSING_EVENT_FIELDS",
    "housing_event_update",
    "housing_event_delete",
]
