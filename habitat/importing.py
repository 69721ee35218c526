"""Import of the association's existing habitat data from its old tools: an XLSX workbook with
the housing units (« Logements »), the current stays (« Séjours ») and the open support
measures (« Mesures »).

`parse_workbook` reads and checks every row and returns an `ImportPlan` to preview, with one
French message per faulty row; `apply_plan` writes the plan in one transaction, through the
same services as the forms, and only when the whole file is valid; `template_workbook` gives
the empty workbook to fill."""

from __future__ import annotations

import datetime
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from habitat import services
from habitat.models import (
    HABITAT_SERVICE,
    HOUSING_DISPOSITIFS,
    MEASURE_DISPOSITIFS,
    HousingUnit,
    OrienteurKind,
    ResourceType,
    Stay,
    SupportMeasure,
)
from rl_portal import services as shared_services
from rl_portal.audit import journal_note
from rl_portal.models import Commune, Dispositif, Epci, Partner, Person, Service, Sex, User

UNITS, STAYS, MEASURES = "Logements", "Séjours", "Mesures"
MAX_ROWS = 2000
PREVIEW_ROWS = 10
# Past this many blank lines the rest of a sheet is taken as empty: Excel files often carry
# thousands of formatted but empty rows.
BLANK_RUN_LIMIT = 200

DATE_HINT = "Date jj/mm/aaaa (ou cellule au format date)."
NOT_A_WORKBOOK = "Le fichier n'est pas un classeur Excel (.xlsx) lisible."
NO_SHEET = "Le classeur ne contient aucune des feuilles Logements, Séjours ou Mesures."
NOTHING_TO_IMPORT = "Le classeur ne contient aucune ligne à importer."


@dataclass(frozen=True)
class Column:
    """A column of a sheet. A required column must be in the header row and filled on every
    row; the others may be left out altogether."""

    header: str
    required: bool = False
    hint: str = ""
    # Offered as a drop-down list in the template (the import also accepts codes).
    choices: Callable[[], Iterable[str]] | None = None


def _dispositif_names(codes: Iterable[str]) -> list[str]:
    return list(
        Dispositif.objects.filter(code__in=codes).order_by("name").values_list("name", flat=True)
    )


def _person_columns(commune_header: str) -> tuple[Column, ...]:
    return (
        Column(
            "Pseudonyme",
            True,
            "Prénom ou surnom : seul champ obligatoire. Une même personne (mêmes pseudonyme, "
            "nom, sexe et année de naissance) sur plusieurs lignes n'est créée qu'une fois.",
        ),
        Column("Nom", hint="Nom de famille, facultatif."),
        Column("Sexe", hint="F, M, NB ou vide.", choices=lambda: ("F", "M", "NB")),
        Column("Année de naissance", hint="Par exemple 2004."),
        Column(commune_header, hint="Nom ou code INSEE."),
    )


SHEETS: dict[str, tuple[Column, ...]] = {
    UNITS: (
        Column("Désignation", True, "Nom unique du logement, par exemple « Carvin T2 n° 3 »."),
        Column("Adresse", True),
        Column("Commune", True, "Nom ou code INSEE."),
        Column("Typologie", True, choices=lambda: HousingUnit.Typology.labels),
        Column("Bailleur", True, "Nom du bailleur ; il est créé s'il n'existe pas encore."),
        Column(
            "Dispositif",
            True,
            "alt-jeunes, alt-familles ou tremplins-duo, ou leur nom.",
            lambda: _dispositif_names(HOUSING_DISPOSITIFS),
        ),
        Column("Places", hint="Nombre de places (1 si vide)."),
        Column("Début du bail", True, DATE_HINT),
        Column("Fin du bail", hint=DATE_HINT),
    ),
    STAYS: (
        Column(
            "Logement",
            True,
            "Désignation d'un logement de la feuille Logements ou déjà enregistré.",
        ),
        Column("Place", hint="Numéro de la place dans le logement (1 si vide)."),
        *_person_columns("Commune de résidence"),
        Column("Entrée", True, DATE_HINT),
        Column("Sortie prévue", hint=DATE_HINT),
        Column("Ressources à l'entrée", hint="Montant mensuel en euros, par exemple 350,50."),
        Column("Ressource principale", choices=lambda: ResourceType.labels),
    ),
    MEASURES: (
        *_person_columns("Commune"),
        Column(
            "Dispositif",
            True,
            "fsl-asll ou asl-jeunes-ase, ou leur nom.",
            lambda: _dispositif_names(MEASURE_DISPOSITIFS),
        ),
        Column(
            "Territoire",
            hint="CAHC ou CALL ; déduit de la commune si vide.",
            choices=lambda: ("CAHC", "CALL"),
        ),
        Column(
            "Nature",
            True,
            "asll pour le FSL ; simple ou renforcée pour l'ASL.",
            lambda: SupportMeasure.Kind.labels,
        ),
        Column(
            "Poids",
            hint="Points de la mesure FSL (obligatoire) ; ASL : simple = 1, renforcée = 2.",
        ),
        Column("Orienteur", True, choices=lambda: OrienteurKind.labels),
        Column("Notification", True, DATE_HINT),
        Column("Début", True, DATE_HINT),
        Column("Motif", True, choices=lambda: SupportMeasure.Reason.labels),
    ),
}


