"""Every write of personal data is journalled, whatever the ORM call (issue 10, item 7).

django-auditlog journals `save()` and `delete()`; `bulk_create`, `bulk_update` and a queryset's
`.update()` bypass it. These tests read the project's source: a bulk write on a model of
personal data (or any journalled model) anywhere but in `rl_portal.audit`'s helpers fails
here, so a new one cannot slip in unnoticed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete

from rl_portal.audit import bulk_create_journalled, update_journalled
from tests.rl_portal.factories import PersonFactory, make_user

SOURCE_DIRS = ["rl_portal", "prevention", "habitat", "scolaire", "reporting", "reportkit", "demo"]
# The helpers themselves.
HELPERS = {"rl_portal/audit.py"}
# Files whose bulk writes are not about real persons, and why.
EXEMPT_FILES = {
    # Synthetic volumes on a throw-away database, timed without a journal (make bench).
    "demo/management/commands/bench_reports.py",
}
# A call may be exempted by a comment « # journal: <why> » on its line or the line above
# (a through table journalled by `journal_m2m_additions`, a référentiel…).
EXEMPT_MARK = "# journal:"
BULK_METHODS = {"bulk_create", "bulk_update"}
QUERYSET_METHODS = {
    "objects",
    "filter",
    "exclude",
    "all",
    "select_for_update",
    "order_by",
    "distinct",
    "using",
}


def _source_files():
    root = Path(settings.BASE_DIR)
    for directory in SOURCE_DIRS:
        for path in sorted((root / directory).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if "/migrations/" in relative or relative in HELPERS | EXEMPT_FILES:
                continue
            yield relative, path.read_text()


def _chain(node: ast.AST) -> tuple[str | None, list[str]]:
    """The root name and the attributes and calls between it and the method called:
    `Person.objects.filter(...).update` → ("Person", ["objects", "filter"])."""
    names = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            names.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Name):
            return node.id, list(reversed(names))
        else:
            return None, list(reversed(names))


def _models_by_name() -> dict[str, type]:
    return {model.__name__: model for model in apps.get_models()}


# Pieces of a collective action that name nobody (its dates, its anonymous head-counts): the
# anonymisation knows them (they hang on an action with participants), the journal need not.
ANONYMOUS_PARTS = {"prevention.ActionSession", "prevention.Headcount"}


def personal_data_models() -> set[type]:
    """Persons, staff, and every model declared about a person (rl_portal.anonymisation, whose
    own test fails on a model left undeclared) but ANONYMOUS_PARTS. The guard also holds for
    the référentiels, which chefs de service edit and the journal follows."""
    from rl_portal.anonymisation import PERSON_RECORDS
    from rl_portal.models import Person, User

    declared = {entry.model for entry in PERSON_RECORDS} - ANONYMOUS_PARTS
    return {Person, User, *(apps.get_model(label) for label in declared)}


def bulk_writes_outside_the_helpers(files) -> list[str]:
    """`file:line code` of every bulk write that may touch a journalled model: a bulk method,
    or a queryset's `.update()`, on a journalled model or on a receiver that cannot be told
    (a related manager, a through table), without an exemption comment."""
    models = _models_by_name()
    personal = personal_data_models()
    found = []
    for relative, text in files:
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            method = node.func.attr
            root, chain = _chain(node.func.value)
            if method == "update":
                # dict.update(other) and set.update(items) take positional arguments; a
                # queryset's update only keywords.
                if node.args or not node.keywords:
                    continue
                if not (QUERYSET_METHODS & set(chain)) and root in (None, "self", "kwargs"):
                    continue
            elif method not in BULK_METHODS:
                continue
            model = models.get(root or "")
            if (
                model is not None
                and "objects" in chain
                and model not in personal
                and not auditlog.contains(model)
            ):
                continue  # a table neither personal nor journalled (an action's sessions)
            around = lines[max(0, node.lineno - 2) : node.lineno]
            if any(EXEMPT_MARK in line for line in around):
                continue
            found.append(f"{relative}:{node.lineno} {lines[node.lineno - 1].strip()}")
    return found


def test_no_bulk_write_of_personal_data_outside_the_journalled_helpers():
    assert bulk_writes_outside_the_helpers(_source_files()) == []


@pytest.mark.parametrize(
    ("code", "caught"),
    [
        ("Attendance.objects.bulk_create(rows)", True),
        ("Person.objects.filter(pk=1).update(pseudonym='x')", True),
        ("session.attendances.all().update(status='present')", True),
        ("through.objects.bulk_create(rows)", True),
        ("through.objects.bulk_create(rows)  # journal: journal_m2m_additions below", False),
        # Référentiels (partners, quartiers…) are journalled: chefs edit them in the app.
        ("Partner.objects.filter(pk=1).update(informal_reason='')", True),
        ("ActionSession.objects.bulk_create(rows)", False),
        ("context.update(extra)", False),
        ("attrs.update({'class': 'x'})", False),
    ],
)
def test_the_guard_tells_bulk_writes_of_personal_data(code, caught):
    assert bool(bulk_writes_outside_the_helpers([("x.py", code)])) is caught


def test_a_queryset_delete_of_personal_data_is_journalled_row_by_row():
    """Django deletes row by row, with the signals auditlog listens to, whenever a model has
    receivers: a journalled model is never fast-deleted. Every model of personal data is
    journalled (but pieces of an action that name nobody: its sessions and head-counts)."""
    for model in auditlog.get_models():
        assert post_delete.has_listeners(model), model
    unjournalled = sorted(
        model._meta.label for model in personal_data_models() if not auditlog.contains(model)
    )
    assert unjournalled == []


@pytest.mark.django_db
def test_bulk_create_journalled_journals_each_creation():
    from rl_portal.models import Person

    author = make_user("educateur", "prevention", username="auteur")
    persons = bulk_create_journalled(
        [Person(pseudonym="Aya"), Person(pseudonym="Bilal")], actor=author
    )
    entries = LogEntry.objects.filter(action=LogEntry.Action.CREATE, content_type__model="person")
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(p.pk for p in persons)
    assert {entry.actor for entry in entries} == {author}


@pytest.mark.django_db
def test_update_journalled_journals_each_changed_row_with_masking():
    from rl_portal.models import Person

    author = make_user("educateur", "prevention", username="auteur")
    changed, unchanged = PersonFactory(last_name="Durand"), PersonFactory(last_name="Martin")
    before = LogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    count = update_journalled(
        Person.objects.filter(pk__in=[changed.pk, unchanged.pk]), actor=author, last_name="Martin"
    )
    assert count == 1
    entry = LogEntry.objects.exclude(pk__lte=before).get()
    assert entry.action == LogEntry.Action.UPDATE and entry.object_id == changed.pk
    assert entry.actor == author
    old, new = entry.changes["last_name"]
    assert "Durand" not in old and "Martin" not in new  # masked as auditlog masks it
    assert Person.objects.get(pk=changed.pk).last_name == "Martin"
