"""The base of a sheet's django-import-export resource.

django-import-export runs each row: the columns' widgets read the cells (a French message per
faulty cell), `check` compares the cells of the row, and `write` creates the record through the
app's services (or raises AlreadyRecorded to leave aside a row imported before). A row's writes
are one savepoint: a row refused by a service leaves nothing behind, and the rows after it are
still checked, so the preview lists every faulty row at once."""

from __future__ import annotations

import copy
import logging
import re
import traceback
from types import SimpleNamespace

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from import_export import resources
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import RowResult

from rl_portal.importing.columns import ListOf, Text
from rl_portal.importing.reader import SheetSpec, Unreadable

logger = logging.getLogger(__name__)


class Values(SimpleNamespace):
    """A row's values, by column attribute, once read."""


class AlreadyRecorded(Exception):  # noqa: N818 (not an error: a row to leave aside)
    """Raised by `write` when the row's record exists already (the file, or part of it, was
    imported before): the row is left aside, and the preview says so."""


def row_message(sheet: str, line: int, problems) -> str:
    return f"Feuille {sheet}, ligne {line} : {' ; '.join(problems)}."


# Words that begin the services' sentences; any other first word (a pseudonym) keeps its case.
SENTENCE_STARTS = frozenset(
    [
        "le",
        "la",
        "les",
        "l",
        "un",
        "une",
        "ce",
        "cet",
        "cette",
        "ces",
        "il",
        "elle",
        "on",
        "vous",
        "seul",
        "seule",
        "seuls",
        "aucun",
        "aucune",
        "deux",
        "plusieurs",
        "des",
        "du",
        "au",
        "aux",
        "en",
        "sa",
        "son",
        "ses",
        "leur",
        "date",
        "dates",
        "entre",
        "indiquez",
        "choisissez",
        "saisissez",
        "précisez",
        "cochez",
    ]
)


def as_problem(message: str) -> str:
    """A service's sentence as part of a row's message: « La place … . » → « la place … »."""
    message = str(message).strip().rstrip(" .")
    first = re.split(r"[\s'’]", message, maxsplit=1)[0]
    if first.lower() in SENTENCE_STARTS or first[:1].islower():
        return message[:1].lower() + message[1:]
    return message


class SheetResource(resources.Resource):
    """One sheet of an import. Subclasses give `spec` and `write`, and may give `check` and
    `noun` (what a row creates, for the summary)."""

    spec: SheetSpec
    # What a created row counts as in the summary (« logement », « séjour »…).
    noun: tuple[str, str] = ("ligne", "lignes")

    class Meta:
        force_init_instance = True
        instance_loader_class = BaseInstanceLoader
        skip_diff = True
        use_transactions = False
        store_instance = True
        store_row_values = True
        report_skipped = True

    def __init__(self, *, context, lines: list[int]):
        super().__init__()
        self.context = context
        self.lines = lines
        for column in self.spec.columns:
            widget = copy.copy(column.widget)
            widget.header = column.header
            self.fields[column.attribute] = Field(
                attribute=column.attribute, column_name=column.header, widget=widget
            )

    @property
    def title(self) -> str:
        return self.spec.title

    def line(self, row_number: int) -> int:
        return self.lines[row_number - 1]

    def place(self, line: int) -> str:
        return f"{self.title}, ligne {line}"

    # -- django-import-export hooks --------------------------------------------------------

    def init_instance(self, row=None) -> Values:
        defaults = {}
        for column in self.spec.columns:
            if isinstance(column.widget, ListOf):
                defaults[column.attribute] = []
            elif type(column.widget) is Text:
                defaults[column.attribute] = ""
            else:
                defaults[column.attribute] = None
        return Values(**defaults)

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        readable = dict(row)  # the row as read stays for the preview
        for column in self.spec.columns:
            value = row.get(column.header)
            if isinstance(value, Unreadable):
                errors[column.attribute] = [value.message]
                readable[column.header] = None  # its widget has nothing more to say
            elif column.required and value is None:
                errors[column.attribute] = [f"la colonne « {column.header} » est vide"]
        try:
            super().import_instance(instance, readable, **kwargs)
        except ValidationError as error:
            for attribute, messages in error.message_dict.items():
                errors.setdefault(attribute, messages)
        # Cross-cell checks run even when a cell is faulty (its value is then None), so that
        # the preview lists all the row's problems at once.
        try:
            self.check(instance, line=self.line(kwargs["row_number"]))
        except ValidationError as error:
            errors[NON_FIELD_ERRORS] = error.messages
        if errors:
            raise ValidationError(errors)

    def import_row(self, row, instance_loader, **kwargs):
        result = super().import_row(row, instance_loader, **kwargs)
        if result.errors and all(isinstance(e.error, AlreadyRecorded) for e in result.errors):
            result.errors = []
            result.import_type = RowResult.IMPORT_TYPE_SKIP
        return result

    def save_instance(self, instance, is_create, row, **kwargs):
        line = self.line(kwargs["row_number"])
        mark = self.context.persons.mark()
        try:
            with transaction.atomic():
                instance.record = self.write(instance, line=line)
        except (ValidationError, AlreadyRecorded):
            self.context.persons.forget_since(mark)
            raise
        except Exception as error:
            self.context.persons.forget_since(mark)
            # The row is reported as an unexpected error. The log says where, never what: the
            # cells and a database error's message may hold personal data.
            frame = traceback.extract_tb(error.__traceback__)[-1]
            logger.error(
                "Import %s, ligne %s : %s dans %s:%s",
                self.title,
                line,
                type(error).__name__,
                frame.filename,
                frame.lineno,
            )
            raise

    def save_m2m(self, instance, row, **kwargs):
        """Many-to-many values are written by `write`, through the services."""

    # -- what a sheet defines --------------------------------------------------------------

    def check(self, values: Values, *, line: int) -> None:
        """Compare the row's cells; raise ValidationError with French problems. A faulty
        cell's value is None here."""

    def write(self, values: Values, *, line: int):
        raise NotImplementedError
