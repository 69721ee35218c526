"""Benchmark of the imports: `make bench-import` (ROWS=3000 by default).

Builds, in a throw-away test database, a prevention history of about ROWS rows (youths, hours,
youths met, accompaniments of one year) and times its preview and its import through the page's
code (every row through the prevention services), then the preview of the same file once
imported (every row found already recorded). Prints rows per second and the statements per
row."""

import datetime
import io
import os
import random
import sys
import time

import django


def workbook(rows: int) -> tuple[bytes, int]:
    from openpyxl import Workbook

    rng = random.Random(1)
    youths = max(10, rows // 10)
    days = max(1, (rows - youths - youths // 3) // 11)
    book = Workbook()
    book.remove(book.active)
    sheet = book.create_sheet("Jeunes")
    sheet.append(["Code jeune", "Pseudonyme", "Sexe", "Année de naissance", "Commune"])
    for n in range(youths):
        sheet.append([f"B{n}", f"Jeune{n}", rng.choice("FM"), rng.randint(2000, 2012), "Oignies"])
    hours = book.create_sheet("Temps")
    hours.append(["Date", "Activité", "Heures"])
    met = book.create_sheet("Rencontres")
    met.append(["Date", "Code jeune", "Mode"])
    start = datetime.date(2023, 1, 2)
    for d in range(days):
        day = start + datetime.timedelta(days=d % 360)
        for activity, amount in (("Travail de rue", 3), ("Présence sociale", 2), ("Formation", 1)):
            hours.append([day, activity, amount])
        for _ in range(8):
            met.append([day, f"B{rng.randrange(youths)}", "Rue"])
    accompaniments = book.create_sheet("Accompagnements")
    accompaniments.append(
        ["Code jeune", "Type", "Début", "Scolarité / situation", "Problématiques"]
    )
    for n in range(youths // 3):
        accompaniments.append(
            [f"B{n}", "PAEI", start + datetime.timedelta(days=n % 300), "Collège", "Logement"]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    total = youths + days * 11 + youths // 3
    return buffer.getvalue(), total


def main(rows: int) -> None:
    from django.contrib.auth.models import Group
    from django.db import connection

    from prevention.importing import PREVENTION_IMPORT
    from rl_portal.models import Service, User
    from rl_portal.roles import Role, sync_roles

    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        sync_roles()
        chef = User.objects.create(username="bench.chef")
        chef.groups.add(Group.objects.get(name=Role.CHEF_SERVICE.label))
        chef.services.add(Service.objects.get(code="prevention"))
        chef = User.objects.get(pk=chef.pk)
        content, total = workbook(rows)
        timings = {}
        statements = [0]

        def count(execute, sql, params, many, context):
            statements[0] += 1
            return execute(sql, params, many, context)

        for label, run in (
            ("aperçu", lambda: PREVENTION_IMPORT.preview(content, by=chef)),
            ("import", lambda: PREVENTION_IMPORT.apply(content, by=chef)),
            ("aperçu, tout déjà importé", lambda: PREVENTION_IMPORT.preview(content, by=chef)),
        ):
            statements[0] = 0
            with connection.execute_wrapper(count):
                started = time.perf_counter()
                run()
                timings[label] = (time.perf_counter() - started, statements[0])
        print(f"{connection.vendor} — {total} lignes ({len(content) // 1024} Ko)")
        for label, (seconds, count_) in timings.items():
            print(
                f"  {label:<28} {seconds:6.1f} s  {total / seconds:6.0f} lignes/s  "
                f"{count_ / total:5.1f} requêtes/ligne"
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rl_portal.settings")
    django.setup()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000)
