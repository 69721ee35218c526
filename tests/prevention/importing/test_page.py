"""The prevention history import's page, its template and its command."""

import io

import pytest

from prevention.importing import PREVENTION_IMPORT
from prevention.models import TimeEntry
from rl_portal.roles import Role
from tests.prevention.importing.workbooks import creators, history, xlsx
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_page_previews_then_imports_on_confirmation(client, chef, educator):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(chef)
    url = reverse("prevention:import")
    assert client.get(url).status_code == 200

    preview = client.post(url, {"file": SimpleUploadedFile("historique.xlsx", history())})

    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Fichier valide : rien n'est encore enregistré." in html
    assert "Feuille Accompagnements : 2 à importer" in html
    assert '<th scope="col">Code jeune</th>' in html
    assert not TimeEntry.objects.exists()
    done = client.post(url, {"action": "confirmer"}, follow=True)
    assert done.redirect_chain[-1][0] == reverse("prevention:time-entries")
    assert "Import terminé : 2 jeunes, 4 temps saisis" in done.content.decode()
    assert TimeEntry.objects.count() == 4
    # The file does not wait in the session any more.
    assert "import_prévention" not in client.session


def test_the_page_and_template_are_for_prevention_staff(client, chef):
    from django.urls import reverse

    for user in (
        make_user(Role.EDUCATEUR, "habitat", username="thomas"),
        make_user(Role.DIRECTION, username="dir"),
    ):
        client.force_login(user)
        assert client.get(reverse("prevention:import")).status_code == 403
        assert client.get(reverse("prevention:import-template")).status_code == 403
    client.force_login(chef)
    response = client.get(reverse("prevention:import-template"))
    assert response["Content-Disposition"] == (
        'attachment; filename="modele-import-prevention.xlsx"'
    )


def test_the_template_reads_back_and_holds_no_formula(chef):
    from openpyxl import load_workbook

    from prevention.importing import INTRODUCTION
    from prevention.models import Problematique
    from rl_portal.importing.template import template_workbook

    injected = '=HYPERLINK("http://example.invalid/x","Logement")'
    Problematique.objects.filter(name="Logement").update(name=injected)

    content = template_workbook(PREVENTION_IMPORT.specs, introduction=INTRODUCTION)

    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == [
        "Mode d'emploi",
        "Jeunes",
        "Temps",
        "Rencontres",
        "Accompagnements",
    ]
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert any(injected in str(cell.value) for cell in cells)  # listed in the instructions, as text
    # Filled in under its own headers, it is what the import reads.
    headers = {title: [c.value for c in workbook[title][1]] for title in workbook.sheetnames[1:]}
    workbook["Temps"].append(
        [
            "06/03/2023"
            if h == "Date"
            else "Formation"
            if h == "Activité"
            else 2
            if h == "Heures"
            else None
            for h in headers["Temps"]
        ]  # fmt: skip
    )
    filled = io.BytesIO()
    workbook.save(filled)
    preview = PREVENTION_IMPORT.preview(filled.getvalue(), by=chef)
    assert (preview.errors, preview.notes, preview.counts) == ([], [], {"Temps": 1})


def test_the_page_sends_large_files_to_the_command(client, chef, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    monkeypatch.setattr("rl_portal.importing.views.MAX_PAGE_ROWS", 3)
    client.force_login(chef)
    rows = [{"Date": "06/03/2023", "Activité": "Formation", "Heures": 1}] * 4
    upload = SimpleUploadedFile("historique.xlsx", xlsx(Temps=rows))

    response = client.post(reverse("prevention:import"), {"file": upload})

    assert response.status_code == 400
    assert (
        "Le classeur compte 4 lignes ; cette page en importe 3 au plus par fichier"
        in response.content.decode()
    )
    assert not TimeEntry.objects.exists()


def test_the_command_checks_then_imports_a_history(chef, educator, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "historique.xlsx"
    path.write_bytes(history())

    call_command("import_prevention", str(path), user="chef")
    assert "Vérifié (rien n'est écrit sans --confirm) : 2 jeunes" in capsys.readouterr().out
    assert not TimeEntry.objects.exists()

    call_command("import_prevention", str(path), user="chef", confirm=True)
    assert "Importé : 2 jeunes, 4 temps saisis" in capsys.readouterr().out
    assert TimeEntry.objects.count() == 4
    assert creators(TimeEntry) == {"chef"}

    path.write_bytes(xlsx(Temps=[{"Date": "06/03/2023", "Activité": "Sport", "Heures": 1}]))
    with pytest.raises(CommandError, match="Rien n'a été importé"):
        call_command("import_prevention", str(path), user="chef", confirm=True)
    assert "l'activité « Sport » est inconnue" in capsys.readouterr().err
    with pytest.raises(CommandError, match="n'est pas un dispositif"):
        call_command("import_prevention", str(path), user="chef", dispositif="emps")
