"""Prevention's person picker (rl_portal/widgets.py): the youths an éducateur adds to the
quick entry, found among those of their prevention services, told apart by their last
meeting. Registered when the app is ready."""

from __future__ import annotations

from django.db.models import Max

from rl_portal.models import Person
from rl_portal.widgets import PersonPicker, register_person_picker


def prevention_youths(user):
    """The youths of the user's prevention services (SPS, EMPS) visible to them."""
    from prevention import perms
    from prevention.views.common import _visible_youths

    if not perms.can_record(user):
        return Person.objects.none()
    return _visible_youths(user)


def register() -> None:
    register_person_picker(
        PersonPicker(
            name="prevention-youths",
            persons=prevention_youths,
            last_seen=lambda: Max("prevention_contacts__date"),
            last_seen_label="dernière rencontre",
        )
    )
