"""Issue 10, item 10: the OpenAPI schema is the contract, and the API keeps it.

schemathesis generates requests for every operation of the schema (valid and invalid data, a
bounded number of examples each) and sends them in-process to the WSGI application with a
token, as three roles: a chef de service of every service, an éducateur of one service and the
secrétariat. No answer may be a server error, whoever asks; each status code, content type and
body must be the ones the schema describes."""

from __future__ import annotations

import datetime
import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from rl_portal.roles import Role
from rl_portal.tokens import api_token_create
from tests.prevention.factories import AccompanimentFactory, CollectiveActionFactory
from tests.rl_portal.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Enough to reach each field's edge cases (empty, huge, wrong type) without making the suite
# minutes longer: every operation gets this many examples in all, shared between the roles —
# the widest writer gets half, the éducateur of one service and the secrétariat (who reach
# other branches: 403s, narrower querysets, reports without records) a quarter each.
EXAMPLES_PER_OPERATION = 12
EXAMPLES_BY_ROLE = {"chef": 6, "educateur": 3, "secretariat": 3}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def openapi_document() -> dict:
    """The schema as /api/schema/?format=json serves it."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated, renderer_context={}))


# Examples and fuzzing, each bounded by max_examples; the coverage phase (every boundary of every
# parameter, unbounded) and the stateful one would make this test minutes long.
CONFIG = SchemathesisConfig.from_dict(
    {"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}}
)
schema = schemathesis.openapi.from_dict(openapi_document(), config=CONFIG)


class InProcessApp:
    """The WSGI application, called in the test's thread and database transaction. Like Django's
    test client, it keeps the connection open across the request (Django closes it when a
    request finishes, which would end the test's transaction on PostgreSQL)."""

    def __init__(self):
        self.handler = get_wsgi_application()

    def __call__(self, environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                response.close()
            return [body]
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


APP = InProcessApp()


@pytest.fixture
def user():
    """A chef de service of every service (the widest writer), with a few records to find."""
    user = make_user(
        Role.CHEF_SERVICE, "prevention", "emps", "habitat", "scolaire", username="fuzz"
    )
    AccompanimentFactory(referent=user, start=datetime.date(2026, 1, 5))
    CollectiveActionFactory(created_by=user)
    return user


@pytest.fixture
def educateur():
    """An éducateur of one service, with an accompaniment of their own and a colleague's action
    of another service (which they must not reach)."""
    educateur = make_user(Role.EDUCATEUR, "prevention", username="fuzz-educ")
    AccompanimentFactory(referent=educateur, start=datetime.date(2026, 1, 5))
    CollectiveActionFactory(created_by=make_user(Role.EDUCATEUR, "emps", username="fuzz-emps"))
    return educateur


@pytest.fixture
def secretariat():
    """The secrétariat: every report, no individual record."""
    AccompanimentFactory(start=datetime.date(2026, 1, 5))
    return make_user(Role.SECRETARIAT, username="fuzz-secretariat")


def fuzz_settings(role: str):
    return settings(
        max_examples=EXAMPLES_BY_ROLE[role],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def call_as(user, case) -> None:
    """Sends the example as `user` and checks the answer against the schema (a 5xx fails)."""
    # A token per example: an example may revoke the one it used (logout, DELETE of a token).
    _, secret = api_token_create(user=user, device="schemathesis")
    case.headers = {**(case.headers or {}), "Authorization": f"Token {secret}"}
    case.call_and_validate(app=APP, checks=CHECKS)


@schema.parametrize()
@fuzz_settings("chef")
def test_every_operation_keeps_the_contract(case, user):
    call_as(user, case)


@schema.parametrize()
@fuzz_settings("educateur")
def test_every_operation_keeps_the_contract_for_an_educateur_of_one_service(case, educateur):
    call_as(educateur, case)


@schema.parametrize()
@fuzz_settings("secretariat")
def test_every_operation_keeps_the_contract_for_the_secretariat(case, secretariat):
    call_as(secretariat, case)


def test_the_examples_are_shared_between_the_roles():
    assert sum(EXAMPLES_BY_ROLE.values()) == EXAMPLES_PER_OPERATION


def conforms(path: str, method: str, user, status: int = 200, **case) -> dict:
    """Calls one operation as `user`, checks the answer against the schema and its status."""
    _, secret = api_token_create(user=user, device="contrat")
    operation = schema[path][method]
    response = operation.Case(
        headers={"Authorization": f"Token {secret}"}, **case
    ).call_and_validate(app=APP, checks=CHECKS)
    return response.json()


def test_the_schema_describes_what_the_accompaniments_and_actions_answer(user):
    """The reproductions of the issue: co_accompaniments and headcounts were in the answers but
    not in the schema, an open accompaniment's end_reason "" was outside its enum."""
    from prevention.models import AgeBand, CoAccompaniment
    from rl_portal.models import Sex

    accompaniment = AccompanimentFactory(referent=user)
    CoAccompaniment.objects.create(accompaniment=accompaniment, kind=CoAccompaniment.Kind.SANTE)
    body = conforms(
        "/api/v1/prevention/accompaniments/{id}/",
        "GET",
        user,
        path_parameters={"id": accompaniment.pk},
    )
    assert (body["end_reason"], body["co_accompaniments"]) == ("", ["sante"])
    action = CollectiveActionFactory(created_by=user)
    action.sessions.create(date=datetime.date(2026, 4, 1))
    action.headcounts.create(age_band=AgeBand.values[0], sex=Sex.FEMALE, count=4)
    body = conforms(
        "/api/v1/prevention/collective-actions/{id}/",
        "GET",
        user,
        path_parameters={"id": action.pk},
    )
    assert body["headcounts"] == [{"age_band": AgeBand.values[0], "sex": Sex.FEMALE, "count": 4}]
    assert body["sessions"] == ["2026-04-01"]
    conforms("/api/v1/prevention/accompaniments/", "GET", user)
    conforms("/api/v1/prevention/collective-actions/", "GET", user)


def test_errors_are_documented_answers(user):
    conforms("/api/v1/persons/{id}/", "GET", user, 404, path_parameters={"id": 999_999})
    conforms("/api/v1/prevention/accompaniments/", "GET", user, 404, query={"page": 999})
    accompaniment = AccompanimentFactory(referent=user)
    conforms(  # someone saved since the version sent was read
        "/api/v1/prevention/accompaniments/{id}/",
        "PATCH",
        user,
        409,
        path_parameters={"id": accompaniment.pk},
        body={"version": accompaniment.version + 5, "situation": "college"},
        media_type="application/json",
    )