# --------------------------------------------------------------------------------------------
# The plan
# --------------------------------------------------------------------------------------------


def _shown(value) -> str:
    """A value as the preview shows it, French style."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


@dataclass
class PersonRow:
    pseudonym: str
    last_name: str
    sex: str
    birth_year: int | None
    commune: Commune | None

    @property
    def key(self) -> tuple:
        return (_key(self.pseudonym), _key(self.last_name), self.sex, self.birth_year)

    def preview(self, commune_header: str) -> dict[str, str]:
        return {
            "Pseudonyme": self.pseudonym,
            "Nom": self.last_name,
            "Sexe": "" if self.sex == Sex.UNKNOWN else self.sex,
            "Année de naissance": _shown(self.birth_year),
            commune_header: _shown(self.commune),
        }


@dataclass
class UnitRow:
    line: int
    label: str
    address: str
    commune: Commune
    typology: str
    landlord: str
    dispositif: Dispositif
    places: int
    lease_start: datetime.date
    lease_end: datetime.date | None

    def preview(self) -> dict[str, str]:
        values = [
            self.label,
            self.address,
            self.commune,
            HousingUnit.Typology(self.typology).label,
            self.landlord,
            self.dispositif,
            self.places,
            self.lease_start,
            self.lease_end,
        ]
        return {c.header: _shown(v) for c, v in zip(SHEETS[UNITS], values, strict=True)}


@dataclass
class StayRow:
    line: int
    unit: UnitRow | HousingUnit
    place: int
    person: PersonRow
    entry: datetime.date
    planned_exit: datetime.date | None
    resources_entry: Decimal | None
    resource_type_entry: str

    def preview(self) -> dict[str, str]:
        resource_type = (
            ResourceType(self.resource_type_entry).label if self.resource_type_entry else ""
        )
        return {
            "Logement": self.unit.label,
            "Place": _shown(self.place),
            **self.person.preview("Commune de résidence"),
            "Entrée": _shown(self.entry),
            "Sortie prévue": _shown(self.planned_exit),
            "Ressources à l'entrée": _shown(self.resources_entry),
            "Ressource principale": resource_type,
        }


@dataclass
class MeasureRow:
    line: int
    person: PersonRow
    dispositif: Dispositif
    epci: Epci
    kind: str
    weight: Decimal | None
    orienteur_kind: str
    notified_on: datetime.date
    start: datetime.date
    reason: str

    def preview(self) -> dict[str, str]:
        weight = self.weight if self.weight is not None else services.ASL_WEIGHTS[self.kind]
        return {
            **self.person.preview("Commune"),
            "Dispositif": _shown(self.dispositif),
            "Territoire": _shown(self.epci),
            "Nature": SupportMeasure.Kind(self.kind).label,
            "Poids": _shown(weight),
            "Orienteur": OrienteurKind(self.orienteur_kind).label,
            "Notification": _shown(self.notified_on),
            "Début": _shown(self.start),
            "Motif": SupportMeasure.Reason(self.reason).label,
        }


@dataclass
class ImportPlan:
    """What the workbook would create, and why it cannot be loaded (`errors`, French, one per
    faulty row or sheet). Only a plan without errors can be applied."""

    units: list[UnitRow] = field(default_factory=list)
    stays: list[StayRow] = field(default_factory=list)
    measures: list[MeasureRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors and bool(self.units or self.stays or self.measures)

    @property
    def counts(self) -> dict[str, int]:
        """Rows to create per sheet, by sheet name."""
        return {UNITS: len(self.units), STAYS: len(self.stays), MEASURES: len(self.measures)}

    @property
    def person_count(self) -> int:
        """Persons to create: a person on several rows counts once."""
        return len({row.person.key for row in [*self.stays, *self.measures]})

    def preview(self, limit: int = PREVIEW_ROWS) -> dict[str, list[dict[str, str]]]:
        """The first rows of each sheet as read, column header → value shown."""
        return {
            UNITS: [row.preview() for row in self.units[:limit]],
            STAYS: [row.preview() for row in self.stays[:limit]],
            MEASURES: [row.preview() for row in self.measures[:limit]],
        }


# --------------------------------------------------------------------------------------------
# Reading cells
# --------------------------------------------------------------------------------------------

AMBIGUOUS = object()


def _key(text) -> str:
    """What two spellings of a name share: no case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def _header_key(text) -> str:
    # "Commune (nom ou code INSEE)" is the "Commune" column: hints in brackets are allowed.
    return _key(re.sub(r"\(.*?\)", "", str(text or "")))


