"""Report documents: which tables, in which order, under which headings, with which
commentary. A definition names the template year it follows: when the Département revises its
template, a new definition sits beside the old one, so a past year regenerates as it was sent.

Documents never query another app's models: they call its indicators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from habitat.indicators import bilans as habitat_bilans
from prevention.indicators import emps as emps_indicators
from prevention.indicators import sps as sps_indicators
from prevention.indicators.common import Scope
from prevention.models import ContactMode
from reporting import charts
from reporting.counting import DEPARTEMENT_BANDS, EMPS_BANDS
from reporting.models import AssociationProfile, Commentary, ReportValidation
from reporting.periods import Period
from reporting.tables import (
    Format,
    Row,
    Table,
    share,
    table_differences,
    table_from_snapshot,
    table_snapshot,
)
from rl_portal import indicators as shared_indicators
from scolaire import indicators as scolaire_indicators


@dataclass
class Section:
    key: str
    title: str
    level: int = 1
    tables: list[Table] = field(default_factory=list)
    # (chart function, id of the section's table it draws, extra arguments): drawn only when a
    # page or a PDF shows them, from the tables printed (live or frozen by a validation).
    chart_specs: list[tuple] = field(default_factory=list)
    # The key of the director's commentary printed in this section, if it has one.
    commentary: str = ""
    commentary_label: str = "Observations"
    text: str = ""

    @property
    def charts(self) -> list[charts.Chart]:
        if not hasattr(self, "_charts"):
            tables = {table.id: table for table in self.tables}
            self._charts = [
                draw(tables[table_id], *args)
                for draw, table_id, *args in self.chart_specs
                if table_id in tables
            ]
        return self._charts


@dataclass
class Document:
    definition: ReportDefinition
    period: Period
    sections: list[Section]
    association: AssociationProfile
    commentaries: dict[str, Commentary]
    options: dict = field(default_factory=dict)
    # Set when the figures printed are those frozen by a validation.
    validation: ReportValidation | None = None
    # (table title, row, column, validated figure, figure from today's records)
    differences: list[tuple] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def title(self) -> str:
        return f"{self.definition.title} — {self.period.label}"

    def as_dict(self) -> dict:
        data = {
            "report": self.definition.slug,
            "title": self.definition.title,
            "template": self.definition.template,
            "period": self.period.as_dict(),
            "tables": [table.as_dict() for table in self.tables],
        }
        if self.validation is not None:
            data["validation"] = {
                "validated_at": self.validation.validated_at.isoformat(),
                "validated_by": str(self.validation.validated_by),
                "note": self.validation.note,
                "changed_since": len(self.differences),
            }
        return data

    def snapshot(self) -> dict:
        return {
            "sections": {
                section.key: [table_snapshot(table) for table in section.tables]
                for section in self.sections
            }
        }

    def freeze(self, validation: ReportValidation) -> None:
        """Print the figures of `validation` instead of today's, and list what changed."""
        frozen = validation.snapshot.get("sections", {})
        for section in self.sections:
            if section.key not in frozen:
                continue
            current = {table.id: table for table in section.tables}
            section.tables = [table_from_snapshot(data) for data in frozen[section.key]]
            for table in section.tables:
                if table.id in current:
                    for row, column, before, after in table_differences(
                        table, current.pop(table.id)
                    ):
                        self.differences.append((table.title, row, column, before, after))
            for table in current.values():
                self.differences.append((table.title, "(nouveau tableau)", "", None, None))
        self.validation = validation


