"""The Table model: what a table declares (column kinds, rows in the total, sums, populations),
the one rounding rule of shares, the JSON and snapshot formats, and the generic invariants
checked on every report."""

from decimal import Decimal

from reportkit.invariants import document_faults, table_faults
from reportkit.tables import (
    Format,
    Kind,
    Row,
    Table,
    shares_of_total,
    table_from_snapshot,
    table_snapshot,
)


def sex_table(**changes) -> Table:
    """Two sexes and the others, three age rows and an unknown one, shares of the known."""
    data = {
        "id": "public",
        "title": "Public par sexe et âge",
        "columns": ["Femmes", "Hommes", "Non binaire", "Total", "%"],
        "rows": [
            Row("18 à 20 ans", [1, 1, 0, 2, Decimal("33.34")]),
            Row("21 à 25 ans", [1, 0, 1, 2, Decimal("33.33")]),
            Row("26 ans et plus", [0, 2, 0, 2, Decimal("33.33")]),
            Row("Âge non renseigné", [0, 1, 0, 1, None]),
        ],
        "total_row": Row("Total", [2, 4, 1, 7, Decimal(100)]),
        "kinds": [Kind.COUNT, Kind.COUNT, Kind.COUNT, Kind.COUNT, Kind.SHARE],
        "sums": [("Total", ["Femmes", "Hommes", "Non binaire"])],
        "population": "public",
    }
    data.update(changes)
    return Table(**data)


def test_three_equal_shares_add_up_to_100():
    # The fault: 33,33 % three times under « Total 100 ».
    assert shares_of_total([1, 1, 1]) == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(shares_of_total([1, 1, 1])) == 100
    assert shares_of_total([2, 1]) == [Decimal("66.67"), Decimal("33.33")]
    # An unknown part is outside the shares: the others add up to 100 without it.
    assert shares_of_total([3, None, 1]) == [Decimal("75.00"), None, Decimal("25.00")]
    assert shares_of_total([None, 0]) == [None, Decimal("0.00")]


def test_a_consistent_table_has_no_fault():
    assert table_faults(sex_table()) == []


def test_invariants_find_each_kind_of_fault():
    # Femmes + Hommes without the others' column: 1 + 1 = 2 for a Total of 3.
    dropped = sex_table(
        columns=["Femmes", "Hommes", "Total", "%"],
        rows=[Row("18 à 20 ans", [1, 1, 3, Decimal(100)])],
        total_row=Row("Total", [1, 1, 3, Decimal(100)]),
        kinds=[Kind.COUNT] * 3 + [Kind.SHARE],
        sums=[("Total", ["Femmes", "Hommes"])],
    )
    assert any("Femmes + Hommes = 2 pour Total = 3" in f for f in table_faults(dropped))
    # Rows that do not add up to the Total row.
    short = sex_table(total_row=Row("Total", [2, 4, 1, 8, Decimal(100)]))
    assert any("Total fait 7" in f or "fait 7 ligne à ligne" in f for f in table_faults(short))
    # Shares that do not add up to 100.
    rounded = sex_table()
    for row in rounded.rows[:3]:
        row.cells[4] = Decimal("33.33")
    assert any("font 99.99 %" in f for f in table_faults(rounded))
    # A rate above 100 % where over-activity is not declared.
    rate = Table(
        id="t",
        title="Taux",
        columns=["Valeur"],
        rows=[Row("Taux d'occupation", [Decimal("102.81")], format=Format.PERCENT)],
    )
    assert table_faults(rate) and not table_faults(
        Table(**{**rate.__dict__, "over_activity": True})
    )
    # The same population with two totals in one report.
    other = sex_table(id="composition", total_row=Row("Total", [2, 4, 1, 7, Decimal(100)]))
    other.total_row.cells[3] = 6
    assert any("plusieurs totaux" in f for f in document_faults([sex_table(), other]))


def test_rows_out_of_the_total_and_overlapping_rows():
    table = Table(
        id="demandes",
        title="Demandes",
        columns=["Nombre"],
        rows=[
            Row("Demandes", [10]),
            Row("dont admises", [4], level=1),
            Row("Sans suite", [2], in_total=True),
        ],
        total_row=Row("Total", [12]),
        kinds=[Kind.COUNT],
    )
    assert [row.in_total for row in table.rows] == [True, False, True]
    assert table_faults(table) == []
    overlapping = Table(
        id="difficultes",
        title="Difficultés",
        columns=["Ménages"],
        rows=[Row("Budget", [3]), Row("Santé", [5])],
        total_row=Row("Total (ménages différents)", [4]),
        kinds=[Kind.DISTINCT],
    )
    assert any("Santé" in f and "dépasse" in f for f in table_faults(overlapping))


def test_json_rows_carry_their_level_and_whether_they_are_in_the_total():
    # The fault: summing the organigramme's rows gave twice its TOTAL.
    table = Table(
        id="organigramme",
        title="Organigramme",
        columns=["ETP"],
        rows=[
            Row("Personnel éducatif", [""], format=Format.TEXT, in_total=False),
            Row("ETP éducateur", [Decimal("2.5")], level=1, in_total=True),
            Row("Sous-total", [Decimal("2.5")], in_total=False),
        ],
        total_row=Row("TOTAL", [Decimal("2.5")]),
        kinds=[Kind.QUANTITY],
    )
    rows = table.as_dict()["rows"]
    assert [(r["level"], r["in_total"]) for r in rows] == [(0, False), (1, True), (0, False)]
    assert (
        sum(r["cells"][0] for r in rows if r["in_total"])
        == table.as_dict()["total_row"]["cells"][0]
    )
    assert table.as_dict()["column_kinds"] == ["quantity"]


def test_snapshots_keep_everything_and_old_ones_print_as_validated():
    table = sex_table(dispositif="CLLAJ", notes=["Note"])
    again = table_from_snapshot(table_snapshot(table))
    assert again == table
    # A snapshot taken before kinds existed: figures print with their rows' formats.
    old = table_snapshot(table)
    for key in ("kinds", "sums", "rows_overlap", "over_activity", "population", "dispositif"):
        del old[key]
    for row in [*old["rows"], old["total_row"]]:
        del row["in_total"]
        row["format"] = Format.DECIMAL
    printed = table_from_snapshot(old)
    assert printed.kinds == [] and printed.sums == []
    assert printed.formatted(printed.rows[0]) == [
        (1, Format.DECIMAL),
        (1, Format.DECIMAL),
        (0, Format.DECIMAL),
        (2, Format.DECIMAL),
        (Decimal("33.34"), Format.DECIMAL),
    ]


def test_a_cell_reads_as_its_column_kind():
    table = sex_table()
    assert [f for _v, f in table.formatted(table.rows[0])] == [Format.INTEGER] * 4 + [
        Format.PERCENT
    ]
    assert table.headcount == 7
