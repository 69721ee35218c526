"""One way to submit a form to a service, for every app's views: the service's refusal goes
into the form (the user's input stays), with HTTP 409 for a concurrent edit and 400 for any
other refusal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError

from rl_portal.versioning import ConcurrentEditError


def add_service_errors(form, error: ValidationError) -> None:
    """Put each message of a service's ValidationError next to its field, or at the top of the
    form when the field is not in it. The user's input stays in the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


@dataclass
class Submission:
    """What became of a form sent to a service: `ok` with the service's `result`, or refused
    with the HTTP `status` of the page that shows the form again."""

    ok: bool
    result: Any = None
    status: int = 200

    @property
    def conflict(self) -> bool:
        return self.status == 409


def refusal_status(error: ValidationError) -> int:
    """The HTTP status of a page showing a service's refusal: 409 when someone saved the record
    since it was read, 400 for any other refusal."""
    return 409 if isinstance(error, ConcurrentEditError) else 400


def submit(form, call: Callable[[], Any]) -> Submission:
    """Validate `form`, then `call` the service (a function of no argument reading
    `form.cleaned_data`). Nothing is written when the form or the service refuses: the
    messages are in the form, and the status is 409 when someone saved the record since it
    was read, 400 otherwise."""
    if not form.is_valid():
        return Submission(ok=False, status=400)
    try:
        result = call()
    except ValidationError as error:
        add_service_errors(form, error)
        return Submission(ok=False, status=refusal_status(error))
    return Submission(ok=True, result=result)
