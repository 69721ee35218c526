"""Small-number masking in the reports (issue 10, item 11): a one-day SPS report read by the
secrétariat shows no count of 1 or 2, in any format; a full year is not masked; a reader with
access to the records sees every figure."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from reporting import renderers
from reportkit.disclosure import SECONDARY
from reportkit.tables import Kind
from rl_portal.models import Commune
from rl_portal.roles import Role
from tests.prevention.factories import AccompanimentFactory, ContactFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db
DAY = datetime.date(2025, 3, 3)
ONE_DAY = {"start": DAY.isoformat(), "end": DAY.isoformat()}
MASK = "< 3"


@pytest.fixture
def one_day():
    """Four youths met on one day, each of another age and sex; one of them accompanied."""
    oignies = Commune.objects.get(name="Oignies")
    for sex, year in (("F", 2012), ("M", 2009), ("F", 2006), ("M", 2001)):
        ContactFactory(date=DAY, person__sex=sex, person__birth_year=year, person__commune=oignies)
    AccompanimentFactory(start=DAY, person__birth_year=2010, person__commune=oignies)


def report_json(user, **params):
    api = APIClient()
    api.force_authenticate(user)
    response = api.get("/api/v1/reports/sps-departement/", params)
    assert response.status_code == 200
    return response.json()


def count_cells(data):
    """(table id, row, column, figure) of every count of the report."""
    for table in data["tables"]:
        kinds = table["column_kinds"]
        for row in [*table["rows"], *([table["total_row"]] if "total_row" in table else [])]:
            for index, value in enumerate(row["cells"]):
                kind = kinds[index] if index < len(kinds) else ""
                if kind in (Kind.COUNT, Kind.DISTINCT) or (
                    not kind and row["format"] in ("integer", "decimal", "text")
                ):
                    yield table["id"], row["label"], index, value


def small_counts(data):
    return [cell for cell in count_cells(data) if cell[3] in (1, 2)]


def test_a_one_day_report_shows_the_secretariat_no_count_of_one_or_two(one_day):
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    data = report_json(secretariat, **ONE_DAY)
    assert small_counts(data) == []
    assert any(cell[3] == MASK for cell in count_cells(data))
    assert data["small_counts_masked"]["threshold"] == 3
    masked = [t for t in data["tables"] if any(MASK in map(str, r["cells"]) for r in t["rows"])]
    assert masked and all("Secret statistique" in " ".join(t["notes"]) for t in masked)


def test_the_same_day_unmasked_for_readers_of_the_records(one_day):
    """The direction and the prevention's chef de service read the youths' records: the
    figures are theirs to see."""
    for user in (
        make_user(Role.DIRECTION, username="direction"),
        make_user(Role.CHEF_SERVICE, "prevention", username="chef"),
    ):
        data = report_json(user, **ONE_DAY)
        assert small_counts(data), user
        assert "small_counts_masked" not in data


def test_a_full_year_is_not_masked(one_day):
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    data = report_json(secretariat, year=2025)
    assert small_counts(data)
    assert "small_counts_masked" not in data


def test_a_month_is_not_masked_a_day_less_is(one_day):
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    assert small_counts(report_json(secretariat, start="2025-03-01", end="2025-03-31"))
    assert not small_counts(report_json(secretariat, start="2025-03-01", end="2025-03-30"))


def test_page_pdf_and_workbook_are_masked_alike(client, one_day, monkeypatch):
    secretariat = make_user(Role.SECRETARIAT, username="secretariat")
    data = report_json(secretariat, **ONE_DAY)
    client.force_login(secretariat)

    page = client.get(reverse("reporting:report", args=["sps-departement"]), ONE_DAY)
    html = page.content.decode()
    assert "Secret statistique" in html and "&lt; 3" in html

    printed = {}

    def fake_pdf(document):
        printed["document"] = document
        return b"%PDF-1.7"

    monkeypatch.setattr(renderers, "render_pdf", fake_pdf)
    pdf = client.get(reverse("reporting:pdf", args=["sps-departement"]), ONE_DAY)
    assert pdf.status_code == 200
    document = printed["document"]
    assert document.small_counts_masked == 3
    assert small_counts(document.as_dict()) == []

    workbook = load_workbook(
        io.BytesIO(client.get(reverse("reporting:xlsx", args=["sps-departement"]), ONE_DAY).content)
    )
    sheets = workbook.worksheets[1:]  # after the summary
    assert len(sheets) == len(data["tables"])
    for sheet, table in zip(sheets, data["tables"], strict=True):
        rows = [*table["rows"], *([table["total_row"]] if "total_row" in table else [])]
        for offset, row in enumerate(rows):
            for index, value in enumerate(row["cells"]):
                if value in (MASK, SECONDARY):
                    assert sheet.cell(row=3 + offset, column=2 + index).value == value
        if any(MASK in map(str, row["cells"]) for row in rows):
            notes = [c.value for c in sheet["A"] if isinstance(c.value, str)]
            assert any("Secret statistique" in note for note in notes)


def test_a_report_cut_by_commune_is_masked_even_over_a_year():
    from reporting.documents.prevention.others import emps_communes
    from reportkit.periods import Period
    from tests.prevention.factories import dispositif

    commune = Commune.objects.get(name="Hénin-Beaumont")
    for year in (2008, 2012):
        AccompanimentFactory(
            dispositif=dispositif("emps"),
            start=datetime.date(2025, 2, 1),
            person__birth_year=year,
            person__commune=commune,
            person__services=["emps"],
        )
    api = APIClient()
    api.force_authenticate(make_user(Role.SECRETARIAT, username="secretariat"))
    whole = api.get("/api/v1/reports/emps-bilan/", {"year": 2025}).json()
    assert small_counts(whole) and "small_counts_masked" not in whole
    name = emps_communes(Period.year(2025))[0]
    cut = api.get("/api/v1/reports/emps-bilan/", {"year": 2025, "commune": name}).json()
    assert small_counts(cut) == []
    assert cut["small_counts_masked"]["threshold"] == 3
