"""Julie, éducatrice of prevention, in a browser and through the API."""

import pytest
from rest_framework.test import APIClient

from rl_portal.roles import Role
from tests.rl_portal.factories import make_user


@pytest.fixture
def educator():
    return make_user(Role.EDUCATEUR, "prevention", username="julie")


@pytest.fixture
def logged_in(client, educator):
    client.force_login(educator)
    return client


@pytest.fixture
def api(educator):
    client = APIClient()
    client.force_authenticate(educator)
    return client
