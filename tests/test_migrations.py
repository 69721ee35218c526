"""The suite builds its tables from the models (--no-migrations): the migrations must stay
equal to the models (`make quality` runs makemigrations --check) and every data migration must
be known to tests/referentials.py, as a loader of référentiels or as a transform of existing
rows. A new data migration fails here until it is named there."""

import importlib
import pkgutil

from django.apps import apps
from django.db import migrations

from tests.referentials import LOADERS, TRANSFORMS


def _data_migration_functions():
    for config in apps.get_app_configs():
        try:
            package = importlib.import_module(f"{config.name}.migrations")
        except ModuleNotFoundError:
            continue
        if config.name.split(".")[0] not in {
            "rl_portal",
            "prevention",
            "habitat",
            "scolaire",
            "reporting",
        }:
            continue
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for operation in module.Migration.operations:
                if isinstance(operation, migrations.RunPython):
                    for code in (operation.code, operation.reverse_code):
                        if code and code is not migrations.RunPython.noop:
                            yield (module.__name__, code.__name__)


def test_every_data_migration_is_a_loader_or_a_transform():
    known = set(LOADERS) | set(TRANSFORMS)
    assert set(_data_migration_functions()) - known == set()


def test_the_referentials_are_loaded(db):
    from prevention.models import Problematique
    from rl_portal.models import Commune, Dispositif, Service

    assert Service.objects.count() == 4
    assert Dispositif.objects.filter(code="asl-jeunes-ase").exists()
    assert Commune.objects.filter(epci__short_name="CAHC").count() == 14
    assert Commune.objects.exclude(population=None).exists()
    assert Problematique.objects.filter(parent=None).exists()
