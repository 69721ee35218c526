from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):
    from rl_portal.roles import sync_roles

    sync_roles()


class RlPortalConfig(AppConfig):
    name = "rl_portal"
    verbose_name = "RL Portal — référentiels et personnes"

    def ready(self):
        from rl_portal import signals, tokens  # noqa: F401

        # Permissions are created by each app's post_migrate; syncing after each keeps the role
        # groups complete whichever app migrated last.
        post_migrate.connect(_sync_roles, dispatch_uid="rl_portal.sync_roles")
