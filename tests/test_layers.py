"""Imports only go down (issue 14): the report engine (`reportkit`) below the shared domain
(`rl_portal`), below the apps (prevention, habitat, scolaire: independent of each other),
below the report documents, pages and API (`reporting`), below the demo. The shared domain
knows the apps only through registries (menu, home panels, person sections, API routes,
validated reports). The contracts live in pyproject.toml ([tool.importlinter]); this test
runs them with the suite, so a new arrow up fails here with the offending import named."""

from pathlib import Path

from importlinter.cli import EXIT_STATUS_SUCCESS, lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_imports_only_go_down(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True)
    assert status == EXIT_STATUS_SUCCESS, capsys.readouterr().out
