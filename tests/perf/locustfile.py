"""The load test's users (`make bench`, run by tests/perf/load.py): each demo role reads its
main pages and API lists with a think time of 0.5–1.5 s, signed in by a session prepared
beforehand (LOAD_SESSIONS, a JSON file {username: [session keys]}) so that password hashing
stays out of the figures. Every request is named « page (role) »."""

import itertools
import json
import os
from pathlib import Path

from locust import HttpUser, between, task

from tests.perf.pages import PAGES, WEIGHTS

SESSIONS = json.loads(Path(os.environ["LOAD_SESSIONS"]).read_text(encoding="utf-8"))
_next = {username: itertools.cycle(keys) for username, keys in SESSIONS.items()}


def _role_user(username: str, weight: int):
    pages = PAGES[username]

    class RoleUser(HttpUser):
        wait_time = between(0.5, 1.5)

        def on_start(self):
            # An explicit header: the cookie jar would not send a domain-less cookie.
            self.client.headers["Cookie"] = f"sessionid={next(_next[username])}"
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
