"""Every write of the prevention records. One transaction per call; a ValidationError with a
French message (per field where it applies) and nothing written when the input is refused.

One module per kind of record (`time_entries`, `youths`, `accompaniments`, `actions`), the
checks they share in `checks`; everything is importable from `prevention.services`."""

from prevention.services.accompaniments import (
    accompaniment_close,
    accompaniment_open,
    accompaniment_reopen,
    accompaniment_review,
    accompaniment_update,
    worked_domain_create,
    worked_domain_delete,
    worked_domain_update,
)
from prevention.services.actions import (
    HeadcountLine,
    collective_action_save,
    instance_meeting_create,
    network_reception_create,
)
from prevention.services.checks import (
    EARLIEST_DATE,
    MAX_DAYS_AHEAD,
    MAX_HOURS_PER_DAY,
    QUARTER,
    check_can_record,
    check_date,
    check_not_future,
    check_place,
    error_dict,
    parse_hours,
)
from prevention.services.time_entries import (
    time_entry_create,
    time_entry_delete,
    time_entry_update,
)
from prevention.services.youths import (
    QueuedYouth,
    QuickEntryResult,
    contact_create,
    quick_entry_record,
    quick_entry_save,
    quick_entry_sync,
    same_pseudonym_youths,
    youth_create,
    youth_known_since_set,
)

__all__ = [
    "QueuedYouth",
    "quick_entry_record",
    "quick_entry_sync",
    "same_pseudonym_youths",
    "EARLIEST_DATE",
    "MAX_DAYS_AHEAD",
    "MAX_HOURS_PER_DAY",
    "QUARTER",
    "error_dict",
    "check_can_record",
    "check_date",
    "check_not_future",
    "check_place",
    "parse_hours",
    "time_entry_create",
    "time_entry_update",
    "time_entry_delete",
    "contact_create",
    "youth_create",
    "youth_known_since_set",
    "QuickEntryResult",
    "quick_entry_save",
    "accompaniment_open",
    "accompaniment_update",
    "accompaniment_close",
    "accompaniment_reopen",
    "accompaniment_review",
    "worked_domain_create",
    "worked_domain_update",
    "worked_domain_delete",
    "HeadcountLine",
    "collective_action_save",
    "network_reception_create",
    "instance_meeting_create",
]

# Added with the corrections of saved entries and youths created with the entry (issue 15).
from prevention.services.accompaniments import (  # noqa: E402
    check_new_youth,
    contact_delete,
    contact_update,
    likely_duplicates,
)
from prevention.services.checks import day_total_message  # noqa: E402
from prevention.services.time_entries import check_may_correct  # noqa: E402
from prevention.services.youths import NewYouth  # noqa: E402
from rl_portal.duplicates import MAX_DUPLICATES  # noqa: E402

__all__ += [
    "MAX_DUPLICATES",
    "NewYouth",
    "check_may_correct",
    "check_new_youth",
    "contact_delete",
    "contact_update",
    "day_total_message",
    "likely_duplicates",
]

# Corrections of network receptions, instance meetings and collective actions (issue 15).
from prevention.services.actions import (  # noqa: E402
    collective_action_delete,
    instance_meeting_delete,
    instance_meeting_update,
    network_reception_delete,
    network_reception_update,
)

__all__ += [
    "collective_action_delete",
    "instance_meeting_delete",
    "instance_meeting_update",
    "network_reception_delete",
    "network_reception_update",
]
