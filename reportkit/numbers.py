"""French number formats, one definition for everything a user reads: report pages and PDFs
(through the `fr` template filters), charts, table notes and the services' messages.

    1 303 · 1 586,50 h · 16,78 % · -1,19 pt · 5,5

Figures are rounded half up (as `tables.share` rounds shares), grouped by thousands with a
no-break space so that a figure never wraps, and never read « -0,00 »."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import numberformat

from reportkit.tables import Format

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NO_VALUE = "—"
MAX_PLACES = 2


def to_decimal(value) -> Decimal | None:
    """The value as a Decimal (a float through its shortest text, 0.1 → 0.1), None if it is no
    finite number."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    return number if number.is_finite() else None


def number(value, places: int = MAX_PLACES) -> str:
    """`value` with exactly `places` decimals: 1 586,50 (places=2), 1 587 (places=0);
    « — » when there is no figure."""
    figure = to_decimal(value) if value is not None else None
    if figure is None:
        return NO_VALUE if value is None or value == "" else str(value)
    rounded = figure.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return numberformat.format(
        rounded,
        DECIMAL_SEPARATOR,
        decimal_pos=places,
        grouping=3,
        thousand_sep=THOUSAND_SEPARATOR,
        force_grouping=True,
    )


def trimmed(value, max_places: int = MAX_PLACES) -> str:
    """Only the decimals the figure needs, at most `max_places`: 2 · 5,5 · 0,25 · 1 586,5."""
    figure = to_decimal(value) if value is not None else None
    if figure is None:
        return number(value)
    rounded = figure.quantize(Decimal(1).scaleb(-max_places), rounding=ROUND_HALF_UP)
    return number(rounded, max(0, -rounded.normalize().as_tuple().exponent))


def cell(value, row_format: str = Format.INTEGER) -> str:
    """A table's figure as its row reads: 1 303 · 1 586,50 h · 16,78 % · 692,32 € · +1,19 pt ·
    0,72.
    Text stays as it is; no figure reads « — »."""
    if value is None:
        return NO_VALUE
    if isinstance(value, str):
        return value
    if to_decimal(value) is None:
        return str(value)
    if row_format == Format.HOURS:
        return f"{number(value, 2)} h"
    if row_format == Format.PERCENT:
        # A share rounded to whole per cent (the EMPS bilan's) is written without decimals.
        whole = isinstance(value, Decimal) and value.as_tuple().exponent == 0
        return f"{number(value, 0 if whole else 2)}\xa0%"
    if row_format == Format.AMOUNT:
        return f"{number(value, 2)}\xa0€"
    if row_format == Format.POINTS:
        text = number(value, 2)
        sign = "+" if to_decimal(value).quantize(Decimal("0.01"), ROUND_HALF_UP) > 0 else ""
        return f"{sign}{text}\xa0pt"
    if row_format in (Format.DECIMAL, Format.TEXT):
        return trimmed(value)
    return number(value, 0)


# « 2h30 », « 2 h 30 », « 2h », « 2:30 », « 0h45 », « 45 min » — minutes below 60.
_DURATION = re.compile(
    r"(?:(?P<hours>\d{1,3})\s*(?:h|:)\s*(?:(?P<minutes>\d{1,2})\s*(?:min|mn|m)?)?"
    r"|(?P<only_minutes>\d{1,4})\s*(?:min|mn))",
    re.IGNORECASE,
)
# « 2,5 », « 2.5 », « 2,5 h », « ,5 »: a decimal number of hours.
_DECIMAL_HOURS = re.compile(
    r"(?P<number>-?(?:\d*(?:[.,]\d+)?|\d+[.,]?))\s*(?:h|heures?)?", re.IGNORECASE
)


def parse_hours(value) -> Decimal:
    """A number of hours as people write it: « 2h30 », « 2 h 30 », « 2:30 », « 2,5 », « 2.5 »,
    « 45 min » (→ 2.5, 2.5, 2.5, 2.5, 2.5, 0.75). Every hours field reads its input here, so
    that the form, the API and the import agree. Raises ValueError with a French message when
    the text is no duration; the bounds (positive, by quarter, at most 24) are the caller's."""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        number = Decimal(value)
    elif isinstance(value, float):
        number = to_decimal(value)
    else:
        text = str(value if value is not None else "").strip().replace("\xa0", " ")
        duration = _DURATION.fullmatch(text)
        decimal = _DECIMAL_HOURS.fullmatch(text) if duration is None else None
        if duration is not None:
            if duration["only_minutes"] is not None:
                number = Decimal(duration["only_minutes"]) / 60
            else:
                minutes = int(duration["minutes"] or 0)
                if minutes >= 60:
                    raise ValueError(f"« {text} » : les minutes vont de 0 à 59.")
                number = Decimal(duration["hours"]) + Decimal(minutes) / 60
        elif decimal is not None and any(c.isdigit() for c in decimal["number"]):
            number = to_decimal(decimal["number"].replace(",", "."))
        else:
            number = None
    if number is None or not number.is_finite():
        raise ValueError("Saisissez un nombre d'heures, par exemple 1,5 ou 1h30.")
    # 20 minutes are a third of an hour: keep two decimals, as the records do.
    return number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize() + 0
