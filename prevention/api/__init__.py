"""/api/v1/prevention/: the same services and scoping as the pages.

One module per part (`records`: time entries, contacts, accompaniments; `actions`: collective
actions, network receptions, territorial bodies; `offline`: the phone's queue and the routes);
everything is importable from `prevention.api`."""

from prevention.api.actions import (
    CollectiveActionSerializer,
    CollectiveActionViewSet,
    HeadcountSerializer,
    InstanceMeetingSerializer,
    InstanceMeetingViewSet,
    NetworkReceptionSerializer,
    NetworkReceptionViewSet,
)
from prevention.api.common import (
    PreventionSerializer,
)
from prevention.api.offline import (
    OFFLINE_YOUTHS_DAYS,
    OFFLINE_YOUTHS_MAX,
    QueuedYouthSerializer,
    QuickEntrySyncSerializer,
    QuickEntrySyncViewSet,
    register,
)
from prevention.api.records import (
    AccompanimentCloseSerializer,
    AccompanimentSerializer,
    AccompanimentViewSet,
    ContactSerializer,
    ContactViewSet,
    KindsField,
    ReorientationSerializer,
    SessionDatesField,
    TimeEntrySerializer,
    TimeEntryViewSet,
)

__all__ = [
    "PreventionSerializer",
    "TimeEntrySerializer",
    "TimeEntryViewSet",
    "ContactSerializer",
    "ContactViewSet",
    "ReorientationSerializer",
    "KindsField",
    "SessionDatesField",
    "AccompanimentSerializer",
    "AccompanimentCloseSerializer",
    "AccompanimentViewSet",
    "HeadcountSerializer",
    "CollectiveActionSerializer",
    "CollectiveActionViewSet",
    "NetworkReceptionSerializer",
    "InstanceMeetingSerializer",
    "NetworkReceptionViewSet",
    "InstanceMeetingViewSet",
    "OFFLINE_YOUTHS_DAYS",
    "OFFLINE_YOUTHS_MAX",
    "QueuedYouthSerializer",
    "QuickEntrySyncSerializer",
    "QuickEntrySyncViewSet",
    "register",
]
