"""The import page shared by the apps: upload, preview, answers about likely duplicates,
confirmation. The file waits in the user's session between the preview and the confirmation,
and is checked again, whole, when confirmed."""

from __future__ import annotations

import base64

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from rl_portal.importing.persons import NEW
from rl_portal.importing.template import template_workbook
from rl_portal.importing.workbook import WorkbookImport

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# Each row goes through the services, about 15 statements (make bench-import: 50 to 150 rows
# a second on PostgreSQL on this 2-core machine, depending on its load): a file checked in one
# request stays under the server's 30-second timeout. Larger files go through the
# `import_habitat` / `import_prevention` commands.
MAX_PAGE_ROWS = 1000
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DECISION_PREFIX = "personne_"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Classeur XLSX",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        error_messages={
            "required": "Choisissez le classeur à importer.",
            "empty": "Le fichier est vide.",
            "invalid": "Ce fichier n'a pas pu être lu : déposez-le à nouveau.",
        },
    )

    def __init__(self, *args, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = f"{help_text} 2 Mo au plus.".strip()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                "Le fichier dépasse 2 Mo : découpez-le (par exemple une année par fichier)."
            )
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(
                "Déposez un classeur Excel au format .xlsx (dans votre tableur : « Enregistrer "
                "sous », format Classeur Excel)."
            )
        return upload


class ImportView(View):
    """Subclasses give the import (`definition`), who may use it (`can_import`), the page's
    texts and where to go once imported."""

    definition: WorkbookImport
    template_name = "importing/import.html"
    title = ""
    introduction = ""
    file_help = ""
    template_url = ""
    done_url = ""
    nav_template = ""

    def can_import(self, user) -> bool:
        raise NotImplementedError

    @property
    def session_key(self) -> str:
        return f"import_{self.definition.name}"

    def dispatch(self, request, *args, **kwargs):
        if not self.can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render_page(self, request, *, form=None, options_form=None, outcome=None, status=200):
        context = {
            "form": form or ImportForm(help_text=self.file_help),
            "options_form": options_form or self.definition.options_form(request.user),
            "outcome": outcome,
            "title": self.title,
            "introduction": self.introduction,
            "template_url": self.template_url,
            "nav_template": self.nav_template,
            "new_choice": NEW,
            "decision_prefix": DECISION_PREFIX,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        return self.render_page(request)

    def post(self, request):
        action = request.POST.get("action")
        if action in ("confirmer", "reverifier"):
            return self.decide(request, confirm=action == "confirmer")
        form = ImportForm(request.POST, request.FILES, help_text=self.file_help)
        options_form = self.definition.options_form(request.user, data=request.POST)
        valid = form.is_valid()
        if options_form is not None and not options_form.is_valid():
            valid = False
        if not valid:
            return self.render_page(request, form=form, options_form=options_form, status=400)
        options = options_form.options() if options_form is not None else {}
        content = form.cleaned_data["file"].read()
        outcome = self.definition.preview(
            content, by=request.user, options=options, request=request, max_rows=MAX_PAGE_ROWS
        )
        if outcome.sheets:
            # The answers about duplicates are given on the preview: the file waits for them.
            request.session[self.session_key] = {
                "file": base64.b64encode(content).decode(),
                "options": options,
            }
        else:
            request.session.pop(self.session_key, None)
        return self.render_page(
            request,
            options_form=options_form,
            outcome=outcome,
            status=200 if outcome.is_valid else 400,
        )

    def decide(self, request, *, confirm: bool):
        pending = request.session.get(self.session_key)
        if not isinstance(pending, dict):
            messages.error(request, "Aucun fichier en attente : déposez-le à nouveau.")
            return redirect(request.path)
        content = base64.b64decode(pending["file"])
        decisions = {
            name.removeprefix(DECISION_PREFIX): value
            for name, value in request.POST.items()
            if name.startswith(DECISION_PREFIX)
        }
        outcome = self.definition.run(
            content,
            by=request.user,
            decisions=decisions,
            options=pending["options"],
            dry_run=not confirm,
            request=request,
            max_rows=MAX_PAGE_ROWS,
        )
        if outcome.applied:
            request.session.pop(self.session_key, None)
            messages.success(request, f"Import terminé : {outcome.summary()}.")
            return redirect(self.done_url)
        return self.render_page(
            request,
            # The choices made with the file stay shown, for the next upload.
            options_form=self.definition.options_form(request.user, data=pending["options"]),
            outcome=outcome,
            status=200 if outcome.is_valid else 400,
        )


def template_response(definition: WorkbookImport, *, filename: str, introduction: list[str]):
    response = HttpResponse(
        template_workbook(definition.specs, introduction=introduction), content_type=XLSX
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
