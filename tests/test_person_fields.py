"""Issue 15, « people cannot be told apart », as a rule over every form of the project: a field
choosing a person (a foreign key or many-to-many to Person) is the shared search picker
(rl_portal.widgets.PersonChoiceField), never a drop-down or a list of checkboxes that would send
every pseudonym to the page. The roll call's children and the quick entry's chips are not form
fields of this kind (the former is the programme's enrolled children, the latter the search)."""

from __future__ import annotations

import importlib
import pkgutil

from django import forms

from rl_portal.models import Person
from rl_portal.widgets import PersonChoiceField

APPS = ("rl_portal", "prevention", "habitat", "scolaire", "reporting")


def _import_everything():
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" in module.name or ".management" in module.name:
                continue
            importlib.import_module(module.name)


def _forms(cls=forms.BaseForm):
    for sub in cls.__subclasses__():
        if sub.__module__.split(".")[0] in APPS:
            yield sub
        yield from _forms(sub)


def test_every_person_field_is_a_search():
    _import_everything()
    found, pickers = set(), set()
    for form in set(_forms()):
        for name, field in getattr(form, "base_fields", {}).items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is Person:
                where = f"{form.__module__}.{form.__name__}.{name}"
                (pickers if isinstance(field, PersonChoiceField) else found).add(where)
    assert sorted(found) == []
    # The walk does reach the forms: the stay's and the CLLAJ interview's pickers are seen.
    assert {"habitat.forms.StayForm.person", "habitat.forms.CllajInterviewForm.person"} <= pickers
