from django.apps import AppConfig


def _api_routes(router) -> None:
    from scolaire.api import register

    register(router)


class ScolaireConfig(AppConfig):
    name = "scolaire"
    verbose_name = "Accompagnement scolaire"

    def ready(self):
        from rl_portal import rgpd
        from rl_portal.anonymisation import register_person_records
        from rl_portal.api_routes import register_api_routes
        from rl_portal.sections import register_person_section
        from scolaire import menu, pickers
        from scolaire.referentials import register as register_referentials
        from scolaire.views import person_section

        register_person_section(person_section)
        # The records about a child and what their texts are (rl_portal.anonymisation).
        register_person_records("scolaire.Enrolment", person="child")
        register_person_records("scolaire.Enrolment", person="household__members")
        register_person_records("scolaire.Attendance", person="enrolment__child")
        register_person_records("scolaire.Referral", person="child", texts=("reason",))
        register_referentials()
        menu.register()
        pickers.register()
        register_api_routes(_api_routes)
        for source in [
            ("scolaire.Enrolment", "child", "start"),
            ("scolaire.Enrolment", "child", "end"),
        ]:
            if source not in rgpd.ACTIVITY_SOURCES:
                rgpd.ACTIVITY_SOURCES.append(source)
        ongoing = ("scolaire.Enrolment", "child", {"end__isnull": True})
        if ongoing not in rgpd.ONGOING_SOURCES:
            rgpd.ONGOING_SOURCES.append(ongoing)
