"""The builders of the demo, in dependency order. Each module has `seed(context)` (writes its
part, through the app's services where the volumes allow) and `reset()` (removes it)."""

from __future__ import annotations

import random

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.db import transaction
from django.utils import timezone

from demo.builders import habitat, prevention, reporting, scolaire, shared
from demo.context import DemoContext
from demo.data.shared import SEED

BUILDERS = [shared, prevention, habitat, scolaire, reporting]


# What each builder writes, as `seed_demo` tells the person waiting.
STEPS = {
    shared: "comptes, partenaires, conventions",
    prevention: "prévention : jeunes, heures, rencontres, accompagnements, actions",
    habitat: "habitat : logements, séjours, loyers, CLLAJ, mesures",
    scolaire: "scolaire : programmes, inscriptions, appels",
    reporting: "rapports : textes et validations",
}


@transaction.atomic
def build(*, today=None, reset: bool = False, progress=None) -> DemoContext:
    """Build the demo association as of `today` (default: today), after removing the previous
    one when `reset`. Two builds on the same day write the same records. `progress(text)` is
    told each step before it starts."""
    if reset:
        remove()
    context = DemoContext(rng=random.Random(SEED), today=today or timezone.localdate())
    for index, builder in enumerate(BUILDERS, start=1):
        if progress is not None:
            progress(f"{index}/{len(BUILDERS)} {STEPS[builder]}")
        builder.seed(context)
    return context


@transaction.atomic
def remove() -> None:
    """Remove every record of the demo, its audit journal included (the demo association is
    fictitious: journalling the deletion of tens of thousands of its rows would only flood the
    journal). Référentiels loaded by the migrations stay."""
    with disable_auditlog():
        for builder in reversed(BUILDERS):
            builder.reset()
        LogEntry.objects.all().delete()
