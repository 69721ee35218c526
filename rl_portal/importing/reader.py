"""Reading an import workbook into one `tablib.Dataset` per sheet, for django-import-export.

tablib's own XLSX loader is not used: it reads a formula without a cached value as an empty
cell (a blank « Places » then became 1), trusts the sheet's stated dimension (rows past it were
dropped) and has no guard against a small file that unpacks into millions of cells. Here every
row is read to the end of the sheet, and what is not read is said: sheets and columns left
aside, rows whose only values are in columns left aside."""

from __future__ import annotations

import datetime
import io
import logging
import zipfile
from dataclasses import dataclass, field
from typing import Any

import tablib
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from rl_portal.importing.columns import Column, header_key, key

logger = logging.getLogger(__name__)

# A workbook is a zip: its parts are checked before openpyxl unpacks anything.
MAX_UNPACKED_BYTES = 60 * 1024 * 1024
MAX_PARTS = 500
# Rows are looked for a header among the first lines (a title row above is common in exports).
HEADER_SEARCH_LINES = 10
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

EMPTY_FILE = "Le fichier est vide."
NOT_A_WORKBOOK = "Le fichier n'est pas un classeur Excel (.xlsx) lisible."
OLD_OR_PROTECTED = (
    "Le fichier est au format Excel 97-2003 (.xls) ou protégé par un mot de passe : "
    "enregistrez-le au format .xlsx, sans mot de passe, puis déposez-le à nouveau."
)
TOO_BIG_UNPACKED = (
    "Le classeur est trop volumineux une fois décompressé (plus de 60 Mo) : "
    "découpez-le en plusieurs fichiers."
)


@dataclass(frozen=True)
class Unreadable:
    """A cell that cannot be read as it is (a formula without its value, an error value):
    its row is refused with `message`, never read as empty."""

    message: str
    text: str = ""  # what the cell shows in the preview

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class SheetSpec:
    """A sheet the import reads: its name and its columns."""

    title: str
    columns: tuple[Column, ...]
    max_rows: int = 2000

    def column(self, text) -> Column | None:
        wanted = header_key(text)
        for column in self.columns:
            if wanted in column.keys:
                return column
        return None


@dataclass
class SheetData:
    """The rows of a sheet as read: `dataset` holds the columns found (by their canonical
    header), `lines[i]` is the spreadsheet line of `dataset[i]`."""

    spec: SheetSpec
    dataset: tablib.Dataset
    lines: list[int] = field(default_factory=list)
    formula_cells: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.spec.title


@dataclass
class WorkbookData:
    sheets: dict[str, SheetData] = field(default_factory=dict)
    # Refusals: the file or a sheet cannot be read as it is.
    errors: list[str] = field(default_factory=list)
    # What was read in a particular way or left aside, said to the user in the preview.
    notes: list[str] = field(default_factory=list)


def _listed(names) -> str:
    return ", ".join(f"« {name} »" for name in names)


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:20])
    return shown + (f" et {len(numbers) - 20} autres" if len(numbers) > 20 else "")


def _check_archive(content: bytes) -> str | None:
    if not content:
        return EMPTY_FILE
    if content.startswith(OLE2_SIGNATURE):
        return OLD_OR_PROTECTED
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return NOT_A_WORKBOOK
    if len(parts) > MAX_PARTS or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        return TOO_BIG_UNPACKED
    if not any(part.filename == "xl/workbook.xml" for part in parts):
        return NOT_A_WORKBOOK
    return None


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _is_blank(cell) -> bool:
    value = cell.value
    return value is None or (isinstance(value, str) and not value.strip())


def read_workbook(content: bytes, specs: tuple[SheetSpec, ...], *, aside=()) -> WorkbookData:
    """Read the sheets of `specs` found in `content` (an XLSX file's bytes). Sheets named in
    `aside` (the template's instructions) are skipped without a word."""
    data = WorkbookData()
    problem = _check_archive(content)
    if problem:
        data.errors.append(problem)
        return data
    try:
        formulas = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file
        logger.warning("Classeur illisible : %s", type(error).__name__)
        data.errors.append(NOT_A_WORKBOOK)
        return data
    try:
        by_key = {key(spec.title): spec for spec in specs}
        skipped = {key(name) for name in aside}
        ignored = []
        for name in formulas.sheetnames:
            spec = by_key.get(key(name))
            if spec is None:
                if key(name) not in skipped:
                    ignored.append(name)
                continue
            if spec.title in data.sheets:
                data.notes.append(
                    f"Feuille « {name} » ignorée : la feuille {spec.title} est déjà lue."
                )
                continue
            sheet = _read_sheet(spec, formulas[name], values[name], data)
            if sheet is not None:
                data.sheets[spec.title] = sheet
        if ignored:
            expected = ", ".join(spec.title for spec in specs)
            data.notes.append(
                f"Feuille(s) {_listed(ignored)} non lue(s) : seules les feuilles {expected} "
                "sont importées."
            )
    # A damaged file may only fail while its rows are streamed.
    except Exception as error:
        logger.warning("Classeur illisible : %s", type(error).__name__)
        data.sheets.clear()
        data.errors[:] = [NOT_A_WORKBOOK]
    finally:
        formulas.close()
        values.close()
    if not data.errors and not data.sheets:
        expected = ", ".join(spec.title for spec in specs)
        data.errors.append(f"Le classeur ne contient aucune des feuilles {expected}.")
    return data


