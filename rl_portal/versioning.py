"""Concurrent edits never silently overwrite each other: one version check for every app.

A versioned model (django-concurrency's `AutoIncVersionField`) is saved with the version the
user read; if someone saved it since, `ConcurrentEditError` is raised and nothing is written.
Views turn it into a form error with HTTP 409 (`rl_portal.form_helpers.apply_service`), the API
into a 409 (`rl_portal.drf.exception_handler`)."""

from __future__ import annotations

from concurrency.exceptions import RecordModifiedError
from django.core.exceptions import ValidationError
from django.db import models

CONFLICT_MESSAGE = (
    "Cette fiche a été modifiée par quelqu'un d'autre pendant votre saisie. Vos modifications "
    "n'ont pas été enregistrées : rechargez la fiche pour voir la version actuelle, puis "
    "reportez-les."
)


class ConcurrentEditError(ValidationError):
    """Someone else saved the record since it was read (HTTP 409 in the pages and the API)."""

    def __init__(self):
        super().__init__(CONFLICT_MESSAGE, code="conflict")


def save_versioned(instance: models.Model, version: int | None) -> None:
    """Save `instance` if nobody saved it since `version` was read (None: no check asked, as
    for a creation); otherwise raise ConcurrentEditError."""
    if version is not None:
        instance.version = version
    try:
        instance.save()
    except RecordModifiedError as error:
        raise ConcurrentEditError() from error


def delete_versioned(instance: models.Model, version: int | None) -> None:
    """Delete `instance` if nobody saved it since `version` was read (None: no check asked);
    otherwise raise ConcurrentEditError. A deleted record cannot be deleted twice either."""
    model = type(instance)
    current = model._default_manager.filter(pk=instance.pk)
    if version is not None:
        current = current.filter(version=version)
    if not current.exists():
        raise ConcurrentEditError()
    instance.delete()
