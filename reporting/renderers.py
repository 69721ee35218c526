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
from reportkit.xlsx import append_row

PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "report-print.css"

# Excel number formats; Excel shows them with the reader's French separators. A figure of a
# text row (a count beside partners' names) is still a number: it reads as an integer or a
# decimal, never as text.
XLSX_FORMATS = {
    Format.INTEGER: "#,##0",
    Format.DECIMAL: "#,##0.00",
    Format.AMOUNT: '#,##0.00" €"',
    Format.HOURS: '#,##0.00" h"',
    Format.PERCENT: "0.00%",
    Format.POINTS: '+0.00" pt";-0.00" pt";0.00" pt"',
}
SHEET_TITLE_MAX = 31


def render_pdf(document: Document) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("reporting/report_pdf.html", {"document": document})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[CSS(filename=str(PRINT_CSS))]
    )


def _shortened(text: str, width: int) -> str:
    """`text` within `width` characters, cut at a word with « … » when it is longer."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if text[width - 1] != " ":  # the cut falls inside a word: drop it
        cut = cut.rsplit(" ", 1)[0]
    cut = cut.rstrip(" —-–,:;(·")
    return (cut or text[: width - 1]) + "…"


def _sheet_name(prefix: str, title: str, width: int) -> str:
    """« prefix · title » within `width`: the end of a title after « — » (a territory, a
    zoom) is kept whole, its beginning shortened."""
    title = title.replace(" : ", " – ")
    title = "".join(" " if c in "[]:*?/\\" else c for c in title)
    title = " ".join(title.split()).strip("'")
    head, _sep, qualifier = title.rpartition(" — ")
    if not head:
        head, qualifier = title, ""
    start = f"{prefix} · " if prefix else ""
    end = f" — {qualifier}" if qualifier else ""
    room = width - len(start) - len(end)
    if room < 12:  # a long qualifier: shorten the whole
        return _shortened(start + title, width)
    return start + _shortened(head, room) + end


def sheet_titles(tables) -> list[str]:
    """A readable sheet name per table — its title (or short title), after its dispositif when
    the workbook holds several (« ALT Jeunes · Sorties ») — within Excel's 31 characters,
    without []:*?/\\, unique (« (2) » after a repeated name)."""
    several = len({table.dispositif for table in tables if table.dispositif}) > 1
    used: set[str] = {"sommaire"}
    titles = []
    for table in tables:
        title = table.short_title or table.title
        prefix = ""
        if several and table.dispositif and table.dispositif not in title:
            # « ALT Familles / jeunes couples » → « ALT Familles »
            prefix = table.dispositif.split(" / ")[0]
        candidate, index = _sheet_name(prefix, title, SHEET_TITLE_MAX), 2
        while candidate.lower() in used:
            suffix = f" ({index})"
            candidate = _sheet_name(prefix, title, SHEET_TITLE_MAX - len(suffix)) + suffix
            index += 1
        used.add(candidate.lower())
        titles.append(candidate or table.id[:SHEET_TITLE_MAX])
    return titles


def _xlsx_value(value, cell_format: str):
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if cell_format == Format.PERCENT and isinstance(value, int | float):
        return value / 100  # stored as a fraction, shown as a percentage
    return value


def _xlsx_format(value, cell_format: str) -> str:
    if cell_format in (Format.INTEGER, Format.DECIMAL, Format.TEXT):
        # Integers read as integers whatever the row says; other figures with two decimals.
        integral = isinstance(value, int) or (
            isinstance(value, Decimal | float) and value == int(value)
        )
        return XLSX_FORMATS[Format.INTEGER] if integral else XLSX_FORMATS[Format.DECIMAL]
    if (
        cell_format == Format.PERCENT
        and isinstance(value, Decimal)
        and (value.as_tuple().exponent == 0)
    ):
        return "0%"  # a share rounded to whole per cent (EMPS), as the page prints it
    return XLSX_FORMATS.get(cell_format, "General")


def render_xlsx(document: Document) -> bytes:
    """One sheet per table after a « Sommaire »; every cell written by reportkit.xlsx, so that
    a title typed by a user (an instance, an action used as a column header) is never a
    formula."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="0D47A1")
    summary = workbook.create_sheet("Sommaire")
    append_row(summary, [document.association.name])
    append_row(summary, [document.definition.title, document.period.label])
    append_row(summary, [document.definition.template])
    append_row(summary, [])
    append_row(summary, ["Feuille", "Partie", "Tableau"])
    sections = {
        id(table): section.title for section in document.sections for table in section.tables
    }
    tables = document.tables
    for table, title in zip(tables, sheet_titles(tables), strict=True):
        sheet = workbook.create_sheet(title)
        append_row(summary, [sheet.title, sections.get(id(table), ""), table.title])
        heading = (
            f"{table.dispositif} — {table.title}"
            if table.dispositif and table.dispositif not in table.title
            else table.title
        )
        append_row(sheet, [heading])
        sheet["A1"].font = Font(bold=True, size=12)
        append_row(sheet, ["", *table.columns])
        for cell in sheet[2]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        rows = [*table.rows, *([table.total_row] if table.total_row else [])]
        for row in rows:
            formatted = table.formatted(row)
            label = ("    " * row.level) + row.label
            excel_row = append_row(sheet, [label, *(_xlsx_value(v, f) for v, f in formatted)])
            for index, (value, cell_format) in enumerate(formatted, start=2):
                cell = sheet.cell(row=excel_row, column=index)
                if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                    cell.number_format = _xlsx_format(value, cell_format)
            if row is table.total_row or row.level == 0 and any(r.level for r in table.rows):
                for cell in sheet[excel_row]:
                    cell.font = Font(bold=True)
        for note in table.notes:
            append_row(sheet, [note])
        sheet.freeze_panes = "B3"
        sheet.column_dimensions["A"].width = 48
        for index in range(2, len(table.columns) + 2):
            sheet.column_dimensions[get_column_letter(index)].width = 18
    summary.column_dimensions["A"].width = 32
    summary.column_dimensions["B"].width = 40
    summary.column_dimensions["C"].width = 60
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render_html_body(document: Document, **context) -> str:
    return render_to_string(
        "reporting/includes/report_body.html", {"document": document, **context}
    )
