"""French number formats for templates: 5,5 h · 1 586,50 h · 16,78 % · -1,19 pt — the same
formatter as the charts, notes and messages (reportkit.numbers)."""

from django import template

from reportkit import numbers

register = template.Library()


@register.filter
def hours(value):
    """Hours with only the decimals they need: 2 → « 2 », 5.50 → « 5,5 », 0.25 → « 0,25 »."""
    if numbers.to_decimal(value) is None:
        return ""
    return numbers.trimmed(value)


@register.filter
def cell(value, row_format="integer"):
    """A report figure in French: 1 303 · 1 586,50 h · 16,78 % · -1,19 pt · 0,72."""
    return numbers.cell(value, row_format)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def report_url(dashboard, spec: str) -> str:
    """« slug,table-id » → the report page over the dashboard's period, at that table."""
    slug, table_id = spec.split(",", 1)
    return dashboard.report_url(slug, table_id)
