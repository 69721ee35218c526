from django.apps import AppConfig


def _api_routes(router) -> None:
    from habitat.api import register

    register(router)


class HabitatConfig(AppConfig):
    name = "habitat"
    verbose_name = "Habitat"

    def ready(self):
        from habitat import menu, pickers
        from habitat.referentials import register as register_referentials
        from habitat.rgpd import register
        from rl_portal.api_routes import register_api_routes

        register()
        menu.register()
        register_api_routes(_api_routes)
        register_referentials()
        pickers.register()
