"""An import of a workbook: its sheets run in order, in one transaction, through the app's
services; a preview is the same run rolled back. Nothing is kept unless every row passed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from import_export.results import RowResult

from rl_portal.audit import Channel, journal_note, log_person_access
from rl_portal.importing.columns import shown
from rl_portal.importing.persons import PersonMatcher, Question
from rl_portal.importing.reader import WorkbookData, read_workbook
from rl_portal.importing.resources import SheetResource, as_problem, row_message
from rl_portal.models import User

PREVIEW_ROWS = 10
# The preview lists this many errors and faulty rows per sheet at most (a file read in the
# wrong layout can give thousands).
SHOWN_ERRORS = 200
UNEXPECTED = (
    "erreur inattendue : la ligne n'a pas pu être enregistrée (signalez-la à l'administrateur)"
)
INSTRUCTIONS_SHEET = "Mode d'emploi"


def too_many_rows(rows: int, limit: int) -> str:
    return (
        f"Le classeur compte {rows:,} lignes".replace(",", "\u202f")
        + f" ; cette page en importe {limit:,} au plus par fichier".replace(",", "\u202f")
        + " (chaque ligne passe par les mêmes contrôles qu'une saisie). Découpez-le, par "
        "exemple par trimestre ou une feuille à la fois, ou demandez à l'administrateur "
        "l'import en ligne de commande."
    )


class ImportContext:
    """What the rows of one run share: the importing user, the référentiels read once, the
    persons already resolved, and whatever a sheet leaves for the next ones."""

    def __init__(self, *, user: User, decisions: dict[str, str] | None = None):
        self.user = user
        self.today = timezone.localdate()
        self.cache: dict = {}
        self.persons = PersonMatcher(user=user, decisions=decisions)
        self.shared: dict = {}


@dataclass
class RowOutcome:
    line: int
    status: str  # "new", "skip" or "invalid"
    cells: list[str]
    messages: list[str] = field(default_factory=list)


@dataclass
class SheetOutcome:
    title: str
    headers: list[str]
    noun: tuple[str, str]
    rows: list[RowOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def created(self) -> int:
        return self.count("new")

    @property
    def skipped(self) -> int:
        return self.count("skip")

    @property
    def invalid(self) -> int:
        return self.count("invalid")

    @property
    def shown_rows(self) -> list[RowOutcome]:
        """The faulty and skipped rows, and the first rows to create."""
        others = [row for row in self.rows if row.status != "new"][:SHOWN_ERRORS]
        return sorted([*self.rows_to_create[:PREVIEW_ROWS], *others], key=lambda r: r.line)

    @property
    def rows_to_create(self) -> list[RowOutcome]:
        return [row for row in self.rows if row.status == "new"]

    @property
    def created_label(self) -> str:
        return f"{self.created} {self.noun[0] if self.created < 2 else self.noun[1]}"


@dataclass
class ImportOutcome:
    """What a run found: French errors (file, sheets, rows), notes on what was read in a
    particular way or left aside, each sheet's rows, and the likely duplicates to decide."""

    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheets: list[SheetOutcome] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    persons_created: int = 0
    applied: bool = False

    @property
    def created(self) -> int:
        return sum(sheet.created for sheet in self.sheets)

    @property
    def shown_errors(self) -> list[str]:
        return self.errors[:SHOWN_ERRORS]

    @property
    def more_errors(self) -> int:
        return max(0, len(self.errors) - SHOWN_ERRORS)

    @property
    def is_valid(self) -> bool:
        return not self.errors and self.created > 0

    @property
    def counts(self) -> dict[str, int]:
        """Rows to create (or created) per sheet, by sheet name."""
        return {sheet.title: sheet.created for sheet in self.sheets}

    def summary(self) -> str:
        parts = [sheet.created_label for sheet in self.sheets if sheet.created]
        skipped = sum(sheet.skipped for sheet in self.sheets)
        text = ", ".join(parts) + f", {self.persons_created} personne(s) créée(s)"
        if skipped:
            text += f" ; {skipped} ligne(s) déjà enregistrée(s) laissée(s) de côté"
        return text