def _aliases(choices: Iterable[tuple[str, str]], **extra: str) -> dict[str, str]:
    """Each choice by its code, its label and each part of its label ("SSD / MDS",
    "Allocation chômage (ARE)"), so that people may type what they are used to."""
    table: dict[str, str] = {}
    for code, label in choices:
        for name in (code, label, *re.split(r"[/()]", label)):
            if _key(name):
                table.setdefault(_key(name), code)
    table.update({_key(alias): code for alias, code in extra.items()})
    return table


SEXES = _aliases(Sex.choices, H="M")
TYPOLOGIES = _aliases(HousingUnit.Typology.choices)
RESOURCE_TYPES = _aliases(ResourceType.choices)
KINDS = _aliases(SupportMeasure.Kind.choices)
ORIENTEURS = _aliases(OrienteurKind.choices)
REASONS = _aliases(SupportMeasure.Reason.choices)


def _listed(labels: Iterable[str]) -> str:
    return ", ".join(labels)


class Cells:
    """One row of a sheet: typed reads of its cells, and the problems found, in French."""

    def __init__(self, sheet: str, line: int, values: dict[str, Any]):
        self.sheet, self.line, self.values = sheet, line, values
        self.problems: list[str] = []

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def message(self) -> str:
        return _row_message(self.sheet, self.line, self.problems)

    def is_blank(self, header: str) -> bool:
        value = self.values.get(header)
        return value is None or str(value).strip() == ""

    def _raw(self, header: str, required: bool):
        value = self.values.get(header)
        if isinstance(value, str):
            value = value.strip() or None
        if value is None and required:
            self.problem(f"la colonne « {header} » est vide")
        return value

    def text(self, header: str, *, required: bool = False, max_length: int = 200) -> str:
        value = self._raw(header, required)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # an INSEE code or a number typed in a text column
        text = re.sub(r"\s+", " ", str(value))
        if len(text) > max_length:
            self.problem(f"« {header} » dépasse {max_length} caractères")
            return ""
        return text

    def integer(self, header: str, *, required: bool = False, default: int | None = None):
        value = self._raw(header, required)
        if value is None:
            return default
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and re.fullmatch(r"-?\d+", value):
            return int(value)
        self.problem(f"« {_shown(value)} » ({header}) n'est pas un nombre entier")
        return None

    def decimal(self, header: str, *, required: bool = False) -> Decimal | None:
        value = self._raw(header, required)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = str(value)
        else:
            # Old tools write "1 234,50 €" as well as "1234.5".
            text = re.sub(r"[\s\u00a0\u202f€]", "", str(value)).replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.problem(f"« {_shown(value)} » ({header}) n'est pas un nombre")
            return None
        return number

    def date(self, header: str, *, required: bool = False) -> datetime.date | None:
        value = self._raw(header, required)
        if value is None:
            return None
        day = None
        if isinstance(value, datetime.datetime):
            day = value.date()
        elif isinstance(value, datetime.date):
            day = value
        elif isinstance(value, str):
            for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
                try:
                    day = datetime.datetime.strptime(value, pattern).date()
                    break
                except ValueError:
                    continue
        if day is None:
            self.problem(f"« {_shown(value)} » ({header}) n'est pas une date jj/mm/aaaa")
        elif not 1950 <= day.year <= timezone.localdate().year + 30:
            self.problem(f"la date « {day:%d/%m/%Y} » ({header}) n'est pas plausible")
            day = None
        return day

    def lookup(
        self,
        header: str,
        table: dict[str, Any],
        *,
        unknown: Callable[[str], str],
        required: bool = False,
        ambiguous: Callable[[str], str] | None = None,
    ):
        text = self.text(header, required=required)
        if not text:
            return None
        found = table.get(_key(text))
        if found is None:
            self.problem(unknown(text))
        elif found is AMBIGUOUS:
            self.problem(ambiguous(text) if ambiguous else unknown(text))
            return None
        return found


