"""Inès, animatrice of the accompagnement scolaire."""

import pytest

from rl_portal.roles import Role
from tests.rl_portal.factories import make_user


@pytest.fixture
def animator():
    return make_user(Role.EDUCATEUR, "scolaire", username="ines")