@dataclass
class ReportDefinition:
    slug: str
    title: str
    description: str
    template: str  # the funder's template it follows (e.g. "Département 62 — modèle 2023")
    services: tuple[str, ...]  # chefs de service of these services may read it
    builder: Callable[[Period, dict], list[Section]]
    commentary_sections: dict[str, str] = field(default_factory=dict)
    # Sections made from the data (one per commune) accept commentaries with this prefix.
    commentary_prefix: str = ""
    # The communes a report can be restricted to (EMPS), for the page's selector.
    scopes: Callable[[Period], list[str]] | None = None

    def accepts_commentary(self, key: str) -> bool:
        return key in self.commentary_sections or bool(
            self.commentary_prefix and key.startswith(self.commentary_prefix)
        )

    def build(self, period: Period, options: dict | None = None, *, live: bool = False) -> Document:
        """The document for the period. If it was validated, the validated figures are
        printed (with what changed since) unless `live` asks for today's."""
        options = options or {}
        sections = self.builder(period, options)
        document = Document(
            definition=self,
            period=period,
            sections=sections,
            association=AssociationProfile.current(),
            commentaries=Commentary.objects.latest_for(
                report=self.slug, period_start=period.start, period_end=period.end
            ),
            options=options,
        )
        validation = (
            ReportValidation.objects.filter(
                report=self.slug,
                period_start=period.start,
                period_end=period.end,
                scope=options.get("commune", ""),
            )
            .select_related("validated_by")
            .first()
        )
        if validation is not None and not live:
            document.freeze(validation)
        return document


COUNTING_RULES = [
    "Âge : âge en années révolues au dernier jour de la période (au 31/12 pour une année "
    "civile) ; avec la seule année de naissance, année de la période − année de naissance. "
    "Un âge inconnu forme sa propre ligne, il n'est jamais écarté.",
    "Tranches du Département : "
    + ", ".join(label.lower() for _c, label, _l, _h in DEPARTEMENT_BANDS)
    + ". Tranches de l'EMPS : "
    + ", ".join(label for _c, label, _l, _h in EMPS_BANDS[1:7])
    + ".",
    "Un jeune est compté une fois par tableau, quel que soit le nombre de rencontres ou "
    "d'accompagnements.",
    "Nouveau jeune : son premier enregistrement dans le service tombe dans la période.",
    "Actif sur la période : début ≤ fin de période et (pas de fin ou fin ≥ début de période). "
    "Les jeunes accompagnés sont ceux qui ont un PAEI actif sur la période.",
    "Part des heures : heures de l'activité / toutes les heures du service sur la période, à "
    "deux décimales ; évolution en points par rapport à la même période de l'année précédente.",
    "Durée d'accompagnement : mois entiers du début à la fin de l'accompagnement, ou à la fin "
    "de la période s'il se poursuit ; pour un jeune accompagné plusieurs fois, le dernier "
    "accompagnement de la période.",
    "Actions collectives : actions ayant au moins une séance dans la période ; participants = "
    "effectifs anonymes + jeunes nommés ; le total ajoute les familles impliquées.",
]


def identity_table(profile: AssociationProfile) -> Table:
    values = [
        ("Association", profile.name),
        ("Nom du directeur", profile.director),
        ("Téléphone", profile.phone),
        ("Courriel", profile.email),
        ("Adresse du siège", profile.address),
        ("Adresse du SPS", profile.service_address),
        ("Accueil du public", profile.opening_hours),
        ("Site internet", profile.website),
    ]
    return Table(
        id="fiche-identite",
        title="Fiche d'identité",
        columns=[""],
        rows=[Row(label, [value], format=Format.TEXT) for label, value in values if value],
    )


# ---------------------------------------------------------------------------------------------
# The Département's SPS report (template 2023)
# ---------------------------------------------------------------------------------------------


