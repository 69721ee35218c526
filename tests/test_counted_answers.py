"""Issue 15, « hidden answers feed the funder tables », as a rule over every model: an answer a
report counts is never given by a default. A choice or yes-no field of the domain's models
either has no default (the page, the API and the import ask for it), defaults to its explicit
« non renseigné » value, or is listed below with the reason it is not an answer anybody gives.
A new field with a default fails here until it is either asked or justified."""

from __future__ import annotations

from django.apps import apps
from django.db import models

from rl_portal.models import Sex

DOMAIN_APPS = {"rl_portal", "prevention", "habitat", "scolaire", "reporting"}

# Explicit « non renseigné » values: a default that says nobody answered.
UNKNOWN_VALUES = {None, "", Sex.UNKNOWN}

# (model, field): why its default is not a hidden answer.
NOT_ANSWERS = {
    ("Dispositif", "is_active"): "référentiel: a new dispositif is in use",
    ("Partner", "is_active"): "référentiel: a new partner is in use",
    ("Partner", "field"): "référentiel: the chef chooses it on the référentiel page",
    ("Problematique", "is_active"): "référentiel: in use",
    ("MeetingPlace", "is_active"): "référentiel: in use",
    ("Programme", "is_active"): "référentiel: in use",
    ("Quartier", "is_qpv"): "référentiel: the official QPV list, set by the chef",
    ("Convention", "is_call_for_projects"): "convention's terms, entered by the secrétariat",
    ("Convention", "funds_employment"): "convention's terms, entered by the secrétariat",
    ("User", "is_superuser"): "account flag",
    ("User", "is_staff"): "account flag",
    ("User", "is_active"): "account flag",
    ("TimeEntry", "online"): "technical: set by the channel the entry came through",
    ("HousingRequest", "decision"): "workflow state: a new request is pending",
    ("Referral", "status"): "workflow state: a new referral is pending",
    ("HouseholdMember", "role"): "the household's first member is its applicant",
}


def _defaulted_answers():
    for model in apps.get_models():
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        for field in model._meta.concrete_fields:
            if not (field.choices or isinstance(field, models.BooleanField)):
                continue
            if not field.has_default() or field.get_default() in UNKNOWN_VALUES:
                continue
            yield model.__name__, field.name


def test_no_counted_answer_is_given_by_a_default():
    unexplained = sorted(set(_defaulted_answers()) - set(NOT_ANSWERS))
    assert unexplained == [], (
        "These fields give an answer nobody chose: remove the default (ask for it) or default "
        "to « non renseigné »; list them in NOT_ANSWERS only if they are not an answer."
    )


def test_the_list_of_exceptions_is_not_stale():
    assert set(NOT_ANSWERS) <= set(_defaulted_answers())
