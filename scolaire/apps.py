from django.apps import AppConfig


class ScolaireConfig(AppConfig):
    name = "scolaire"
    verbose_name = "Accompagnement scolaire"
