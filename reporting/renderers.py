"""One Document, four outputs: the page (HTML), the PDF (WeasyPrint, from the same HTML
sections), the workbook (openpyxl, one sheet per table, numbers as numbers) and JSON."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reporting.documents import Document
from reportkit.tables import Format

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "report-print.css"

# Excel number formats; Excel shows them with the reader's French separators.
XLSX_FORMATS = {
    Format.INTEGER: "#,##0",
    Format.DECIMAL: "#,##0.##",
    Format.HOURS: '#,##0.00" h"',
    Format.PERCENT: "0.00%",
    Format.POINTS: '+0.00" pt";-0.00" pt";0.00" pt"',
    Format.TEXT: "@",
}


def render_pdf(document: Document) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("reporting/report_pdf.html", {"document": document})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS))]
    )


def _sheet_title(table_id: str, used: set[str]) -> str:
    # Excel: 31 characters at most, unique, none of []:*?/\
    base = "".join(c for c in table_id if c not in "[]:*?/\\")[:31]
    title, index = base, 2
    while title in used:
        suffix = f"-{index}"
        title = base[: 31 - len(suffix)] + suffix
        index += 1
    used.add(title)
    return title


def _xlsx_value(value, row_format: str):
    if isinstance(value, Decimal):
        value = float(value)
    if row_format == Format.PERCENT and isinstance(value, int | float):
        return value / 100  # stored as a fraction, shown as a percentage
    return value


def render_xlsx(document: Document) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="0D47A1")
    used: set[str] = set()
    summary = workbook.create_sheet("Sommaire")
    summary.append([document.association.name])
    summary.append([document.definition.title, document.period.label])
    summary.append([document.definition.template])
    summary.append([])
    summary.append(["Feuille", "Tableau"])
    for table in document.tables:
        sheet = workbook.create_sheet(_sheet_title(table.id, used))
        summary.append([sheet.title, table.title])
        sheet.append([table.title])
        sheet["A1"].font = Font(bold=True, size=12)
        sheet.append(["", *table.columns])
        for cell in sheet[2]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        rows = [*table.rows, *([table.total_row] if table.total_row else [])]
        for row in rows:
            sheet.append([row.label, *(_xlsx_value(v, row.format) for v in row.cells)])
            excel_row = sheet.max_row
            for index, value in enumerate(row.cells, start=2):
                cell = sheet.cell(row=excel_row, column=index)
                if isinstance(value, int | float | Decimal):
                    cell.number_format = XLSX_FORMATS.get(row.format, "General")
            if row is table.total_row or row.level == 0 and any(r.level for r in table.rows):
                for cell in sheet[excel_row]:
                    cell.font = Font(bold=True)
        for note in table.notes:
            sheet.append([note])
        sheet.freeze_panes = "B3"
        sheet.column_dimensions["A"].width = 48
        for index in range(2, len(table.columns) + 2):
            sheet.column_dimensions[get_column_letter(index)].width = 18
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_html_body(document: Document, **context) -> str:
    return render_to_string(
        "reporting/includes/report_body.html", {"document": document, **context}
    )