def build_sps_departement(period: Period, options: dict) -> list[Section]:
    scope = Scope(("sps",))
    hours = sps_indicators.hours_by_activity(scope=scope, period=period)
    street = sps_indicators.youths_met(scope=scope, period=period, mode=ContactMode.TRAVAIL_DE_RUE)
    presence = sps_indicators.youths_met(
        scope=scope, period=period, mode=ContactMode.PRESENCE_SOCIALE
    )
    closing = sps_indicators.closing_reasons(scope=scope, period=period)
    return [
        Section("edito", "I. Édito", commentary="edito", commentary_label=""),
        Section(
            "fiche-identite",
            "II. Fiche d'identité",
            tables=[identity_table(AssociationProfile.current())],
        ),
        Section(
            "organigramme",
            "IV. Organisation et fonctionnement du SPS",
            tables=[
                shared_indicators.organigramme(
                    period_start=period.start, period_end=period.end, services=["prevention"]
                )
            ],
        ),
        Section(
            "activite",
            "V. Activité du SPS",
            tables=[hours],
            chart_specs=[(charts.hours_by_activity, "activite-heures")],
            commentary="observations-activite",
        ),
        Section(
            "rencontres",
            "1. Profil des jeunes rencontrés dans le cadre du travail de rue et de la présence "
            "sociale",
            level=2,
            tables=[street, presence],
            chart_specs=[
                (
                    charts.age_pyramid,
                    "rencontres-travail-de-rue",
                    "Jeunes rencontrés en travail de rue",
                )
            ],
            commentary="observations-rencontres",
        ),
        Section(
            "accompagnes",
            "2. Profil des jeunes accompagnés",
            level=2,
            tables=[
                sps_indicators.accompanied_by_sex_age(scope=scope, period=period),
                sps_indicators.accompanied_by_schooling(scope=scope, period=period),
                sps_indicators.accompanied_by_commune(scope=scope, period=period),
                sps_indicators.accompanied_by_problematique(scope=scope, period=period),
                sps_indicators.co_accompaniment(scope=scope, period=period),
            ],
            commentary="observations-accompagnes",
        ),
        Section(
            "accompagnement-individuel",
            "3. Accompagnement individuel",
            level=2,
            tables=[
                sps_indicators.accompaniment_duration(scope=scope, period=period),
                closing,
                sps_indicators.reorientations(scope=scope, period=period),
            ],
            chart_specs=[(charts.closing_reasons, "motifs-cloture")],
            commentary="observations-accompagnement",
        ),
        Section(
            "actions-collectives",
            "4. Actions collectives",
            level=2,
            tables=sps_indicators.collective_actions(scope=scope, period=period),
            commentary="observations-actions",
        ),
        Section(
            "partenariat",
            "VI. Partenariat",
            tables=[
                sps_indicators.networks(scope=scope, period=period),
                sps_indicators.territorial_bodies(scope=scope, period=period),
                sps_indicators.informal_partnerships(),
            ],
            commentary="observations-partenariat",
        ),
        Section(
            "perspectives", "VII. Perspectives", commentary="perspectives", commentary_label=""
        ),
        Section("annexe", "Annexe : règles de comptage", text="\n".join(COUNTING_RULES)),
    ]


def build_prevention_synthese(period: Period, options: dict) -> list[Section]:
    scope = Scope(("sps",))
    hours = sps_indicators.hours_by_activity(scope=scope, period=period)
    return [
        Section(
            "activite",
            "Les activités du service",
            tables=[hours],
            chart_specs=[(charts.hours_by_activity, "activite-heures")],
        ),
        Section(
            "chiffres-cles",
            "Les chiffres clés",
            tables=[sps_indicators.key_figures(scope=scope, period=period)],
        ),
        Section(
            "points-cles", "Ce qu'il faut retenir", commentary="points-cles", commentary_label=""
        ),
    ]


def build_emps_bilan(period: Period, options: dict) -> list[Section]:
    tables = emps_indicators.bilan_tables(scope=Scope(("emps",)), period=period)
    commune = options.get("commune")
    sections: dict[str, Section] = {}
    for table in tables:
        name = table.title.split(" — ")[0]
        if commune and slugify(name) != slugify(commune):
            continue
        section = sections.setdefault(
            name,
            Section(
                f"commune-{slugify(name)}",
                f"L'activité de l'EMPS sur {name}",
                commentary=f"observations-{slugify(name)}",
            ),
        )
        section.tables.append(table)
    return list(sections.values())


