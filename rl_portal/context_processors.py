from django.urls import reverse

from rl_portal import perms
from rl_portal.roles import Role


def navigation(request):
    """The menu entries the signed-in user may use (and only those)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [("Accueil", reverse("home"), "home")]
    if perms.can_read_persons(user):
        items.append(("Personnes", reverse("person-list"), "person"))
    from prevention.views import can_read as can_read_prevention
    from prevention.views import can_record as can_record_prevention

    if can_record_prevention(user):
        items.append(("Saisie du jour", reverse("prevention:quick-entry"), "quick-entry"))
    if can_read_prevention(user):
        items.append(("Prévention", reverse("prevention:accompaniments"), "prevention"))
    from habitat.views import can_read as can_read_habitat

    if can_read_habitat(user):
        items.append(("Habitat", reverse("habitat:board"), "habitat"))
    from scolaire.views import can_decide_referrals
    from scolaire.views import can_read as can_read_scolaire

    if can_read_scolaire(user):
        items.append(("Scolaire", reverse("scolaire:programmes"), "scolaire"))
    if can_decide_referrals(user):
        items.append(("Orientations", reverse("scolaire:referrals"), "referrals"))
    from reporting.views import readable_definitions

    if readable_definitions(user):
        items.append(("Rapports", reverse("reporting:list"), "reports"))
    from rl_portal.referentials import manages_any

    if manages_any(user):
        items.append(("Référentiels", reverse("referentials"), "referentials"))
    # The API's documentation is for those who connect tools to it, not for field staff.
    if user.has_role(Role.CHEF_SERVICE, Role.DIRECTION, Role.SECRETARIAT, Role.ADMINISTRATEUR):
        items.append(("API", reverse("api-docs"), "api"))
    if perms.can_use_admin(user):
        items.append(("Administration", reverse("admin:index"), "admin"))
    return {"nav_items": items}
