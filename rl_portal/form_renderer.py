"""The project's form renderer: every form field's blank choice reads French, whatever form it
is in. Django's own « --------- » (its model fields' and ModelChoiceField's default) showed on
the collective action, accompaniment, network, instance, stay and CLLAJ pages; a radio list
even offered it as a ticked answer (« Type : --------- » on a new accompaniment).

- a drop-down's blank choice reads « — à choisir — » when the field is required and
  « — non renseigné — » when it may stay empty (then it is stored, and counted, as such);
- a radio list has no blank choice: nothing is ticked until the user chooses.

Set as FORM_RENDERER: each form field is adjusted when the form first binds it (Django 5.2's
renderer-level `bound_field_class`), so new forms need nothing to get it."""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates

DJANGO_BLANK = "---------"
CHOOSE = "— à choisir —"
NOT_RECORDED = "— non renseigné —"


def french_blank_choice(field: forms.Field) -> None:
    """Rewrite `field`'s blank choice in place (a form's fields are its own copies)."""
    if isinstance(field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return
    blank = CHOOSE if field.required else NOT_RECORDED
    radio = isinstance(field.widget, forms.RadioSelect)
    if isinstance(field, forms.ModelChoiceField):
        if radio:
            field.empty_label = None
        elif field.empty_label == DJANGO_BLANK:
            field.empty_label = blank
    elif isinstance(field, forms.ChoiceField) and not callable(field.choices):
        choices = list(field.choices)
        if not any(value == "" for value, _ in choices):
            return
        if radio:
            field.choices = [(value, label) for value, label in choices if value != ""]
        else:
            field.choices = [
                (value, blank if value == "" and label == DJANGO_BLANK else label)
                for value, label in choices
            ]


class FrenchBoundField(BoundField):
    def __init__(self, form, field, name):
        french_blank_choice(field)
        super().__init__(form, field, name)


class FormRenderer(DjangoTemplates):
    bound_field_class = FrenchBoundField
