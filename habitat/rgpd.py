"""How habitat plugs into the shared domain: the person's page, the droit d'accès export and
the retention job's activity dates."""

from rl_portal import rgpd
from rl_portal.sections import register_person_section


def export_section(person):
    from habitat.models import CllajFile, Stay, SupportMeasure

    rows = (
        [
            {
                "type": "séjour",
                "logement": s.unit.label,
                "entree": s.entry.isoformat(),
                "sortie": s.exit.isoformat() if s.exit else None,
                "motif_de_sortie": s.get_exit_reason_display(),
            }
            for s in Stay.objects.filter(person=person).select_related("unit")
        ]
        + [
            {"type": "dossier CLLAJ", "date": r.date.isoformat(), "nature": r.get_kind_display()}
            for r in CllajFile.objects.filter(person=person)
        ]
        + [
            {
                "type": "mesure",
                "dispositif": m.dispositif.name,
                "debut": m.start.isoformat(),
                "fin": m.end.isoformat() if m.end else None,
            }
            for m in SupportMeasure.objects.filter(person=person).select_related("dispositif")
        ]
    )
    return "habitat", rows


def person_section(request, person):
    from django.template.loader import render_to_string

    from habitat.models import CllajFile, Stay, SupportMeasure
    from habitat.perms import can_read

    if not can_read(request.user):
        return None
    stays = list(Stay.objects.visible_to(request.user).filter(person=person).select_related("unit"))
    cllaj_files = list(
        CllajFile.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("dispositif")
    )
    measures = list(
        SupportMeasure.objects.visible_to(request.user)
        .filter(person=person)
        .select_related("dispositif", "epci")
    )
    if not (stays or cllaj_files or measures):
        return None
    return render_to_string(
        "habitat/includes/person_section.html",
        {"stays": stays, "cllaj_files": cllaj_files, "measures": measures},
        request=request,
    )


def register():
    register_person_section(person_section)
    if export_section not in rgpd.EXPORT_SECTIONS:
        rgpd.EXPORT_SECTIONS.append(export_section)
    for source in [
        ("habitat.Stay", "person", "entry"),
        ("habitat.Stay", "person", "exit"),
        ("habitat.CllajFile", "person", "date"),
        ("habitat.SupportMeasure", "person", "start"),
        ("habitat.SupportMeasure", "person", "end"),
        ("habitat.HousingRequest", "person", "date"),
        ("habitat.CllajInterview", "cllaj_file__person", "date"),
        ("habitat.HomeVisit", "measure__person", "date"),
        ("habitat.MonthlyRent", "stay__person", "month"),
    ]:
        if source not in rgpd.ACTIVITY_SOURCES:
            rgpd.ACTIVITY_SOURCES.append(source)
    for ongoing in [
        ("habitat.Stay", "person", {"exit__isnull": True}),
        ("habitat.SupportMeasure", "person", {"end__isnull": True}),
    ]:
        if ongoing not in rgpd.ONGOING_SOURCES:
            rgpd.ONGOING_SOURCES.append(ongoing)
