from django.apps import AppConfig


def _api_routes(router) -> None:
    from prevention.api import register

    register(router)


class PreventionConfig(AppConfig):
    name = "prevention"
    verbose_name = "Prévention spécialisée"

    def ready(self):
        from prevention import menu, pickers
        from prevention.home import educator_panel
        from prevention.referentials import register as register_referentials
        from prevention.rgpd import register
        from rl_portal.api_routes import register_api_routes
        from rl_portal.home import register_home_panel

        register()
        menu.register()
        register_home_panel(educator_panel)
        register_api_routes(_api_routes)
        register_referentials()
        pickers.register()
