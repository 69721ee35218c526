"""Form and view helpers shared by every app: the date widget, the crispy layout with its
submit button, the version carried by edit forms, and one way to submit a form to a service
(the service's refusal goes into the form, the user's input stays, with HTTP 409 for a
concurrent edit and 400 for any other refusal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Layout, Submit
from django import forms
from django.core.exceptions import ValidationError

from reportkit.numbers import parse_hours, trimmed
from rl_portal.inputs import INT_MAX
from rl_portal.versioning import ConcurrentEditError

# A phone shows its date picker; the value round-trips as ISO.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IntegerField(forms.IntegerField):
    """Django's IntegerField bounded by what every database column holds unless narrower bounds
    are given: « 99999999999999999999 » is a form error, not an overflow in the database."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_value", INT_MAX)
        kwargs.setdefault("min_value", -INT_MAX)
        super().__init__(**kwargs)


class VersionField(IntegerField):
    """The hidden version of the record read (0 and up)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)


class HoursField(forms.DecimalField):
    """Hours as every hours field reads them (reportkit.numbers.parse_hours): « 2h30 »,
    « 2:30 », « 2,5 » or « 2.5 »; a text input with the decimal keyboard on phones."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return parse_hours(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from None

    def widget_attrs(self, widget):
        # DecimalField would ask for step/min on a number input; this one is text.
        return {}

    def prepare_value(self, value):
        # A saved 2.50 reads « 2,5 », as the user would type it.
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return trimmed(value)
        return value


def form_layout(*layout, submit: str = "Enregistrer") -> FormHelper:
    """A crispy helper for a form rendered inside the page's own <form> tag, ending with a
    submit button full width on phones."""
    helper = FormHelper()
    helper.form_tag = False
    helper.layout = Layout(*layout, Submit("save", submit, css_class="btn-primary w-100 w-sm-auto"))
    return helper


def setup_version(form: forms.ModelForm, field: str = "version") -> None:
    """An edit form carries the version of the record it shows (required: the save is refused
    with HTTP 409 if someone saved since); a creation form has none."""
    if form.instance.pk:
        form.fields[field].initial = form.instance.version
        form.fields[field].required = True
    else:
        del form.fields[field]


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
    # The service's refusal, for a page that shows more than its messages (the look-alikes of
    # a LikelyDuplicateError).
    error: ValidationError | None = None

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
        return Submission(ok=False, status=refusal_status(error), error=error)
    return Submission(ok=True, result=result)
