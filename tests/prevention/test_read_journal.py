"""The quick entry's youth search and chip name youths: each is journalled as a read (issue 10,
fault 8)."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.rl_portal.factories import PersonFactory

pytestmark = pytest.mark.django_db


def page_reads(person, actor):
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS,
        object_pk=str(person.pk),
        content_type__model="person",
        additional_data={"canal": "page"},
        actor=actor,
    )


def test_youth_search_results_are_journalled(logged, educ):
    found = PersonFactory(pseudonym="Inès", services=["prevention"])
    elsewhere = PersonFactory(pseudonym="Inès", services=["habitat"])
    other = PersonFactory(pseudonym="Yanis", services=["prevention"])
    response = logged.post(reverse("prevention:youth-search"), {"q": "ines"})
    assert response.status_code == 200
    assert page_reads(found, educ).count() == 1
    assert not page_reads(elsewhere, educ).exists()
    assert not page_reads(other, educ).exists()


def test_youth_chip_is_journalled(logged, educ):
    youth = PersonFactory(pseudonym="Inès", services=["prevention"])
    elsewhere = PersonFactory(pseudonym="Sarah", services=["habitat"])
    assert logged.post(reverse("prevention:youth-chip"), {"youth": youth.pk}).status_code == 200
    assert page_reads(youth, educ).count() == 1
    assert logged.post(reverse("prevention:youth-chip"), {"youth": elsewhere.pk}).status_code == 404
    assert not page_reads(elsewhere, educ).exists()
