"""Browser side of prevention: quick entry, lists, accompaniments, collective actions, networks,
alerts. Views parse, call a service or a query, render; personal data only through visible_to.

One module per part of the pages (`quick_entry`, `lists`, `accompaniments`, `actions`,
`person`); everything is importable from `prevention.views` (urls.py)."""

from prevention.views.accompaniments import (
    AccompanimentCloseView,
    AccompanimentCreateView,
    AccompanimentUpdateView,
    accompaniment_detail,
    accompaniment_reopen,
    accompaniment_review,
    worked_domain_add,
)
from prevention.views.actions import (
    CollectiveActionDeleteView,
    CollectiveActionFormView,
    InstanceMeetingCorrectionView,
    NetworkReceptionCorrectionView,
    collective_action_detail,
    instance_meetings,
    network_receptions,
)
from prevention.views.common import (
    PER_PAGE,
)
from prevention.views.lists import (
    accompaniment_list,
    alerts,
    collective_action_list,
    contact_list,
    time_entry_list,
)
from prevention.views.person import (
    person_section,
)
from prevention.views.quick_entry import (
    QuickEntryView,
    youth_chip,
    youth_quick_create,
    youth_search,
)

__all__ = [
    "CollectiveActionDeleteView",
    "InstanceMeetingCorrectionView",
    "NetworkReceptionCorrectionView",
    "PER_PAGE",
    "QuickEntryView",
    "youth_search",
    "youth_chip",
    "youth_quick_create",
    "time_entry_list",
    "contact_list",
    "accompaniment_list",
    "collective_action_list",
    "alerts",
    "AccompanimentCreateView",
    "AccompanimentUpdateView",
    "accompaniment_detail",
    "AccompanimentCloseView",
    "accompaniment_review",
    "accompaniment_reopen",
    "worked_domain_add",
    "CollectiveActionFormView",
    "collective_action_detail",
    "network_receptions",
    "instance_meetings",
    "person_section",
]

from prevention.views.lists import (  # noqa: E402
    ContactCorrectionView,
    TimeEntryCorrectionView,
    WorkedDomainCorrectionView,
)
from prevention.views.quick_entry import new_youth_data, new_youths_posted  # noqa: E402

__all__ += [
    "ContactCorrectionView",
    "TimeEntryCorrectionView",
    "WorkedDomainCorrectionView",
    "new_youth_data",
    "new_youths_posted",
]