def _row_message(sheet: str, line: int, problems: Iterable[str]) -> str:
    return f"Feuille {sheet}, ligne {line} : {' ; '.join(problems)}."


def _open_workbook(file):
    if isinstance(file, bytes | bytearray):
        file = io.BytesIO(file)
    return load_workbook(file, read_only=True, data_only=True)


def _read_sheet(sheet, title: str, errors: list[str]) -> list[tuple[int, dict[str, Any]]]:
    """The sheet's non-blank rows as (Excel line number, column header → cell value)."""
    columns = SHEETS[title]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if header is None or all(cell in (None, "") for cell in header):
        return []
    known = {_header_key(column.header): column.header for column in columns}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = known.get(_header_key(cell))
        if name and name not in positions:
            positions[name] = index
    missing = [
        column.header for column in columns if column.required and column.header not in positions
    ]
    if missing:
        names = _listed(f"« {name} »" for name in missing)
        errors.append(f"Feuille {title} : il manque la ou les colonnes {names}.")
        return []
    result, last_filled = [], 1
    for line, row in enumerate(rows, start=2):
        values = {
            name: row[index] if index < len(row) else None for name, index in positions.items()
        }
        if all(value is None or str(value).strip() == "" for value in values.values()):
            if line - last_filled > BLANK_RUN_LIMIT:
                break
            continue
        last_filled = line
        if len(result) == MAX_ROWS:
            errors.append(f"Feuille {title} : plus de {MAX_ROWS} lignes ; découpez le fichier.")
            return []
        result.append((line, values))
    return result


# --------------------------------------------------------------------------------------------
# Checking the rows
# --------------------------------------------------------------------------------------------


