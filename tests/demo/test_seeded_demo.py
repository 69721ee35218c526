"""The demo association, seeded once for the run (tests/demo/conftest.py): plausible, following
the reference reports' volumes, written as the services write, every report rendered from it,
and the exact number of queries of every list page, API list and report on its data.

The query counts are syrupy snapshots (tests/demo/__snapshots__/): after a deliberate change,
`pytest tests/demo --snapshot-update` rewrites them; the diff shows what changed."""

import datetime
import hashlib
import io
from decimal import Decimal, InvalidOperation

import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo import builders
from reporting.documents import DEFINITIONS
from reportkit.periods import Period
from rl_portal.api_urls import router
from rl_portal.models import User
from scolaire.models import Programme
from tests.conftest import TODAY
from tests.demo.checks import association, habitat, plausibility, reports, scolaire

pytestmark = [pytest.mark.django_db, pytest.mark.seeded_demo]
LAST_YEAR = TODAY.year - 1
DEMO_APPS = {"rl_portal", "prevention", "habitat", "scolaire", "reporting", "auditlog"}
# What the migrations load and a reset keeps.
REFERENTIALS = {
    "rl_portal.Epci",
    "rl_portal.Commune",
    "rl_portal.Quartier",
    "rl_portal.Service",
    "rl_portal.Dispositif",
    "prevention.Problematique",
}


def test_the_demo_is_plausible(demo):
    """Ages fit orientations, aids and dispositifs; families come with adults; a home visit is
    one child's."""
    faults = plausibility.all_faults()
    assert faults == {check: [] for check in faults}


def test_accounts_sign_in(demo, client):
    association.check_accounts(client)


def test_three_years_of_the_association(demo):
    association.check_three_years(TODAY)
    association.check_prevention_year(TODAY)


def test_habitat_follows_the_bilan(demo):
    habitat.check_volumes_follow_the_bilan(TODAY)
    habitat.check_records_are_consistent(TODAY)


def test_scolaire_programmes_children_and_sessions(demo):
    first_day = datetime.date(TODAY.year - 2, 1, 1)
    school_years = list(range(first_day.year - 1, TODAY.year + (TODAY.month >= 9)))
    complete = [
        y
        for y in school_years
        if datetime.date(y, 9, 1) >= first_day and datetime.date(y + 1, 8, 31) < TODAY
    ]
    scolaire.check_programmes(school_years)
    scolaire.check_children(complete)
    scolaire.check_sessions(complete)
    scolaire.check_referrals(TODAY, school_years, complete)
    scolaire.check_dates(TODAY, first_day)


def test_rows_written_in_bulk_are_journalled_as_the_services_journal_them(demo):
    """Every row the demo writes in bulk has the one creation entry the service's save would
    have written, with the same changes, author included."""
    from auditlog.diff import model_instance_diff

    from habitat.models import CllajFile, CllajInterview, HomeVisit, MonthlyRent
    from prevention.models import Contact, TimeEntry, WorkedDomain
    from rl_portal.models import CaseFile, Person
    from scolaire.models import Session

    for model in (
        Person,
        CaseFile,
        TimeEntry,
        Contact,
        WorkedDomain,
        CllajFile,
        CllajInterview,
        MonthlyRent,
        HomeVisit,
        Session,
    ):
        created = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            action=LogEntry.Action.CREATE,
        )
        assert created.count() == model.objects.count(), model
        for obj in model.objects.order_by("?")[:5]:
            entry = created.get(object_id=obj.pk)
            expected = {k: list(v) for k, v in model_instance_diff(None, obj).items()}
            assert _numbers(entry.changes) == _numbers(expected), model
            assert entry.actor is not None and entry.object_repr
            obj.full_clean()


def _numbers(changes: dict) -> dict:
    """Decimals read back from the database carry their places ("1.50"); the service journals
    the value it saved ("1.5")."""

    def number(text):
        try:
            return Decimal(text)
        except (InvalidOperation, TypeError):
            return text

    return {field: [number(value) for value in values] for field, values in changes.items()}


def test_a_second_seed_changes_nothing(demo, settings):
    settings.DEBUG = True
    before = habitat.snapshot()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "déjà chargées" in out.getvalue()
    assert habitat.snapshot() == before


