"""Who may do what with the reports: the one answer used by the views, the API, the services
and the templates (DESIGN, "Users and roles").

- Direction (and administrators): read every report, write the édito, the perspectives and
  every observation, keep the direction's data (identity, socio-economic figures…), validate.
- Chef de service: read the reports of their services and write their sections' observations.
- Secrétariat: read and export every report.
- Éducateur: no report (their figures are in their own pages)."""

from __future__ import annotations

from rl_portal.roles import Role

OBSERVATIONS_PREFIX = "observations"


def is_direction(user) -> bool:
    """The direction's rights: a direction member, an administrator or a superuser."""
    return bool(
        user.is_authenticated
        and (user.is_superuser or user.has_role(Role.DIRECTION, Role.ADMINISTRATEUR))
    )


def can_see_dashboard(user) -> bool:
    """The direction's dashboard on the home page: a direction member or a superuser."""
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(Role.DIRECTION)))


def _runs_services_of(user, definition) -> bool:
    # service_codes is read once per request: the menu asks this for every report.
    if not user.has_role(Role.CHEF_SERVICE):
        return False
    return bool(user.service_codes.intersection(definition.services))


def can_read_report(user, definition) -> bool:
    """Direction, secrétariat and administrators read every report; a chef de service the
    reports of their services."""
    if not user.is_authenticated:
        return False
    if is_direction(user) or user.has_role(Role.SECRETARIAT):
        return True
    return _runs_services_of(user, definition)


def readable_definitions(user) -> list:
    """The reports the user may read, in the order of the reports page."""
    from reporting.documents import DEFINITIONS

    return [d for d in DEFINITIONS.values() if can_read_report(user, d)]


def masks_small_counts(user, period, options: dict) -> bool:
    """A report shows `user` its small counts masked (reportkit.disclosure) when it covers
    less than a month or one commune and `user` sees no individual record (the secrétariat):
    a count of 1 on a day or in a commune could name a youth to someone who may not know it.
    Staff who read the records (field staff, chefs de service, direction) see every figure."""
    from rl_portal.perms import can_read_persons

    if not (period.is_shorter_than_a_month or options.get("commune")):
        return False
    return user is not None and user.is_authenticated and not can_read_persons(user)


def is_observation(section: str) -> bool:
    return section.startswith(OBSERVATIONS_PREFIX)


def can_write_commentary(user, definition, section: str) -> bool:
    """The direction writes every text of a report; a chef de service writes the observations
    of the reports of their services (not the édito, the perspectives or the texts that
    engage the association)."""
    if not user.is_authenticated or not definition.accepts_commentary(section):
        return False
    if is_direction(user):
        return True
    return is_observation(section) and _runs_services_of(user, definition)


def can_write_some_commentary(user, definition) -> bool:
    return is_direction(user) or _runs_services_of(user, definition)


def can_edit_inputs(user, definition) -> bool:
    """The direction keeps the data printed beside the records (identity, territory…)."""
    return is_direction(user) and bool(definition.inputs)


def can_validate(user, definition) -> bool:
    """The direction validates a report (after its board meeting) and so freezes it."""
    return is_direction(user)


def can_edit_identity(user) -> bool:
    return is_direction(user)


def who_does_what(definition) -> list[tuple[str, str]]:
    """(who, what) lines printed on the report page so that everyone knows who writes what."""
    services = ", ".join(definition.service_labels) or "les services concernés"
    lines = [
        (
            "Direction",
            "écrit l'édito, les perspectives et les observations, tient les données de la "
            "direction (fiche d'identité, territoire, moyens) et valide le rapport après le "
            "conseil d'administration.",
        ),
        (
            f"Chefs de service ({services})",
            "écrivent les observations des sections de leur service.",
        ),
        ("Secrétariat", "lit et exporte le rapport (PDF, XLSX)."),
        (
            "Après validation",
            "les chiffres, les textes et les données imprimés sont figés ; une modification "
            "crée une nouvelle version brouillon, imprimée seulement après une nouvelle "
            "validation.",
        ),
    ]
    return lines


def user_can(user, definition) -> list[str]:
    """What the signed-in user may do on this report, in French."""
    can = ["lire et exporter le rapport"]
    if is_direction(user):
        can.append("écrire tous ses textes")
    elif _runs_services_of(user, definition):
        can.append("écrire les observations des sections")
    if can_edit_inputs(user, definition):
        can.append("tenir les données de la direction")
    if can_validate(user, definition):
        can.append("valider le rapport")
    return can