class _Context:
    """The référentiels and what the rows read so far have claimed, for cross-row checks."""

    def __init__(self):
        self.today = timezone.localdate()
        self.communes: dict[str, Any] = {}
        for commune in Commune.objects.all():
            for name in (commune.name, commune.insee_code):
                if name:
                    key = _key(name)
                    self.communes[key] = AMBIGUOUS if key in self.communes else commune
        codes = (*HOUSING_DISPOSITIFS, *MEASURE_DISPOSITIFS)
        by_code = self.dispositif_by_code = {
            d.code: d for d in Dispositif.objects.filter(code__in=codes)
        }
        aliases = _aliases(
            ((code, d.name) for code, d in by_code.items()),
            fsl="fsl-asll",
            asll="fsl-asll",
            asl="asl-jeunes-ase",
        )
        self.dispositifs = {key: by_code[code] for key, code in aliases.items() if code in by_code}
        self.epcis = {
            _key(name): epci
            for epci in Epci.objects.all()
            for name in (epci.short_name, epci.name, epci.code)
        }
        self.existing_units: dict[str, Any] = {}
        for unit in HousingUnit.objects.all():
            key = _key(unit.label)
            self.existing_units[key] = AMBIGUOUS if key in self.existing_units else unit
        self.file_units: dict[str, UnitRow] = {}
        self.unit_lines: dict[str, int] = {}
        self.persons: dict[tuple, PersonRow] = {}
        self.occupied: dict[tuple[str, int], int] = {}
        self.housed: dict[tuple, int] = {}
        self.measured: dict[tuple, int] = {}

    def commune(self, cells: Cells, header: str, *, required: bool = False):
        return cells.lookup(
            header,
            self.communes,
            required=required,
            unknown=lambda v: f"la commune « {v} » est inconnue",
            ambiguous=lambda v: f"plusieurs communes s'appellent « {v} » : indiquez le code INSEE",
        )

    def dispositif(self, cells: Cells, allowed: tuple[str, ...]) -> Dispositif | None:
        names = _listed(
            self.dispositif_by_code[c].name for c in allowed if c in self.dispositif_by_code
        )
        found = cells.lookup(
            "Dispositif",
            self.dispositifs,
            required=True,
            unknown=lambda v: f"le dispositif « {v} » est inconnu (attendu : {names})",
        )
        if found is not None and found.code not in allowed:
            cells.problem(f"le dispositif « {found.name} » n'est pas attendu ici ({names})")
            return None
        return found

    def unit(self, cells: Cells) -> UnitRow | HousingUnit | None:
        label = cells.text("Logement", required=True)
        if not label:
            return None
        key = _key(label)
        if key in self.file_units:
            return self.file_units[key]
        if key in self.unit_lines:
            cells.problem(f"le logement « {label} » est en erreur dans la feuille {UNITS}")
            return None
        unit = self.existing_units.get(key)
        if unit is AMBIGUOUS:
            cells.problem(f"plusieurs logements enregistrés s'appellent « {label} »")
            return None
        if unit is None:
            cells.problem(
                f"le logement « {label} » est inconnu : il n'est ni dans la feuille {UNITS} "
                "ni déjà enregistré"
            )
        return unit

    def person(self, cells: Cells, commune_header: str) -> tuple[PersonRow | None, Commune | None]:
        pseudonym = cells.text("Pseudonyme", required=True, max_length=80)
        last_name = cells.text("Nom", max_length=120)
        sex = cells.lookup(
            "Sexe", SEXES, unknown=lambda v: f"le sexe « {v} » est inconnu (F, M, NB ou vide)"
        )
        birth_year = cells.integer("Année de naissance")
        if birth_year is not None and not 1900 <= birth_year <= self.today.year:
            cells.problem(f"l'année de naissance « {birth_year} » n'est pas plausible")
        commune = self.commune(cells, commune_header)
        if not pseudonym:
            return None, commune
        row = PersonRow(pseudonym, last_name, sex or Sex.UNKNOWN, birth_year, commune)
        # The same person on several rows (a stay and a measure) is one person.
        person = self.persons.setdefault(row.key, row)
        if person.commune is None:
            person.commune = commune
        return person, commune

    def check_recent(self, cells: Cells, day: datetime.date | None, what: str) -> None:
        """The rule of the habitat services: not before 2000, not more than a month ahead."""
        if day is not None and not (
            services.EARLIEST <= day <= self.today + datetime.timedelta(days=31)
        ):
            cells.problem(f"{what} du {day:%d/%m/%Y} n'est pas plausible")


def _check_units(rows, context: _Context, plan: ImportPlan) -> None:
    for line, values in rows:
        cells = Cells(UNITS, line, values)
        label = cells.text("Désignation", required=True, max_length=80)
        address = cells.text("Adresse", required=True, max_length=200)
        commune = context.commune(cells, "Commune", required=True)
        typology = cells.lookup(
            "Typologie",
            TYPOLOGIES,
            required=True,
            unknown=lambda v: (
                f"la typologie « {v} » est inconnue ({_listed(HousingUnit.Typology.labels)})"
            ),
        )
        landlord = cells.text("Bailleur", required=True, max_length=160)
        dispositif = context.dispositif(cells, HOUSING_DISPOSITIFS)
        places = cells.integer("Places", default=1)
        if places is not None and places < 1:
            cells.problem("un logement compte au moins une place")
        elif places is not None and places > 99:
            cells.problem(f"{places} places dans un logement n'est pas plausible")
        lease_start = cells.date("Début du bail", required=True)
        lease_end = cells.date("Fin du bail")
        if lease_start and lease_end and lease_end < lease_start:
            cells.problem("la fin du bail précède son début")
        key = _key(label)
        if label and key in context.unit_lines:
            cells.problem(f"le logement « {label} » figure déjà ligne {context.unit_lines[key]}")
        elif label and key in context.existing_units:
            cells.problem(f"le logement « {label} » est déjà enregistré")
        if label:
            context.unit_lines.setdefault(key, line)
        if cells.problems:
            plan.errors.append(cells.message())
            continue
        unit = UnitRow(
            line,
            label,
            address,
            commune,
            typology,
            landlord,
            dispositif,
            places,
            lease_start,
            lease_end,
        )
        context.file_units[key] = unit
        plan.units.append(unit)