def _read_sheet(spec: SheetSpec, formula_sheet, value_sheet, data: WorkbookData):
    # The stated dimension of a sheet may be wrong: forget it and read every row there is.
    formula_sheet.reset_dimensions()
    value_sheet.reset_dimensions()
    rows = zip(formula_sheet.iter_rows(), value_sheet.iter_rows(), strict=False)
    # The header is the first row naming a known column; failing that, the first filled row
    # (so that the missing columns are named).
    header_line, header, first_filled, above = 0, (), None, []
    for line, (cells, _values) in enumerate(rows, start=1):
        if all(_is_blank(cell) for cell in cells):
            if line >= HEADER_SEARCH_LINES:
                break
            continue
        if any(spec.column(cell.value) for cell in cells if not _is_blank(cell)):
            header_line, header = line, cells
            break
        first_filled = first_filled or (line, cells)
        above.append(line)
        if line >= HEADER_SEARCH_LINES:
            break
    if not header_line:
        if first_filled is None:
            return None  # an empty sheet: nothing to import from it
        header_line, header = first_filled
        above = []
    found = {
        index: spec.column(cell.value) for index, cell in enumerate(header) if not _is_blank(cell)
    }
    unknown, doubles, positions = [], [], {}
    for index, column in found.items():
        if column is None:
            unknown.append(str(header[index].value).strip())
        elif column.header in positions.values():
            doubles.append(str(header[index].value).strip())
        else:
            positions[index] = column.header
    title = spec.title
    missing = [c.header for c in spec.columns if c.required and c.header not in positions.values()]
    if missing:
        data.errors.append(f"Feuille {title} : il manque la ou les colonnes {_listed(missing)}.")
        return None
    if above:
        data.notes.append(
            f"Feuille {title} : ligne(s) {_lines(above)} au-dessus des en-têtes non lue(s)."
        )
    if unknown:
        data.notes.append(f"Feuille {title} : colonne(s) {_listed(unknown)} non lue(s).")
    if doubles:
        data.notes.append(
            f"Feuille {title} : colonne(s) {_listed(doubles)} en double, seule la première est lue."
        )
    headers = list(positions.values())
    sheet = SheetData(spec, tablib.Dataset(headers=headers))
    aside_only: list[int] = []
    for line, (cells, cached) in enumerate(rows, start=header_line + 1):
        if all(_is_blank(cell) for cell in cells):
            continue
        row: list[Any] = []
        for index, header_name in positions.items():
            cell = cells[index] if index < len(cells) else None
            computed = cached[index] if index < len(cached) else None
            value = computed.value if computed is not None else None
            where = f"{get_column_letter(index + 1)}{line}"
            if computed is not None and computed.data_type == "e":
                value = Unreadable(
                    f"la cellule {where} ({header_name}) vaut « {value} » : corrigez-la",
                    str(value),
                )
            elif cell is not None and cell.data_type == "f":
                if value is None:
                    value = Unreadable(
                        f"la cellule {where} ({header_name}) est une formule sans valeur "
                        f"calculée ({str(cell.value)[:60]}) : enregistrez le fichier dans votre "
                        "tableur, ou remplacez la formule par sa valeur",
                        str(cell.value)[:60],
                    )
                else:
                    sheet.formula_cells.append(where)
            if isinstance(value, datetime.time) and not isinstance(value, datetime.datetime):
                value = value.replace(tzinfo=None)
            row.append(_clean(value))
        if all(value is None for value in row):
            aside_only.append(line)
            continue
        if len(sheet.dataset) >= spec.max_rows:
            data.errors.append(
                f"Feuille {title} : plus de {spec.max_rows} lignes ; découpez le fichier "
                "(par exemple par année)."
            )
            return None
        sheet.dataset.append(row)
        sheet.lines.append(line)
    if aside_only:
        data.notes.append(
            f"Feuille {title} : ligne(s) {_lines(aside_only)} non lue(s) : seules des colonnes "
            "non lues y sont remplies."
        )
    if sheet.formula_cells:
        data.notes.append(
            f"Feuille {title} : {len(sheet.formula_cells)} cellule(s) contiennent une formule ; "
            f"leur valeur calculée a été lue ({', '.join(sheet.formula_cells[:10])}"
            + ("…" if len(sheet.formula_cells) > 10 else "")
            + ")."
        )
    return sheet
