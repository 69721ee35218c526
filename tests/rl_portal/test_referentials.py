"""What the data migrations load, and the role groups."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from rl_portal.models import Commune, Dispositif, Epci, Quartier, Service
from rl_portal.roles import ROLE_PERMISSIONS, Role

pytestmark = pytest.mark.django_db
DATA = Path(__file__).resolve().parents[2] / "rl_portal" / "data" / "communes.json"


def test_cahc_and_call_communes_are_loaded_from_the_official_file():
    assert Commune.objects.filter(epci__short_name="CAHC").count() == 14
    assert Commune.objects.filter(epci__short_name="CALL").count() == 36
    assert Commune.objects.get(insee_code="62427").name == "Hénin-Beaumont"
    assert Commune.objects.get(insee_code="62498").epci.short_name == "CALL"
    assert Epci.objects.get(short_name="CAHC").code == "246200299"
    source = json.loads(DATA.read_text())
    insee_codes = {c["insee"] for e in source["epcis"] for c in e["communes"]}
    assert set(Commune.objects.exclude(insee_code=None).values_list("insee_code", flat=True)) == (
        insee_codes
    )


def test_other_territory_has_no_epci():
    other = Commune.objects.get(insee_code=None)
    assert other.epci is None
    assert other.name.startswith("Autre territoire")


def test_quartiers_of_the_reports():
    rotois = Quartier.objects.get(name="Le Rotois")
    assert rotois.commune.name == "Courrières"
    assert rotois.is_qpv
    assert Quartier.objects.filter(commune__name="Hénin-Beaumont").count() == 3


def test_services_and_dispositifs():
    assert set(Service.objects.values_list("code", flat=True)) == {
        "prevention",
        "emps",
        "habitat",
        "scolaire",
    }
    assert Dispositif.objects.get(code="sps").service.code == "prevention"
    assert Dispositif.objects.get(code="fsl-asll").service.code == "habitat"


@pytest.mark.parametrize("role", list(Role))
def test_each_role_is_a_group_with_its_permissions(role):
    group = Group.objects.get(name=role.label)
    granted = {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }
    if role == Role.ADMINISTRATEUR:
        assert granted == {
            f"{app}.{codename}"
            for app, codename in Permission.objects.values_list(
                "content_type__app_label", "codename"
            )
        }
    else:
        # Every permission named in roles.py exists (a typo would silently grant nothing).
        assert granted == set(ROLE_PERMISSIONS[role])


def test_secretariat_has_no_access_to_persons():
    group = Group.objects.get(name=Role.SECRETARIAT.label)
    assert not group.permissions.filter(content_type__model="person").exists()
    assert group.permissions.filter(codename="change_convention").exists()
