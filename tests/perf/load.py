"""The load test of `make bench`: 50 concurrent users (think time 0.5–1.5 s) for about 60 s
against gunicorn (2 workers with threads) on PostgreSQL with the demo data, over the main pages
and API lists of each role (tests/perf/locustfile.py). Records p50/p95 per page in bench.json
("load") and prints a table.

    python -m tests.perf.load [--users 50] [--duration 60] [--workers 2] [--threads 4]

LOAD_DATABASE_URL names the PostgreSQL database (created and seeded with the demo when
missing; kept between runs). Everything runs on the loopback."""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
DEFAULT_URL = "postgres://postgres:postgres@127.0.0.1:5432/rl_portal_load"
SETTINGS = "tests.perf.settings_load"


def _env(database_url: str, **extra) -> dict:
    env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE=SETTINGS, **extra)
    env.pop("DEBUG", None)
    return env


def _ensure_database(database_url: str) -> None:
    """Creates the database if missing, migrates it and seeds the demo if it is empty."""
    import psycopg

    name = database_url.rsplit("/", 1)[1]
    server = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(server, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    manage = [str(BIN / "python"), "manage.py"]
    env = _env(database_url)
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
    # seed_demo refuses with DEBUG off unless forced: this database is the load test's own.
    subprocess.run([*manage, "seed_demo", "--if-empty", "--force"], cwd=ROOT, env=env, check=True)
    # DEBUG off serves the hashed static files whitenoise finds in STATIC_ROOT.
    subprocess.run(
        [*manage, "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True
    )


def _sessions(database_url: str, per_user: int) -> dict[str, list[str]]:
    """Signed-in sessions of the demo accounts, made directly (no password hashing in the
    figures), `per_user` of each so that no two simulated users share one."""
    code = f"""
import json, time
import django
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from rl_portal.middleware import SESSION_LAST_SEEN_KEY, SESSION_STARTED_KEY
from rl_portal.models import User
store = import_module(settings.SESSION_ENGINE).SessionStore
now = int(time.time())
out = {{}}
for user in User.objects.filter(username__in={sorted(_ROLES)!r}):
    keys = []
    for _ in range({per_user}):
        session = store()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[SESSION_STARTED_KEY] = now
        session[SESSION_LAST_SEEN_KEY] = now
        session.create()
        keys.append(session.session_key)
    out[user.username] = keys
print(json.dumps(out))
"""
    result = subprocess.run(
        [str(BIN / "python"), "-c", code],
        cwd=ROOT,
        env=_env(database_url),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


_ROLES = {
    "educ.prevention",
    "chef.prevention",
    "educ.habitat",
    "chef.habitat",
    "educ.scolaire",
    "direction",
    "secretariat",
}


def _wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"gunicorn ne répond pas sur {url}")


def _solo(host: str, sessions: dict[str, list[str]], repeat: int = 5) -> dict[str, int]:
    """Each page alone, `repeat` times in a row by one user: its median time in ms, the cost
    of the page itself without queueing behind others."""
    from tests.perf.pages import PAGES

    timings = {}
    for username, pages in PAGES.items():
        for name, url in pages:
            request = urllib.request.Request(
                host + url, headers={"Cookie": f"sessionid={sessions[username][0]}"}
            )
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                with urllib.request.urlopen(request, timeout=60) as response:
                    response.read()
                    if response.status != 200 or response.geturl() != host + url:
                        raise SystemExit(f"{url} ({username}) : HTTP {response.status}")
                times.append((time.perf_counter() - started) * 1000)
            timings[f"{name} ({username})"] = round(sorted(times)[len(times) // 2])
    return timings


def _read_stats(prefix: str) -> tuple[list[dict], dict]:
    rows, total = [], {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entry = {
                "page": row["Name"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "p50_ms": int(float(row["50%"])),
                "p95_ms": int(float(row["95%"])),
                "mean_ms": round(float(row["Average Response Time"]), 1),
                "rps": round(float(row["Requests/s"]), 2),
            }
            if row["Name"] == "Aggregated":
                total = entry
            else:
                rows.append(entry)
    return sorted(rows, key=lambda r: -r["p95_ms"]), total


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--duration", type=int, default=60, help="secondes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--output", default=str(ROOT / "bench.json"))
    parser.add_argument("--label", default="", help="nom de la mesure dans bench.json")
    args = parser.parse_args(argv)
    database_url = os.environ.get("LOAD_DATABASE_URL", DEFAULT_URL)

    _ensure_database(database_url)
    sessions = _sessions(database_url, per_user=args.users)
    host = f"http://127.0.0.1:{args.port}"
    with tempfile.TemporaryDirectory() as tmp:
        sessions_file = Path(tmp) / "sessions.json"
        sessions_file.write_text(json.dumps(sessions), encoding="utf-8")
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "rl_portal.wsgi",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=_env(database_url, DATABASE_POOL="1"),
        )
        try:
            _wait_for(f"{host}/sante/")
            solo = _solo(host, sessions)
            load_before = os.getloadavg()[0]
            prefix = str(Path(tmp) / "locust")
            subprocess.run(
                [
                    str(BIN / "locust"),
                    "-f",
                    str(ROOT / "tests" / "perf" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.spawn_rate),
                    "--run-time",
                    f"{args.duration}s",
                    "--host",
                    host,
                    "--csv",
                    prefix,
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env=dict(os.environ, LOAD_SESSIONS=str(sessions_file), PYTHONPATH=str(ROOT)),
                check=False,
            )
            load_after = os.getloadavg()[0]
            rows, total = _read_stats(prefix)
        finally:
            server.terminate()
            server.wait(timeout=30)

    result = {
        "label": args.label,
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "users": args.users,
        "duration_s": args.duration,
        "think_time_s": [0.5, 1.5],
        "server": f"gunicorn {args.workers} workers × {args.threads} threads, PostgreSQL",
        "cpus": os.cpu_count(),
        "load_average": [round(load_before, 1), round(load_after, 1)],
        "total": total,
        "pages": [{**row, "solo_ms": solo.get(row["page"])} for row in rows],
    }
    output = Path(args.output)
    bench = json.loads(output.read_text(encoding="utf-8")) if output.exists() else {}
    if not isinstance(bench, dict):
        bench = {"reports": bench}
    bench["load"] = result
    output.write_text(json.dumps(bench, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"\n{args.users} utilisateurs, {args.duration} s — charge moyenne {load_before:.1f}")
    print(f"{'page':46} {'seule':>6} {'requêtes':>8} {'p50':>6} {'p95':>6} {'échecs':>6}")
    for row in [*rows, total]:
        print(
            f"{row['page'][:46]:46} {solo.get(row['page'], ''):>6} {row['requests']:>8} "
            f"{row['p50_ms']:>6} {row['p95_ms']:>6} {row['failures']:>6}"
        )
    return 0 if total and not total["failures"] else 1


if __name__ == "__main__":
    sys.exit(main())
