"""The director opens last year's SPS report and downloads its PDF and XLSX."""

import datetime
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from rl_portal.roles import Role
from tests.e2e.conftest import login
from tests.prevention.factories import ContactFactory, TimeEntryFactory
from tests.rl_portal.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_download_the_sps_report(live_server, browser):
    make_user(Role.DIRECTION, username="directrice", first_name="Claire")
    TimeEntryFactory(date=datetime.date(2025, 3, 3), hours=3)
    ContactFactory(date=datetime.date(2025, 3, 3))
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    login(page, live_server, "directrice", PASSWORD)
    page.get_by_role("link", name="Rapports").click()
    page.get_by_role("link", name="2025").first.click()
    expect(page.get_by_role("heading", name="Rapport d'activités du SPS — 2025")).to_be_visible()
    expect(page.locator("#activite-heures")).to_contain_text("3,00 h")

    # WeasyPrint builds the whole SPS report: seconds on an idle machine, about 30 s on two
    # busy cores. A ceiling for the wait, not a measure of speed (that is `make bench`).
    with page.expect_download(timeout=120_000) as pdf_download:
        page.get_by_role("link", name="PDF").click()
    pdf = pdf_download.value
    assert pdf.suggested_filename == "sps-departement-2025.pdf"
    with open(pdf.path(), "rb") as handle:
        assert handle.read(4) == b"%PDF"

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="XLSX").click()
    xlsx = xlsx_download.value
    assert xlsx.suggested_filename == "sps-departement-2025.xlsx"
    with open(xlsx.path(), "rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    # Sheets are named after their tables (the Sommaire lists them).
    assert workbook["Activité du service – heures…"]["B3"].value == 3
    context.close()
