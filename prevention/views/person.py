"""Prevention's section of a person's page."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from prevention import perms
from prevention.models import (
    Accompaniment,
    CollectiveAction,
    Contact,
    WorkedDomain,
)

# --------------------------------------------------------------------------------------------
# The youth's page
# --------------------------------------------------------------------------------------------


def person_section(request, person) -> str | None:
    """The prevention part of a youth's page: contacts, accompaniments, actions and domaines
    travaillés, newest first — for users who read prevention records."""
    user = request.user
    if not perms.can_read(user):
        return None
    contacts = list(
        Contact.objects.visible_to(user)
        .filter(person=person)
        .select_related("educator", "commune", "dispositif")
        .order_by("-date", "-pk")[:50]
    )
    for contact in contacts:
        contact.can_correct = perms.can_correct(user, contact)
    accompaniments = list(
        Accompaniment.objects.visible_to(user)
        .filter(person=person)
        .select_related("referent")
        .order_by("-start")
    )
    actions = list(
        CollectiveAction.objects.visible_to(user)
        .filter(participants=person)
        .select_related("commune")
        .order_by("-created_at")
    )
    domains = list(
        WorkedDomain.objects.visible_to(user)
        .filter(accompaniment__person=person)
        .select_related("educator")
        .order_by("-date", "-pk")[:50]
    )
    if not (contacts or accompaniments or actions or domains) and not perms.can_record(user):
        return None
    open_accompaniment = next((a for a in accompaniments if a.is_open), None)
    return render_to_string(
        "prevention/includes/person_section.html",
        {
            "person": person,
            "contacts": contacts,
            "accompaniments": accompaniments,
            "actions": actions,
            "domains": domains,
            "en_accroche": bool(contacts) and not accompaniments,
            "can_record": perms.can_record(user),
            "open_accompaniment": open_accompaniment,
            "new_accompaniment_url": reverse("prevention:accompaniment-create", args=[person.pk]),
        },
        request=request,
    )
