from django.apps import AppConfig


class PreventionConfig(AppConfig):
    name = "prevention"
    verbose_name = "Prévention spécialisée"

    def ready(self):
        from prevention import pickers
        from prevention.referentials import register as register_referentials
        from prevention.rgpd import register

        register()
        register_referentials()
        pickers.register()
