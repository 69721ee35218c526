"""Reading request data by hand, the one way: integers, ids, dates, months and choices taken from
GET or POST either come out valid and in range, or raise `InputError` — an HTTP 400 whose French
message is shown to the user (rl_portal.views.bad_request; the API answers {"detail": …}).

Forms and serializers validate their own fields; this module is for the few values a view reads
itself (a dispositif beside a form, ids of ticked youths, the month of a page, a version). The
bounds matter as much as the syntax: « 9999-12 » is a month Python can read but not add a month
to, and an id of thirty digits is an integer SQLite cannot bind.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import BadRequest

# The largest integer every database column of the project holds (PostgreSQL's integer).
INT_MAX = 2_147_483_647
# Dates the application deals with: anything else is a typing error (or a probe).
FIRST_DATE = datetime.date(1900, 1, 1)
LAST_DATE = datetime.date(2100, 12, 31)
NUL_MESSAGE = "La requête contient un caractère nul : corrigez la saisie et réessayez."


class InputError(BadRequest):
    """Request data that cannot be used; the message is French, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _raw(data, name: str) -> str:
    value = data.get(name, "")
    return value.strip() if isinstance(value, str) else str(value)


def parse_int(text: str, *, label: str, minimum: int = 0, maximum: int = INT_MAX) -> int:
    """`text` as an integer between `minimum` and `maximum`."""
    text = (text or "").strip()
    # isdecimal() before int(): int() also reads « ١٢ », « 1_000 » and thousands of digits.
    digits = text[1:] if text[:1] in "+-" else text
    if not digits.isascii() or not digits.isdecimal() or len(digits) > 12:
        raise InputError(f"{label} doit être un nombre entier.")
    value = int(text)
    if not minimum <= value <= maximum:
        raise InputError(f"{label} doit être compris entre {minimum} et {maximum}.")
    return value


def get_int(
    data,
    name: str,
    *,
    label: str,
    default: int | None = None,
    minimum: int = 0,
    maximum: int = INT_MAX,
) -> int | None:
    """The integer `data[name]`, or `default` when it is absent or empty."""
    text = _raw(data, name)
    if not text:
        return default
    return parse_int(text, label=label, minimum=minimum, maximum=maximum)


def get_id(data, name: str, *, label: str, required: bool = True) -> int | None:
    """A record's id (a positive integer) from `data[name]`."""
    value = get_int(data, name, label=label, minimum=1)
    if value is None and required:
        raise InputError(f"{label} manque.")
    return value


def get_texts(
    data, name: str, *, label: str, max_items: int = 50, max_length: int = 2000
) -> list[str]:
    """Every text sent under `name` (hidden inputs repeated), at most `max_items` of at most
    `max_length` characters each; their content is the caller's to check."""
    values = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
    if len(values) > max_items:
        raise InputError(f"{label} : {max_items} au plus.")
    texts = []
    for value in values:
        text = value if isinstance(value, str) else str(value)
        if len(text) > max_length or "\x00" in text:
            raise InputError(f"{label} : valeur illisible.")
        texts.append(text)
    return texts


def get_uuid(data, name: str, *, label: str) -> uuid.UUID | None:
    """The UUID `name` of `data` (a form's idempotency key), None if absent."""
    text = _raw(data, name)
    if not text:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        raise InputError(f"{label} est illisible : rechargez la page.") from None


def get_ids(data, name: str, *, label: str) -> list[int]:
    """Every id sent under `name` (checkboxes, a multiple select), in order, without repeats."""
    values: Iterable[str] = data.getlist(name) if hasattr(data, "getlist") else data.get(name, [])
    ids: list[int] = []
    for text in values:
        value = parse_int(text, label=label, minimum=1)
        if value not in ids:
            ids.append(value)
    return ids


def parse_date(
    text: str,
    *,
    label: str,
    minimum: datetime.date = FIRST_DATE,
    maximum: datetime.date = LAST_DATE,
) -> datetime.date:
    """An ISO date (AAAA-MM-JJ) between `minimum` and `maximum`."""
    try:
        value = datetime.date.fromisoformat((text or "").strip())
    except ValueError:
        raise InputError(f"{label} doit être une date (AAAA-MM-JJ).") from None
    if not minimum <= value <= maximum:
        raise InputError(
            f"{label} doit être comprise entre le {minimum:%d/%m/%Y} et le {maximum:%d/%m/%Y}."
        )
    return value


def get_date(
    data, name: str, *, label: str, default: datetime.date | None = None, **bounds
) -> datetime.date | None:
    """The date `data[name]`, or `default` when it is absent or empty."""
    text = _raw(data, name)
    if not text:
        return default
    return parse_date(text, label=label, **bounds)


def get_month(
    data, name: str, *, label: str, default: datetime.date | None = None
) -> datetime.date | None:
    """The first day of the month written AAAA-MM in `data[name]`, or `default`."""
    text = _raw(data, name)
    if not text:
        return default
    if len(text) != 7 or text[4] != "-":
        raise InputError(f"{label} s'écrit AAAA-MM, par exemple 2026-03.")
    # The month must have a next one (LAST_DATE's): the pages compute the month's last day.
    return parse_date(text + "-01", label=label, maximum=LAST_DATE.replace(day=1))


def get_choice(data, name: str, choices, *, label: str, default: str | None = None) -> str | None:
    """One of `choices` (values, or (value, label) pairs), or `default` when absent."""
    text = _raw(data, name)
    if not text:
        return default
    values = {choice[0] if isinstance(choice, tuple | list) else choice for choice in choices}
    if text not in values:
        raise InputError(f"{label} : valeur inconnue.")
    return text


def has_nul(values: Iterable[str]) -> bool:
    """Whether any of `values` holds a NUL character (PostgreSQL refuses them in text)."""
    return any("\x00" in value for value in values)
