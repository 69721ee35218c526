"""The import of the association's existing habitat data: a workbook is checked row by row
through the habitat services, previewed, and loaded only if the whole file is valid."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from habitat.importing import HABITAT_IMPORT
from habitat.models import HousingUnit, Stay, SupportMeasure
from rl_portal.models import CaseFile, Partner, Person
from rl_portal.roles import Role
from tests.habitat.factories import HousingUnitFactory, LandlordFactory, StayFactory
from tests.rl_portal.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date

UNIT_HEADERS = [
    "Désignation",
    "Adresse",
    "Commune",
    "Typologie",
    "Bailleur",
    "Dispositif",
    "Places",
    "Début du bail",
    "Fin du bail",
]
STAY_HEADERS = [
    "Logement",
    "Place",
    "Pseudonyme",
    "Nom",
    "Sexe",
    "Année de naissance",
    "Commune de résidence",
    "Entrée",
    "Sortie prévue",
    "Ressources à l'entrée",
    "Ressource principale",
]
MEASURE_HEADERS = [
    "Pseudonyme",
    "Nom",
    "Sexe",
    "Année de naissance",
    "Commune",
    "Dispositif",
    "Territoire",
    "Nature",
    "Poids",
    "Orienteur",
    "Notification",
    "Début",
    "Motif",
]


def unit(**values):
    return {
        "Désignation": "Carvin T2 n° 3",
        "Adresse": "3 rue de la Gare",
        "Commune": "Carvin",
        "Typologie": "T2",
        "Bailleur": "Pas-de-Calais Habitat",
        "Dispositif": "ALT Jeunes",
        "Places": 1,
        "Début du bail": "01/09/2019",
        **values,
    }


def stay(**values):
    return {
        "Logement": "Carvin T2 n° 3",
        "Pseudonyme": "Inès",
        "Sexe": "F",
        "Année de naissance": 2004,
        "Commune de résidence": "Carvin",
        "Entrée": "03/02/2025",
        **values,
    }


def measure(**values):
    return {
        "Pseudonyme": "Yanis",
        "Sexe": "M",
        "Année de naissance": 2001,
        "Commune": "Lens",
        "Dispositif": "fsl-asll",
        "Nature": "asll",
        "Poids": "3,5",
        "Orienteur": "SSD / MDS",
        "Notification": "10/01/2025",
        "Début": "15/01/2025",
        "Motif": "Maintien dans le logement",
        **values,
    }


def xlsx(units=(), stays=(), measures=(), headers=None) -> bytes:
    """A workbook with a sheet per list given, its first row the headers."""
    headers = {
        "Logements": UNIT_HEADERS,
        "Séjours": STAY_HEADERS,
        "Mesures": MEASURE_HEADERS,
        **(headers or {}),
    }
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, records in (("Logements", units), ("Séjours", stays), ("Mesures", measures)):
        sheet = workbook.create_sheet(title)
        sheet.append(headers[title])
        for record in records:
            sheet.append([record.get(header) for header in headers[title]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def preview_rows(outcome, title: str) -> list[dict[str, str]]:
    """The rows to create of a sheet, as the preview shows them (header → value)."""
    sheet = next(sheet for sheet in outcome.sheets if sheet.title == title)
    return [dict(zip(sheet.headers, row.cells, strict=True)) for row in sheet.rows_to_create]


def table_sizes() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (HousingUnit, Stay, SupportMeasure, Person, CaseFile, Partner)
    }


def test_a_valid_file_loads(worker):
    LandlordFactory(name="SIA Habitat")
    existing = HousingUnitFactory(label="Oignies T1 n° 1", places=1)
    file = xlsx(
        units=[
            unit(),
            unit(
                **{
                    "Désignation": "Courrières T3 n° 8",
                    "Commune": "62250",  # by INSEE code
                    "Typologie": "t3",
                    "Bailleur": "sia habitat",  # the landlord already known
                    "Dispositif": "alt-familles",
                    "Places": 2,
                    "Début du bail": datetime.datetime(2021, 3, 1),
                    "Fin du bail": "28/02/2030",
                }
            ),
        ],
        stays=[
            stay(**{"Ressources à l'entrée": "512,40", "Ressource principale": "CEJ"}),
            stay(
                **{
                    "Logement": "courrieres t3 n°8",
                    "Place": 2,
                    "Pseudonyme": "Yanis",
                    "Sexe": "M",
                    "Année de naissance": 2001,
                    "Commune de résidence": "Lens",
                    "Entrée": datetime.datetime(2025, 4, 1),
                    "Sortie prévue": "31/03/2026",
                    "Ressources à l'entrée": 600.5,
                }
            ),
            stay(
                **{
                    "Logement": "Oignies T1 n° 1",
                    "Pseudonyme": "Léa",
                    "Nom": "Martin",
                    "Sexe": "",
                    "Année de naissance": None,
                    "Commune de résidence": "henin beaumont",
                    "Entrée": "2025-06-16",
                }
            ),
        ],
        measures=[
            # Yanis is the young man of the Courrières stay: one person, two records.
            measure(),
            measure(
                **{
                    "Pseudonyme": "Sarah",
                    "Sexe": "F",
                    "Année de naissance": 2006,
                    "Commune": "Carvin",
                    "Dispositif": "ASL Jeunes ASE",
                    "Nature": "renforcée",
                    "Poids": None,
                    "Orienteur": "ASE",
                    "Motif": "acces_logement",
                }
            ),
        ],
    )

    before = table_sizes()
    preview = HABITAT_IMPORT.preview(file, by=worker)

    assert preview.errors == []
    assert preview.counts == {"Logements": 2, "Séjours": 3, "Mesures": 2}
    assert preview.persons_created == 4
    assert preview_rows(preview, "Logements")[1]["Commune"] == "Courrières"
    assert preview_rows(preview, "Logements")[1]["Début du bail"] == "01/03/2021"
    assert preview_rows(preview, "Séjours")[0]["Ressources à l'entrée"] == "512,40"
    assert preview_rows(preview, "Mesures")[0]["Poids"] == "3,50"
    assert preview_rows(preview, "Mesures")[1]["Nature"] == "ASL renforcée"
    assert table_sizes() == before  # a preview writes nothing

    done = HABITAT_IMPORT.apply(file, by=worker)

    assert done.counts == {"Logements": 2, "Séjours": 3, "Mesures": 2}
    assert done.persons_created == 4
    after = table_sizes()
    assert after["HousingUnit"] == before["HousingUnit"] + 2
    assert after["Stay"] == before["Stay"] + 3
    assert after["SupportMeasure"] == before["SupportMeasure"] + 2
    assert after["Person"] == before["Person"] + 4
    assert after["Partner"] == before["Partner"] + 1

    courrieres = HousingUnit.objects.get(label="Courrières T3 n° 8")
    assert courrieres.commune.insee_code == "62250"
    assert courrieres.typology == "T3"
    assert courrieres.landlord.name == "SIA Habitat"
    assert courrieres.dispositif.code == "alt-familles"
    assert (courrieres.places, courrieres.lease_start, courrieres.lease_end) == (
        2,
        D(2021, 3, 1),
        D(2030, 2, 28),
    )
    carvin = HousingUnit.objects.get(label="Carvin T2 n° 3")
    assert carvin.landlord.kind == Partner.Kind.BAILLEUR
    assert carvin.landlord.name == "Pas-de-Calais Habitat"

    ines = Stay.objects.get(person__pseudonym="Inès")
    assert (ines.unit, ines.place, ines.entry) == (carvin, 1, D(2025, 2, 3))
    assert (ines.resources_entry, ines.resource_type_entry) == (Decimal("512.40"), "cej")
    assert ines.person.commune.name == "Carvin"
    lea = Stay.objects.get(person__pseudonym="Léa")
    assert lea.unit == existing
    assert (lea.person.last_name, lea.person.sex, lea.person.birth_year) == ("Martin", "NR", None)
    assert lea.person.commune.name == "Hénin-Beaumont"

    yanis = Person.objects.get(pseudonym="Yanis")
    yanis_stay = yanis.stays.get()
    assert (yanis_stay.unit, yanis_stay.place) == (courrieres, 2)
    assert yanis_stay.planned_exit == D(2026, 3, 31)
    assert yanis_stay.resources_entry == Decimal("600.50")
    fsl = yanis.support_measures.get()
    assert (fsl.dispositif.code, fsl.kind, fsl.weight) == ("fsl-asll", "asll", Decimal("3.5"))
    assert fsl.epci.short_name == "CALL"  # from the commune, Lens
    assert (fsl.orienteur_kind, fsl.reason) == ("ssd_mds", "maintien_logement")
    assert (fsl.notified_on, fsl.start) == (D(2025, 1, 10), D(2025, 1, 15))
    asl = SupportMeasure.objects.get(person__pseudonym="Sarah")
    assert (asl.kind, asl.weight, asl.epci.short_name) == ("renforcee", Decimal("2"), "CAHC")

    # Each person is known to the habitat service from their first record there.
    files = CaseFile.objects.filter(service__code="habitat", person__in=Person.objects.all())
    assert files.get(person=yanis).opened_on == D(2025, 1, 15)
    assert files.get(person__pseudonym="Inès").opened_on == D(2025, 2, 3)
    assert files.get(person__pseudonym="Léa").opened_on == D(2025, 6, 16)


def test_a_file_with_faulty_rows_is_refused_whole(worker):
    file = xlsx(
        units=[
            unit(**{"Places": 3}),
            unit(**{"Désignation": "Carvin T1", "Places": 0, "Typologie": "T9"}),
            unit(**{"Désignation": "Lens T2", "Commune": "Lens", "Début du bail": "31/02/2020"}),
        ],
        stays=[
            stay(),
            stay(**{"Place": 2, "Pseudonyme": "Nora", "Commune de résidence": "Lille"}),
            stay(**{"Place": 4, "Pseudonyme": "Enzo"}),
            stay(
                **{
                    "Place": 3,
                    "Pseudonyme": "",
                    "Entrée": "01/03/2025",
                    "Sortie prévue": "01/02/2025",
                }
            ),
        ],
        measures=[
            measure(),
            measure(**{"Pseudonyme": "Jade", "Nature": "simple"}),
            measure(**{"Pseudonyme": "Tom", "Dispositif": "RSA"}),
        ],
    )
    before = table_sizes()

    preview = HABITAT_IMPORT.preview(file, by=worker)

    assert preview.errors == [
        "Feuille Logements, ligne 3 : la typologie « T9 » est inconnue (T1, T1 bis, T2, T3, T4, "
        "T5 et plus) ; un logement compte au moins une place.",
        "Feuille Logements, ligne 4 : « 31/02/2020 » (Début du bail) n'est pas une date "
        "jj/mm/aaaa.",
        "Feuille Séjours, ligne 3 : la commune « Lille » est inconnue.",
        "Feuille Séjours, ligne 4 : le logement « Carvin T2 n° 3 » compte 3 place(s), pas de "
        "place 4.",
        "Feuille Séjours, ligne 5 : la colonne « Pseudonyme » est vide ; la sortie prévue "
        "précède l'entrée.",
        "Feuille Mesures, ligne 3 : une mesure FSL ASLL est de nature asll, pas « ASL simple ».",
        "Feuille Mesures, ligne 4 : le dispositif « RSA » est inconnu (attendu : FSL ASLL, "
        "ASL Jeunes ASE).",
    ]
    # The valid rows are read but nothing can be loaded.
    assert preview.counts == {"Logements": 1, "Séjours": 1, "Mesures": 1}
    assert not preview.is_valid
    with pytest.raises(ValidationError) as refusal:
        HABITAT_IMPORT.apply(file, by=worker)
    assert refusal.value.messages == preview.errors
    assert table_sizes() == before


def test_a_refusal_while_writing_undoes_the_whole_file(worker):
    """Between the preview and the confirmation, someone records a stay on the same place:
    the units and persons of the rows before are not left behind."""
    existing = HousingUnitFactory(label="Oignies T1 n° 1")
    file = xlsx(
        units=[unit()],
        stays=[stay(), stay(**{"Logement": "Oignies T1 n° 1", "Pseudonyme": "Léa"})],
        measures=[measure()],
    )
    assert HABITAT_IMPORT.preview(file, by=worker).errors == []
    StayFactory(unit=existing, entry=D(2024, 11, 4))
    before = table_sizes()

    with pytest.raises(ValidationError) as refusal:
        HABITAT_IMPORT.apply(file, by=worker)

    assert refusal.value.messages == [
        "Feuille Séjours, ligne 3 : la place 1 est occupée du 04/11/2024 à ce jour : deux "
        "séjours ne peuvent pas se chevaucher sur une même place."
    ]
    assert table_sizes() == before


def test_stays_overlapping_in_the_file_are_refused(worker):
    file = xlsx(
        units=[unit(**{"Places": 2})],
        stays=[
            stay(),
            stay(**{"Place": 2, "Pseudonyme": "Nora"}),
            stay(**{"Pseudonyme": "Enzo", "Entrée": "01/09/2025"}),
        ],
    )

    preview = HABITAT_IMPORT.preview(file, by=worker)

    assert preview.errors == [
        "Feuille Séjours, ligne 4 : la place 1 est occupée du 03/02/2025 à ce jour : deux "
        "séjours ne peuvent pas se chevaucher sur une même place."
    ]
    with pytest.raises(ValidationError):
        HABITAT_IMPORT.apply(file, by=worker)
    assert not HousingUnit.objects.filter(label="Carvin T2 n° 3").exists()


def test_a_stay_overlapping_a_recorded_stay_is_refused(worker):
    existing = HousingUnitFactory(label="Oignies T1 n° 1")
    StayFactory(unit=existing, entry=D(2024, 1, 8), exit=D(2024, 12, 20), exit_reason="autonomie")
    StayFactory(unit=existing, entry=D(2025, 2, 1))
    before = table_sizes()
    file = xlsx(stays=[stay(**{"Logement": "Oignies T1 n° 1", "Entrée": "01/01/2025"})])

    refused = HABITAT_IMPORT.preview(file, by=worker)

    assert refused.errors == [
        "Feuille Séjours, ligne 2 : la place 1 est occupée du 01/02/2025 à ce jour : deux "
        "séjours ne peuvent pas se chevaucher sur une même place."
    ]
    with pytest.raises(ValidationError):
        HABITAT_IMPORT.apply(file, by=worker)
    assert table_sizes() == before


def test_a_stay_after_a_recorded_stay_has_ended_is_accepted(worker):
    existing = HousingUnitFactory(label="Oignies T1 n° 1")
    StayFactory(unit=existing, entry=D(2024, 1, 8), exit=D(2024, 12, 20), exit_reason="autonomie")
    file = xlsx(stays=[stay(**{"Logement": "Oignies T1 n° 1", "Entrée": "21/12/2024"})])

    assert HABITAT_IMPORT.preview(file, by=worker).errors == []
    assert HABITAT_IMPORT.apply(file, by=worker).counts["Séjours"] == 1
    assert existing.stays.count() == 2


def test_a_user_outside_habitat_may_not_import():
    file = xlsx(units=[unit()], stays=[stay()], measures=[measure()])
    before = table_sizes()

    for user in (
        make_user(Role.EDUCATEUR, "prevention", username="karim"),
        make_user(Role.SECRETARIAT, username="sophie"),
    ):
        assert HABITAT_IMPORT.preview(file, by=user).errors == [
            "Seul le personnel du service habitat enregistre ces données."
        ]
        with pytest.raises(ValidationError, match="service habitat"):
            HABITAT_IMPORT.apply(file, by=user)

    assert table_sizes() == before


def test_what_is_not_a_workbook_or_has_nothing_to_import(worker):
    def errors(content):
        return HABITAT_IMPORT.preview(content, by=worker).errors

    assert errors(b"nom;pseudonyme\n") == [
        "Le fichier n'est pas un classeur Excel (.xlsx) lisible."
    ]
    other = Workbook()
    other.active.title = "Feuil1"
    other.active.append(["Désignation", "Adresse"])
    other_file = io.BytesIO()
    other.save(other_file)
    assert errors(other_file.getvalue()) == [
        "Le classeur ne contient aucune des feuilles Logements, Séjours, Mesures."
    ]
    assert errors(xlsx()) == ["Le classeur ne contient aucune ligne à importer."]
    missing = errors(xlsx(stays=[stay()], headers={"Séjours": ["Logement", "Pseudonyme"]}))
    assert missing == ["Feuille Séjours : il manque la ou les colonnes « Entrée »."]


def test_the_template_has_its_instructions_then_the_three_sheets(worker):
    from habitat.importing import INTRODUCTION
    from rl_portal.importing.template import template_workbook

    content = template_workbook(HABITAT_IMPORT.specs, introduction=INTRODUCTION)

    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames == ["Mode d'emploi", "Logements", "Séjours", "Mesures"]
    guide = [[cell.value for cell in row] for row in workbook["Mode d'emploi"].iter_rows()]
    assert ["Séjours", "Entrée", "oui", "Date jj/mm/aaaa (ou cellule au format date).", None] in (
        guide
    )
    assert ["Séjours", "Sexe", None, "F, M (ou H), NB ou vide. Valeurs : F ; M ; NB.", "Genre"] in (
        guide
    )
    for title, headers in (
        ("Logements", UNIT_HEADERS),
        ("Séjours", STAY_HEADERS),
        ("Mesures", MEASURE_HEADERS),
    ):
        sheet = workbook[title]
        assert [cell.value for cell in sheet[1]] == headers
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.max_row == 1

    # Filled in, it is what the import reads, its instructions left aside without a word.
    for title, headers, record in (
        ("Logements", UNIT_HEADERS, unit()),
        ("Séjours", STAY_HEADERS, stay()),
        ("Mesures", MEASURE_HEADERS, measure()),
    ):
        workbook[title].append([record.get(header) for header in headers])
    filled = io.BytesIO()
    workbook.save(filled)
    preview = HABITAT_IMPORT.preview(filled.getvalue(), by=worker)
    assert (preview.errors, preview.notes) == ([], [])
    assert preview.counts == {"Logements": 1, "Séjours": 1, "Mesures": 1}


def test_the_template_download(client, worker):
    from django.urls import reverse

    client.force_login(worker)
    response = client.get(reverse("habitat:import-template"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="modele-import-habitat.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).sheetnames[1:] == [
        "Logements",
        "Séjours",
        "Mesures",
    ]
    client.force_login(make_user(Role.EDUCATEUR, "prevention", username="karim"))
    assert client.get(reverse("habitat:import-template")).status_code == 403


def test_the_import_page_previews_then_loads_on_confirmation(client, worker):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(worker)
    url = reverse("habitat:import")
    content = xlsx(units=[unit()], stays=[stay()], measures=[measure()])
    upload = SimpleUploadedFile("parc.xlsx", content)
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Fichier valide" in html and "Confirmer l'import" in html
    assert HousingUnit.objects.count() == 0  # nothing written before confirmation
    done = client.post(url, {"action": "confirmer"})
    assert done.status_code == 302
    assert (HousingUnit.objects.count(), Stay.objects.count(), SupportMeasure.objects.count()) == (
        1,
        1,
        1,
    )


def test_the_import_page_refuses_a_faulty_file_with_its_messages(client, worker):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.force_login(worker)
    before = table_sizes()
    content = xlsx(units=[unit(Commune="Lille")], stays=[stay()])
    response = client.post(
        reverse("habitat:import"), {"file": SimpleUploadedFile("parc.xlsx", content)}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Feuille Logements, ligne 2" in html and "Lille" in html
    assert "Confirmer l'import" not in html
    # A forged confirmation checks the file again: still refused, still nothing written.
    forged = client.post(reverse("habitat:import"), {"action": "confirmer"})
    assert forged.status_code == 400
    assert "Feuille Logements, ligne 2" in forged.content.decode()
    assert table_sizes() == before


def test_the_command_imports_with_the_same_checks(worker, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    path = tmp_path / "parc.xlsx"
    path.write_bytes(xlsx(units=[unit()], stays=[stay()]))
    call_command("import_habitat", str(path), user="thomas", confirm=True)
    assert "Importé : 1 logement, 1 séjour, 1 personne(s) créée(s)." in capsys.readouterr().out
    assert Stay.objects.get().person.pseudonym == "Inès"
    with pytest.raises(CommandError, match="Rien n'a été importé"):
        call_command("import_habitat", str(path), user="thomas", confirm=True)
    assert "le logement « Carvin T2 n° 3 » est déjà enregistré" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Aucun utilisateur actif « personne »"):
        call_command("import_habitat", str(path), user="personne")
