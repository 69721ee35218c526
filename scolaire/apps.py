from django.apps import AppConfig


class ScolaireConfig(AppConfig):
    name = "scolaire"
    verbose_name = "Accompagnement scolaire"

    def ready(self):
        from rl_portal import rgpd
        from rl_portal.sections import register_person_section
        from scolaire.referentials import register as register_referentials
        from scolaire.views import person_section

        register_person_section(person_section)
        register_referentials()
        for source in [
            ("scolaire.Enrolment", "child", "start"),
            ("scolaire.Enrolment", "child", "end"),
        ]:
            if source not in rgpd.ACTIVITY_SOURCES:
                rgpd.ACTIVITY_SOURCES.append(source)
        ongoing = ("scolaire.Enrolment", "child", {"end__isnull": True})
        if ongoing not in rgpd.ONGOING_SOURCES:
            rgpd.ONGOING_SOURCES.append(ongoing)
