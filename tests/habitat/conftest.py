"""Thomas, travailleur social of the habitat service."""

import pytest

from rl_portal.roles import Role
from tests.rl_portal.factories import make_user


@pytest.fixture
def worker():
    return make_user(Role.EDUCATEUR, "habitat", username="thomas")
