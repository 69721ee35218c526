"""Workbooks of the prevention history import's tests: the columns of each sheet, a workbook
built from rows, the year 2023 of the examples, who created the records."""

import datetime
import io

from openpyxl import Workbook

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


def creators(model) -> set[str]:
    from auditlog.models import LogEntry

    entries = LogEntry.objects.get_for_model(model).filter(action=LogEntry.Action.CREATE)
    return {entry.actor.username for entry in entries}
