"""A refused form tells assistive technologies which fields are wrong and why: each field in
error is marked aria-invalid and described by its error message (Django's renderer with
crispy-bootstrap5), so that a screen reader reads the French error with the field."""

from html.parser import HTMLParser

import pytest

from rl_portal.roles import Role
from tests.prevention.factories import YouthFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


class Fields(HTMLParser):
    """The form's fields (by name) and the text of every element with an id."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, dict] = {}
        self.fieldsets: list[dict] = []
        self.texts: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("input", "select", "textarea") and attributes.get("type") != "hidden":
            self.fields[attributes.get("name", "")] = attributes
        if tag == "fieldset":
            self.fieldsets.append(attributes)
        if "id" in attributes:
            self.texts[attributes["id"]] = ""
            if tag not in ("input", "select", "textarea"):
                self._open.append(attributes["id"])

    def handle_data(self, data):
        for element_id in self._open:
            self.texts[element_id] += data

    def described(self, attributes: dict) -> str:
        """The text of the elements `attributes` is described by."""
        ids = attributes.get("aria-describedby", "").split()
        return " ".join(self.texts.get(element_id, "") for element_id in ids)

    def handle_endtag(self, tag):
        # Enough for the error blocks (a div holding a span): the innermost id closes first.
        if self._open and tag in ("div", "span", "p", "small"):
            self._open.pop()


def test_refused_person_form_marks_and_describes_each_field_in_error(client):
    client.force_login(make_user(Role.EDUCATEUR, "prevention"))

    response = client.post("/personnes/nouvelle/", {"pseudonym": "", "birth_year": "abc"})

    assert response.status_code == 400
    parser = Fields()
    parser.feed(response.content.decode())
    expected = {
        "pseudonym": "Ce champ est obligatoire.",
        "sex": "Ce champ est obligatoire.",
        "birth_year": "Saisissez un nombre entier.",
    }
    for name, error in expected.items():
        field = parser.fields[name]
        assert field.get("aria-invalid") == "true", name
        assert error in parser.described(field), (name, parser.described(field))
    # A field without error is not marked.
    assert "aria-invalid" not in parser.fields["last_name"]


def test_refused_radio_choice_describes_its_group(client):
    """A choice nobody made (the accompaniment's type, a radio list without a ticked blank):
    the group says why, each radio is marked."""
    client.force_login(make_user(Role.EDUCATEUR, "prevention"))
    youth = YouthFactory()

    response = client.post(f"/prevention/jeunes/{youth.pk}/accompagnement/", {})

    assert response.status_code == 400
    parser = Fields()
    parser.feed(response.content.decode())
    assert parser.fields["kind"]["type"] == "radio"
    assert parser.fields["kind"].get("aria-invalid") == "true"
    groups = [parser.described(fieldset) for fieldset in parser.fieldsets]
    assert any("Ce champ est obligatoire." in text for text in groups), groups
