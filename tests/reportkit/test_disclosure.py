"""Small-number masking of a table (reportkit.disclosure): the expected tables written out."""

from decimal import Decimal

from reportkit.disclosure import SECONDARY, mask_small_counts
from reportkit.tables import Kind, Row, Table

M = "< 3"
S = SECONDARY


def cells(table):
    return [row.cells for row in [*table.rows, *([table.total_row] if table.total_row else [])]]


def by_sex(rows, total):
    return Table(
        id="t",
        title="Jeunes par âge et sexe",
        columns=["Filles", "Garçons", "Total"],
        kinds=[Kind.COUNT, Kind.COUNT, Kind.COUNT],
        sums=[("Total", ["Filles", "Garçons"])],
        rows=[Row(label, list(values)) for label, values in rows],
        total_row=Row("Total", list(total)),
    )


def test_nothing_small_nothing_masked():
    table = by_sex([("11-14", [4, 5, 9]), ("15-18", [3, 0, 3])], [7, 5, 12])
    assert mask_small_counts(table, 3) is False
    assert cells(table) == [[4, 5, 9], [3, 0, 3], [7, 5, 12]]
    assert table.notes == []


def test_a_small_count_and_the_figures_that_would_give_it_back_are_masked():
    table = by_sex([("11-14", [1, 5, 6]), ("15-18", [4, 6, 10]), ("19-21", [3, 4, 7])], [8, 15, 23])
    assert mask_small_counts(table, 3) is True
    # 1 is masked; its row's Total (6) would give it back from the 5 beside it, its column's
    # Total (8) from 4 + 3: the smallest visible part of each line is masked too, and so on
    # until no line has a single masked figure.
    for line in cells(table):
        figures = line[:2]
        assert sum(1 for f in [*figures, line[2]] if isinstance(f, str)) != 1
    columns = list(zip(*cells(table), strict=True))
    for column in columns:
        assert sum(1 for f in column if isinstance(f, str)) != 1
    assert cells(table)[0][0] == M
    assert table.notes and "inférieurs à 3" in table.notes[0]


def test_secondary_masking_written_out():
    table = Table(
        id="t",
        title="Scolarité",
        columns=["Jeunes"],
        kinds=[Kind.COUNT],
        rows=[Row("Collège", [2]), Row("Lycée", [7]), Row("Emploi", [5])],
        total_row=Row("Total", [14]),
    )
    mask_small_counts(table, 3)
    # 2 hidden; 14 - 7 - 5 would give it: the smallest visible part (5) is hidden too.
    assert cells(table) == [[M], [7], [S], [14]]


def test_the_total_is_masked_when_no_other_part_can_hide_it():
    table = Table(
        id="t",
        title="Scolarité",
        columns=["Jeunes"],
        kinds=[Kind.COUNT],
        rows=[Row("Collège", [2]), Row("Lycée", [0])],
        total_row=Row("Total", [2]),
    )
    mask_small_counts(table, 3)
    assert cells(table) == [[M], [0], [M]]


def test_shares_of_a_masked_row_are_masked():
    table = Table(
        id="t",
        title="Activités",
        columns=["Jeunes", "Part"],
        kinds=[Kind.COUNT, Kind.SHARE],
        rows=[
            Row("A", [1, Decimal("10.00")]),
            Row("B", [4, Decimal("40.00")]),
            Row("C", [5, Decimal("50.00")]),
        ],
        total_row=Row("Total", [10, Decimal("100.00")]),
    )
    mask_small_counts(table, 3)
    assert cells(table) == [
        [M, S],
        [S, S],
        [5, Decimal("50.00")],
        [10, Decimal("100.00")],
    ]


def test_rows_that_overlap_do_not_add_up_and_hours_are_not_counts():
    table = Table(
        id="t",
        title="Problématiques",
        columns=["Jeunes", "Heures"],
        kinds=[Kind.DISTINCT, Kind.HOURS],
        rows_overlap=True,
        rows=[Row("Santé", [1, Decimal("2.5")]), Row("Logement", [4, Decimal("1")])],
        total_row=Row("Total", [4, Decimal("3.5")]),
    )
    mask_small_counts(table, 3)
    assert cells(table) == [[M, Decimal("2.5")], [4, Decimal("1")], [4, Decimal("3.5")]]


def test_detail_rows_adding_up_to_their_heading():
    table = Table(
        id="t",
        title="Problématiques",
        columns=["Jeunes"],
        kinds=[Kind.COUNT],
        rows=[
            Row("Santé", [6]),
            Row("physique", [1], level=1),
            Row("psychique", [5], level=1),
            Row("Logement", [4]),
        ],
        total_row=Row("Total", [10]),
    )
    mask_small_counts(table, 3)
    assert cells(table) == [[6], [M], [S], [4], [10]]


def test_tables_of_one_population_mask_their_total_alike():
    from reportkit.disclosure import mask_tables

    def table(rows, total):
        return Table(
            id="t",
            title="t",
            columns=["Jeunes"],
            kinds=[Kind.COUNT],
            population="jeunes",
            rows=[Row(label, [value]) for label, value in rows],
            total_row=Row("Total", [total]),
        )

    by_age = table([("11-14", 2), ("15-18", 0)], 2)
    by_school = table([("Collège", 2), ("Lycée", 0)], 2)
    hours = Table(id="h", title="h", columns=["Heures"], kinds=[Kind.HOURS], rows=[Row("a", [1])])
    masked = mask_tables([by_age, by_school, hours], 3)
    assert masked == {id(by_age), id(by_school)}
    assert cells(by_age) == cells(by_school) == [[M], [0], [M]]
    assert cells(hours) == [[1]]


def test_small_counts_whose_only_combination_the_total_fixes_are_not_left_alone():
    # Filles 2 and Garçons 2 both « < 3 » beside a Total of 4: each must be 2.
    table = by_sex([("11-14", [2, 2, 4]), ("15-18", [5, 6, 11])], [7, 8, 15])
    mask_small_counts(table, 3)
    row = cells(table)[0]
    assert row[:2] == [M, M] and row[2] == S