def test_the_demo_is_the_one_recorded(demo, snapshot):
    """The generator is seeded and the clock frozen: every build writes the same association,
    on SQLite as on PostgreSQL (a rebuild, `seed_demo --reset`, writes it again). The recorded
    volumes also show, in a review, what a change to the demo adds or removes."""
    volumes = {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS and model.objects.exists()
    }
    counts, stays, records = habitat.snapshot()
    digest = hashlib.sha256(repr((stays, records)).encode()).hexdigest()[:16]
    assert {"volumes": volumes, "séjours et dossiers CLLAJ": digest} == snapshot


def test_a_reset_removes_the_whole_demo(demo):
    """`seed_demo --reset` starts from the référentiels alone (then builds as above)."""
    builders.remove()
    left = {
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in DEMO_APPS and model.objects.exists()
    }
    assert left == REFERENTIALS


# --------------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------------


@pytest.fixture
def direction(client):
    client.force_login(User.objects.get(username="direction"))
    return client


@pytest.mark.parametrize("slug", list(DEFINITIONS))
def test_every_report_from_the_demo(demo, direction, slug):
    """Last year's report as a page and as JSON, the same tables (the other years and the
    formats: the query counts below and tests/reporting)."""
    page = direction.get(reverse("reporting:report", args=[slug]), {"year": LAST_YEAR})
    assert page.status_code == 200
    tables = [table.id for table in page.context["document"].tables]
    body = direction.get(f"/api/v1/reports/{slug}/", {"year": LAST_YEAR}).json()
    assert [table["id"] for table in body["tables"]] == tables


@pytest.mark.slow
def test_the_association_report_as_pdf(demo, direction):
    """The longest document, from three years of every service, through WeasyPrint."""
    pdf = direction.get(
        reverse("reporting:pdf", args=["association-annuelle"]), {"year": LAST_YEAR}
    )
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_association_report_prints_the_services_figures(demo):
    """Same indicators, same figures: the association's tables equal the services' own (the
    ASL on its convention year ending in the report's year)."""
    reports.check_association_composes_the_services(TODAY)


def test_every_report_adds_up(demo):
    """Every table of every report, for each demo year and the last convention year, passes
    the invariants it declares: rows and columns add up to their totals, sex columns to the
    Total, shares to 100, rates within [0, 100] but declared over-activity, one population
    one total."""
    reports.check_invariants(TODAY)


# --------------------------------------------------------------------------------------------
# Exact query counts on the demo's data (an N+1 shows as a count that changes)
# --------------------------------------------------------------------------------------------

# Every list page, with the account that uses it. URL names without arguments that are not
# list pages are named in NOT_LISTS: a new list page must be added here.
LIST_PAGES = [
    ("direction", "home"),
    ("educ.prevention", "home"),
    ("direction", "person-list"),
    ("educ.prevention", "person-list"),
    ("educ.prevention", "prevention:quick-entry"),
    ("educ.prevention", "prevention:time-entries"),
    ("educ.prevention", "prevention:contacts"),
    ("educ.prevention", "prevention:alerts"),
    ("educ.prevention", "prevention:accompaniments"),
    ("chef.prevention", "prevention:accompaniments"),
    ("educ.prevention", "prevention:actions"),
    ("educ.prevention", "prevention:network-receptions"),
    ("educ.prevention", "prevention:instance-meetings"),
    ("educ.habitat", "habitat:board"),
    ("educ.habitat", "habitat:gauge"),
    ("educ.habitat", "habitat:rents"),
    ("educ.habitat", "habitat:cllaj-files"),
    ("educ.habitat", "habitat:requests"),
    ("educ.habitat", "habitat:measures"),
    # Forms, counted as the lists are: the partners' and dispositifs' choices, no person.
    ("educ.habitat", "habitat:request-create"),
    ("educ.habitat", "habitat:measure-create"),
    ("educ.habitat", "habitat:events"),
    ("chef.habitat", "habitat:units"),
    ("educ.scolaire", "scolaire:programmes"),
    ("chef.prevention", "scolaire:referrals"),
    ("chef.prevention", "referentials"),
    ("direction", "reporting:list"),
    ("secretariat", "reporting:list"),
    ("educ.prevention", "account-api-tokens"),
]
# The référentiels' lists (one URL with the référentiel's slug), by a chef who keeps them.
REFERENTIAL_LISTS = {
    "chef.prevention": ["quartiers", "partenaires", "problematiques"],
    "chef.habitat": ["lieux-de-rendez-vous"],
    "secretariat": ["financeurs", "conventions"],
    "direction": ["postes"],
}
NOT_LISTS = {
    "login",
    "logout",
    "password_change",
    "person-create",
    "healthcheck",
    "api-schema",
    "api-docs",
    "prevention:youth-search",
    "person-pick",  # a picker's search: its query count is fixed in tests/rl_portal/test_pickers.py
    "prevention:youth-chip",
    "prevention:youth-create",
    "prevention:action-create",
    "prevention:import",
    "prevention:import-template",
    "habitat:stay-create",
    "habitat:unit-create",
    "habitat:cllaj-interview",
    "habitat:import",
    "habitat:import-template",
    "reporting:identity",
    # The installable app: the service worker, the manifest, the redirect it opens on.
    "service-worker",
    "web-manifest",
    "app-start",
    "offline-page",
}
API_USERS = {
    "auth": "educ.prevention",
    "persons": "educ.prevention",
    "prevention": "educ.prevention",
    "habitat": "educ.habitat",
    "scolaire": "educ.scolaire",
    "reports": "direction",
}


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries.captured_queries)