def _check_stays(rows, context: _Context, plan: ImportPlan) -> None:
    for line, values in rows:
        cells = Cells(STAYS, line, values)
        unit = context.unit(cells)
        place = cells.integer("Place", default=1)
        person, _ = context.person(cells, "Commune de résidence")
        entry = cells.date("Entrée", required=True)
        planned_exit = cells.date("Sortie prévue")
        resources = cells.decimal("Ressources à l'entrée")
        resource_type = cells.lookup(
            "Ressource principale",
            RESOURCE_TYPES,
            unknown=lambda v: f"la ressource principale « {v} » est inconnue",
        )
        context.check_recent(cells, entry, "l'entrée")
        if entry and planned_exit and planned_exit < entry:
            cells.problem("la sortie prévue précède l'entrée")
        if resources is not None and not Decimal("0") <= resources <= Decimal("100000"):
            cells.problem(
                f"les ressources à l'entrée « {_shown(resources)} » ne sont pas plausibles"
            )
        if unit is not None and place is not None:
            _check_place(cells, context, unit, place, entry)
        if person is not None and entry is not None:
            # All the stays of the file are current: one person is housed once.
            other = context.housed.setdefault(person.key, line)
            if other != line:
                cells.problem(
                    f"« {person.pseudonym} » occupe déjà un logement ligne {other} ; s'il s'agit "
                    "de deux personnes, distinguez-les par le nom ou l'année de naissance"
                )
        if cells.problems:
            plan.errors.append(cells.message())
            continue
        plan.stays.append(
            StayRow(
                line,
                unit,
                place,
                person,
                entry,
                planned_exit,
                resources.quantize(Decimal("0.01")) if resources is not None else None,
                resource_type or "",
            )
        )


def _check_place(cells: Cells, context: _Context, unit, place: int, entry) -> None:
    """The place exists, the entry falls within the lease, and nobody else occupies the place:
    neither another stay of the file (they are all current) nor a recorded stay."""
    if not 1 <= place <= unit.places:
        cells.problem(
            f"le logement « {unit.label} » compte {unit.places} place(s), pas de place {place}"
        )
        return
    if entry is None:
        return
    if entry < unit.lease_start or (unit.lease_end and entry > unit.lease_end):
        cells.problem(f"l'entrée tombe en dehors du bail du logement « {unit.label} »")
    overlap = " : deux séjours ne peuvent pas se chevaucher sur une même place"
    other = context.occupied.setdefault((_key(unit.label), place), cells.line)
    if other != cells.line:
        cells.problem(
            f"la place {place} du logement « {unit.label} » est déjà occupée par le séjour "
            f"de la ligne {other}{overlap}"
        )
    elif isinstance(unit, HousingUnit):
        recorded = (
            Stay.objects.filter(unit=unit, place=place)
            .filter(Q(exit__isnull=True) | Q(exit__gte=entry))
            .order_by("entry")
            .first()
        )
        if recorded is not None:
            until = f"au {recorded.exit:%d/%m/%Y}" if recorded.exit else "à ce jour"
            cells.problem(
                f"la place {place} du logement « {unit.label} » est occupée du "
                f"{recorded.entry:%d/%m/%Y} {until} par un séjour déjà enregistré{overlap}"
            )


def _check_measures(rows, context: _Context, plan: ImportPlan) -> None:
    for line, values in rows:
        cells = Cells(MEASURES, line, values)
        person, commune = context.person(cells, "Commune")
        dispositif = context.dispositif(cells, MEASURE_DISPOSITIFS)
        epci = cells.lookup(
            "Territoire", context.epcis, unknown=lambda v: f"le territoire « {v} » est inconnu"
        )
        kind = cells.lookup(
            "Nature",
            KINDS,
            required=True,
            unknown=lambda v: f"la nature « {v} » est inconnue (asll, simple ou renforcée)",
        )
        weight = cells.decimal("Poids")
        orienteur = cells.lookup(
            "Orienteur",
            ORIENTEURS,
            required=True,
            unknown=lambda v: f"l'orienteur « {v} » est inconnu ({_listed(OrienteurKind.labels)})",
        )
        notified_on = cells.date("Notification", required=True)
        start = cells.date("Début", required=True)
        reason = cells.lookup(
            "Motif",
            REASONS,
            required=True,
            unknown=lambda v: (
                f"le motif « {v} » est inconnu ({_listed(SupportMeasure.Reason.labels)})"
            ),
        )
        context.check_recent(cells, start, "le début")
        if notified_on and start and notified_on > start:
            cells.problem("la notification est postérieure au début de la mesure")
        if dispositif is not None and kind is not None:
            weight = _check_kind(cells, dispositif, kind, weight)
        if epci is None and cells.is_blank("Territoire"):
            if commune is not None and commune.epci is not None:
                epci = commune.epci
            else:
                cells.problem("indiquez le territoire (CAHC ou CALL) : la commune ne le donne pas")
        if person is not None and dispositif is not None:
            other = context.measured.setdefault((person.key, dispositif.code), line)
            if other != line:
                cells.problem(
                    f"« {person.pseudonym} » a déjà une mesure {dispositif.name} en cours ligne "
                    f"{other} ; s'il s'agit de deux personnes, distinguez-les par le nom ou "
                    "l'année de naissance"
                )
        if cells.problems:
            plan.errors.append(cells.message())
            continue
        plan.measures.append(
            MeasureRow(
                line, person, dispositif, epci, kind, weight, orienteur, notified_on, start, reason
            )
        )


