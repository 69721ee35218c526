"""How prevention plugs into the shared domain: the youth's page, the droit d'accès export and
the retention job's activity dates."""

from rl_portal import rgpd
from rl_portal.anonymisation import register_free_texts, register_person_records
from rl_portal.sections import register_person_section


def export_section(person):
    from prevention.models import Accompaniment, Contact

    rows = [
        {
            "type": "rencontre",
            "date": contact.date.isoformat(),
            "mode": contact.get_mode_display(),
            "dispositif": contact.dispositif.name,
        }
        for contact in Contact.objects.filter(person=person).select_related("dispositif")
    ] + [
        {
            "type": "accompagnement",
            "nature": accompaniment.get_kind_display(),
            "debut": accompaniment.start.isoformat(),
            "fin": accompaniment.end.isoformat() if accompaniment.end else None,
            "motif_de_cloture": accompaniment.get_end_reason_display(),
            "situation": accompaniment.get_situation_display(),
            "domaines_travailles": [
                {"date": d.date.isoformat(), "domaine": d.get_domain_display()}
                for d in accompaniment.worked_domains.all()
            ],
        }
        for accompaniment in Accompaniment.objects.filter(person=person).prefetch_related(
            "worked_domains"
        )
    ]
    return "prevention", rows


def register():
    from prevention.views import person_section

    register_person_section(person_section)
    # The records about a youth and what their texts are (rl_portal.anonymisation).
    register_free_texts("prevention.NetworkReception", ("note",))
    register_person_records("prevention.Contact", person="person")
    register_person_records("prevention.Accompaniment", person="person")
    register_person_records("prevention.CoAccompaniment", person="accompaniment__person")
    register_person_records(
        "prevention.Reorientation", person="accompaniment__person", other_texts=("partner_name",)
    )
    register_person_records(
        "prevention.WorkedDomain", person="accompaniment__person", texts=("note",)
    )
    register_person_records("prevention.TimeEntry", person="accompaniment__person", texts=("note",))
    register_person_records(
        "prevention.TimeEntry", person="action__participants", shared_texts=("note",)
    )
    register_person_records(
        "prevention.CollectiveAction",
        person="participants",
        shared_texts=("title", "description"),
    )
    register_person_records("prevention.ActionSession", person="action__participants")
    register_person_records("prevention.Headcount", person="action__participants")
    if export_section not in rgpd.EXPORT_SECTIONS:
        rgpd.EXPORT_SECTIONS.append(export_section)
    for source in [
        ("prevention.Contact", "person", "date"),
        ("prevention.Accompaniment", "person", "start"),
        ("prevention.Accompaniment", "person", "end"),
        ("prevention.WorkedDomain", "accompaniment__person", "date"),
    ]:
        if source not in rgpd.ACTIVITY_SOURCES:
            rgpd.ACTIVITY_SOURCES.append(source)
    ongoing = ("prevention.Accompaniment", "person", {"end__isnull": True})
    if ongoing not in rgpd.ONGOING_SOURCES:
        rgpd.ONGOING_SOURCES.append(ongoing)
