"""Issue 15, « hidden answers » and « a '---------' choice », as a rule over every form: a blank
choice reads French, a radio list never offers a ticked blank, and a page that records
something shows no answer already chosen but the few listed below (not answers a report
counts). The pages are each role's creation forms; new ones join CREATION_PAGES."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.urls import reverse

from prevention.models import Accompaniment
from rl_portal.form_renderer import CHOOSE, NOT_RECORDED
from rl_portal.roles import Role
from tests.habitat.factories import CllajFileFactory, StayFactory
from tests.prevention.factories import AccompanimentFactory
from tests.rl_portal.factories import PersonFactory, make_user
from tests.scolaire.factories import EnrolmentFactory

# (field name, value) a creation page may show chosen, and why.
PRESET = {
    ("referent", "self"): "the éducateur who opens the accompaniment is its usual referent",
    ("sex", "NR"): "« non renseigné »",
    ("new-sex", "NR"): "« non renseigné »",
    ("is_qpv", "unknown"): "« non renseigné »",
    ("mission_locale", "unknown"): "« non renseigné »",
    ("new_commune", "*"): "the programme's commune offered for a new child, as the quick entry "
    "offers its own for a new youth (issue 15, item 5)",
}


class _Sample(forms.ModelForm):
    class Meta:
        model = Accompaniment
        fields = ["kind", "situation", "origin"]
        widgets = {"kind": forms.RadioSelect}


def test_blank_choices_read_french_and_radios_offer_none():
    html = str(_Sample())
    assert "---------" not in html
    assert CHOOSE in html  # « situation » is required
    radios = re.findall(r'<input type="radio" name="kind" value="([^"]*)"', html)
    assert radios == ["asep", "paei"]
    optional = forms.ChoiceField(choices=[("", "---------"), ("a", "A")], required=False)
    form = type("F", (forms.Form,), {"x": optional})()
    assert f'<option value="" selected>{NOT_RECORDED}</option>' in str(form["x"])


def _creation_pages():
    """(role's user, URL[, the text of the actions of the page's creation forms]) of each
    page that records something new."""
    prevention = make_user(Role.EDUCATEUR, "prevention")
    habitat = make_user(Role.EDUCATEUR, "habitat")
    scolaire = make_user(Role.EDUCATEUR, "scolaire")
    youth = PersonFactory(services=["prevention"])
    accompaniment = AccompanimentFactory(person=youth, referent=prevention)
    stay = StayFactory()
    cllaj_file = CllajFileFactory()
    enrolment = EnrolmentFactory()
    return [
        (prevention, reverse("prevention:quick-entry")),
        (prevention, reverse("prevention:action-create")),
        (prevention, reverse("prevention:accompaniment-create", args=[youth.pk])),
        (prevention, reverse("prevention:accompaniment-close", args=[accompaniment.pk])),
        (prevention, reverse("prevention:network-receptions")),
        (prevention, reverse("prevention:instance-meetings")),
        (habitat, reverse("habitat:stay-create")),
        (habitat, reverse("habitat:stay-exit", args=[stay.pk])),
        (habitat, reverse("habitat:cllaj-interview")),
        (habitat, reverse("habitat:events")),
        (habitat, reverse("habitat:requests")),
        (habitat, reverse("habitat:request-create")),
        (habitat, reverse("habitat:measure-create")),
        # The follow-up's page: its forms adding an interview, an application, an orientation
        # (the follow-up's own answers, above, are a correction and show what was saved).
        (habitat, reverse("habitat:cllaj-file", args=[cllaj_file.pk]), "/nouveau/"),
        (scolaire, reverse("scolaire:enrolment-end", args=[enrolment.pk])),
        (scolaire, reverse("scolaire:enrolment-create", args=[enrolment.programme_id])),
        (scolaire, reverse("scolaire:child-enrolment-create", args=[enrolment.child_id])),
    ]


@pytest.mark.django_db
def test_creation_pages_choose_nothing_for_the_user(client):
    found = []
    for user, url, *only in _creation_pages():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if only:  # the page's forms whose action holds this text
            forms = re.findall(r"<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", html, re.S)
            html = "".join(body for action, body in forms if only[0] in action)
            assert html, url
        if "---------" in html:
            found.append((url, "---------"))
        for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
            for value in re.findall(r'<option value="([^"]+)"[^>]*selected', body):
                value = "self" if value == str(user.pk) else value
                if (name, value) not in PRESET and (name, "*") not in PRESET:
                    found.append((url, name, value))
        for tag in re.findall(r"<input[^>]*\bchecked\b[^>]*>", html):
            name = re.search(r'name="([^"]+)"', tag).group(1)
            found.append((url, name, "checked"))
    assert found == []
