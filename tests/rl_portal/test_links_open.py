"""A page links only to pages its reader may open: the direction reads every service but
records in none, so the forms of the field teams (the quick entry, the rent sheet, the CLLAJ
interview) are not offered to it (each answered 403; the browser walk of every role's pages,
tests/e2e/test_accessibility_walk.py, found them)."""

import re

import pytest
from django.urls import Resolver404, resolve

from rl_portal.roles import Role
from tests.habitat.factories import CllajFileFactory
from tests.prevention.factories import TimeEntryFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db

DOWNLOADS = {"person-export", "reporting:pdf", "reporting:xlsx", "logout"}


def internal_links(html: str) -> set[str]:
    links = set()
    for href in re.findall(r'<a [^>]*href="(/[^"#]*)"', html):
        try:
            match = resolve(href.split("?")[0])
        except Resolver404:
            continue
        if match.namespaces[:1] != ["admin"] and match.view_name not in DOWNLOADS:
            links.add(href.replace("&amp;", "&"))
    return links


@pytest.mark.parametrize(
    "page", ["/prevention/temps/", "/habitat/", "/habitat/cllaj/", "/habitat/conventions/"]
)
def test_the_direction_is_offered_no_page_it_may_not_open(client, page):
    TimeEntryFactory()
    CllajFileFactory()
    client.force_login(make_user(Role.DIRECTION))

    response = client.get(page)

    assert response.status_code == 200
    refused = {
        link: status
        for link in internal_links(response.content.decode())
        if (status := client.get(link).status_code) != 200
    }
    assert refused == {}