class WorkbookImport:
    """An import: its sheets' resources in the order they run. Subclasses say who may import
    (`check_user`) and under which name the writes are journalled."""

    name = ""
    sheets: tuple[type[SheetResource], ...] = ()
    nothing_to_import = "Le classeur ne contient aucune ligne à importer."
    all_recorded = (
        "Toutes les lignes du classeur sont déjà enregistrées : il n'y a rien à importer."
    )

    def check_user(self, user: User) -> None:
        raise NotImplementedError

    def options_form(self, user: User, data=None):
        """A form of choices that apply to the whole file (shown beside the file), or None."""
        return None

    def context(self, *, user: User, decisions, options: dict) -> ImportContext:
        return ImportContext(user=user, decisions=decisions)

    @property
    def specs(self):
        return tuple(resource.spec for resource in self.sheets)

    def read(self, content: bytes) -> WorkbookData:
        return read_workbook(content, self.specs, aside=(INSTRUCTIONS_SHEET,))

    def run(
        self,
        content: bytes,
        *,
        by: User,
        decisions=None,
        options: dict | None = None,
        dry_run: bool = True,
        request=None,
        max_rows: int | None = None,
        channel: str = Channel.PAGE,
    ):
        """Check (and unless `dry_run`, keep) the workbook's rows, with the answers about likely
        duplicates (`decisions`) and the choices of `options_form` (`options`). Returns an
        ImportOutcome; nothing is kept if it has errors."""
        outcome = ImportOutcome()
        try:
            self.check_user(by)
        except ValidationError as error:
            outcome.errors.extend(error.messages)
            return outcome
        data = self.read(content)
        outcome.notes.extend(data.notes)
        if data.errors:
            outcome.errors.extend(data.errors)
            return outcome
        rows = sum(len(sheet.lines) for sheet in data.sheets.values())
        if max_rows is not None and rows > max_rows:
            outcome.errors.append(too_many_rows(rows, max_rows))
            return outcome
        context = self.context(user=by, decisions=decisions, options=options or {})
        with transaction.atomic(), journal_note(actor=by, action=f"import {self.name}"):
            for resource_class in self.sheets:
                sheet = data.sheets.get(resource_class.spec.title)
                if sheet is None or not sheet.lines:
                    continue  # a sheet left empty (the template has them all)
                resource = resource_class(context=context, lines=sheet.lines)
                # The whole run is this transaction and each row its own savepoint (in
                # SheetResource.save_instance): django-import-export's transactions would only
                # add a savepoint per row and per sheet.
                result = resource.import_data(
                    sheet.dataset, dry_run=False, use_transactions=False, context=context
                )
                outcome.sheets.append(self._sheet_outcome(resource, sheet, result, outcome))
                if result.base_errors:
                    outcome.errors.append(f"Feuille {resource.title} : {UNEXPECTED}.")
            outcome.questions = list(context.persons.questions.values())
            outcome.persons_created = len(context.persons.created)
            if not outcome.errors and not outcome.created:
                skipped = any(sheet.skipped for sheet in outcome.sheets)
                outcome.errors.append(self.all_recorded if skipped else self.nothing_to_import)
            outcome.applied = not dry_run and not outcome.errors
            if not outcome.applied:
                transaction.set_rollback(True)
        # Recorded persons proposed as duplicates are read by the user: journalled (after the
        # rollback of a preview, which would take the journal with it).
        log_person_access(
            actor=by, persons=context.persons.shown_persons, channel=channel, request=request
        )
        return outcome

    def preview(self, content: bytes, *, by: User, **kwargs):
        return self.run(content, by=by, dry_run=True, **kwargs)

    def apply(self, content: bytes, *, by: User, **kwargs):
        """Import the workbook, all or nothing. Raises ValidationError with every French
        message when a row is refused (nothing is then written)."""
        outcome = self.run(content, by=by, dry_run=False, **kwargs)
        if not outcome.applied:
            raise ValidationError(outcome.errors)
        return outcome

    @staticmethod
    def _sheet_outcome(resource, sheet, result, outcome) -> SheetOutcome:
        headers = list(sheet.dataset.headers)
        fields = {field.column_name: field for field in resource.fields.values()}
        sheet_outcome = SheetOutcome(resource.title, headers, resource.noun)
        invalid = {row.number: row for row in result.invalid_rows}
        for number, row_result in enumerate(result.rows, start=1):
            line = sheet.lines[number - 1]
            raw = row_result.row_values or {}
            if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
                instance = row_result.instance
                cells = [fields[h].widget.render(fields[h].get_value(instance)) for h in headers]
            else:
                cells = [shown(raw.get(header)) for header in headers]
            if row_result.import_type == RowResult.IMPORT_TYPE_NEW:
                sheet_outcome.rows.append(RowOutcome(line, "new", cells))
            elif row_result.import_type == RowResult.IMPORT_TYPE_SKIP:
                message = "déjà enregistrée : ligne laissée de côté"
                sheet_outcome.rows.append(RowOutcome(line, "skip", cells, [message]))
            else:
                if number in invalid:
                    problems = _problems(resource, invalid[number].error_dict)
                else:
                    problems = [UNEXPECTED]
                outcome.errors.append(row_message(resource.title, line, problems))
                sheet_outcome.rows.append(RowOutcome(line, "invalid", cells, problems))
        return sheet_outcome


def _problems(resource, error_dict: dict[str, list[str]]) -> list[str]:
    """The row's problems, in the order of its columns, then the others."""
    order = [column.attribute for column in resource.spec.columns]
    ranked = sorted(
        error_dict.items(),
        key=lambda item: order.index(item[0]) if item[0] in order else len(order),
    )
    problems = []
    for _attribute, messages in ranked:
        for message in messages:
            problem = as_problem(message)
            if problem not in problems:
                problems.append(problem)
    if not problems:
        problems.append(as_problem(error_dict.get(NON_FIELD_ERRORS, [UNEXPECTED])[0]))
    return problems