HABITAT_RULES = [
    "Une personne est comptée une fois par tableau ; une part est rapportée au total du "
    "tableau, à deux décimales.",
    "Âge : en années révolues au dernier jour de la période ; tranches : moins de 18 ans, 18 à "
    "20, 21 à 25, 26 ans et plus.",
    "Durée moyenne : moyenne des jours entre l'entrée et la sortie (ou le début et la fin de la "
    "mesure), exprimée en mois de 30,44 jours et en jours.",
    "Taux d'occupation : journées-places occupées / journées-places disponibles (jours de bail "
    "compris dans la période × places, moins les périodes de travaux).",
    "Taux de réalisation d'une convention : poids des mesures actives sur la période (FSL en "
    "points ; ASL simple = 1, renforcée = 2) / capacité de la convention.",
    "Impayés : mois de la période où le loyer payé est inférieur au loyer dû ; un séjour est "
    "encore en impayé si le solde de tous ses mois jusqu'à la fin de la période est dû.",
]

CHARTED = {
    "composition-familiale": "Composition familiale",
    "orienteurs": "Orienteurs",
    "situation-logement": "Situation logement",
    "sorties": "Motifs de sortie",
    "sorties-jeunes": "Motifs de sortie — jeunes",
    "sorties-familles": "Motifs de sortie — familles et jeunes couples",
    "ressources-jeunes": "Ressources à l'entrée — jeunes",
}


def _habitat_sections(tables, intro_title: str) -> list[Section]:
    charted = [
        (charts.counts_bar, table.id, CHARTED[table.id]) for table in tables if table.id in CHARTED
    ]
    return [
        Section("analyse", "Analyse globale", commentary="analyse-globale", commentary_label=""),
        Section("chiffres", intro_title, tables=tables, chart_specs=charted),
        Section("perspectives", "Perspectives", commentary="perspectives", commentary_label=""),
        Section("annexe", "Annexe : règles de calcul", text="\n".join(HABITAT_RULES)),
    ]


def build_habitat_cllaj(period: Period, options: dict) -> list[Section]:
    return _habitat_sections(habitat_bilans.cllaj_bilan(period=period), "Le CLLAJ en chiffres")


def build_habitat_tremplins(period: Period, options: dict) -> list[Section]:
    tables = habitat_bilans.housing_bilan(
        dispositifs=["tremplins-duo"], period=period, tremplins=True
    )
    return _habitat_sections(tables, "Tremplins Duo en chiffres")


def build_habitat_alt(period: Period, options: dict) -> list[Section]:
    young = habitat_bilans.housing_bilan(dispositifs=["alt-jeunes"], period=period, suffix="jeunes")
    families = habitat_bilans.housing_bilan(
        dispositifs=["alt-familles"], period=period, suffix="familles"
    )
    for table in young:
        table.title += " — jeunes"
    for table in families:
        table.title += " — familles et jeunes couples"
    sections = _habitat_sections(young, "ALT Jeunes")
    sections.insert(
        2,
        Section(
            "familles",
            "ALT Familles et jeunes couples",
            tables=families,
            chart_specs=[(charts.counts_bar, "sorties-familles", CHARTED["sorties-familles"])],
        ),
    )
    return sections


def build_habitat_fsl(period: Period, options: dict) -> list[Section]:
    return _habitat_sections(
        habitat_bilans.measures_bilan(dispositif="fsl-asll", period=period),
        "FSL ASLL par territoire",
    )


def build_habitat_asl(period: Period, options: dict) -> list[Section]:
    return _habitat_sections(
        habitat_bilans.measures_bilan(dispositif="asl-jeunes-ase", period=period),
        "ASL Jeunes ASE par territoire",
    )


HABITAT_COMMENTARY = {"analyse-globale": "Analyse globale", "perspectives": "Perspectives"}

