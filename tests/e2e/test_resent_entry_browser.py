"""The online quick entry sent twice, on a phone: when the connection breaks after the server
recorded the entry but before its answer arrives, the phone keeps the entry under the form's
key and sends it again — the server says it has it; a form posted again (back and resubmit)
is answered « Saisie déjà enregistrée ». Either way, one set of entries."""

import pytest
from playwright.sync_api import expect

from prevention.models import TimeEntry
from rl_portal.models import OfflineSubmission
from rl_portal.roles import Role
from tests.e2e.conftest import PHONE, login
from tests.rl_portal.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def context(browser):
    context = browser.new_context(
        viewport=PHONE, locale="fr-FR", is_mobile=True, has_touch=True, service_workers="allow"
    )
    yield context
    context.close()


@pytest.fixture
def page(context, live_server):
    make_user(Role.EDUCATEUR, "prevention", username="julie", first_name="Julie")
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "julie", PASSWORD)
    page.goto(f"{live_server.url}/prevention/saisie/")
    # The page's script is running (it renews the form's key at load).
    page.wait_for_function("() => window.RLOffline !== undefined")
    return page


def test_an_entry_whose_answer_is_lost_is_sent_again_and_recorded_once(context, page):
    lost = []

    def record_then_lose_the_answer(route):
        if route.request.method == "POST" and not lost:
            route.fetch()  # the server records the entry…
            lost.append(route.request.post_data)
            route.abort("connectionreset")  # …and the answer never reaches the phone
        else:
            route.continue_()

    context.route("**/prevention/saisie/", record_then_lose_the_answer)
    page.get_by_label("Formation").fill("3")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.locator("#quick-entry")).to_contain_text("La connexion a coupé pendant l'envoi")
    assert lost
    # The phone sends the entry again on its own, under the key the server knows.
    expect(page.locator("#offline-receipts")).to_contain_text("Saisie déjà reçue le")
    expect(page.locator("#offline-status")).to_be_hidden()
    assert TimeEntry.objects.count() == 1
    assert OfflineSubmission.objects.count() == 1
    assert "client_uuid" in lost[0]


def test_a_form_posted_again_is_answered_already_recorded(page):
    page.get_by_label("Présence sociale").fill("1,5")
    form = page.evaluate(
        "() => new URLSearchParams(new FormData(document.getElementById('quick-entry'))).toString()"
    )
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.locator("#quick-entry")).to_contain_text("Enregistré : 1,5 h")
    # The same form sent once more, as the browser does on « back » and « resubmit ».
    again = page.evaluate(
        """async (body) => {
          const response = await fetch('/prevention/saisie/', {
            method: 'POST', body, credentials: 'same-origin',
            headers: {'Content-Type': 'application/x-www-form-urlencoded'},
          });
          return response.text();
        }""",
        form,
    )
    assert "Saisie déjà enregistrée le " in again
    assert "1,5 h" in again
    assert TimeEntry.objects.count() == 1
