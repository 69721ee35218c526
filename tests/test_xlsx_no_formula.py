"""Issue 10, item 4: no workbook the application writes holds a formula, whatever users typed.

Text typed in the application (an instance meeting's name, a collective action's title used as a
column header, a partner, a housing unit, the association's name) is fed as formula-like text;
every workbook (each report, each import template) is read back and no cell may be a formula."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from prevention.models import InstanceMeeting
from reporting.documents import DEFINITIONS
from reporting.models import AssociationProfile
from reportkit.xlsx import append_row, write_cell
from rl_portal.models import Quartier
from rl_portal.roles import Role
from tests.habitat.factories import HousingUnitFactory, StayFactory
from tests.prevention.factories import (
    AccompanimentFactory,
    CollectiveActionFactory,
    TimeEntryFactory,
    dispositif,
)
from tests.rl_portal.factories import PartnerFactory, make_user

pytestmark = pytest.mark.django_db

INJECTED = '=HYPERLINK("http://example.invalid/x","CISPD")'
FORMULA_LIKE = [INJECTED, "+33 6 12", "-1+2", "@SUM(A1:A3)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def formula_like_records():
    """Records of 2025 whose free texts all read like formulas."""
    user = make_user(Role.EDUCATEUR, "prevention", username="educ-x")
    AssociationProfile.objects.update_or_create(pk=1, defaults={"name": "=1+1"})
    InstanceMeeting.objects.create(
        dispositif=dispositif("sps"),
        instance=InstanceMeeting.Instance.CISPD,
        name=INJECTED,
        date=datetime.date(2025, 3, 3),
        created_by=user,
    )
    action = CollectiveActionFactory(title='=HYPERLINK("http://example.invalid/y","Sortie")')
    action.sessions.create(date=datetime.date(2025, 4, 1))
    for text in FORMULA_LIKE:
        PartnerFactory(name=text, informal_reason="@motif")
    Quartier.objects.filter(pk__in=Quartier.objects.values("pk")[:1]).update(name="+Quartier")
    TimeEntryFactory(date=datetime.date(2025, 3, 3), hours=3)
    AccompanimentFactory(start=datetime.date(2025, 2, 1))
    StayFactory(unit=HousingUnitFactory(label="=Carvin T2"), entry=datetime.date(2025, 2, 1))


def formula_cells(content: bytes) -> list[str]:
    workbook = load_workbook(io.BytesIO(content))
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def texts(content: bytes) -> set[str]:
    workbook = load_workbook(io.BytesIO(content))
    return {str(cell.value) for sheet in workbook for row in sheet.iter_rows() for cell in row}


@pytest.mark.parametrize("slug", list(DEFINITIONS))
def test_no_report_workbook_holds_a_formula(client, formula_like_records, slug):
    client.force_login(make_user(Role.DIRECTION, username="dir"))
    response = client.get(reverse("reporting:xlsx", args=[slug]), {"year": 2025})
    assert response.status_code == 200
    assert formula_cells(response.content) == []
    if slug == "sps-departement":
        written = texts(response.content)
        # The instance (sheet instances-territoriales) and the action's title are there, as text.
        assert INJECTED in written
        assert any("example.invalid/y" in text for text in written)
        assert "=1+1" in written


@pytest.mark.parametrize(
    ("url", "service"),
    [("prevention:import-template", "prevention"), ("habitat:import-template", "habitat")],
)
def test_no_import_template_holds_a_formula(client, formula_like_records, url, service):
    client.force_login(make_user(Role.CHEF_SERVICE, service, username=f"chef-{service}"))
    response = client.get(reverse(url))
    assert response.status_code == 200
    assert formula_cells(response.content) == []


@pytest.mark.parametrize("text", FORMULA_LIKE)
def test_a_formula_like_text_is_written_as_text_and_numbers_stay_numbers(text):
    sheet = Workbook().active
    row = append_row(sheet, [text, 3, 2.5, None, "Carvin"])
    cells = sheet[row]
    assert (cells[0].value, cells[0].data_type, cells[0].quotePrefix) == (text, "s", True)
    assert [(c.value, c.data_type) for c in cells[1:3]] == [(3, "n"), (2.5, "n")]
    assert (cells[4].data_type, cells[4].quotePrefix) == ("s", False)
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    assert formula_cells(buffer.getvalue()) == []
    # (XML reads a carriage return back as a line feed.)
    assert load_workbook(buffer).active["A1"].value == text.replace("\r", "\n")


def test_a_control_character_is_dropped_not_a_server_error():
    sheet = Workbook().active
    assert write_cell(sheet, 1, 1, "CISPD\x00\x07 CAHC").value == "CISPD CAHC"


def test_every_workbook_is_written_through_reportkit_xlsx():
    """The kind, not the instance: a module that builds a workbook writes its cells through
    reportkit.xlsx (a new export cannot forget)."""
    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.glob("*/**/*.py"):
        if path.parts[len(root.parts)] in {".venv", "tests", "static"}:
            continue
        source = path.read_text(encoding="utf-8")
        if "Workbook(" in source and "reportkit.xlsx" not in source:
            offenders.append(str(path.relative_to(root)))
        if ".append(" in source and "openpyxl" in source and "sheet.append(" in source:
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