SCOLAIRE_RULES = [
    "Un enfant compte une fois par tableau (une fois par programme dans le tableau des "
    "programmes).",
    "Année scolaire : du 1er septembre au 31 août ; inscriptions actives sur la période.",
    "Taux de présence : présences / appels enregistrés (présent, absent, excusé), à deux "
    "décimales.",
    "Nouvel enfant : sans inscription l'année scolaire précédente.",
]


def build_scolaire_bilan(period: Period, options: dict) -> list[Section]:
    return [
        Section("analyse", "Analyse", commentary="analyse-globale", commentary_label=""),
        Section(
            "chiffres",
            "L'accompagnement scolaire en chiffres",
            tables=scolaire_indicators.bilan(period=period),
        ),
        Section("annexe", "Annexe : règles de calcul", text="\n".join(SCOLAIRE_RULES)),
    ]


def _delta(now, before) -> Decimal:
    return Decimal(now) - Decimal(before)


def association_key_figures(period: Period) -> Table:
    """L'association en chiffres: each figure from the apps' indicators, with the previous
    year and the change."""
    previous = period.previous()

    def figures(p: Period) -> dict:
        resources = shared_indicators.association_resources(start=p.start, end=p.end)
        return {
            **resources,
            "sps": sps_indicators.accompanied_count(scope=Scope(("sps",)), period=p),
            "emps": sps_indicators.accompanied_count(scope=Scope(("emps",)), period=p),
            "habitat": habitat_bilans.social_support_count(period=p),
            "housed": habitat_bilans.housed_count(period=p),
        }

    now, before = figures(period), figures(previous)
    rows = [
        ("Conventions et appels à projets", "conventions", Format.INTEGER, 0),
        ("dont liés à l'emploi", "employment", Format.INTEGER, 1),
        ("Jeunes accompagnés par la prévention spécialisée (PAEI, SPS)", "sps", Format.INTEGER, 0),
        ("Jeunes accompagnés par l'EMPS (PAEI)", "emps", Format.INTEGER, 0),
        (
            "Personnes accompagnées par l'habitat (mesures, suivis CLLAJ)",
            "habitat",
            Format.INTEGER,
            0,
        ),
        ("Personnes hébergées", "housed", Format.INTEGER, 0),
        ("Emploi (ETP en fin de période)", "etp", Format.DECIMAL, 0),
    ]
    table = Table(
        id="association-chiffres",
        title="L'association en chiffres",
        columns=[period.label, previous.label, "Évolution"],
        rows=[
            Row(
                label,
                [now[key], before[key], _delta(now[key], before[key])],
                format=fmt,
                level=level,
            )
            for label, key, fmt, level in rows
        ],
    )
    etp_change = share(_delta(now["etp"], before["etp"]), before["etp"]) if before["etp"] else None
    if etp_change is not None:
        table.notes.append(f"Évolution de l'emploi : {habitat_bilans.fr(etp_change)} %.")
    return table


def _pick(tables: list[Table], ids) -> list[Table]:
    by_id = {table.id: table for table in tables}
    return [by_id[table_id] for table_id in ids if table_id in by_id]


