from django.apps import AppConfig


class HabitatConfig(AppConfig):
    name = "habitat"
    verbose_name = "Habitat"

    def ready(self):
        from habitat import pickers
        from habitat.referentials import register as register_referentials
        from habitat.rgpd import register

        register()
        register_referentials()
        pickers.register()
