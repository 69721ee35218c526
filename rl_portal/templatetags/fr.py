"""French number formats for templates: 5,5 h · 1 586,50 h · 16,78 % · -1,19 pt."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


@register.filter
def hours(value):
    """Hours with only the decimals they need: 2 → « 2 », 5.50 → « 5,5 », 0.25 → « 0,25 »."""
    number = _decimal(value)
    if number is None:
        return ""
    places = max(0, -number.normalize().as_tuple().exponent)
    return number_format(number, decimal_pos=min(places, 2), use_l10n=True, force_grouping=True)


@register.filter
def cell(value, row_format="integer"):
    """A report figure in French: 1 303 · 1 586,50 h · 16,78 % · -1,19 pt · 0,72."""
    if value is None or value == "":
        return "—" if value is None else ""
    if isinstance(value, str):
        return value
    number = _decimal(value)
    if number is None:
        return str(value)
    if row_format == "hours":
        return f"{number_format(number, decimal_pos=2, use_l10n=True, force_grouping=True)} h"
    if row_format == "percent":
        return f"{number_format(number, decimal_pos=2, use_l10n=True)}\u00a0%"
    if row_format == "points":
        sign = "+" if number > 0 else ""
        return f"{sign}{number_format(number, decimal_pos=2, use_l10n=True)}\u00a0pt"
    if row_format in ("decimal", "text"):
        return hours(number)
    return number_format(number, decimal_pos=0, use_l10n=True, force_grouping=True)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def report_url(dashboard, spec: str) -> str:
    """« slug,table-id » → the report page over the dashboard's period, at that table."""
    slug, table_id = spec.split(",", 1)
    return dashboard.report_url(slug, table_id)
