"""Benchmark of the sps-departement report: `make bench` (or `--scales 1,10,100`).

Builds a synthetic association in a throw-away test database — scale 1 is about one
association-year: ~10 000 time entries, ~1 000 youths — then times the JSON, PDF and XLSX
builds and counts the queries. Writes bench.json and prints a table."""

import datetime
import json
import random
import time
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.data.prevention import ACTIVITY_SHARES
from habitat.models import HousingRequest, HousingUnit, MonthlyRent, Stay, SupportMeasure
from prevention.models import (
    Accompaniment,
    ActionSession,
    CoAccompaniment,
    CollectiveAction,
    Contact,
    Headcount,
    Problematique,
    TimeEntry,
)
from reporting import renderers
from reporting.documents import get_definition
from reportkit.periods import Period
from rl_portal.models import CaseFile, Commune, Dispositif, Epci, Partner, Person, Service, User

YEAR = 2025
COMMUNES = ["Carvin", "Courrières", "Libercourt", "Oignies"]


class Command(BaseCommand):
    help = "Mesure la production du rapport SPS (JSON, PDF, XLSX) à plusieurs volumes."

    def add_arguments(self, parser):
        parser.add_argument("--scales", default="1,10", help="Volumes, par exemple 1,10,100.")
        parser.add_argument("--output", default="bench.json")
        parser.add_argument(
            "--repeat", type=int, default=3, help="Mesures par format (la meilleure)."
        )

    def handle(self, *args, scales, output, repeat, **options):
        try:
            scales = [int(s) for s in scales.split(",") if s.strip()]
        except ValueError:
            raise CommandError("--scales attend des entiers séparés par des virgules.") from None
        old_name = connection.settings_dict["NAME"]
        # A throw-away database: the benchmark never touches the real one.
        connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
        try:
            results = [self.measure(scale, repeat) for scale in scales]
            habitat = {"habitat-alt": [], "habitat-fsl": []}
            for scale in scales:
                self.populate_habitat(scale)
                for slug in habitat:
                    habitat[slug].append(self.measure_report(slug, scale, repeat))
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        # The load test (tests/perf/load.py) keeps its figures in the same file.
        kept = json.loads(Path(output).read_text()) if Path(output).exists() else {}
        kept = {"load": kept["load"]} if isinstance(kept, dict) and "load" in kept else {}
        Path(output).write_text(
            json.dumps({"sps-departement": results, **habitat, **kept}, indent=2) + "\n"
        )
        self.stdout.write(
            f"{'échelle':>7} {'temps':>8} {'jeunes':>7} {'requêtes':>8} {'JSON (s)':>9} "
            f"{'PDF (s)':>8} {'XLSX (s)':>9}"
        )
        for r in results:
            self.stdout.write(
                f"{r['scale']:>7} {r['time_entries']:>8} {r['persons']:>7} {r['queries']:>8} "
                f"{r['seconds']:>9.3f} {r['pdf_seconds']:>8.3f} {r['xlsx_seconds']:>9.3f}"
            )
        for slug, rows in habitat.items():
            self.stdout.write(f"{slug} :")
            for r in rows:
                self.stdout.write(
                    f"{r['scale']:>7} séjours {r['stays']:>6} mesures {r['measures']:>6} "
                    f"requêtes {r['queries']:>3} JSON {r['seconds']:.3f} s "
                    f"PDF {r['pdf_seconds']:.3f} s XLSX {r['xlsx_seconds']:.3f} s"
                )
        self.stdout.write(f"Résultats écrits dans {output}.")

    def measure(self, scale: int, repeat: int) -> dict:
        self.populate(scale)
        connection.queries_log.clear()
        definition = get_definition("sps-departement")
        period = Period.year(YEAR)
        definition.build(period)  # warm caches (templates, fonts, content types)
        json_times, pdf_times, xlsx_times = [], [], []
        for _ in range(repeat):
            # The query log holds at most 9 000 entries: empty it so that the count is exact.
            connection.queries_log.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                document = definition.build(period)
                json.dumps(document.as_dict(), default=str)
            json_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            renderers.render_pdf(definition.build(period))
            pdf_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            renderers.render_xlsx(definition.build(period))
            xlsx_times.append(time.perf_counter() - started)
        return {
            "scale": scale,
            "time_entries": TimeEntry.objects.count(),
            "persons": Person.objects.count(),
            "seconds": round(min(json_times), 4),
            "queries": len(queries.captured_queries),
            "pdf_seconds": round(min(pdf_times), 4),
            "xlsx_seconds": round(min(xlsx_times), 4),
        }

    def measure_report(self, slug: str, scale: int, repeat: int) -> dict:
        definition = get_definition(slug)
        period = Period.year(YEAR)
        definition.build(period)
        json_times, pdf_times, xlsx_times = [], [], []
        for _ in range(repeat):
            connection.queries_log.clear()
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                json.dumps(definition.build(period).as_dict(), default=str)
            json_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            renderers.render_pdf(definition.build(period))
            pdf_times.append(time.perf_counter() - started)
            started = time.perf_counter()
            renderers.render_xlsx(definition.build(period))
            xlsx_times.append(time.perf_counter() - started)
        return {
            "scale": scale,
            "stays": Stay.objects.count(),
            "measures": SupportMeasure.objects.count(),
            "seconds": round(min(json_times), 4),
            "queries": len(queries.captured_queries),
            "pdf_seconds": round(min(pdf_times), 4),
            "xlsx_seconds": round(min(xlsx_times), 4),
        }

    def populate_habitat(self, scale: int) -> None:
        """ALT units with two years of stays and rents; FSL measures on both territories."""
        for model in (MonthlyRent, Stay, HousingUnit, SupportMeasure, HousingRequest):
            model.objects.all().delete()
        rng = random.Random(1000 + scale)
        landlord, _ = Partner.objects.get_or_create(name="Bailleur banc d'essai", kind="bailleur")
        communes = list(Commune.objects.filter(name__in=COMMUNES))
        alt = Dispositif.objects.get(code="alt-jeunes")
        fsl = Dispositif.objects.get(code="fsl-asll")
        units = HousingUnit.objects.bulk_create(
            [
                HousingUnit(
                    label=f"Logement {n}",
                    address=f"{n} rue du Banc",
                    commune=rng.choice(communes),
                    typology=rng.choice(["T1", "T1bis", "T2"]),
                    landlord=landlord,
                    dispositif=alt,
                    places=1,
                    lease_start=datetime.date(YEAR - 2, 1, 1),
                )
                for n in range(20 * scale)
            ]
        )
        persons = Person.objects.bulk_create(
            [
                Person(
                    pseudonym=f"Hébergé {n}",
                    sex=rng.choice("FM"),
                    birth_year=rng.randint(1995, 2006),
                    version=1,
                )
                for n in range(100 * scale)
            ]
        )
        stays, person_iter = [], iter(persons)
        for unit in units:
            day = datetime.date(YEAR - 1, 1, 1) + datetime.timedelta(days=rng.randint(0, 60))
            while day < datetime.date(YEAR, 12, 1):
                length = rng.randint(90, 300)
                exit_day = day + datetime.timedelta(days=length)
                person = next(person_iter, None)
                if person is None:
                    break
                stays.append(
                    Stay(
                        unit=unit,
                        place=1,
                        person=person,
                        entry=day,
                        exit=exit_day if exit_day <= datetime.date(YEAR, 12, 31) else None,
                        exit_reason="parc_public"
                        if exit_day <= datetime.date(YEAR, 12, 31)
                        else "",
                        resources_entry=Decimal(rng.randint(0, 1200)),
                        resource_type_entry="salaire",
                        version=1,
                    )
                )
                day = exit_day + datetime.timedelta(days=rng.randint(1, 20))
        Stay.objects.bulk_create(stays, batch_size=5000)
        MonthlyRent.objects.bulk_create(
            [
                MonthlyRent(
                    stay=stay,
                    month=datetime.date(YEAR, month, 1),
                    due=Decimal(300),
                    paid=Decimal(300 if rng.random() < 0.85 else 150),
                )
                for stay in stays
                for month in range(1, 13)
                if stay.entry <= datetime.date(YEAR, month, 28)
                and (stay.exit is None or stay.exit >= datetime.date(YEAR, month, 1))
            ],
            batch_size=5000,
        )
        epcis = list(Epci.objects.all())
        measure_persons = Person.objects.bulk_create(
            [
                Person(pseudonym=f"Ménage {n}", sex=rng.choice("FM"), version=1)
                for n in range(160 * scale)
            ]
        )
        SupportMeasure.objects.bulk_create(
            [
                SupportMeasure(
                    person=person,
                    dispositif=fsl,
                    epci=rng.choice(epcis),
                    kind="asll",
                    weight=Decimal(rng.randint(2, 6)),
                    orienteur_kind="ssd_mds",
                    notified_on=datetime.date(YEAR, 1, 1),
                    start=datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randint(0, 300)),
                    reason="maintien_logement",
                    annex_difficulties=["impayes"],
                    version=1,
                )
                for person in measure_persons
            ],
            batch_size=5000,
        )

    def populate(self, scale: int) -> None:
        """A year of SPS activity (and the previous one for the hours' comparison)."""
        for model in (
            Headcount,
            ActionSession,
            CollectiveAction,
            CoAccompaniment,
            Contact,
            TimeEntry,
        ):
            model.objects.all().delete()
        Accompaniment.problematiques.through.objects.all().delete()
        Accompaniment.objects.all().delete()
        CaseFile.objects.all().delete()
        Person.objects.all().delete()
        rng = random.Random(scale)
        sps = Dispositif.objects.get(code="sps")
        service = Service.objects.get(code="prevention")
        communes = list(Commune.objects.filter(name__in=COMMUNES))
        educators = []
        for index in range(8):
            user, _ = User.objects.get_or_create(username=f"bench.educ{index}")
            user.services.add(service)
            educators.append(user)
        persons = [
            Person(
                pseudonym=f"Jeune {n}",
                sex=rng.choice(["F", "M", "M", "NR"]),
                birth_year=rng.choice([None] + list(range(2003, 2016))),
                commune=rng.choice(communes),
                version=1,
            )
            for n in range(1000 * scale)
        ]
        Person.objects.bulk_create(persons, batch_size=5000)
        start = datetime.date(YEAR - 1, 1, 1)
        CaseFile.objects.bulk_create(
            [
                CaseFile(
                    person=p,
                    service=service,
                    opened_on=start + datetime.timedelta(days=rng.randint(0, 700)),
                )
                for p in persons
            ],
            batch_size=5000,
        )
        activities, weights = list(ACTIVITY_SHARES), list(ACTIVITY_SHARES.values())
        TimeEntry.objects.bulk_create(
            [
                TimeEntry(
                    educator=rng.choice(educators),
                    dispositif=sps,
                    date=start + datetime.timedelta(days=rng.randint(0, 729)),
                    hours=Decimal(rng.choice(["0.5", "1", "1.5", "2", "3"])),
                    activity=rng.choices(activities, weights=weights)[0],
                    commune=rng.choice(communes),
                )
                for _ in range(15000 * scale)
            ],
            batch_size=5000,
        )
        Contact.objects.bulk_create(
            [
                Contact(
                    person=p,
                    dispositif=sps,
                    date=datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randint(0, 364)),
                    mode=rng.choices(
                        ["travail_de_rue", "presence_sociale", "promeneur_du_net"], [80, 15, 5]
                    )[0],
                    educator=rng.choice(educators),
                )
                for p in persons
                for _ in range(rng.randint(1, 4))
            ],
            batch_size=5000,
        )
        accompanied = rng.sample(persons, k=len(persons) // 8)
        accompaniments = [
            Accompaniment(
                person=p,
                dispositif=sps,
                kind="paei",
                referent=rng.choice(educators),
                start=start + datetime.timedelta(days=rng.randint(0, 600)),
                situation=rng.choice(Accompaniment.Situation.values),
                version=1,
            )
            for p in accompanied
        ]
        for a in accompaniments:
            if rng.random() < 0.5:
                a.end = a.start + datetime.timedelta(days=rng.randint(30, 300))
                a.end_reason = rng.choice(Accompaniment.EndReason.values)
        Accompaniment.objects.bulk_create(accompaniments, batch_size=5000)
        problematiques = list(Problematique.objects.filter(parent__isnull=False))
        through = Accompaniment.problematiques.through
        through.objects.bulk_create(
            [
                through(accompaniment_id=a.pk, problematique_id=p.pk)
                for a in accompaniments
                for p in rng.sample(problematiques, k=2)
            ],
            batch_size=5000,
        )
        CoAccompaniment.objects.bulk_create(
            [
                CoAccompaniment(accompaniment=a, kind=rng.choice(CoAccompaniment.Kind.values))
                for a in accompaniments[::3]
            ]
        )
        actions = [
            CollectiveAction(
                dispositif=sps,
                title=rng.choice(["Sorties", "Futsal", "Ateliers", "Séjour", "Forum"]),
                kind=rng.choice(CollectiveAction.Kind.values),
                commune=rng.choice(communes),
                created_by=educators[0],
                version=1,
            )
            for _ in range(60 * scale)
        ]
        CollectiveAction.objects.bulk_create(actions, batch_size=5000)
        ActionSession.objects.bulk_create(
            [
                ActionSession(
                    action=a,
                    date=datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randint(0, 364)),
                )
                for a in actions
                for _ in range(rng.randint(1, 10))
            ],
            batch_size=5000,
        )
        Headcount.objects.bulk_create(
            [
                Headcount(
                    action=a, age_band="11_14", sex=rng.choice("FM"), count=rng.randint(1, 20)
                )
                for a in actions
            ],
            batch_size=5000,
        )
