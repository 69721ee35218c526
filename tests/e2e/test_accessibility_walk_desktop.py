"""The accessibility walk of every page each role uses (test_accessibility_walk.py), on a
desktop screen: a module of its own so that xdist runs it beside the phone's walk."""

import json

import pytest

from tests.e2e.test_accessibility_walk import REACHED, records, walk_every_page  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_page_of_each_role_is_accessible_on_a_desktop(browser, live_server, records):  # noqa: F811
    failures, walked = walk_every_page(browser, live_server, phone=False)
    assert REACHED - walked == set()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
