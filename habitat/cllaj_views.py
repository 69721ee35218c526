"""A CLLAJ follow-up's page (not the Django admin): the file's answers, its interviews, the
applications built and the orientations advised — each added, corrected or deleted there.
Linked from the CLLAJ list and the person's page; writes through `habitat.services`
(versioned, journalled)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from habitat import cllaj_forms, perms, services
from habitat.models import CllajApplication, CllajFile, CllajInterview, CllajOrientation
from rl_portal.audit import Channel, log_person_access
from rl_portal.form_helpers import add_service_errors, refusal_status, submit


@dataclass(frozen=True)
class ItemKind:
    """One kind of record of a follow-up, as its URLs name it (`entretiens`, `dossiers`,
    `orientations`)."""

    model: type
    form: type
    noun: str  # « l'entretien », in the messages
    saved: str
    deleted: str

    def save(self, *, cllaj_file, by, data, item=None, version=None):
        if self.model is CllajInterview:
            if item is None:
                return services.cllaj_interview_add(cllaj_file=cllaj_file, by=by, **data)
            return services.cllaj_interview_update(interview=item, by=by, version=version, **data)
        if self.model is CllajApplication:
            return services.cllaj_application_save(
                cllaj_file=cllaj_file, by=by, application=item, version=version, **data
            )
        return services.cllaj_orientation_save(
            cllaj_file=cllaj_file, by=by, orientation=item, version=version, **data
        )

    def delete(self, *, item, by, version):
        if self.model is CllajInterview:
            return services.cllaj_interview_delete(interview=item, by=by, version=version)
        return services.cllaj_item_delete(item=item, by=by, version=version)

    def can_delete(self, user, item) -> bool:
        return perms.can_delete(user, item) if self.model is CllajInterview else True


KINDS = {
    "entretiens": ItemKind(
        CllajInterview,
        cllaj_forms.CllajInterviewEditForm,
        "l'entretien",
        "Entretien enregistré.",
        "Entretien supprimé.",
    ),
    "dossiers": ItemKind(
        CllajApplication,
        cllaj_forms.CllajApplicationForm,
        "le dossier constitué",
        "Dossier constitué enregistré.",
        "Dossier constitué supprimé.",
    ),
    "orientations": ItemKind(
        CllajOrientation,
        cllaj_forms.CllajOrientationForm,
        "l'orientation",
        "Orientation enregistrée.",
        "Orientation supprimée.",
    ),
}


def _form_data(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}


class CllajFileMixin:
    """The follow-up of the URL, for the habitat's staff."""

    def dispatch(self, request, *args, **kwargs):
        if not perms.can_record(request.user):
            raise PermissionDenied
        self.cllaj_file = get_object_or_404(
            CllajFile.objects.visible_to(request.user).select_related("person", "dispositif"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def log_read(self, request) -> None:
        log_person_access(
            actor=request.user,
            persons=[self.cllaj_file.person],
            channel=Channel.PAGE,
            request=request,
        )


class CllajFileView(CllajFileMixin, View):
    """The follow-up's page: its answers (corrected in place), its interviews, applications and
    orientations (each with a link to correct it), and a form to add each."""

    template_name = "habitat/cllaj_file.html"

    def render_page(self, request, status=200, **forms):
        cllaj_file = self.cllaj_file
        context = {
            "cllaj_file": cllaj_file,
            "interviews": list(
                cllaj_file.interviews.select_related("place", "created_by").order_by("-date", "-pk")
            ),
            "applications": list(cllaj_file.applications.order_by("-date", "-pk")),
            "orientations": list(cllaj_file.orientations.order_by("-date", "-pk")),
            "form": forms.get("form") or cllaj_forms.CllajFileForm(cllaj_file=cllaj_file),
            "interview_form": forms.get("entretiens") or cllaj_forms.CllajInterviewEditForm(),
            "application_form": forms.get("dossiers") or cllaj_forms.CllajApplicationForm(),
            "orientation_form": forms.get("orientations") or cllaj_forms.CllajOrientationForm(),
        }
        self.log_read(request)
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self.render_page(request)

    def post(self, request, pk):
        form = cllaj_forms.CllajFileForm(data=request.POST, cllaj_file=self.cllaj_file)
        submission = submit(
            form,
            lambda: services.cllaj_file_update(
                cllaj_file=self.cllaj_file,
                by=request.user,
                version=form.cleaned_data["version"],
                **form.service_data(),
            ),
        )
        if submission.ok:
            messages.success(request, "Dossier CLLAJ enregistré.")
            return redirect("habitat:cllaj-file", pk=pk)
        self.cllaj_file.refresh_from_db()
        return self.render_page(request, status=submission.status, form=form)


class CllajItemCreateView(CllajFileView):
    """Adds an interview, an application or an orientation from the follow-up's page; a
    refusal shows the page again with the input kept."""

    def get(self, request, pk, kind):
        raise Http404

    def post(self, request, pk, kind):
        item_kind = KINDS.get(kind)
        if item_kind is None:
            raise Http404
        form = item_kind.form(data=request.POST)
        submission = submit(
            form,
            lambda: item_kind.save(
                cllaj_file=self.cllaj_file, by=request.user, data=_form_data(form)
            ),
        )
        if submission.ok:
            messages.success(request, item_kind.saved)
            return redirect("habitat:cllaj-file", pk=pk)
        return self.render_page(request, status=submission.status, **{kind: form})


class CllajItemView(CllajFileMixin, View):
    """Corrects (or deletes, on its own URL) an interview, an application or an orientation."""

    template_name = "habitat/cllaj_item.html"

    def dispatch(self, request, *args, **kwargs):
        self.item_kind = KINDS.get(kwargs["kind"])
        if self.item_kind is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def item(self):
        return get_object_or_404(
            self.item_kind.model.objects.visible_to(self.request.user),
            cllaj_file=self.cllaj_file,
            pk=self.kwargs["ipk"],
        )

    def render_item(self, request, item, form, status=200, delete_form=None):
        context = {
            "cllaj_file": self.cllaj_file,
            "item": item,
            "kind": self.kwargs["kind"],
            "noun": self.item_kind.noun,
            "form": form,
            "delete_form": delete_form,
            "can_delete": self.item_kind.can_delete(request.user, item),
        }
        self.log_read(request)
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk, kind, ipk):
        item = self.item()
        return self.render_item(request, item, self.item_kind.form(item=item))

    def post(self, request, pk, kind, ipk):
        item = self.item()
        form = self.item_kind.form(data=request.POST, item=item)
        submission = submit(
            form,
            lambda: self.item_kind.save(
                cllaj_file=self.cllaj_file,
                by=request.user,
                data=_form_data(form),
                item=item,
                version=form.cleaned_data["version"],
            ),
        )
        if submission.ok:
            messages.success(request, self.item_kind.saved)
            return redirect("habitat:cllaj-file", pk=pk)
        item.refresh_from_db()
        return self.render_item(request, item, form, status=submission.status)


class CllajItemDeleteView(CllajItemView):
    def get(self, request, pk, kind, ipk):
        raise Http404

    def post(self, request, pk, kind, ipk):
        item = self.item()
        delete_form = cllaj_forms.CllajDeleteForm(data=request.POST)
        status = 400
        if delete_form.is_valid():
            try:
                self.item_kind.delete(
                    item=item, by=request.user, version=delete_form.cleaned_data["version"]
                )
            except ValidationError as error:
                add_service_errors(delete_form, error)
                status = refusal_status(error)
            else:
                messages.success(request, self.item_kind.deleted)
                return redirect("habitat:cllaj-file", pk=pk)
        item.refresh_from_db()
        return self.render_item(
            request, item, self.item_kind.form(item=item), status, delete_form=delete_form
        )
