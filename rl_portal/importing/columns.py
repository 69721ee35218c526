"""The columns of an import sheet and the widgets that read their cells.

The widgets are django-import-export widgets: `clean` turns a cell into a Python value or
raises ValueError with a French message (django-import-export collects them per row), `render`
shows a value back in the preview, French style."""

from __future__ import annotations

import datetime
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from import_export.widgets import Widget
from openpyxl.utils.datetime import from_excel

from reportkit.numbers import parse_hours


def key(text) -> str:
    """What two spellings of a name share: no case, accents, spaces or punctuation."""
    decomposed = unicodedata.normalize("NFKD", str(text or ""))
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def header_key(text) -> str:
    # "Commune (nom ou code INSEE)" is the "Commune" column: hints in brackets are allowed.
    return key(re.sub(r"\(.*?\)", "", str(text or "")))


def listed(labels: Iterable[str]) -> str:
    return ", ".join(str(label) for label in labels)


def shown(value) -> str:
    """A value as the preview shows it, French style."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, Decimal):
        text = f"{value:f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".") if value == value.to_integral() else text
        return text.replace(".", ",")
    if isinstance(value, list | tuple):
        return " ; ".join(shown(item) for item in value)
    return str(value)


def aliases(choices: Iterable[tuple[str, str]], **extra: str) -> dict[str, str]:
    """Each choice by its code, its label and each part of its label ("SSD / MDS",
    "Allocation chômage (ARE)"), so that people may type what they are used to."""
    table: dict[str, str] = {}
    for code, label in choices:
        for name in (code, label, *re.split(r"[/()]", str(label))):
            if key(name):
                table.setdefault(key(name), code)
    table.update({key(alias): code for alias, code in extra.items()})
    return table


class CellWidget(Widget):
    """A widget that knows its column's header (set by the sheet) for its messages."""

    header = ""

    def fail(self, value, what: str):
        raise ValueError(f"« {shown(value)} » ({self.header}) {what}")

    def render(self, value, obj=None, **kwargs) -> str:
        return shown(value)


class Text(CellWidget):
    def __init__(self, max_length: int = 200):
        super().__init__()
        self.max_length = max_length

    def clean(self, value, row=None, **kwargs) -> str:
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # an INSEE code or a number typed in a text column
        if isinstance(value, datetime.datetime | datetime.date):
            value = shown(value)
        text = re.sub(r"\s+", " ", str(value)).strip()
        if len(text) > self.max_length:
            raise ValueError(f"« {self.header} » dépasse {self.max_length} caractères")
        return text


class Integer(CellWidget):
    """A whole number; `out_of_range(number)` is the message for one outside the bounds."""

    def __init__(
        self,
        minimum: int | None = None,
        maximum: int | None = None,
        out_of_range: Callable[[int], str] | None = None,
    ):
        super().__init__()
        self.minimum, self.maximum = minimum, maximum
        self.out_of_range = out_of_range

    def clean(self, value, row=None, **kwargs) -> int | None:
        if value is None:
            return None
        number = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif (isinstance(value, float) and value.is_integer()) or (
            isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip())
        ):
            number = int(value)
        if number is None:
            self.fail(value, "n'est pas un nombre entier")
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            if self.out_of_range:
                raise ValueError(self.out_of_range(number))
            raise ValueError(f"{self.header} « {number} » n'est pas plausible")
        return number


def to_decimal(value) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        text = str(value)
    else:
        # Old tools write "1 234,50 €" as well as "1234.5".
        text = re.sub(r"[\s\u00a0\u202f€]", "", str(value)).replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


class Number(CellWidget):
    def __init__(self, places: int = 2, minimum=None, maximum=None):
        super().__init__()
        self.places, self.minimum, self.maximum = places, minimum, maximum

    def clean(self, value, row=None, **kwargs) -> Decimal | None:
        if value is None:
            return None
        number = to_decimal(value)
        if number is None:
            self.fail(value, "n'est pas un nombre")
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            raise ValueError(f"{self.header} « {shown(number)} » n'est pas plausible")
        step = Decimal(1).scaleb(-self.places)
        if number != number.quantize(step):
            raise ValueError(f"{self.header} « {shown(number)} » a plus de {self.places} décimales")
        return number.quantize(step)


class Hours(CellWidget):
    """Hours as a number (1,5), « 1h30 », « 1:30 » or a time or duration cell."""

    def clean(self, value, row=None, **kwargs) -> Decimal | None:
        if value is None:
            return None
        if isinstance(value, datetime.timedelta):
            return Decimal(int(value.total_seconds())) / 3600
        if isinstance(value, datetime.time):
            return Decimal(value.hour) + Decimal(value.minute) / 60
        try:
            return parse_hours(value)
        except ValueError:
            self.fail(value, "n'est pas une durée (par exemple 1,5 ou 1h30)")

    def render(self, value, obj=None, **kwargs) -> str:
        return f"{shown(value)} h" if value is not None else ""


DATE_PATTERNS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%y")


