"""How habitat plugs into the shared domain: the person's page, the droit d'accès export and
the retention job's activity dates."""

from rl_portal import rgpd
from rl_portal.anonymisation import register_person_records
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
    from habitat.perms import can_read, can_record

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
        {
            "stays": stays,
            "cllaj_files": cllaj_files,
            "measures": measures,
            "can_record": can_record(request.user),
        },
        request=request,
    )


def register():
    register_person_section(person_section)
    # The records about a person or their household and what their texts are
    # (rl_portal.anonymisation). Stays' steps and measures' lists hold codes, not free text.
    measure_lists = (
        "annex_difficulties",
        "applications_and_aids",
        "initial_objectives",
        "partners_contacted",
    )
    for path in ("person", "household__members"):
        register_person_records("habitat.HousingRequest", person=path)
        register_person_records("habitat.Stay", person=path, other_texts=("steps",))
        register_person_records("habitat.MonthlyRent", person=f"stay__{path}")
        register_person_records("habitat.SupportMeasure", person=path, other_texts=measure_lists)
        register_person_records("habitat.HomeVisit", person=f"measure__{path}")
    register_person_records("habitat.CllajFile", person="person")
    for model in ("CllajInterview", "CllajApplication", "CllajOrientation"):
        register_person_records(f"habitat.{model}", person="cllaj_file__person")
    register_person_records(
        "habitat.HousingEvent",
        person="participants",
        shared_texts=("title",),
        other_texts=("place",),
    )
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