def build_association(period: Period, options: dict) -> list[Section]:
    sps = Scope(("sps",))
    hours = sps_indicators.hours_by_activity(scope=sps, period=period)
    alt_young = habitat_bilans.housing_bilan(
        dispositifs=["alt-jeunes"], period=period, suffix="jeunes"
    )
    alt_families = habitat_bilans.housing_bilan(
        dispositifs=["alt-familles"], period=period, suffix="familles"
    )
    tremplins = habitat_bilans.housing_bilan(
        dispositifs=["tremplins-duo"], period=period, tremplins=True
    )
    cllaj = habitat_bilans.cllaj_bilan(period=period)
    fsl = habitat_bilans.measures_bilan(dispositif="fsl-asll", period=period)
    asl = habitat_bilans.measures_bilan(dispositif="asl-jeunes-ase", period=period)
    return [
        Section(
            "chiffres", "I. L'association en chiffres", tables=[association_key_figures(period)]
        ),
        Section(
            "activite",
            "II. Activité de l'association",
            commentary="faits-marquants",
            commentary_label="",
        ),
        Section(
            "perspectives",
            "III. Perspectives associatives",
            commentary="perspectives",
            commentary_label="",
        ),
        Section(
            "prevention",
            "1. Prévention spécialisée",
            tables=[
                hours,
                sps_indicators.youths_met(
                    scope=sps, period=period, mode=ContactMode.TRAVAIL_DE_RUE
                ),
                sps_indicators.youths_met(
                    scope=sps, period=period, mode=ContactMode.PRESENCE_SOCIALE
                ),
                sps_indicators.accompanied_by_sex_age(scope=sps, period=period),
                sps_indicators.closing_reasons(scope=sps, period=period),
                sps_indicators.partner_fields(),
                sps_indicators.networks(scope=sps, period=period),
            ],
            chart_specs=[(charts.hours_by_activity, "activite-heures")],
        ),
        Section(
            "scolaire",
            "2. Accompagnement scolaire",
            tables=[scolaire_indicators.children_by_programme(period=period)],
        ),
        Section(
            "habitat",
            "3. Habitat",
            tables=[
                *_pick(cllaj, ["evolution-frequentation", "zoom-ase"]),
                *_pick(tremplins, ["preadmissions", "nouveaux-accueillis", "sorties", "presences"]),
                *_pick(
                    alt_young,
                    [
                        "demandes-jeunes",
                        "public-accueilli-jeunes",
                        "sorties-jeunes",
                        "taux-occupation-jeunes",
                    ],
                ),
                *_pick(
                    alt_families,
                    [
                        "demandes-familles",
                        "public-accueilli-familles",
                        "sorties-familles",
                        "taux-occupation-familles",
                    ],
                ),
                *_pick(fsl, ["mesures-cahc", "mesures-call"]),
                *[
                    Table(
                        id=f"asl-{t.id}",
                        title=f"ASL Jeunes ASE — {t.title}",
                        columns=t.columns,
                        rows=t.rows,
                        total_row=t.total_row,
                        notes=t.notes,
                    )
                    for t in _pick(
                        asl,
                        [
                            "mesures-ensemble",
                            "mesures-cahc",
                            "public-cahc",
                            "mesures-call",
                            "public-call",
                        ],
                    )
                ],
            ],
        ),
    ]


