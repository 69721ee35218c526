"""One French number format for pages, PDFs, charts, notes and messages."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from reportkit import numbers
from reportkit.tables import Format

NBSP = "\xa0"


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("1586.5"), 2, f"1{NBSP}586,50"),
        (Decimal("21.745"), 2, "21,75"),  # half up, as shares are rounded
        (1586.5, 0, f"1{NBSP}587"),
        (Decimal("-1.19"), 2, "-1,19"),
        (Decimal("-0.001"), 2, "0,00"),  # never « -0,00 »
        (1234567, 0, f"1{NBSP}234{NBSP}567"),
        (None, 2, "—"),
    ],
)
def test_number(value, places, expected):
    assert numbers.number(value, places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("2"), "2"),
        (Decimal("5.50"), "5,5"),
        (Decimal("0.25"), "0,25"),
        (Decimal("1586.5"), f"1{NBSP}586,5"),
        (Decimal("20"), "20"),
    ],
)
def test_trimmed(value, expected):
    assert numbers.trimmed(value) == expected


@pytest.mark.parametrize(
    ("value", "row_format", "expected"),
    [
        (1303, Format.INTEGER, f"1{NBSP}303"),
        (Decimal("1586.5"), Format.HOURS, f"1{NBSP}586,50 h"),
        (Decimal("16.78"), Format.PERCENT, f"16,78{NBSP}%"),
        (Decimal("20.00"), Format.PERCENT, f"20,00{NBSP}%"),
        # A share rounded to whole per cent (the EMPS bilan's): no decimals, as the reference.
        (Decimal("29"), Format.PERCENT, f"29{NBSP}%"),
        (12.5, Format.PERCENT, f"12,50{NBSP}%"),
        (Decimal("-1.19"), Format.POINTS, f"-1,19{NBSP}pt"),
        (Decimal("1.19"), Format.POINTS, f"+1,19{NBSP}pt"),
        (Decimal("0.72"), Format.DECIMAL, "0,72"),
        ("Ensemble", Format.TEXT, "Ensemble"),
        (None, Format.INTEGER, "—"),
    ],
)
def test_cell_and_the_template_filter_agree(value, row_format, expected):
    assert numbers.cell(value, row_format) == expected
    rendered = Template("{% load fr %}{{ value|cell:row_format }}").render(
        Context({"value": value, "row_format": row_format})
    )
    assert rendered == expected


def test_hours_filter():
    rendered = Template("{% load fr %}{{ a|hours }}·{{ b|hours }}·{{ c|hours }}").render(
        Context({"a": Decimal("2.00"), "b": Decimal("5.50"), "c": None})
    )
    assert rendered == "2·5,5·"


def test_whole_shares_keep_no_decimals_in_the_workbook():
    from reporting.renderers import _xlsx_format

    assert _xlsx_format(Decimal("29"), Format.PERCENT) == "0%"
    assert _xlsx_format(Decimal("29.00"), Format.PERCENT) == "0.00%"
