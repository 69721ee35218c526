"""The référentiels the data migrations load (communes and their populations, services and
dispositifs, problématiques) and the roles, loaded again where the test database holds no
migration's data: the suite builds its tables from the models (`--no-migrations`, the models and
migrations being kept equal by `makemigrations --check`), and browser tests end with a flush.

tests/test_migrations.py checks that every data migration is named here."""

import importlib

# (migration module, function): loaders of référentiels, each idempotent.
LOADERS = [
    ("rl_portal.migrations.0002_referentials", "load"),
    ("rl_portal.migrations.0005_commune_population", "load_populations"),
    ("prevention.migrations.0002_problematiques", "load"),
]
# Data migrations that only transform existing rows: nothing to do on an empty database.
TRANSFORMS = [
    ("rl_portal.migrations.0003_person_search_key", "fill_search_keys"),
    ("habitat.migrations.0005_cllaj_file_and_application_names", "rename_permissions"),
    ("habitat.migrations.0005_cllaj_file_and_application_names", "rename_permissions_backwards"),
    ("prevention.migrations.0004_accompaniment_reopened_from", "split_reopened_accompaniments"),
    ("reporting.migrations.0005_validation_snapshot_structure", "add_structure"),
    ("reporting.migrations.0005_validation_snapshot_structure", "remove_structure"),
]


def load_referentials() -> None:
    from django.apps import apps

    from rl_portal.roles import sync_roles

    for module, function in LOADERS:
        getattr(importlib.import_module(module), function)(apps, None)
    sync_roles()