class Date(CellWidget):
    def clean(self, value, row=None, **kwargs) -> datetime.date | None:
        if value is None:
            return None
        day = None
        if isinstance(value, datetime.datetime):
            day = value.date()
        elif isinstance(value, datetime.date):
            day = value
        elif isinstance(value, int | float) and not isinstance(value, bool):
            # A date cell formatted as a number shows Excel's serial (45000 is 15/03/2023).
            if 20000 <= value <= 80000:
                day = from_excel(value).date()
        elif isinstance(value, str):
            text = value.strip().split(" ")[0]  # "03/02/2025 00:00" from some exports
            for pattern in DATE_PATTERNS:
                try:
                    day = datetime.datetime.strptime(text, pattern).date()
                    break
                except ValueError:
                    continue
        if day is None:
            self.fail(value, "n'est pas une date jj/mm/aaaa")
        if not 1900 <= day.year <= timezone.localdate().year + 30:
            raise ValueError(f"la date « {day:%d/%m/%Y} » ({self.header}) n'est pas plausible")
        return day


class Choice(CellWidget):
    """One of the values of a list, by its code, its label or a part of its label.
    `unknown` is the message for anything else, with `{value}` and `{known}` (the labels)."""

    def __init__(self, choices, *, unknown: str, extra: dict[str, str] | None = None):
        super().__init__()
        self.choices = list(choices)
        self.table = aliases(self.choices, **(extra or {}))
        self.labels = dict(self.choices)
        self.unknown = unknown

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return None
        found = self.table.get(key(value))
        if found is None:
            known = listed(self.labels.values())
            raise ValueError(self.unknown.format(value=shown(value), known=known))
        return found

    def render(self, value, obj=None, **kwargs) -> str:
        return str(self.labels.get(value, value or ""))


class YesNo(CellWidget):
    YES = {"oui", "o", "yes", "y", "1", "vrai", "x"}
    NO = {"non", "n", "no", "0", "faux"}

    def clean(self, value, row=None, **kwargs) -> bool | None:
        if value is None:
            return None
        if isinstance(value, bool):
            return value
        text = key(value)
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        self.fail(value, "n'est ni oui ni non")


AMBIGUOUS = object()
_LOOKUPS = itertools.count()


class Lookup(CellWidget):
    """A record of a référentiel by one of its names (`names(record)`). `load(context)` gives
    the records, once per import; `unknown` and `ambiguous` are the messages, with `{value}`
    (`unknown` may be a function of the value)."""

    def __init__(
        self,
        load: Callable[[Any], Iterable[Any]],
        names: Callable[[Any], Iterable[str]],
        *,
        unknown: str | Callable[[str], str],
        ambiguous: str = "plusieurs enregistrements s'appellent « {value} »",
    ):
        super().__init__()
        self.load, self.names = load, names
        self.unknown, self.ambiguous = unknown, ambiguous
        # The key of its table in an import's cache, shared by its copies (each sheet copies
        # its widgets; an id() could be reused once a copy is gone).
        self.cache_key = next(_LOOKUPS)

    def table(self, context) -> dict[str, Any]:
        cache = context.cache.get(("lookup", self.cache_key))
        if cache is None:
            cache = context.cache[("lookup", self.cache_key)] = {}
            for record in self.load(context):
                for name in self.names(record):
                    name = key(name)
                    if name:
                        known = cache.get(name)
                        cache[name] = AMBIGUOUS if known not in (None, record) else record
        return cache

    def clean(self, value, row=None, context=None, **kwargs):
        if value is None:
            return None
        found = self.table(context).get(key(value))
        if found is AMBIGUOUS:
            raise ValueError(self.ambiguous.format(value=shown(value)))
        if found is None:
            if callable(self.unknown):
                raise ValueError(self.unknown(shown(value)))
            raise ValueError(self.unknown.format(value=shown(value)))
        return found


class ListOf(CellWidget):
    """Several values in one cell, separated by « ; », « , » or line breaks."""

    def __init__(self, item: CellWidget, separators: str = r"[;\n,]"):
        super().__init__()
        self.item, self.separators = item, separators

    def clean(self, value, row=None, **kwargs) -> list:
        if value is None:
            return []
        self.item.header = self.header
        parts = [part.strip() for part in re.split(self.separators, str(value))]
        result = []
        for part in parts:
            if part:
                cleaned = self.item.clean(part, row=row, **kwargs)
                if cleaned not in result:
                    result.append(cleaned)
        return result

    def render(self, value, obj=None, **kwargs) -> str:
        return " ; ".join(self.item.render(item) for item in value or [])


@dataclass(frozen=True)
class Column:
    """A column of a sheet: its header (and the other names it goes by in the association's
    previous tools), where its value goes, how its cells are read. A required column must be
    in the header row and filled on every row."""

    header: str
    attribute: str
    widget: CellWidget = field(default_factory=Text)
    required: bool = False
    hint: str = ""
    aliases: tuple[str, ...] = ()
    # Offered as a drop-down list in the template (the import also accepts codes).
    choices: Callable[[], Iterable[str]] | None = None

    @property
    def keys(self) -> set[str]:
        return {header_key(name) for name in (self.header, *self.aliases)}
