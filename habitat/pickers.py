"""The habitat's person pickers (rl_portal/widgets.py): whom a stay's occupant and a CLLAJ
interview's youth are chosen among. Registered when the app is ready."""

from __future__ import annotations

import datetime

from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from habitat import perms
from habitat.models import CllajFile
from rl_portal.models import Person
from rl_portal.widgets import PersonPicker, register_person_picker

# A youth whose CLLAJ follow-up is older than this is recorded again as a new request.
CLLAJ_KNOWN_DAYS = 730


def habitat_persons(user):
    """The persons a habitat worker may house: every person visible to them."""
    if not perms.can_record(user):
        return Person.objects.none()
    return Person.objects.visible_to(user)


def cllaj_youths(user):
    """The youths with a CLLAJ follow-up of the last two years, among those visible."""
    known = CllajFile.objects.filter(
        person=OuterRef("pk"),
        date__gte=timezone.localdate() - datetime.timedelta(days=CLLAJ_KNOWN_DAYS),
    )
    return habitat_persons(user).filter(Exists(known))


def last_cllaj_interview():
    return Max("cllaj_files__interviews__date")


def register() -> None:
    register_person_picker(
        PersonPicker(
            name="habitat-persons",
            persons=habitat_persons,
            last_seen=last_cllaj_interview,
            last_seen_label="dernier entretien CLLAJ",
        )
    )
    register_person_picker(
        PersonPicker(
            name="cllaj-youths",
            persons=cllaj_youths,
            last_seen=last_cllaj_interview,
            last_seen_label="dernier entretien CLLAJ",
        )
    )
