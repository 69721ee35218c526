"""The prevention summary (template 2021) and the EMPS bilan per commune (template 2023)."""

from __future__ import annotations

from django.utils.text import slugify

from prevention.indicators import emps as emps_indicators
from prevention.indicators import sps as sps_indicators
from prevention.indicators import summary
from prevention.indicators.common import Scope
from reporting.documents.base import Section, validated_table
from reporting.documents.prevention.rules import EMPS_RULES
from reportkit import charts
from reportkit.periods import Period

SYNTHESE = "prevention-synthese"
EMPS = "emps-bilan"

EMPS_COMMENTARIES = {
    "mise-en-place": "Mise en place",
    "plus-value": "Plus-value générale",
}

SYNTHESE_COMMENTARIES = {
    "analyse": "Analyse de l'activité",
    "actions-innovantes": "Des actions innovantes suscitées par les publics",
    "qualite": "Une amélioration constante de la qualité",
    "conclusion": "Conclusion",
    "points-cles": "Ce qu'il faut retenir",
}


def build_synthese(period: Period, options: dict) -> list[Section]:
    """The 2021 summary: its six blocks first (street work inside présence sociale,
    « Ressources humaines »), the Département's 2023 seven activities beside them — both from
    the same time entries — then the key figures and the texts of the template."""
    scope = Scope(("sps",))
    previous = period.previous()
    # The previous year as transmitted: the summary's own validation, else the SPS report's
    # (its seven activities, and its hours regrouped into the six blocks). Three queries,
    # whichever was validated.
    own_blocks = validated_table(SYNTHESE, previous, "activite-blocs-2021")
    own_hours = validated_table(SYNTHESE, previous, "activite-heures")
    sps_hours = validated_table("sps-departement", previous, "activite-heures")
    hours_2023 = own_hours or sps_hours
    sections = [
        Section(
            "activite",
            "Activité du service",
            tables=[
                summary.hours_by_block_2021(
                    scope=scope,
                    period=period,
                    validated_previous=own_blocks or summary.blocks_from_validated_2023(sps_hours),
                )
            ],
            chart_specs=[(charts.hours_by_activity, "activite-blocs-2021")],
        ),
        Section(
            "activite-2023",
            "Les mêmes heures dans les sept activités du modèle du Département (2023)",
            level=2,
            tables=[
                sps_indicators.hours_by_activity(
                    scope=scope, period=period, validated_previous=hours_2023
                )
            ],
        ),
        Section(
            "chiffres-cles",
            "Les chiffres clés",
            tables=[
                summary.key_figures(
                    scope=scope,
                    period=period,
                    validated_previous=validated_table(SYNTHESE, previous, "chiffres-cles"),
                )
            ],
        ),
    ]
    for key, title in SYNTHESE_COMMENTARIES.items():
        sections.append(Section(key, title, commentary=key, commentary_label=""))
    return sections


def emps_communes(period: Period) -> list[str]:
    return emps_indicators.communes(scope=Scope(("emps",)), period=period)


def build_emps(period: Period, options: dict) -> list[Section]:
    """The financial partners, then for each commune of the team (or the one asked) its
    general action, activity, domains worked, public and specific actions, observations and
    perspectives; the counting rules in the annex."""
    scope = Scope(("emps",))
    names = emps_communes(period)
    wanted = options.get("commune")
    if wanted:
        names = [name for name in names if slugify(name) == slugify(wanted)]
    per_commune = [
        emps_indicators.general_action(scope=scope, period=period, names=names),
        emps_indicators.modalities(scope=scope, period=period, names=names),
        emps_indicators.actions(scope=scope, period=period, names=names),
        emps_indicators.worked_domains(scope=scope, period=period, names=names),
        emps_indicators.public_by_age_and_sex(scope=scope, period=period, names=names),
        emps_indicators.public_by_gender(scope=scope, period=period, names=names),
        emps_indicators.public_by_origin(scope=scope, period=period, names=names),
        emps_indicators.public_by_situation(scope=scope, period=period, names=names),
        emps_indicators.specific_actions(scope=scope, period=period, names=names),
    ]
    sections = [
        Section(
            "partenaires-financiers",
            "Partenaires financiers",
            tables=[emps_indicators.financial_partners(scope=scope, period=period)],
        ),
        Section("mise-en-place", "Mise en place", commentary="mise-en-place", commentary_label=""),
    ]
    for name in names:
        slug = slugify(name)
        sections.append(
            Section(
                f"commune-{slug}",
                f"L'activité de l'EMPS sur {name}"
                if name != emps_indicators.OTHER_COMMUNES
                else "Jeunes suivis résidant hors des communes de l'EMPS",
                tables=[tables[name] for tables in per_commune],
                commentary=f"observations-{slug}",
            )
        )
        sections.append(
            Section(
                f"perspectives-{slug}",
                f"Perspectives — {name}",
                level=2,
                commentary=f"perspectives-{slug}",
                commentary_label="",
            )
        )
    sections.append(
        Section("plus-value", "Plus-value générale", commentary="plus-value", commentary_label="")
    )
    sections.append(Section("annexe", "Annexe : règles de comptage", text="\n".join(EMPS_RULES)))
    return sections
