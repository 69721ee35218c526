"""The person picker shared by every form that names a person (a stay's occupant, a youth
already known to the CLLAJ…): a search box, never a drop-down of every person.

- The page holds the chosen person's id in a hidden input; the list of persons is never sent
  to it. Typing two letters or more posts the text (a POST: no name in a URL or a log) to
  `person_pick` (rl_portal.views), which answers the first matches, accent-insensitive, with
  what tells people of the same pseudonym apart: age, sex, commune, services, last contact.
- What a picker may find is declared once, by the app that uses it, as a `PersonPicker`
  registered under a name (`register_person_picker`): a function of the user returning the
  persons they may choose (always through `visible_to`), and the date of the last contact
  that app records. The form's field (`PersonChoiceField`) validates the posted id against
  the same persons, so a tampered id is refused as any invalid choice.
- Every person shown by a search is journalled as read (rl_portal.audit), as on any page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import Expression, F, Prefetch, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from rl_portal.models import CaseFile, Person, User

# Enough to tell a few namesakes apart on a phone; more means the text must be longer.
MAX_RESULTS = 8
MIN_LENGTH = 2


@dataclass(frozen=True)
class PersonPicker:
    """The persons a picker finds for a user, and how their last contact is dated."""

    name: str
    persons: Callable[[User], QuerySet]
    # An aggregate over the person (Max of a date) and the words shown before it.
    last_seen: Callable[[], Expression] | None = None
    last_seen_label: str = "dernier contact"
    # A text telling namesakes apart in that app (a child's school class), shown after the
    # services; an expression over the person, annotated as `picker_detail`.
    detail: Callable[[], Expression] | None = None

    def queryset(self, user: User) -> QuerySet:
        """The persons this user may choose, with what describes them (one query, plus one
        for the services' case files)."""
        persons = self.persons(user).select_related("commune")
        persons = persons.prefetch_related(
            Prefetch(
                "case_files",
                queryset=CaseFile.objects.visible_to(user).select_related("service"),
                to_attr="picker_case_files",
            )
        )
        if self.last_seen is not None:
            persons = persons.annotate(last_seen=self.last_seen())
        if self.detail is not None:
            persons = persons.annotate(picker_detail=self.detail())
        return persons

    def search(self, user: User, text: str) -> tuple[list[Person], bool]:
        """The first matches of `text` (accent-insensitive) and whether there are more."""
        if len(text.strip()) < MIN_LENGTH:
            return [], False
        ordering = ["pseudonym"]
        if self.last_seen is not None:
            ordering.append(F("last_seen").desc(nulls_last=True))
        found = list(
            self.queryset(user).search(text.strip()).order_by(*ordering, "pk")[: MAX_RESULTS + 1]
        )
        return found[:MAX_RESULTS], len(found) > MAX_RESULTS


PERSON_PICKERS: dict[str, PersonPicker] = {}


def register_person_picker(picker: PersonPicker) -> PersonPicker:
    """Declare a picker under its name (an app's `ready()`); registering again replaces it."""
    PERSON_PICKERS[picker.name] = picker
    return picker


class PersonSearchWidget(forms.Widget):
    """A search box and a hidden input holding the chosen person's id. The field's label
    points at the search box; the chosen person is shown with the same details as a result."""

    template_name = "components/person_picker.html"

    def __init__(self, picker: str, attrs=None):
        super().__init__(attrs)
        self.picker = picker
        self.user = None

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.picker, copy.user = self.picker, self.user
        return copy

    def chosen(self, value) -> Person | None:
        """The person whose id the form holds, described like a result, if the user may
        choose them (a form shown again after a refusal keeps its choice)."""
        value = str(value or "")
        # ASCII digits only: str.isdigit() accepts « ² », which the database lookup refuses.
        if self.user is None or not (value.isascii() and value.isdigit()) or len(value) > 18:
            return None
        return PERSON_PICKERS[self.picker].queryset(self.user).filter(pk=value).first()

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        picker = PERSON_PICKERS[self.picker]
        context["widget"].update(
            {
                "picker": self.picker,
                "url": reverse("person-pick"),
                "chosen": self.chosen(value),
                "last_seen_label": picker.last_seen_label,
                "min_length": MIN_LENGTH,
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates (components/), not the form renderer's own engine.
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class PersonChoiceField(forms.ModelChoiceField):
    """A person chosen through a registered picker. Call `for_user(user)` in the form's
    `__init__`: the posted id must be one of the persons that picker finds for the user."""

    def __init__(self, *, picker: str, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {"invalid_choice": "Cette personne n'est pas disponible : cherchez-la à nouveau."},
        )
        super().__init__(
            queryset=Person.objects.none(), widget=PersonSearchWidget(picker), **kwargs
        )
        self.picker = picker

    def for_user(self, user: User) -> None:
        """Limit the choice to the persons the picker offers `user`."""
        self.queryset = PERSON_PICKERS[self.picker].persons(user)
        self.widget.user = user
