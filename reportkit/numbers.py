"""French number formats, one definition for everything a user reads: report pages and PDFs
(through the `fr` template filters), charts, table notes and the services' messages.

    1 303 · 1 586,50 h · 16,78 % · -1,19 pt · 5,5

Figures are rounded half up (as `tables.share` rounds shares), grouped by thousands with a
no-break space so that a figure never wraps, and never read « -0,00 »."""

from __future__ import annotations

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