def _check_kind(cells: Cells, dispositif: Dispositif, kind: str, weight: Decimal | None):
    """The measure's nature follows its dispositif; the FSL weight is given, the ASL one
    follows from the nature. Returns the weight to record (None: the service sets it)."""
    label = SupportMeasure.Kind(kind).label
    if dispositif.code == "fsl-asll":
        if kind != SupportMeasure.Kind.ASLL:
            cells.problem(f"une mesure {dispositif.name} est de nature asll, pas « {label} »")
        if weight is None:
            cells.problem("indiquez le poids (points) de la mesure FSL")
        elif not Decimal("0.25") <= weight < Decimal("1000"):
            cells.problem(f"le poids « {_shown(weight)} » n'est pas plausible")
        elif weight != weight.quantize(Decimal("0.01")):
            cells.problem(f"le poids « {weight} » a plus de deux décimales")
        else:
            # "3,50" and "3,5000" are the same weight; the field keeps two decimals.
            return weight.quantize(Decimal("0.01"))
        return weight
    if kind not in services.ASL_WEIGHTS:
        cells.problem(f"une mesure {dispositif.name} est simple ou renforcée, pas « {label} »")
    elif weight is not None and weight != services.ASL_WEIGHTS[kind]:
        cells.problem(
            f"le poids d'une mesure {label} est {services.ASL_WEIGHTS[kind]}, pas {_shown(weight)}"
        )
    return None


def parse_workbook(file) -> ImportPlan:
    """Read and check the workbook (a path, a file object or bytes). Nothing is written: the
    plan lists what would be created and, in `errors`, one French message per faulty row."""
    plan = ImportPlan()
    rows: dict[str, list] = {}
    try:
        workbook = _open_workbook(file)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        plan.errors.append(NOT_A_WORKBOOK)
        return plan
    try:
        names = {_key(name): name for name in workbook.sheetnames}
        for title in SHEETS:
            if _key(title) in names:
                rows[title] = _read_sheet(workbook[names[_key(title)]], title, plan.errors)
    # A damaged file may only fail while its rows are streamed.
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError):
        plan.errors = [NOT_A_WORKBOOK]
        return plan
    finally:
        workbook.close()
    if not rows:
        plan.errors.append(NO_SHEET)
        return plan
    context = _Context()
    _check_units(rows.get(UNITS, []), context, plan)
    _check_stays(rows.get(STAYS, []), context, plan)
    _check_measures(rows.get(MEASURES, []), context, plan)
    if not plan.errors and not plan.is_valid:
        plan.errors.append(NOTHING_TO_IMPORT)
    return plan


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


@contextmanager
def _at(sheet: str, line: int) -> Iterator[None]:
    """A refusal by a service names the row it came from."""
    try:
        yield
    except ValidationError as error:
        problems = [m.rstrip(" .")[:1].lower() + m.rstrip(" .")[1:] for m in error.messages]
        raise ValidationError(_row_message(sheet, line, problems)) from error


