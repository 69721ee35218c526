"""Reading the file of an import: every row to the end, formulas only with their value, and
bad files refused with a French message, never an error page."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from habitat.importing import HABITAT_IMPORT, INTRODUCTION
from habitat.models import HousingUnit, Stay
from rl_portal.importing.template import template_workbook
from rl_portal.models import Dispositif
from rl_portal.roles import Role
from tests.habitat.factories import HousingUnitFactory
from tests.habitat.test_import import STAY_HEADERS, UNIT_HEADERS, stay, unit, xlsx
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return make_user(Role.EDUCATEUR, "habitat", username="thomas")


def rewrite(content: bytes, part: str, change) -> bytes:
    """The workbook with one of its XML parts changed, as another tool might write it."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                data = change(data.decode()).encode()
            target.writestr(item, data)
    return out.getvalue()


def sheet_part(content: bytes, title: str) -> str:
    names = load_workbook(io.BytesIO(content), read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def test_a_row_after_250_blank_rows_is_read(worker):
    """Reproduction: the stay of line 253 was silently dropped after 250 blank lines."""
    HousingUnitFactory(label="Oignies T1 n° 1")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Séjours"
    sheet.append(STAY_HEADERS)
    sheet.append([stay().get(h) for h in STAY_HEADERS])
    last = stay(Logement="Oignies T1 n° 1", Pseudonyme="Léa")
    for index, header in enumerate(STAY_HEADERS, start=1):
        sheet.cell(row=253, column=index, value=last.get(header))
    HousingUnitFactory(label="Carvin T2 n° 3")
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = HABITAT_IMPORT.preview(buffer.getvalue(), by=worker)

    assert preview.errors == []
    assert [row.line for row in preview.sheets[0].rows] == [2, 253]
    HABITAT_IMPORT.apply(buffer.getvalue(), by=worker)
    assert set(Stay.objects.values_list("person__pseudonym", flat=True)) == {"Inès", "Léa"}


def test_rows_past_the_sheets_stated_dimension_are_read(worker):
    """Some tools write a stale <dimension>: the rows past it are read all the same."""
    content = xlsx(units=[unit(), unit(Désignation="Lens T2"), unit(Désignation="Liévin T3")])
    part = sheet_part(content, "Logements")
    stale = rewrite(
        content, part, lambda xml: re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:I2"', xml)
    )

    preview = HABITAT_IMPORT.preview(stale, by=worker)

    assert preview.counts["Logements"] == 3


def test_a_formula_without_its_value_is_refused_never_read_as_1(worker):
    """Reproduction: « Places » = =1+2 written by a script (no cached value) became 1 place."""
    content = xlsx(units=[unit(Places="=1+2")])

    preview = HABITAT_IMPORT.preview(content, by=worker)

    assert preview.errors == [
        "Feuille Logements, ligne 2 : la cellule G2 (Places) est une formule sans valeur "
        "calculée (=1+2) : enregistrez le fichier dans votre tableur, ou remplacez la formule "
        "par sa valeur."
    ]
    [row] = preview.sheets[0].rows
    assert row.status == "invalid" and row.cells[6] == "=1+2"
    assert not HousingUnit.objects.exists()


def test_a_formula_with_its_value_is_read_as_that_value_and_said(worker):
    content = xlsx(units=[unit(Places="=1+2")])
    part = sheet_part(content, "Logements")
    # As a spreadsheet saves it: the formula and the value it computed.
    computed = rewrite(
        content,
        part,
        lambda xml: re.sub(r"<f>1\+2</f>(<v\s*/>|<v></v>)?", "<f>1+2</f><v>3</v>", xml),
    )

    preview = HABITAT_IMPORT.preview(computed, by=worker)

    assert preview.errors == []
    assert preview.notes == [
        "Feuille Logements : 1 cellule(s) contiennent une formule ; leur valeur calculée a été "
        "lue (G2)."
    ]
    HABITAT_IMPORT.apply(computed, by=worker)
    assert HousingUnit.objects.get().places == 3


def test_an_error_value_is_refused(worker):
    content = xlsx(units=[unit(Places="=1/0")])
    part = sheet_part(content, "Logements")
    broken = rewrite(
        content,
        part,
        lambda xml: re.sub(
            r'<c r="G2"([^>]*)><f>1/0</f>(<v\s*/>|<v></v>)?</c>',
            r'<c r="G2" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            xml,
        ),
    )

    preview = HABITAT_IMPORT.preview(broken, by=worker)

    assert preview.errors == [
        "Feuille Logements, ligne 2 : la cellule G2 (Places) vaut « #DIV/0! » : corrigez-la."
    ]


def test_what_is_not_read_is_said(worker):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Logements"
    sheet.append(["Parc au 1er janvier"])  # a title above the headers
    sheet.append([*UNIT_HEADERS, "Observations"])
    sheet.append([unit().get(h) for h in UNIT_HEADERS] + ["à repeindre"])
    sheet.cell(row=5, column=len(UNIT_HEADERS) + 1, value="une note seule")
    workbook.create_sheet("Feuil2").append(["rien"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = HABITAT_IMPORT.preview(buffer.getvalue(), by=worker)

    assert preview.errors == []
    assert preview.notes == [
        "Feuille Logements : ligne(s) 1 au-dessus des en-têtes non lue(s).",
        "Feuille Logements : colonne(s) « Observations » non lue(s).",
        "Feuille Logements : ligne(s) 5 non lue(s) : seules des colonnes non lues y sont remplies.",
        "Feuille(s) « Feuil2 » non lue(s) : seules les feuilles Logements, Séjours, Mesures "
        "sont importées.",
    ]
    assert preview.counts == {"Logements": 1}


def test_headers_may_be_those_of_other_tools(worker):
    HousingUnitFactory(label="Carvin T2 n° 3")
    headers = {"Séjours": ["Logement", "Pseudo ou code", "Genre", "Année naissance", "Entrée"]}
    content = xlsx(
        stays=[{"Logement": "Carvin T2 n° 3", "Pseudo ou code": "Inès", "Genre": "Fille",
                "Année naissance": 2004, "Entrée": "03/02/2025"}],
        headers=headers,
    )  # fmt: skip

    HABITAT_IMPORT.apply(content, by=worker)

    person = Stay.objects.get().person
    assert (person.pseudonym, person.sex, person.birth_year) == ("Inès", "F", 2004)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"nom;pseudonyme\nInes;F\n", "Le fichier n'est pas un classeur Excel (.xlsx) lisible."),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "Le fichier est au format Excel 97-2003 (.xls) ou protégé par un mot de passe : "
            "enregistrez-le au format .xlsx, sans mot de passe, puis déposez-le à nouveau.",
        ),
    ],
)
def test_files_that_are_not_workbooks(worker, content, message):
    assert HABITAT_IMPORT.preview(content, by=worker).errors == [message]


