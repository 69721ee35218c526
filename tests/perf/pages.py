"""The pages and API lists of the load test, per demo account (tests/perf/locustfile.py)."""

# (name, URL) read by each role, equally often; the weights say how many users play each role
# (the éducateurs are the many).
PAGES = {
    "educ.prevention": [
        ("accueil", "/"),
        ("saisie du jour", "/prevention/saisie/"),
        ("rencontres", "/prevention/rencontres/"),
        ("temps", "/prevention/temps/"),
        ("personnes", "/personnes/"),
        ("api temps", "/api/v1/prevention/time-entries/"),
        ("api personnes", "/api/v1/persons/"),
    ],
    "chef.prevention": [
        ("accueil", "/"),
        ("accompagnements", "/prevention/accompagnements/"),
        ("alertes", "/prevention/alertes/"),
        ("orientations", "/scolaire/orientations/"),
        ("rapports", "/reports/"),
        ("api accompagnements", "/api/v1/prevention/accompaniments/"),
    ],
    "educ.habitat": [
        ("accueil", "/"),
        ("logements", "/habitat/"),
        ("loyers", "/habitat/loyers/"),
        ("dossiers CLLAJ", "/habitat/cllaj/"),
        ("api séjours", "/api/v1/habitat/stays/"),
    ],
    "chef.habitat": [
        ("logements", "/habitat/"),
        ("conventions", "/habitat/conventions/"),
        ("rapports", "/reports/"),
        ("api mesures", "/api/v1/habitat/support-measures/"),
    ],
    "educ.scolaire": [
        ("accueil", "/"),
        ("programmes", "/scolaire/"),
        ("api séances", "/api/v1/scolaire/sessions/"),
    ],
    "direction": [
        ("accueil", "/"),
        ("personnes", "/personnes/"),
        ("rapports", "/reports/"),
        ("accompagnements", "/prevention/accompagnements/"),
        ("logements", "/habitat/"),
        ("api rapports", "/api/v1/reports/"),
    ],
    "secretariat": [
        ("accueil", "/"),
        ("rapports", "/reports/"),
    ],
}
WEIGHTS = {
    "educ.prevention": 4,
    "chef.prevention": 1,
    "educ.habitat": 2,
    "chef.habitat": 1,
    "educ.scolaire": 1,
    "direction": 1,
    "secretariat": 1,
}
