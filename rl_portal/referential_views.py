"""Pages where chefs de service keep their référentiels (`/referentiels/`): the list of those
they may manage, each référentiel's list, and its creation and edit form."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.views import View
from django.views.decorators.http import require_GET

from rl_portal import perms, referentials, services
from rl_portal.form_helpers import DATE_WIDGET, form_layout, submit
from rl_portal.referentials import Referential

PER_PAGE = 50


def _referential(request, slug: str, action: str = "change") -> Referential:
    referential = referentials.REFERENTIALS.get(slug)
    if referential is None:
        raise Http404
    if not perms.can_manage_referential(request.user, referential, action):
        raise PermissionDenied
    return referential


def _display(record, name: str) -> str:
    field = record._meta.get_field(name)
    value = getattr(record, name)
    if field.choices:
        return getattr(record, f"get_{name}_display")()
    if field.many_to_many:
        return ", ".join(str(item) for item in value.all())
    if isinstance(value, bool):
        return "oui" if value else "non"
    return "" if value is None else str(value)


@require_GET
def referential_index(request):
    """The référentiels the user may manage."""
    manageable = referentials.manageable_by(request.user)
    if not manageable:
        raise PermissionDenied
    return render(request, "rl_portal/referential_index.html", {"referentials": manageable})


@require_GET
def referential_list(request, slug):
    """A référentiel's records, searchable by name, 50 a page."""
    referential = _referential(request, slug)
    records = referentials.records(referential, request.user)
    text = request.GET.get("q", "").strip()[:100]
    if text:
        records = records.filter(**{f"{referential.search_field}__icontains": text})
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("page"))
    model_fields = referential.model._meta
    context = {
        "referential": referential,
        "headings": [capfirst(model_fields.get_field(c).verbose_name) for c in referential.columns],
        "rows": [
            # The first column names the record as everywhere else (a sub-problématique with
            # its category, a quartier with its commune): on a phone it is the only one shown.
            (record, [str(record)] + [_display(record, c) for c in referential.columns[1:]])
            for record in page.object_list
        ],
        "page": page,
        "query": f"q={text}" if text else "",
        "text": text,
        "can_add": perms.can_manage_referential(request.user, referential, "add"),
    }
    return render(request, "rl_portal/referential_list.html", context)


def referential_form_class(referential: Referential) -> type[forms.ModelForm]:
    """The ModelForm of a référentiel's fields, carrying the fingerprint of the values read."""

    class ReferentialForm(forms.ModelForm):
        fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

        class Meta:
            model = referential.model
            fields = referential.fields
            # A phone shows its date picker (a convention's or a staff position's period).
            widgets = {
                name: DATE_WIDGET
                for name in referential.fields
                if isinstance(referential.model._meta.get_field(name), models.DateField)
            }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name, choices in referential.choices.items():
                queryset = choices()
                if self.instance.pk and queryset.model is type(self.instance):
                    # A record is never its own parent.
                    queryset = queryset.exclude(pk=self.instance.pk)
                self.fields[name].queryset = queryset
            if self.instance.pk:
                self.fields["fingerprint"].initial = referentials.fingerprint(
                    self.instance, referential
                )
            self.helper = form_layout(*referential.fields, "fingerprint")

    return ReferentialForm


class ReferentialFormView(View):
    """Create (no pk) or edit a record of a référentiel."""

    template_name = "rl_portal/referential_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.referential = _referential(
            request, kwargs["slug"], "change" if "pk" in kwargs else "add"
        )
        self.record = (
            get_object_or_404(referentials.records(self.referential, request.user), pk=kwargs["pk"])
            if "pk" in kwargs
            else None
        )
        self.form_class = referential_form_class(self.referential)

    def _render(self, request, form, status=200):
        context = {"referential": self.referential, "record": self.record, "form": form}
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug, pk=None):
        return self._render(request, self.form_class(instance=self.record))

    def post(self, request, slug, pk=None):
        # The form edits a copy: the record as read stays what the service compares against.
        form = self.form_class(
            data=request.POST,
            instance=type(self.record).objects.get(pk=self.record.pk) if self.record else None,
        )
        submission = submit(
            form,
            lambda: services.referential_save(
                referential=self.referential,
                instance=self.record,
                data={name: form.cleaned_data[name] for name in self.referential.fields},
                fingerprint_read=form.cleaned_data.get("fingerprint") or None,
                by=request.user,
            ),
        )
        if not submission.ok:
            return self._render(request, form, status=submission.status)
        messages.success(request, f"« {submission.result} » est enregistré.")
        return redirect("referential-list", slug=self.referential.slug)
