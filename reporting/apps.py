from django.apps import AppConfig


def _api_routes(router) -> None:
    from reporting.api import register

    register(router)


def _validated_reports_covering(day, service_code: str) -> list[str]:
    # Imported when first asked: the documents import every app's indicators.
    from reporting.documents import validated_reports_covering

    return validated_reports_covering(day, service_code)


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Rapports"

    def ready(self):
        from reporting import menu
        from reporting.home import dashboard_panel
        from rl_portal.api_routes import register_api_routes
        from rl_portal.home import register_home_panel
        from rl_portal.validations import register_validated_reports_lookup

        menu.register()
        register_home_panel(dashboard_panel)
        register_api_routes(_api_routes)
        register_validated_reports_lookup(_validated_reports_covering)
