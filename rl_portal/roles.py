"""The five roles of DESIGN.md. Each role is a Django group with a set of model permissions;
`sync_roles()` (run after every migrate) makes the groups match this module.

Permissions say what a role may do in general; `visible_to(user)` then says on which records
(the user's services, or all of them for the direction).
"""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    EDUCATEUR = "educateur", "Éducateur / travailleur social"
    CHEF_SERVICE = "chef_service", "Chef de service"
    DIRECTION = "direction", "Direction"
    SECRETARIAT = "secretariat", "Secrétariat"
    ADMINISTRATEUR = "administrateur", "Administrateur"

    @classmethod
    def by_precedence(cls) -> list[Role]:
        """Order in which a user's main role is chosen when they hold several."""
        return [
            cls.ADMINISTRATEUR,
            cls.DIRECTION,
            cls.CHEF_SERVICE,
            cls.SECRETARIAT,
            cls.EDUCATEUR,
        ]


# Model permissions per role, as "app_label.codename". Later apps add theirs here so that one
# table answers "who may do what".
_PERSONAL_DATA_EDIT = [
    "rl_portal.view_person",
    "rl_portal.add_person",
    "rl_portal.change_person",
    "rl_portal.view_casefile",
    "rl_portal.add_casefile",
    "rl_portal.view_household",
    "rl_portal.add_household",
    "rl_portal.change_household",
    "rl_portal.view_householdmember",
    "rl_portal.add_householdmember",
    "rl_portal.change_householdmember",
    "rl_portal.delete_householdmember",
]
_REFERENTIALS_VIEW = [
    "rl_portal.view_service",
    "rl_portal.view_dispositif",
    "rl_portal.view_epci",
    "rl_portal.view_commune",
    "rl_portal.view_quartier",
    "rl_portal.view_partner",
]
_REFERENTIALS_MANAGE = [
    "rl_portal.add_quartier",
    "rl_portal.change_quartier",
    "rl_portal.add_partner",
    "rl_portal.change_partner",
]
_FUNDING_VIEW = [
    "rl_portal.view_funder",
    "rl_portal.view_convention",
    "rl_portal.view_staffposition",
]
_FUNDING_MANAGE = [
    "rl_portal.add_funder",
    "rl_portal.change_funder",
    "rl_portal.add_convention",
    "rl_portal.change_convention",
    "rl_portal.delete_convention",
]

_PREVENTION_RECORDS = [
    "timeentry",
    "contact",
    "accompaniment",
    "coaccompaniment",
    "reorientation",
    "workeddomain",
    "collectiveaction",
    "networkreception",
    "instancemeeting",
]
_PREVENTION_EDIT = [
    f"prevention.{action}_{model}"
    for model in _PREVENTION_RECORDS
    for action in ("view", "add", "change", "delete")
] + ["prevention.view_problematique"]
_PREVENTION_VIEW = [f"prevention.view_{model}" for model in _PREVENTION_RECORDS] + [
    "prevention.view_problematique"
]
_PREVENTION_CHEF = [
    "prevention.record_time_for_others",
    "prevention.reopen_accompaniment",
    "prevention.add_problematique",
    "prevention.change_problematique",
]

_HABITAT_RECORDS = [
    "housingunit",
    "unitunavailability",
    "housingrequest",
    "stay",
    "monthlyrent",
    "cllajfile",
    "cllajinterview",
    "cllajapplication",
    "cllajorientation",
    "housingevent",
    "supportmeasure",
    "homevisit",
]
_HABITAT_EDIT = [
    f"habitat.{action}_{model}"
    for model in _HABITAT_RECORDS
    for action in ("view", "add", "change", "delete")
] + ["habitat.view_meetingplace"]
_HABITAT_VIEW = [f"habitat.view_{model}" for model in _HABITAT_RECORDS] + [
    "habitat.view_meetingplace"
]

_SCOLAIRE_RECORDS = ["programme", "enrolment", "session", "attendance", "referral"]
_SCOLAIRE_EDIT = [
    f"scolaire.{action}_{model}"
    for model in _SCOLAIRE_RECORDS
    for action in ("view", "add", "change", "delete")
]
_SCOLAIRE_VIEW = [f"scolaire.view_{model}" for model in _SCOLAIRE_RECORDS]

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.EDUCATEUR: _PERSONAL_DATA_EDIT
    + _REFERENTIALS_VIEW
    + _PREVENTION_EDIT
    + _HABITAT_EDIT
    + _SCOLAIRE_EDIT,
    Role.CHEF_SERVICE: _PERSONAL_DATA_EDIT
    + _REFERENTIALS_VIEW
    + _REFERENTIALS_MANAGE
    + _PREVENTION_EDIT
    + _PREVENTION_CHEF
    + _HABITAT_EDIT
    + ["habitat.add_meetingplace", "habitat.change_meetingplace"]
    + _SCOLAIRE_EDIT,
    Role.DIRECTION: [
        "rl_portal.view_person",
        "rl_portal.view_casefile",
        "rl_portal.view_household",
        "rl_portal.view_householdmember",
        *_REFERENTIALS_VIEW,
        *_FUNDING_VIEW,
        "rl_portal.add_staffposition",
        "rl_portal.change_staffposition",
        *_PREVENTION_VIEW,
        *_HABITAT_VIEW,
        *_SCOLAIRE_VIEW,
        "reporting.view_commentary",
        "reporting.add_commentary",
        "reporting.view_associationprofile",
        "reporting.change_associationprofile",
        "reporting.view_reportvalidation",
        "reporting.add_reportvalidation",
    ],
    Role.SECRETARIAT: _REFERENTIALS_VIEW
    + _FUNDING_VIEW
    + _FUNDING_MANAGE
    + ["reporting.view_commentary", "reporting.view_associationprofile"],
    # Administrators get every permission of the project (see sync_roles).
    Role.ADMINISTRATEUR: [],
}

# Roles whose members may sign in to the Django admin.
STAFF_ROLES = {Role.ADMINISTRATEUR}


def sync_roles() -> None:
    """Create the role groups and give them exactly the permissions of ROLE_PERMISSIONS."""
    from django.contrib.auth.models import Group, Permission
    from django.db.models import Q

    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.label)
        if role == Role.ADMINISTRATEUR:
            permissions = Permission.objects.all()
        else:
            lookups = Q(pk__in=[])
            for dotted in ROLE_PERMISSIONS[role]:
                app_label, codename = dotted.split(".", 1)
                lookups |= Q(content_type__app_label=app_label, codename=codename)
            permissions = Permission.objects.filter(lookups)
        group.permissions.set(permissions)
