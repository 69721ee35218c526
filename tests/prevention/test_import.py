"""Import of the prevention history: youths, hours, youths met and accompaniments of past
years, through the prevention services, for the importing user's services and rights."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook

from prevention.importing import PREVENTION_IMPORT
from prevention.models import Accompaniment, Contact, TimeEntry
from rl_portal.models import CaseFile, Person
from rl_portal.roles import Role
from tests.prevention.factories import ContactFactory
from tests.rl_portal.factories import PersonFactory, make_user

pytestmark = pytest.mark.django_db
D = datetime.date

YOUTH_HEADERS = [
    "Code jeune",
    "Pseudonyme",
    "Nom",
    "Sexe",
    "Année de naissance",
    "Commune",
    "Date de naissance",
    "Quartier",
    "Parcours ASE",
    "Dispositif",
    "Connu depuis",
]
TIME_HEADERS = ["Date", "Éducateur", "Dispositif", "Activité", "Heures", "Commune", "Note"]
CONTACT_HEADERS = ["Date", "Code jeune", "Pseudonyme", "Sexe", "Année de naissance", "Mode"]
ACCOMPANIMENT_HEADERS = [
    "Code jeune",
    "Pseudonyme",
    "Type",
    "Référent",
    "Début",
    "Fin",
    "Motif de clôture",
    "Scolarité / situation",
    "Origine",
    "Problématiques",
    "Co-accompagnement",
    "Réorientation",
    "Partenaire de réorientation",
    "Dernier bilan",
]
HEADERS = {
    "Jeunes": YOUTH_HEADERS,
    "Temps": TIME_HEADERS,
    "Rencontres": CONTACT_HEADERS,
    "Accompagnements": ACCOMPANIMENT_HEADERS,
}


def xlsx(headers=None, **sheets) -> bytes:
    """A workbook with a sheet per keyword (Jeunes=[…], Temps=[…]…), its first row the
    headers."""
    headers = {**HEADERS, **(headers or {})}
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, records in sheets.items():
        sheet = workbook.create_sheet(title)
        sheet.append(headers[title])
        for record in records:
            sheet.append([record.get(header) for header in headers[title]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def chef():
    return make_user(
        Role.CHEF_SERVICE, "prevention", username="chef", first_name="Nadia", last_name="Ferhat"
    )


@pytest.fixture
def educator():
    return make_user(
        Role.EDUCATEUR, "prevention", username="karim", first_name="Karim", last_name="Benali"
    )


def history() -> bytes:
    """A year 2023 as an association brings it: two youths of its old tool, hours of two
    éducateurs, youths met (one of them not in the youths' sheet) and two accompaniments."""
    return xlsx(
        Jeunes=[
            {
                "Code jeune": "J-001",
                "Pseudonyme": "Inès",
                "Sexe": "F",
                "Date de naissance": "14/03/2008",
                "Commune": "Oignies",
                "Quartier": "Centre (Oignies)",
                "Parcours ASE": "oui",
                "Connu depuis": "12/09/2022",
            },
            {
                "Code jeune": "J-002",
                "Pseudonyme": "Yanis",
                "Sexe": "M",
                "Année de naissance": 2006,
                "Commune": "Carvin",
            },
        ],
        Temps=[
            {
                "Date": "06/03/2023",
                "Activité": "Travail de rue",
                "Heures": "3,5",
                "Commune": "Oignies",
            },
            {"Date": "06/03/2023", "Activité": "Présence sociale", "Heures": "1h30"},
            {
                "Date": "07/03/2023",
                "Éducateur": "Karim Benali",
                "Activité": "Formation",
                "Heures": 6,
            },
            {
                "Date": "08/03/2023",
                "Éducateur": "karim",
                "Activité": "Accompagnement individuel",
                "Heures": 2,
            },
        ],
        Rencontres=[
            {"Date": "06/03/2023", "Code jeune": "J-001", "Mode": "Travail de rue"},
            {"Date": "06/03/2023", "Code jeune": "J-002", "Mode": "rue"},
            {
                "Date": "20/04/2023",
                "Pseudonyme": "Sofiane",
                "Sexe": "M",
                "Année de naissance": 2007,
                "Mode": "Présence sociale",
            },
        ],
        Accompagnements=[
            {
                "Code jeune": "J-001",
                "Type": "PAEI",
                "Référent": "Karim Benali",
                "Début": "15/03/2023",
                "Fin": "30/11/2023",
                "Motif de clôture": "Orientation",
                "Scolarité / situation": "Collège",
                "Origine": "Présence sociale",
                "Problématiques": "Logement; Santé, psychologie, handicap",
                "Co-accompagnement": "ASE, Éducation nationale",
                "Réorientation": "Médicale",
                "Partenaire de réorientation": "CMP de Carvin",
                "Dernier bilan": "15/09/2023",
            },
            {
                "Code jeune": "J-002",
                "Type": "ASEP",
                "Début": "10/05/2023",
                "Scolarité / situation": "En recherche d'emploi",
            },
        ],
    )


def test_a_history_loads_through_the_prevention_services(chef, educator):
    before = (Person.objects.count(), TimeEntry.objects.count(), Contact.objects.count())

    preview = PREVENTION_IMPORT.preview(history(), by=chef)

    assert preview.errors == [] and preview.notes == []
    assert preview.counts == {"Jeunes": 2, "Temps": 4, "Rencontres": 3, "Accompagnements": 2}
    assert preview.persons_created == 3
    assert (Person.objects.count(), TimeEntry.objects.count(), Contact.objects.count()) == before

    done = PREVENTION_IMPORT.apply(history(), by=chef)

    assert done.summary() == (
        "2 jeunes, 4 temps saisis, 3 rencontres, 2 accompagnements, 3 personne(s) créée(s)"
    )
    ines = Person.objects.get(pseudonym="Inès")
    assert (ines.birth_date, ines.birth_year, ines.sex) == (D(2008, 3, 14), 2008, "F")
    assert (ines.commune.name, ines.quartier.name, ines.ase_history) == ("Oignies", "Centre", True)
    files = CaseFile.objects.filter(service__code="prevention")
    # Known since the date of the old tool, or from the first record imported.
    assert files.get(person=ines).opened_on == D(2022, 9, 12)
    assert files.get(person__pseudonym="Yanis").opened_on == D(2023, 3, 6)
    assert files.get(person__pseudonym="Sofiane").opened_on == D(2023, 4, 20)

    entries = TimeEntry.objects.order_by("date", "activity")
    assert [(e.date, e.educator.username, e.activity, e.hours) for e in entries] == [
        (D(2023, 3, 6), "chef", "presence_sociale", Decimal("1.50")),
        (D(2023, 3, 6), "chef", "travail_de_rue", Decimal("3.50")),
        (D(2023, 3, 7), "karim", "formation", Decimal("6.00")),
        (D(2023, 3, 8), "karim", "accompagnement_individuel", Decimal("2.00")),
    ]
    assert {c.person.pseudonym: c.mode for c in Contact.objects.all()} == {
        "Inès": "travail_de_rue",
        "Yanis": "travail_de_rue",
        "Sofiane": "presence_sociale",
    }
    paei = Accompaniment.objects.get(person=ines)
    assert (paei.kind, paei.referent, paei.start, paei.end) == (
        "paei",
        educator,
        D(2023, 3, 15),
        D(2023, 11, 30),
    )
    assert (paei.end_reason, paei.situation, paei.origin) == (
        "orientation",
        "college",
        "presence_sociale",
    )
    assert paei.last_review == D(2023, 9, 15)
    assert sorted(p.name for p in paei.problematiques.all()) == [
        "Logement",
        "Santé, psychologie, handicap",
    ]
    assert sorted(c.kind for c in paei.co_accompaniments.all()) == ["ase", "education_nationale"]
    [reorientation] = paei.reorientations.all()
    assert (reorientation.category, reorientation.partner_name) == ("medicale", "CMP de Carvin")
    asep = Accompaniment.objects.get(person__pseudonym="Yanis")
    assert (asep.kind, asep.referent, asep.end) == ("asep", chef, None)


def test_the_same_history_imported_twice_is_left_aside(chef, educator):
    PREVENTION_IMPORT.apply(history(), by=chef)
    counts = (Person.objects.count(), TimeEntry.objects.count(), Contact.objects.count())

    again = PREVENTION_IMPORT.preview(history(), by=chef)

    assert again.errors == [
        "Toutes les lignes du classeur sont déjà enregistrées : il n'y a rien à importer."
    ]
    assert {sheet.title: sheet.skipped for sheet in again.sheets} == {
        "Jeunes": 2,
        "Temps": 4,
        "Rencontres": 3,
        "Accompagnements": 2,
    }
    with pytest.raises(ValidationError):
        PREVENTION_IMPORT.apply(history(), by=chef)
    assert (Person.objects.count(), TimeEntry.objects.count(), Contact.objects.count()) == counts


def test_two_identical_rows_of_one_file_are_two_records(chef):
    row = {"Date": "06/03/2023", "Activité": "Travail de rue", "Heures": 2}
    PREVENTION_IMPORT.apply(xlsx(Temps=[row, row]), by=chef)
    assert TimeEntry.objects.count() == 2


def test_an_educator_imports_their_own_hours_only_and_for_their_services(educator, chef):
    file = xlsx(
        Temps=[
            {"Date": "06/03/2023", "Activité": "Travail de rue", "Heures": 2},
            {"Date": "07/03/2023", "Éducateur": "chef", "Activité": "Formation", "Heures": 2},
            {"Date": "08/03/2023", "Dispositif": "EMPS", "Activité": "Formation", "Heures": 2},
        ]
    )

    preview = PREVENTION_IMPORT.preview(file, by=educator)

    assert preview.errors == [
        "Feuille Temps, ligne 3 : vous ne pouvez saisir que votre propre temps.",
        "Feuille Temps, ligne 4 : vous ne pouvez enregistrer que pour les dispositifs de vos "
        "services.",
    ]
    assert not TimeEntry.objects.exists()


def test_only_prevention_staff_may_import(chef):
    file = xlsx(Temps=[{"Date": "06/03/2023", "Activité": "Formation", "Heures": 2}])
    for user in (
        make_user(Role.EDUCATEUR, "habitat", username="thomas"),
        make_user(Role.DIRECTION, username="directrice"),
        make_user(Role.SECRETARIAT, username="sophie"),
    ):
        assert PREVENTION_IMPORT.preview(file, by=user).errors == [
            "Seul le personnel de la prévention spécialisée (SPS ou EMPS) importe cet historique."
        ]
    assert not TimeEntry.objects.exists()


def test_a_user_of_both_dispositifs_names_the_dispositif(chef):
    both = make_user(Role.EDUCATEUR, "prevention", "emps", username="lea")
    file = xlsx(
        Temps=[
            {"Date": "06/03/2023", "Activité": "Formation", "Heures": 2},
            {"Date": "06/03/2023", "Dispositif": "EMPS", "Activité": "Formation", "Heures": 2},
        ]
    )

    preview = PREVENTION_IMPORT.preview(file, by=both)

    assert preview.errors == [
        "Feuille Temps, ligne 2 : indiquez le dispositif (SPS ou EMPS) : vous en avez plusieurs."
    ]
    # Or says, beside the file, that of the rows that do not name theirs.
    from rl_portal.models import Dispositif

    emps = Dispositif.objects.get(code="emps")
    form = PREVENTION_IMPORT.options_form(both, data={"dispositif": emps.pk})
    assert form.is_valid()
    PREVENTION_IMPORT.apply(file, by=both, options=form.options())
    assert [entry.dispositif.code for entry in TimeEntry.objects.all()] == ["emps", "emps"]
    # A dispositif of another service is no choice.
    habitat = Dispositif.objects.get(code="alt-jeunes")
    assert not PREVENTION_IMPORT.options_form(both, data={"dispositif": habitat.pk}).is_valid()


def test_a_youth_already_known_is_found(chef):
    known = PersonFactory(pseudonym="Inès", sex="F", birth_year=2008, services=["prevention"])
    ContactFactory(person=known, date=D(2023, 3, 6))
    file = xlsx(
        Rencontres=[
            {"Date": "06/03/2023", "Pseudonyme": "Ines", "Sexe": "F", "Année de naissance": 2008,
             "Mode": "Travail de rue"},
            {"Date": "07/03/2023", "Pseudonyme": "Ines", "Sexe": "F", "Année de naissance": 2008,
             "Mode": "Travail de rue"},
        ]
    )  # fmt: skip

    preview = PREVENTION_IMPORT.preview(file, by=chef)

    assert preview.errors == [] and preview.persons_created == 0
    [question] = preview.questions
    assert question.candidates == [known]
    sheet = preview.sheets[0]
    assert [(row.line, row.status) for row in sheet.rows] == [(2, "skip"), (3, "new")]
    PREVENTION_IMPORT.apply(file, by=chef)
    assert known.prevention_contacts.count() == 2 and Person.objects.count() == 1


def test_faulty_rows_are_all_listed(chef):
    latest = timezone.localdate() + datetime.timedelta(days=31)
    too_late = latest + datetime.timedelta(days=1)
    file = xlsx(
        Jeunes=[
            {"Code jeune": "J-1", "Pseudonyme": "Inès", "Année de naissance": 2008,
             "Date de naissance": "14/03/2007"},
            {"Code jeune": "J-2", "Pseudonyme": "Yanis"},
            {"Code jeune": "J-2", "Pseudonyme": "Enzo"},
        ],
        Temps=[
            {"Date": "06/03/2023", "Activité": "Sport", "Heures": 2},
            {"Date": "06/03/2023", "Activité": "Formation", "Heures": "1,3"},
            {"Date": too_late, "Activité": "Formation", "Heures": 2},
        ],
        Rencontres=[
            {"Date": "06/03/2023", "Code jeune": "J-1", "Mode": "Travail de rue"},
            {"Date": "06/03/2023", "Code jeune": "J-9", "Mode": "Travail de rue"},
            {"Date": "06/03/2023", "Code jeune": "J-2", "Pseudonyme": "Enzo", "Mode": "Rue"},
            {"Date": "06/03/2023", "Mode": "Rue"},
        ],
        Accompagnements=[
            {"Code jeune": "J-2", "Type": "PAEI", "Début": "15/03/2023",
             "Scolarité / situation": "Collège"},
            {"Code jeune": "J-2", "Type": "ASEP", "Début": "15/03/2023", "Fin": "01/03/2023",
             "Scolarité / situation": "Collège"},
            {"Code jeune": "J-2", "Type": "ASEP", "Début": "15/03/2023",
             "Motif de clôture": "Orientation", "Scolarité / situation": "Collège",
             "Problématiques": "Chômage"},
        ],
    )  # fmt: skip
    before = (Person.objects.count(), TimeEntry.objects.count(), Accompaniment.objects.count())

    preview = PREVENTION_IMPORT.preview(file, by=chef)

    assert preview.errors == [
        "Feuille Jeunes, ligne 2 : l'année de naissance ne correspond pas à la date de naissance.",
        "Feuille Jeunes, ligne 4 : le code jeune « J-2 » figure déjà ligne 3.",
        "Feuille Temps, ligne 2 : l'activité « Sport » est inconnue (Travail de rue, Présence "
        "sociale, Accompagnements individuels, Actions collectives, Formation, Écrits "
        "professionnels, Actions et réunions partenariales).",
        "Feuille Temps, ligne 3 : les heures se saisissent par quart d'heure (0,25 h).",
        f"Feuille Temps, ligne 4 : la date ne peut pas dépasser le {latest:%d/%m/%Y} (31 jours "
        "à venir).",
        "Feuille Rencontres, ligne 2 : le jeune de code « J-1 » est en erreur dans la feuille "
        "Jeunes (ligne 2).",
        "Feuille Rencontres, ligne 3 : le code jeune « J-9 » n'est pas dans la feuille Jeunes.",
        "Feuille Rencontres, ligne 4 : le code jeune « J-2 » est celui de « Yanis », pas de "
        "« Enzo ».",
        "Feuille Rencontres, ligne 5 : indiquez le code jeune ou le pseudonyme.",
        "Feuille Accompagnements, ligne 2 : un PAEI précise au moins une problématique à "
        "l'origine.",
        "Feuille Accompagnements, ligne 3 : indiquez le motif de clôture ; la fin précède le "
        "début.",
        "Feuille Accompagnements, ligne 4 : la problématique « Chômage » est inconnue (voir la "
        "liste du modèle) ; un motif de clôture va avec une date de fin.",
    ]
    with pytest.raises(ValidationError):
        PREVENTION_IMPORT.apply(file, by=chef)
    after = (Person.objects.count(), TimeEntry.objects.count(), Accompaniment.objects.count())
    assert after == before


def test_an_export_of_the_previous_tool_with_its_own_column_names(chef):
    """Columns named as TRAJECT-like tools name them: « Identifiant », « Pseudo ou code »,
    « Genre », « Ville », « Date de première rencontre », « Durée », « Type de rencontre »."""
    headers = {
        "Jeunes": ["Identifiant", "Pseudo ou code", "Genre", "Né(e) le", "Ville",
                   "Date de première rencontre"],
        "Temps": ["Jour", "Type d'activité", "Durée"],
        "Rencontres": ["Jour", "Identifiant", "Type de rencontre"],
    }  # fmt: skip
    file = xlsx(
        headers=headers,
        Jeunes=[{"Identifiant": 4521, "Pseudo ou code": "Inès", "Genre": "Féminin",
                 "Né(e) le": datetime.datetime(2008, 3, 14), "Ville": "62637",
                 "Date de première rencontre": "2022-09-12"}],
        Temps=[{"Jour": datetime.datetime(2023, 3, 6), "Type d'activité": "Réunion partenariale",
                "Durée": datetime.time(2, 15)}],
        Rencontres=[{"Jour": 44991, "Identifiant": "4521", "Type de rencontre": "PDN"}],
    )  # fmt: skip

    PREVENTION_IMPORT.apply(file, by=chef)

    ines = Person.objects.get()
    assert (ines.sex, ines.birth_date, ines.commune.name) == ("F", D(2008, 3, 14), "Oignies")
    entry = TimeEntry.objects.get()
    assert (entry.activity, entry.hours) == ("actions_partenariales", Decimal("2.25"))
    contact = Contact.objects.get()  # its date as Excel's serial number, formatted as a number
    assert (contact.mode, contact.date) == ("promeneur_du_net", D(2023, 3, 6))


def test_the_sps_report_compares_with_an_imported_previous_year(chef, educator):
    """An association starts in the application in 2024 and brings its 2023 from its old
    tool: the Département's report of 2024 shows 2023's shares of hours and knows who is not a
    new youth."""
    from prevention import services
    from reporting.documents import get_definition
    from reportkit.periods import Period
    from rl_portal.models import Dispositif

    PREVENTION_IMPORT.apply(
        xlsx(
            Jeunes=[{"Code jeune": "A", "Pseudonyme": "Inès", "Sexe": "F",
                     "Année de naissance": 2008}],
            Temps=[
                {"Date": "06/03/2023", "Activité": "Travail de rue", "Heures": 4},
                {"Date": "07/03/2023", "Activité": "Travail de rue", "Heures": 2},
                {"Date": "08/03/2023", "Activité": "Formation", "Heures": 2},
                {"Date": "09/03/2023", "Éducateur": "karim",
                 "Activité": "Accompagnement individuel", "Heures": 2},
            ],
            Accompagnements=[{"Code jeune": "A", "Type": "PAEI", "Début": "15/03/2023",
                              "Scolarité / situation": "Collège", "Problématiques": "Logement"}],
        ),
        by=chef,
    )  # fmt: skip
    # 2024, recorded in the application.
    sps = Dispositif.objects.get(code="sps")
    for day, activity, hours in (
        (D(2024, 2, 5), "travail_de_rue", 4),
        (D(2024, 2, 6), "action_collective", 4),
    ):
        services.time_entry_create(
            educator=chef, dispositif=sps, date=day, hours=hours, activity=activity, by=chef
        )
    yanis = services.youth_create(pseudonym="Yanis", sex="M", dispositif=sps, by=chef, age=16)
    services.accompaniment_open(
        person=yanis, dispositif=sps, kind="paei", referent=chef, start=D(2024, 4, 2),
        situation="college", problematiques=[*Accompaniment.objects.get().problematiques.all()],
        by=chef,
    )  # fmt: skip

    tables = {t.id: t for t in get_definition("sps-departement").build(Period.year(2024)).tables}

    hours = {row.label: row.cells for row in tables["activite-heures"].rows}
    p = Decimal
    assert hours == {
        "Heures": [p("4.00"), p("0.00"), p("0.00"), p("4.00"), p("0.00"), p("0.00"), p("0.00")],
        "%": [p("50.00"), p("0.00"), p("0.00"), p("50.00"), p("0.00"), p("0.00"), p("0.00")],
        "% 2023": [p("60.00"), p("0.00"), p("20.00"), p("0.00"), p("20.00"), p("0.00"), p("0.00")],
        "Évolution (points)": [p("-10.00"), p("0.00"), p("-20.00"), p("50.00"), p("-20.00"),
                               p("0.00"), p("0.00")],
    }  # fmt: skip
    assert tables["activite-heures"].notes[0].startswith("Total : 8,00 h ; 2023 : 10,00 h.")
    accompanied = tables["accompagnes-sexe-age"]
    assert accompanied.columns[-2:] == ["Total", "Dont nouveaux jeunes"]
    # Inès, accompanied since 2023, is not new in 2024; Yanis is.
    assert accompanied.total_row.cells[-2:] == [2, 1]


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


def creators(model) -> set[str]:
    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_model(model).filter(action=LogEntry.Action.CREATE)
    return {entry.actor.username for entry in entries}


def test_a_formula_without_its_value_is_refused_in_the_history_too(chef):
    """Issue 10, item 4: the prevention import shares the reader that refuses a formula
    without a cached value (never read as a number)."""
    content = xlsx(
        Jeunes=[{"Code jeune": "J-001", "Pseudonyme": '=HYPERLINK("x","Inès")', "Sexe": "F"}]
    )

    preview = PREVENTION_IMPORT.preview(content, by=chef)

    assert any("formule sans valeur calculée" in error for error in preview.errors)
    assert not Person.objects.exists()