def test_damaged_workbooks(worker):
    content = xlsx(units=[unit()])
    truncated = content[: len(content) // 2]
    garbled = rewrite(content, "xl/workbook.xml", lambda xml: xml[:40])
    not_a_workbook = io.BytesIO()
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    for damaged in (truncated, garbled, not_a_workbook.getvalue()):
        assert HABITAT_IMPORT.preview(damaged, by=worker).errors == [
            "Le fichier n'est pas un classeur Excel (.xlsx) lisible."
        ]


def test_a_workbook_that_unpacks_into_too_much_is_refused(worker):
    """A small file may unpack into gigabytes: the zip's parts are measured first."""
    content = xlsx(units=[unit()])
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(content)) as source,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/media/padding.bin", b"\0" * (61 * 1024 * 1024))
    assert len(bomb.getvalue()) < 200_000

    assert HABITAT_IMPORT.preview(bomb.getvalue(), by=worker).errors == [
        "Le classeur est trop volumineux une fois décompressé (plus de 60 Mo) : découpez-le "
        "en plusieurs fichiers."
    ]


def test_a_sheet_over_its_row_limit_is_refused(worker, settings):
    from habitat.importing.sheets import UnitResource

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Logements"
    sheet.append(UNIT_HEADERS)
    for n in range(UnitResource.spec.max_rows + 1):
        sheet.append([f"Logement {n}", "rue", "Carvin", "T1", "SIA", "ALT Jeunes", 1, "01/01/2020"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    assert HABITAT_IMPORT.preview(buffer.getvalue(), by=worker).errors == [
        "Feuille Logements : plus de 2000 lignes ; découpez le fichier (par exemple par année)."
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("parc.csv", b"a;b\n", "Déposez un classeur Excel au format .xlsx"),
        ("parc.xlsx", b"", "Le fichier est vide."),
        ("parc.xlsx", b"a;b\n", "Le fichier n&#x27;est pas un classeur Excel (.xlsx) lisible."),
        ("parc.xlsx", b"x" * (2 * 1024 * 1024 + 1), "Le fichier dépasse 2 Mo"),
    ],
)
def test_the_page_refuses_bad_files_with_a_french_message(client, worker, name, content, message):
    client.force_login(worker)
    response = client.post(reverse("habitat:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_page_refuses_a_missing_sheet_or_columns(client, worker):
    client.force_login(worker)
    url = reverse("habitat:import")
    other = Workbook()
    other.active.title = "Feuil1"
    buffer = io.BytesIO()
    other.save(buffer)
    for content, message in (
        (buffer.getvalue(), "ne contient aucune des feuilles Logements, Séjours, Mesures"),
        (
            xlsx(stays=[stay()], headers={"Séjours": ["Logement"]}),
            "il manque la ou les colonnes « Pseudonyme », « Entrée »",
        ),
    ):
        response = client.post(url, {"file": SimpleUploadedFile("parc.xlsx", content)})
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not Stay.objects.exists()


def test_a_confirmation_without_a_pending_file(client, worker):
    client.force_login(worker)
    response = client.post(reverse("habitat:import"), {"action": "confirmer"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("habitat:import")
    assert "Aucun fichier en attente : déposez-le à nouveau." in response.content.decode()


def test_the_template_holds_no_formula_whatever_the_referentiels_say(worker):
    """A dispositif renamed by someone to a formula stays text in the template (and out of its
    drop-down lists)."""
    injected = '=HYPERLINK("http://example.invalid/x","ALT")'
    Dispositif.objects.filter(code="alt-jeunes").update(name=injected)

    content = template_workbook(HABITAT_IMPORT.specs, introduction=INTRODUCTION)

    workbook = load_workbook(io.BytesIO(content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert any(injected in str(cell.value) and cell.data_type == "s" for cell in cells)
    lists = [v.formula1 for sheet in workbook for v in sheet.data_validations.dataValidation]
    assert lists and not any("HYPERLINK" in formula for formula in lists)


def test_a_text_cell_of_the_template_never_becomes_a_formula():
    from rl_portal.importing.template import text_cell

    sheet = Workbook().active
    for row, text in enumerate(["=1+2", "+33 6", "-x", "@SUM(A1)", "\tx", "Carvin"], start=1):
        cell = text_cell(sheet, row, 1, text)
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix == (text != "Carvin")


def test_an_unexpected_failure_refuses_its_row_and_logs_no_personal_data(
    worker, monkeypatch, caplog
):
    from habitat import services

    HousingUnitFactory(label="Carvin T2 n° 3")

    def broken(**kwargs):
        raise RuntimeError(f"panne pour {kwargs['person'].pseudonym}")

    monkeypatch.setattr(services, "stay_create", broken)

    preview = HABITAT_IMPORT.preview(xlsx(stays=[stay()]), by=worker)

    assert preview.errors == [
        "Feuille Séjours, ligne 2 : erreur inattendue : la ligne n'a pas pu être enregistrée "
        "(signalez-la à l'administrateur)."
    ]
    assert "RuntimeError" in caplog.text and "Inès" not in caplog.text
