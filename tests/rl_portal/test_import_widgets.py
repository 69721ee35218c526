"""The widgets that read the cells of every import: what they accept, and the French message
for anything else."""

import datetime
from decimal import Decimal

import pytest

from rl_portal.importing.columns import (
    Choice,
    Date,
    Hours,
    Integer,
    ListOf,
    Number,
    Text,
    YesNo,
    key,
    shown,
)


def widget(cls, *args, header="Colonne", **kwargs):
    made = cls(*args, **kwargs)
    made.header = header
    return made


@pytest.mark.parametrize(
    ("value", "hours"),
    [
        (1.5, Decimal("1.5")),
        ("1,5", Decimal("1.5")),
        ("1h30", Decimal("1.5")),
        ("2 h 15", Decimal("2.25")),
        ("0:45", Decimal("0.75")),
        ("3h", Decimal("3")),
        (datetime.time(2, 30), Decimal("2.5")),
        (datetime.timedelta(hours=26), Decimal("26")),  # the service says « 24 h au plus »
    ],
)
def test_hours(value, hours):
    assert widget(Hours, header="Heures").clean(value) == hours


def test_hours_refused():
    with pytest.raises(ValueError, match=r"« deux » \(Heures\) n'est pas une durée"):
        widget(Hours, header="Heures").clean("deux")


@pytest.mark.parametrize(
    "value",
    [
        "06/03/2023",
        "06-03-2023",
        "06.03.2023",
        "2023-03-06",
        "06/03/23",
        "06/03/2023 00:00",
        datetime.datetime(2023, 3, 6, 14, 0),
        datetime.date(2023, 3, 6),
        44991,  # the serial number of a date cell formatted as a number
    ],
)
def test_dates(value):
    assert widget(Date).clean(value) == datetime.date(2023, 3, 6)


def test_dates_refused():
    date = widget(Date, header="Entrée")
    with pytest.raises(ValueError, match=r"« 31/02/2023 » \(Entrée\) n'est pas une date"):
        date.clean("31/02/2023")
    with pytest.raises(ValueError, match=r"« 12 » \(Entrée\) n'est pas une date"):
        date.clean(12)
    with pytest.raises(ValueError, match="n'est pas plausible"):
        date.clean("01/01/1850")


def test_numbers_and_integers():
    money = widget(Number, 2, Decimal("0"), Decimal("100000"), header="Ressources")
    assert money.clean("1 234,50 €") == Decimal("1234.50")
    assert money.clean(600.5) == Decimal("600.50")
    with pytest.raises(ValueError, match="a plus de 2 décimales"):
        money.clean("3,505")
    with pytest.raises(ValueError, match="n'est pas plausible"):
        money.clean(-1)
    with pytest.raises(ValueError, match="n'est pas un nombre"):
        money.clean("beaucoup")
    places = widget(Integer, 1, 99, header="Places")
    assert places.clean("3") == 3 and places.clean(3.0) == 3
    for wrong in ("3,5", True, 2.5):
        with pytest.raises(ValueError, match="n'est pas un nombre entier"):
            places.clean(wrong)


def test_text_choices_and_lists():
    assert widget(Text).clean("  Carvin   T2\n n° 3 ") == "Carvin T2 n° 3"
    assert widget(Text).clean(62250.0) == "62250"
    with pytest.raises(ValueError, match="dépasse 5 caractères"):
        widget(Text, 5, header="Code").clean("trop long")
    choice = widget(
        Choice,
        [("a", "ASE / aide sociale"), ("b", "Mission locale")],
        unknown="« {value} » inconnu ({known})",
        extra={"ML": "b"},
    )
    assert [choice.clean(v) for v in ("ase", "Aide sociale", "mission  LOCALE", "ml")] == [
        "a",
        "a",
        "b",
        "b",
    ]
    with pytest.raises(ValueError, match=r"« CAF » inconnu \(ASE / aide sociale, Mission locale\)"):
        choice.clean("CAF")
    several = widget(ListOf, choice)
    assert several.clean("ASE ; ml, ase\nMission locale") == ["a", "b"]
    assert several.render(["a", "b"]) == "ASE / aide sociale ; Mission locale"
    assert [widget(YesNo).clean(v) for v in ("Oui", "non", "X", True, None)] == [
        True,
        False,
        True,
        True,
        None,
    ]


def test_keys_and_shown_values():
    assert key("Hénin-Beaumont") == key("henin beaumont") == "heninbeaumont"
    assert shown(Decimal("512.40")) == "512,40"
    assert shown(Decimal("3")) == "3"
    assert shown(datetime.date(2025, 2, 3)) == "03/02/2025"
