"""The load test's users (`make bench`, run by tests/perf/load.py): each demo role reads its
main pages and API lists with a think time of 0.5–1.5 s, signed in by a session prepared
beforehand (LOAD_SESSIONS, a JSON file {username: [session keys]}) so that password hashing
stays out of the figures. Every request is named « page (role) »."""

import itertools
import json
import os
from pathlib import Path

from locust import HttpUser, between, task

SESSIONS = json.loads(Path(os.environ["LOAD_SESSIONS"]).read_text(encoding="utf-8"))
_next = {username: itertools.cycle(keys) for username, keys in SESSIONS.items()}

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


def _role_user(username: str, weight: int):
    pages = PAGES[username]

    class RoleUser(HttpUser):
        wait_time = between(0.5, 1.5)

        def on_start(self):
            self.client.cookies.set("sessionid", next(_next[username]))
            self.pages = itertools.cycle(pages)

        @task
        def read(self):
            name, url = next(self.pages)
            with self.client.get(
                url, name=f"{name} ({username})", allow_redirects=False, catch_response=True
            ) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")

    RoleUser.__name__ = RoleUser.__qualname__ = "User_" + username.replace(".", "_")
    RoleUser.weight = weight
    return RoleUser


for _username, _weight in WEIGHTS.items():
    globals()[f"User_{_username.replace('.', '_')}"] = _role_user(_username, _weight)
