"""The quick entry and the roll call without network, on a phone: entries typed offline wait on
the device, the page reloads from the service worker's cache, and when the network is back each
entry reaches the server exactly once — even when an answer is lost on the way; a refused entry
stays on the phone with the server's reason, to be corrected; a roll call that meets a
colleague's is shown side by side and never written over it; logout wipes the phone."""

import datetime
import re
from decimal import Decimal

import pytest
from django.contrib.sessions.models import Session as DjangoSession
from django.utils import timezone
from playwright.sync_api import expect

from prevention.models import Contact, TimeEntry
from rl_portal.models import OfflineSubmission, Person
from rl_portal.roles import Role
from scolaire import services as scolaire_services
from scolaire.models import Attendance
from tests.e2e.conftest import PHONE, login
from tests.prevention.factories import TimeEntryFactory, dispositif
from tests.rl_portal.factories import PASSWORD, PersonFactory, make_user
from tests.scolaire.factories import EnrolmentFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)
SYNC_URL = "**/api/v1/prevention/quick-entries/"


@pytest.fixture
def julie():
    return make_user(Role.EDUCATEUR, "prevention", username="julie", first_name="Julie")


@pytest.fixture
def context(browser):
    # Service workers need a secure context: the live server's 127.0.0.1 is one.
    context = browser.new_context(
        viewport=PHONE, locale="fr-FR", is_mobile=True, has_touch=True, service_workers="allow"
    )
    yield context
    context.close()


@pytest.fixture
def page(context, live_server, julie):
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "julie", PASSWORD)
    return page


