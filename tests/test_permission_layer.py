"""Permissions are answered by the apps' `perms.py` and nowhere else (DESIGN, "Permissions"):
the pages, the API, the menus, the home panels and the pickers ask `perms.can_…(user)`; they
never read the user's roles, Django permissions or services themselves. Two answers to one
question drift apart: the API once chose the service of a new person from `user.services`
while the pages asked perms."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("rl_portal", "prevention", "habitat", "scolaire", "reporting")
# The browser side and the registries the shared package calls (menu, home panels, pickers).
LAYER_MODULES = ("views", "api", "home", "menu", "pickers", "sections", "urls")
# What the user object offers perms.py to read.
PERMISSION_READS = {
    "has_role",
    "has_perm",
    "has_perms",
    "is_superuser",
    "is_staff",
    "roles",
    "reads_all_services",
    "works_in_services",
    "service_ids",
    "service_codes",
    "service_dispositifs",
}


def layer_modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            name = path.stem
            in_package = {"views", "api"} & set(path.relative_to(ROOT).parts[:-1])
            if in_package or name in LAYER_MODULES or name.endswith("_views"):
                yield path


def permission_reads(path: Path, root: Path = ROOT) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        owner_name = getattr(owner, "attr", None) or getattr(owner, "id", None)
        if node.attr in PERMISSION_READS or (
            node.attr == "services" and owner_name in ("user", "by")
        ):
            found.append(f"{path.relative_to(root)}:{node.lineno} .{node.attr}")
        elif isinstance(node.ctx, ast.Load) and node.attr == "role" and owner_name == "user":
            found.append(f"{path.relative_to(root)}:{node.lineno} .role")
    return found


def test_the_scan_sees_the_pages_and_the_api():
    names = {str(path.relative_to(ROOT)) for path in layer_modules()}
    assert {"rl_portal/api.py", "habitat/unit_views.py", "prevention/views/lists.py"} <= names
    assert "prevention/api/records.py" in names and "reporting/home.py" in names


def test_pages_and_api_ask_perms():
    found = [read for path in layer_modules() for read in permission_reads(path)]
    assert found == [], "lisez les droits par perms.py :\n" + "\n".join(found)


def test_the_scan_finds_a_read_of_the_users_services(tmp_path):
    module = tmp_path / "views.py"
    module.write_text(
        "def view(request):\n"
        "    own = request.user.services.all()\n"
        "    return request.user.has_role('chef') or own\n"
    )
    reads = permission_reads(module, root=tmp_path)
    assert sorted(reads) == ["views.py:2 .services", "views.py:3 .has_role"]


def test_permission_functions_live_in_perms_modules():
    """A module-level `can_…` function is a permission: it belongs in a perms.py (the habitat's
    `can_manage_units` sat in habitat/units.py, the référentiels' in rl_portal/referentials.py)."""
    found = []
    for app in (*APPS, "reportkit"):
        for path in sorted((ROOT / app).rglob("*.py")):
            if path.name == "perms.py" or "migrations" in path.parts:
                continue
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.FunctionDef) and node.name.startswith("can_"):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    assert found == [], "déplacez dans perms.py :\n" + "\n".join(found)
