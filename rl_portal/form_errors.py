"""One way to show a service's refusal in a form, for every app's views."""

from django.core.exceptions import ValidationError


def add_service_errors(form, error: ValidationError) -> None:
    """Put each message of a service's ValidationError next to its field, or at the top of the
    form when the field is not in it. The user's input stays in the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
