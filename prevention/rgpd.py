"""How prevention plugs into the shared domain: the youth's page, the droit d'accès export and
the retention job's activity dates."""

from rl_portal import rgpd
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