def test_every_list_page_is_counted():
    from django.urls import get_resolver

    names = set()
    for pattern_name in _argumentless_url_names(get_resolver()):
        names.add(pattern_name)
    counted = {name for _, name in LIST_PAGES}
    assert names - counted - NOT_LISTS == set()


def _argumentless_url_names(resolver, namespace=""):
    from django.urls import URLPattern, URLResolver

    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in ("admin", "api"):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _argumentless_url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            yield f"{namespace}{pattern.name}"


def test_list_pages_query_counts(demo, client, snapshot):
    counts = {}
    users = {user.username: user for user in User.objects.all()}
    for username, name in LIST_PAGES:
        client.force_login(users[username])
        counts[f"{name} ({username})"] = _queries(client, reverse(name))
    client.force_login(users["educ.scolaire"])
    for programme in Programme.objects.filter(is_active=True).order_by("kind")[:2]:
        url = reverse("scolaire:roll-call", args=[programme.pk])
        counts[f"scolaire:roll-call {programme.get_kind_display()}"] = _queries(client, url)
    for username, slugs in REFERENTIAL_LISTS.items():
        client.force_login(users[username])
        for slug in slugs:
            url = reverse("referential-list", args=[slug])
            counts[f"referential-list {slug} ({username})"] = _queries(client, url)
    assert counts == snapshot


def test_api_lists_query_counts(demo, client, snapshot):
    counts = {}
    users = {user.username: user for user in User.objects.all()}
    for prefix, viewset, _basename in router.registry:
        username = API_USERS[prefix.split("/")[0]]
        client.force_login(users[username])
        if not hasattr(viewset, "list"):
            continue  # the phones' offline queues: POST only
        counts[f"/api/v1/{prefix}/ ({username})"] = _queries(client, f"/api/v1/{prefix}/")
    # The youths a phone keeps for the offline search.
    url = "/api/v1/prevention/quick-entries/youths/"
    client.force_login(users["educ.prevention"])
    counts[f"{url} (educ.prevention)"] = _queries(client, url)
    assert counts == snapshot


def test_reports_query_counts(demo, snapshot):
    """Every report builds for each year of the demo, and costs the same number of queries for
    a year of thousands of records, the year under way and a year before any record."""
    years = {
        "année pleine": LAST_YEAR,
        "première année": TODAY.year - 2,
        "année en cours": TODAY.year,
        "année sans données": 2015,
    }
    counts = {}
    for slug, definition in DEFINITIONS.items():
        for label, year in years.items():
            with CaptureQueriesContext(connection) as queries:
                document = definition.build(Period.year(year))
            assert document.tables, (slug, year)
            counts.setdefault(slug, {})[label] = len(queries.captured_queries)
    assert all(len(set(by_year.values())) == 1 for by_year in counts.values()), counts
    assert {slug: by_year["année pleine"] for slug, by_year in counts.items()} == snapshot