DEFINITIONS = {
    definition.slug: definition
    for definition in [
        ReportDefinition(
            slug="sps-departement",
            title="Rapport d'activités du SPS",
            description="Le rapport standard du Département du Pas-de-Calais pour la prévention "
            "spécialisée : activité, jeunes rencontrés et accompagnés, actions, partenariat.",
            template="Département du Pas-de-Calais — modèle 2023",
            services=("prevention",),
            builder=build_sps_departement,
            commentary_sections={
                "edito": "I. Édito",
                "observations-activite": "V. Activité — observations",
                "observations-rencontres": "V.1 Jeunes rencontrés — observations",
                "observations-accompagnes": "V.2 Jeunes accompagnés — observations",
                "observations-accompagnement": "V.3 Accompagnement individuel — observations",
                "observations-actions": "V.4 Actions collectives — observations",
                "observations-partenariat": "VI. Partenariat — observations",
                "perspectives": "VII. Perspectives",
            },
        ),
        ReportDefinition(
            slug="prevention-synthese",
            title="Synthèse de la prévention spécialisée",
            description="Une page : heures et part de chaque activité avec l'évolution en points, "
            "chiffres clés, points forts de l'année.",
            template="Synthèse annuelle R&L",
            services=("prevention",),
            builder=build_prevention_synthese,
            commentary_sections={"points-cles": "Ce qu'il faut retenir"},
        ),
        ReportDefinition(
            slug="emps-bilan",
            title="Bilan de l'équipe mobile de prévention spécialisée (EMPS)",
            description="Par commune de l'EMPS : modalités d'accompagnement, actions, domaines "
            "travaillés, public par âge, sexe, origine de la rencontre et situation.",
            template="Bilan EMPS — modèle 2023",
            services=("emps",),
            builder=build_emps_bilan,
            scopes=lambda period: emps_indicators.communes(scope=Scope(("emps",)), period=period),
            commentary_sections={},
            commentary_prefix="observations-",
        ),
        ReportDefinition(
            slug="scolaire-bilan",
            title="Bilan de l'accompagnement scolaire",
            description="Enfants par programme, niveau, sexe, commune et financeur ; séances, "
            "heures et taux de présence ; nouveaux enfants (année scolaire ou civile).",
            template="Bilan accompagnement scolaire R&L",
            services=("scolaire",),
            builder=build_scolaire_bilan,
            commentary_sections={"analyse-globale": "Analyse"},
        ),
        ReportDefinition(
            slug="association-annuelle",
            title="Rapport d'activités de l'association",
            description="L'association en chiffres, faits marquants et perspectives, puis chaque "
            "service : prévention, accompagnement scolaire, habitat.",
            template="Rapport d'activités R&L — modèle 2023",
            # The whole association: the direction and the secrétariat, not one service's chef.
            services=(),
            builder=build_association,
            commentary_sections={
                "faits-marquants": "Activité de l'association",
                "perspectives": "Perspectives associatives",
            },
        ),
        ReportDefinition(
            slug="habitat-cllaj",
            title="Bilan d'activité du CLLAJ",
            description="Fréquentation sur quatre ans, public accueilli, dossiers constitués, "
            "orientations, accès au logement, lieux de rendez-vous, zooms ASE, QPV et Mission "
            "locale.",
            template="Bilan CLLAJ — modèle 2022",
            services=("habitat",),
            builder=build_habitat_cllaj,
            commentary_sections=HABITAT_COMMENTARY,
        ),
        ReportDefinition(
            slug="habitat-tremplins",
            title="Bilan Tremplins Duo",
            description="Préadmissions, nouveaux accueillis, ressources, passages à la majorité, "
            "présences et taux d'occupation, origine de l'hébergement, sorties.",
            template="Bilan Tremplins — modèle 2022",
            services=("habitat",),
            builder=build_habitat_tremplins,
            commentary_sections=HABITAT_COMMENTARY,
        ),
        ReportDefinition(
            slug="habitat-alt",
            title="Bilan ALT Jeunes et Familles / Jeunes couples",
            description="Par public : parc, demandes, public accueilli, ressources, impayés, "
            "sorties et durée d'occupation, taux d'occupation.",
            template="Bilan ALT — modèle 2022",
            services=("habitat",),
            builder=build_habitat_alt,
            commentary_sections=HABITAT_COMMENTARY,
        ),
        ReportDefinition(
            slug="habitat-fsl",
            title="Bilan de l'accompagnement social FSL ASLL",
            description="Par territoire : mesures et taux de la convention, orienteurs, ménages, "
            "motifs, difficultés annexes, arrêts, visites à domicile.",
            template="Bilan FSL — modèle 2022",
            services=("habitat",),
            builder=build_habitat_fsl,
            commentary_sections=HABITAT_COMMENTARY,
        ),
        ReportDefinition(
            slug="habitat-asl",
            title="Bilan de l'accompagnement social ASL Jeunes ASE",
            description="Par territoire : mesures simples et renforcées au regard de la "
            "convention (1er octobre – 30 septembre), ménages, arrêts, visites.",
            template="Bilan ASL Jeunes ASE — modèle 2022",
            services=("habitat",),
            builder=build_habitat_asl,
            commentary_sections=HABITAT_COMMENTARY,
        ),
    ]
}


def get_definition(slug: str) -> ReportDefinition | None:
    return DEFINITIONS.get(slug)
