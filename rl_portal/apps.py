from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from rl_portal.roles import sync_roles

    sync_roles()


class RlPortalConfig(AppConfig):
    default = True
    name = "rl_portal"
    verbose_name = "RL Portal — référentiels et personnes"

    def ready(self):
        from rl_portal import household_views, menu, signals, tokens  # noqa: F401
        from rl_portal.referentials import register as register_referentials

        menu.register()
        register_referentials()
        household_views.register()

        # Permissions are created by each app's post_migrate; syncing after each keeps the role
        # groups complete whichever app migrated last.
        post_migrate.connect(_sync_roles, dispatch_uid="rl_portal.sync_roles")


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin with the project's site: administrators only, every record scoped."""

    # Named in INSTALLED_APPS in place of django.contrib.admin; not this module's default.
    default = False
    default_site = "rl_portal.admin_scoping.RLAdminSite"
