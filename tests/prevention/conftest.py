"""The prevention team of the tests: Julie, éducatrice, and Karim, chef de service."""

import pytest
from rest_framework.test import APIClient

from rl_portal.roles import Role
from tests.rl_portal.factories import make_user


@pytest.fixture
def educ():
    return make_user(Role.EDUCATEUR, "prevention", username="julie")


@pytest.fixture
def chef():
    return make_user(Role.CHEF_SERVICE, "prevention", "emps", username="karim")


@pytest.fixture
def logged(client, educ):
    """The browser of the éducatrice."""
    client.force_login(educ)
    return client


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def api(educ):
    """The API, as the éducatrice."""
    return client_for(educ)
