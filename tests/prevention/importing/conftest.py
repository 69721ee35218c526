"""The importing users: a chef de service of the SPS and an éducateur of the same service."""

import pytest

from rl_portal.roles import Role
from tests.rl_portal.factories import make_user


@pytest.fixture
def chef():
    return make_user(
        Role.CHEF_SERVICE, "prevention", username="chef", first_name="Nadia", last_name="Ferhat"
    )


@pytest.fixture
def educator():
    return make_user(
        Role.EDUCATEUR, "prevention", username="karim", first_name="Karim", last_name="Benali"
    )