def _create_units(rows: list[UnitRow]) -> tuple[dict[str, HousingUnit], int]:
    existing = {_key(label) for label in HousingUnit.objects.values_list("label", flat=True)}
    landlords: dict[str, Partner] = {}
    # "SIA habitat" in the file is the "SIA Habitat" already known, not a new landlord.
    for partner in Partner.objects.filter(kind=Partner.Kind.BAILLEUR).order_by("pk"):
        landlords.setdefault(_key(partner.name), partner)
    units, new_landlords = {}, 0
    for row in rows:
        with _at(UNITS, row.line):
            # Someone may have recorded the same unit since the file was checked.
            if _key(row.label) in existing:
                raise ValidationError(f"Le logement « {row.label} » est déjà enregistré.")
            landlord = landlords.get(_key(row.landlord))
            if landlord is None:
                landlord, created = Partner.objects.get_or_create(
                    name=row.landlord,
                    kind=Partner.Kind.BAILLEUR,
                    defaults={"field": Partner.Field.LOGEMENT},
                )
                landlords[_key(row.landlord)] = landlord
                new_landlords += created
            unit = HousingUnit(
                label=row.label,
                address=row.address,
                commune=row.commune,
                typology=row.typology,
                landlord=landlord,
                dispositif=row.dispositif,
                places=row.places,
                lease_start=row.lease_start,
                lease_end=row.lease_end,
            )
            unit.full_clean()
            unit.save()
        units[_key(row.label)] = unit
    return units, new_landlords


def apply_plan(plan: ImportPlan, *, by: User) -> dict[str, int]:
    """Write the plan, all or nothing, through the habitat services (the same rules as the
    forms). Refuses with the plan's French messages if any row is faulty. Returns the counts
    created: units, landlords, persons, stays, measures."""
    services.check_can_record(by)
    if plan.errors:
        raise ValidationError(plan.errors)
    if not plan.is_valid:
        raise ValidationError(NOTHING_TO_IMPORT)
    habitat = Service.objects.get(code=HABITAT_SERVICE)
    persons: dict[tuple, Person] = {}

    def person_for(row: PersonRow) -> Person:
        if row.key not in persons:
            data = {
                "pseudonym": row.pseudonym,
                "last_name": row.last_name,
                "sex": row.sex,
                "birth_year": row.birth_year,
                "commune": row.commune,
            }
            persons[row.key] = shared_services.person_create(data=data, service=habitat, by=by)
        return persons[row.key]

    with transaction.atomic(), journal_note(actor=by, action="import habitat"):
        units, new_landlords = _create_units(plan.units)
        for row in plan.stays:
            with _at(STAYS, row.line):
                services.stay_create(
                    unit=units[_key(row.unit.label)] if isinstance(row.unit, UnitRow) else row.unit,
                    person=person_for(row.person),
                    entry=row.entry,
                    place=row.place,
                    planned_exit=row.planned_exit,
                    resources_entry=row.resources_entry,
                    resource_type_entry=row.resource_type_entry,
                    by=by,
                )
        for row in plan.measures:
            extra = {"weight": row.weight} if row.weight is not None else {}
            with _at(MEASURES, row.line):
                services.support_measure_open(
                    by=by,
                    person=person_for(row.person),
                    dispositif=row.dispositif,
                    kind=row.kind,
                    start=row.start,
                    epci=row.epci,
                    orienteur_kind=row.orienteur_kind,
                    notified_on=row.notified_on,
                    reason=row.reason,
                    **extra,
                )
    return {
        "units": len(units),
        "landlords": new_landlords,
        "persons": len(persons),
        "stays": len(plan.stays),
        "measures": len(plan.measures),
    }


# --------------------------------------------------------------------------------------------
# Template
# --------------------------------------------------------------------------------------------


def template_workbook() -> bytes:
    """The empty workbook to fill: the three sheets, their headers in bold, a note on each
    header saying what to type, and drop-down lists where the values are fixed."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, columns in SHEETS.items():
        sheet = workbook.create_sheet(title)
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.header)
            cell.font = Font(bold=True)
            note = " ".join(filter(None, ["Obligatoire." if column.required else "", column.hint]))
            if note:
                cell.comment = Comment(note, "RL Portal", width=300, height=120)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(14, len(column.header) + 4)
            choices = list(column.choices()) if column.choices else []
            formula = '"' + ",".join(choices) + '"'
            # Excel limits a list to 255 characters and splits it on commas.
            if choices and len(formula) <= 255 and not any("," in c for c in choices):
                # Not a hard rule: the import also accepts codes ("alt-jeunes", "NB").
                validation = DataValidation(type="list", formula1=formula, allow_blank=True)
                sheet.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