def open_quick_entry(page, live_server):
    """The quick entry, online, until the phone has what it needs offline: the service worker
    in control, the page in its cache, the youths kept for the search."""
    page.goto(f"{live_server.url}/prevention/saisie/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    ready = """async () => {
      const page = await (await caches.open('rl-pages')).match('/prevention/saisie/');
      const youths = await RLOffline.kept('youths');
      return page !== undefined && youths !== null;
    }"""
    for _attempt in range(100):
        if page.evaluate(ready):
            return
        page.wait_for_timeout(100)
    raise AssertionError("La saisie du jour n'est pas prête hors ligne.")


def pending(page):
    return page.locator("#offline-count")


def test_two_entries_typed_offline_arrive_exactly_once(live_server, context, page, julie):
    known = PersonFactory(pseudonym="Inès", services=["prevention"])
    Contact.objects.create(
        person=known,
        dispositif=dispositif(),
        date=timezone.localdate(),
        mode="travail_de_rue",
        educator=julie,
    )
    open_quick_entry(page, live_server)
    context.set_offline(True)
    # First entry: hours and a youth created on the spot.
    page.get_by_label("Travail de rue").fill("2")
    page.get_by_text("Nouveau jeune").click()
    page.get_by_label("Pseudonyme").fill("Yanis")
    page.get_by_label("Âge (environ)").fill("16")
    page.get_by_role("button", name=re.compile("Créer et ajouter|Ajouter à la saisie")).click()
    expect(page.locator("#selected-youths")).to_contain_text("Yanis (nouveau)")
    page.get_by_label("Jeunes rencontrés en").select_option(value="travail_de_rue")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.locator("#quick-entry")).to_contain_text("en attente d'envoi")
    expect(pending(page)).to_have_text("1 saisie en attente d'envoi")
    # Second entry: hours and a known youth, found in the list kept on the phone.
    page.get_by_label("Présence sociale").fill("1,5")
    page.get_by_placeholder("Chercher un jeune (pseudonyme)").fill("ine")
    page.get_by_role("button", name="Inès").click()
    expect(page.locator("#selected-youths")).to_contain_text("Inès")
    page.get_by_label("Jeunes rencontrés en").select_option(value="presence_sociale")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(pending(page)).to_have_text("2 saisies en attente d'envoi")

    # Still offline, the page reloads from the cache and the queue is there.
    page.reload()
    expect(page.get_by_role("heading", name="Saisie du jour")).to_be_visible()
    expect(page.locator("#offline-network")).to_be_visible()
    expect(pending(page)).to_have_text("2 saisies en attente d'envoi")
    assert not TimeEntry.objects.exists()

    context.set_offline(False)
    expect(page.locator("#offline-status")).to_be_hidden()
    expect(page.locator("#offline-receipts")).to_contain_text("Saisie reçue : 2 h et 1 jeune")
    expect(page.locator("#offline-receipts")).to_contain_text("Saisie reçue : 1,5 h et 1 jeune")

    # Sending again (a reload, the button) writes nothing more.
    page.reload()
    expect(page.get_by_role("heading", name="Saisie du jour")).to_be_visible()
    page.evaluate("() => RLOffline.syncAll()")
    assert sorted(TimeEntry.objects.values_list("hours", flat=True)) == [
        Decimal("1.5"),
        Decimal("2"),
    ]
    assert Person.objects.filter(pseudonym="Yanis").count() == 1
    assert sorted(
        Contact.objects.filter(date__gte=timezone.localdate()).values_list(
            "person__pseudonym", flat=True
        )
    ) == ["Inès", "Inès", "Yanis"]  # the earlier contact of Inès, and today's two
    assert OfflineSubmission.objects.count() == 2
    # Nothing identifying stays in the queue once sent.
    assert page.evaluate("() => RLOffline.entries().then((e) => e.length)") == 0


def test_a_lost_answer_is_sent_again_and_recorded_once(live_server, context, page):
    lost = []

    def store_then_lose_the_answer(route):
        if not lost:
            route.fetch()  # the server stores the entry…
            lost.append(route.request.url)
            route.abort("connectionreset")  # …and its answer never reaches the phone
        else:
            route.continue_()

    # Routed before anything is queued: the page and the service worker (Background Sync) both
    # go through it, whichever sends first.
    context.route(SYNC_URL, store_then_lose_the_answer)
    open_quick_entry(page, live_server)
    context.set_offline(True)
    page.get_by_label("Formation").fill("3")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.locator("#quick-entry")).to_contain_text("en attente d'envoi")

    context.set_offline(False)
    for _attempt in range(100):
        if lost:
            break
        page.wait_for_timeout(100)
    assert lost, "the answer was not intercepted"
    assert TimeEntry.objects.count() == 1
    # The phone never got the answer: the entry is sent again — by Background Sync or by the
    # « Envoyer maintenant » button, whichever comes first (the button's click is dispatched even
    # if Background Sync has already hidden it) — and the server says it has it.
    page.locator("[data-offline-send]").dispatch_event("click")
    expect(page.locator("#offline-receipts")).to_contain_text("Saisie déjà reçue le")
    expect(page.locator("#offline-status")).to_be_hidden()
    assert TimeEntry.objects.count() == 1
    assert OfflineSubmission.objects.count() == 1


def test_a_refused_entry_stays_on_the_phone_to_be_corrected(live_server, context, page, julie):
    today = timezone.localdate()
    TimeEntryFactory(educator=julie, date=today, hours=Decimal("23"), activity="formation")
    open_quick_entry(page, live_server)
    context.set_offline(True)
    page.get_by_label("Travail de rue").fill("2")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(pending(page)).to_have_text("1 saisie en attente d'envoi")

    context.set_offline(False)
    expect(pending(page)).to_have_text("1 saisie à corriger")
    entry = page.locator("#offline-list [data-offline-entry]")
    expect(entry).to_contain_text("Refusée par le serveur")
    expect(entry).to_contain_text("24 h")
    assert TimeEntry.objects.filter(date=today).count() == 1

    entry.get_by_role("link", name="Corriger").click()
    expect(page.get_by_label("Travail de rue")).to_have_value("2")
    page.get_by_label("Travail de rue").fill("1")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(page.locator("#offline-receipts")).to_contain_text("Saisie reçue : 1 h")
    expect(page.locator("#offline-status")).to_be_hidden()
    assert sorted(TimeEntry.objects.filter(date=today).values_list("hours", flat=True)) == [
        Decimal("1"),
        Decimal("23"),
    ]


def test_logout_wipes_what_the_phone_kept(live_server, context, page):
    open_quick_entry(page, live_server)
    context.set_offline(True)
    # A page that needs the network says so and leads back to the quick entry.
    page.goto(f"{live_server.url}/personnes/")
    expect(page.get_by_role("heading", name="Hors ligne")).to_be_visible()
    page.get_by_role("link", name="Saisie du jour").click()
    expect(page.get_by_role("heading", name="Saisie du jour")).to_be_visible()
    page.get_by_label("Formation").fill("1")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(pending(page)).to_have_text("1 saisie en attente d'envoi")
    context.set_offline(False)
    expect(page.locator("#offline-status")).to_be_hidden()

    page.get_by_role("button", name="Ouvrir le menu").click()
    page.locator("#menu .dropdown-toggle").click()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/connexion/**")
    kept = page.evaluate(
        """async () => [
          (await RLOffline.entries()).length,
          await RLOffline.kept('youths'),
          (await (await caches.open('rl-pages')).keys()).length,
        ]"""
    )
    assert kept == [0, None, 0]


def test_roll_call_taken_offline_never_overwrites_a_colleagues(live_server, context):
    make_user(Role.EDUCATEUR, "scolaire", username="ines", first_name="Inès")
    colleague = make_user(Role.EDUCATEUR, "scolaire", username="paul")
    today = timezone.localdate()
    programme = ProgrammeFactory(name="CLAS Carvin")
    enzo, lea = (
        EnrolmentFactory(
            programme=programme,
            start=today - datetime.timedelta(days=30),
            child=PersonFactory(pseudonym=name, services=["scolaire"]),
        )
        for name in ("Enzo", "Léa")
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, live_server, "ines", PASSWORD)
    page.goto(f"{live_server.url}/scolaire/programmes/{programme.pk}/appel/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")

    context.set_offline(True)
    page.get_by_role("group", name="Présence de Enzo").get_by_text("Présent").click()
    page.get_by_role("group", name="Présence de Léa").get_by_text("Absent").click()
    page.get_by_role("button", name="Enregistrer l'appel").click()
    expect(pending(page)).to_have_text("1 saisie en attente d'envoi")
    # Meanwhile a colleague, online, records the same session.
    scolaire_services.session_save(
        by=colleague,
        programme=programme,
        date=today,
        start_time=datetime.time(16, 30),
        end_time=datetime.time(18, 0),
        statuses={enzo.pk: "absent", lea.pk: "present"},
    )

    context.set_offline(False)
    expect(pending(page)).to_have_text("1 saisie à corriger")
    entry = page.locator("#offline-list [data-offline-entry]")
    expect(entry).to_contain_text("Conflit : un collègue a enregistré entre-temps")
    table = entry.locator("table.offline-conflict")
    expect(table.locator("tbody tr").first).to_contain_text("EnzoPrésentAbsent")
    expect(table.locator("tbody tr").nth(1)).to_contain_text("LéaAbsentPrésent")
    colleagues = {enzo.pk: "absent", lea.pk: "present"}
    assert dict(Attendance.objects.values_list("enrolment", "status")) == colleagues

    entry.get_by_role("button", name="Garder la version du collègue").click()
    expect(page.locator("#offline-status")).to_be_hidden()
    assert dict(Attendance.objects.values_list("enrolment", "status")) == colleagues


def test_session_expiry_forgets_the_kept_data_but_not_the_entries_to_send(
    live_server, context, page
):
    open_quick_entry(page, live_server)
    context.set_offline(True)
    page.get_by_label("Formation").fill("2")
    page.get_by_role("button", name="Enregistrer la saisie").click()
    expect(pending(page)).to_have_text("1 saisie en attente d'envoi")
    # A long round in the street: the session ends on the server meanwhile.
    DjangoSession.objects.all().delete()
    context.set_offline(False)
    expect(page.locator("#offline-note")).to_have_text(
        "Session expirée : reconnectez-vous (même compte) pour envoyer."
    )
    assert not TimeEntry.objects.exists()

    page.goto(f"{live_server.url}/prevention/saisie/")
    page.wait_for_url("**/connexion/**")
    state = """async () => [
      (await RLOffline.entries()).length,
      await RLOffline.kept('youths'),
      (await (await caches.open('rl-pages')).keys()).length,
    ]"""
    for _attempt in range(200):
        if page.evaluate(state) == [1, None, 0]:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(state) == [1, None, 0]

    login(page, live_server, "julie", PASSWORD)
    for _attempt in range(300):
        if TimeEntry.objects.exists():
            break
        page.wait_for_timeout(100)
    assert TimeEntry.objects.count() == 1
    expect(page.locator("#offline-receipts")).to_contain_text("Saisie reçue : 2 h")
