from django.apps import AppConfig


class HabitatConfig(AppConfig):
    name = "habitat"
    verbose_name = "Habitat"

    def ready(self):
        from habitat import pickers
        from habitat.rgpd import register

        register()
        pickers.register()
