"""The activity of the prevention history: hours (« Temps »), youths met (« Rencontres ») and
accompaniments (« Accompagnements »), each row written through the prevention services. A row
whose record exists already (the same file imported twice) is left aside, and said so."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from prevention import services
from prevention.importing.youths import (
    DATE_HINT,
    MAX_ROWS,
    PreventionSheet,
    dispositif_column,
    staff_widget,
    youth_columns,
)
from prevention.models import (
    Accompaniment,
    Activity,
    CoAccompaniment,
    Contact,
    ContactMode,
    Problematique,
    Reorientation,
    TimeEntry,
)
from rl_portal.importing.columns import Choice, Column, Date, Hours, ListOf, Lookup, Text
from rl_portal.importing.reader import SheetSpec
from rl_portal.importing.resources import AlreadyRecorded
from rl_portal.importing.shared import commune_widget, quartier_widget

TIME, CONTACTS, ACCOMPANIMENTS = "Temps", "Rencontres", "Accompagnements"

ACTIVITY_NAMES = {
    "Rue": Activity.TRAVAIL_DE_RUE,
    "Présence": Activity.PRESENCE_SOCIALE,
    "Accompagnement individuel": Activity.ACCOMPAGNEMENT_INDIVIDUEL,
    "Accompagnement": Activity.ACCOMPAGNEMENT_INDIVIDUEL,
    "Action collective": Activity.ACTION_COLLECTIVE,
    "Écrit professionnel": Activity.ECRITS_PROFESSIONNELS,
    "Écrits": Activity.ECRITS_PROFESSIONNELS,
    "Réunion partenariale": Activity.ACTIONS_PARTENARIALES,
    "Réunions partenariales": Activity.ACTIONS_PARTENARIALES,
    "Actions partenariales": Activity.ACTIONS_PARTENARIALES,
    "Partenariat": Activity.ACTIONS_PARTENARIALES,
}
MODE_NAMES = {
    "Rue": ContactMode.TRAVAIL_DE_RUE,
    "Présence": ContactMode.PRESENCE_SOCIALE,
    "Internet": ContactMode.PROMENEUR_DU_NET,
    "Réseaux sociaux": ContactMode.PROMENEUR_DU_NET,
    "PDN": ContactMode.PROMENEUR_DU_NET,
}


def place_columns() -> tuple[Column, ...]:
    return (
        Column("Commune", "commune", commune_widget(), hint="Nom ou code INSEE."),
        Column("Quartier", "quartier", quartier_widget(), hint="Nom du quartier."),
    )


def educator_column(header: str = "Éducateur", attribute: str = "educator") -> Column:
    return Column(
        header,
        attribute,
        staff_widget(),
        hint=(
            "Identifiant, ou prénom et nom, d'un membre du service. Vide : vous. Saisir pour un "
            "collègue est réservé aux chefs de service."
        ),
        aliases=("Professionnel", "Intervenant", "Salarié") if attribute == "educator" else (),
    )


def _check_place(values, problems: list[str]) -> None:
    quartier, commune = values.quartier, values.commune
    if quartier is not None and commune is not None and quartier.commune_id != commune.pk:
        problems.append(f"le quartier « {quartier.name} » n'est pas à {commune.name}")


class TimeResource(PreventionSheet):
    noun = ("temps saisi", "temps saisis")
    spec = SheetSpec(
        TIME,
        (
            Column("Date", "date", Date(), required=True, hint=DATE_HINT, aliases=("Jour",)),
            educator_column(),
            dispositif_column(),
            Column(
                "Activité",
                "activity",
                Choice(
                    Activity.choices,
                    extra=ACTIVITY_NAMES,
                    unknown="l'activité « {value} » est inconnue ({known})",
                ),
                required=True,
                aliases=("Type d'activité",),
                choices=lambda: Activity.labels,
            ),
            Column(
                "Heures",
                "hours",
                Hours(),
                required=True,
                hint="Par quart d'heure : 1,5 ou 1h30. Une ligne par jour et par activité.",
                aliases=("Durée", "Nombre d'heures", "Nb heures", "Temps"),
            ),
            *place_columns(),
            Column("Note", "note", Text(300), aliases=("Commentaire",)),
        ),
        max_rows=MAX_ROWS,
    )

    def check(self, values, *, line):
        problems = []
        self.check_dispositif(values, problems)
        _check_place(values, problems)
        if problems:
            raise ValidationError(problems)

    def write(self, values, *, line):
        educator = values.educator or self.context.user
        dispositif = self.dispositif(values)
        hours = values.hours.quantize(Decimal("0.01")) if values.hours else values.hours
        same = TimeEntry.objects.filter(
            educator=educator,
            dispositif=dispositif,
            date=values.date,
            activity=values.activity,
            hours=hours,
        )
        if same.exclude(pk__in=self.created(TimeEntry)).exists():
            raise AlreadyRecorded
        entry = services.time_entry_create(
            educator=educator,
            dispositif=dispositif,
            date=values.date,
            hours=hours,
            activity=values.activity,
            commune=values.commune,
            quartier=values.quartier,
            note=values.note,
            by=self.context.user,
        )
        self.created(TimeEntry).add(entry.pk)
        return entry


class ContactResource(PreventionSheet):
    noun = ("rencontre", "rencontres")
    spec = SheetSpec(
        CONTACTS,
        (
            Column("Date", "date", Date(), required=True, hint=DATE_HINT, aliases=("Jour",)),
            *youth_columns(),
            Column(
                "Mode",
                "mode",
                Choice(
                    ContactMode.choices,
                    extra=MODE_NAMES,
                    unknown="le mode de rencontre « {value} » est inconnu ({known})",
                ),
                required=True,
                aliases=("Mode de rencontre", "Type de rencontre"),
                choices=lambda: ContactMode.labels,
            ),
            educator_column(),
            dispositif_column(),
            Column("Quartier", "quartier", quartier_widget(), hint="Nom du quartier."),
        ),
        max_rows=MAX_ROWS,
    )

    def check(self, values, *, line):
        problems = []
        self.check_youth(values, problems)
        self.check_dispositif(values, problems)
        _check_place(values, problems)
        if problems:
            raise ValidationError(problems)

    def write(self, values, *, line):
        dispositif = self.dispositif(values)
        person = self.youth(values, line=line, since=values.date)
        if not self.is_new(person):
            same = Contact.objects.filter(
                person=person, dispositif=dispositif, date=values.date, mode=values.mode
            )
            if same.exclude(pk__in=self.created(Contact)).exists():
                raise AlreadyRecorded
        contact = services.contact_create(
            person=person,
            dispositif=dispositif,
            date=values.date,
            mode=values.mode,
            educator=values.educator or self.context.user,
            commune=values.commune,
            quartier=values.quartier,
            by=self.context.user,
        )
        self.created(Contact).add(contact.pk)
        return contact


def problematique_widget() -> ListOf:
    item = Lookup(
        lambda context: Problematique.objects.filter(parent__isnull=False).select_related("parent"),
        lambda p: (p.name, f"{p.parent.name} {p.name}"),
        unknown="la problématique « {value} » est inconnue (voir la liste du modèle)",
    )
    # Their names hold commas (« Santé, psychologie, handicap »): « ; » or one per line.
    return ListOf(item, separators=r"[;\n]")


class AccompanimentResource(PreventionSheet):
    noun = ("accompagnement", "accompagnements")
    spec = SheetSpec(
        ACCOMPANIMENTS,
        (
            *youth_columns(),
            dispositif_column(),
            Column(
                "Type",
                "kind",
                Choice(
                    Accompaniment.Kind.choices,
                    unknown="le type « {value} » est inconnu (ASEP, PAEI)",
                ),
                required=True,
                hint="ASEP ou PAEI.",
                aliases=("Type d'accompagnement",),
                choices=lambda: ("ASEP", "PAEI"),
            ),
            educator_column("Référent", "referent"),
            Column(
                "Début",
                "start",
                Date(),
                required=True,
                hint=DATE_HINT,
                aliases=("Date de début", "Date d'ouverture"),
            ),
            Column(
                "Fin", "end", Date(), hint=DATE_HINT, aliases=("Date de fin", "Date de clôture")
            ),
            Column(
                "Motif de clôture",
                "end_reason",
                Choice(
                    Accompaniment.EndReason.choices,
                    unknown="le motif de clôture « {value} » est inconnu ({known})",
                ),
                hint="Avec une date de fin.",
                aliases=("Motif de fin", "Motif de sortie"),
                choices=lambda: Accompaniment.EndReason.labels,
            ),
            Column(
                "Scolarité / situation",
                "situation",
                Choice(
                    Accompaniment.Situation.choices,
                    unknown="la situation « {value} » est inconnue ({known})",
                ),
                required=True,
                hint="Au début de l'accompagnement.",
                aliases=("Situation", "Scolarité", "Situation au début"),
                choices=lambda: Accompaniment.Situation.labels,
            ),
            Column(
                "Origine",
                "origin",
                Choice(
                    Accompaniment.Origin.choices,
                    unknown="l'origine « {value} » est inconnue ({known})",
                ),
                aliases=("Origine de la rencontre",),
                choices=lambda: Accompaniment.Origin.labels,
            ),
            Column(
                "Problématiques",
                "problematiques",
                problematique_widget(),
                hint="Une au moins pour un PAEI ; plusieurs séparées par « ; ».",
                aliases=("Problématique",),
                choices=lambda: (
                    Problematique.objects.filter(parent__isnull=False)
                    .order_by("parent__position", "position", "name")
                    .values_list("name", flat=True)
                ),
            ),
            Column(
                "Co-accompagnement",
                "co_accompaniments",
                ListOf(
                    Choice(
                        CoAccompaniment.Kind.choices,
                        unknown="le co-accompagnement « {value} » est inconnu ({known})",
                    )
                ),
                hint="Partenaires qui accompagnent aussi le jeune, séparés par « ; ».",
                aliases=("Co-accompagnements",),
                choices=lambda: CoAccompaniment.Kind.labels,
            ),
            Column(
                "Réorientation",
                "reorientation",
                Choice(
                    Reorientation.Category.choices,
                    unknown="la réorientation « {value} » est inconnue ({known})",
                ),
                hint="À la clôture pour orientation : sa catégorie.",
                choices=lambda: Reorientation.Category.labels,
            ),
            Column(
                "Partenaire de réorientation",
                "reorientation_partner",
                Text(120),
                hint="Vers qui le jeune est orienté.",
            ),
            Column("Dernier bilan", "last_review", Date(), hint=DATE_HINT),
        ),
        max_rows=MAX_ROWS,
    )

    def check(self, values, *, line):
        problems = []
        self.check_youth(values, problems)
        self.check_dispositif(values, problems)
        if values.end and not values.end_reason:
            problems.append("indiquez le motif de clôture")
        if values.end_reason and not values.end:
            problems.append("un motif de clôture va avec une date de fin")
        if values.start and values.end and values.end < values.start:
            problems.append("la fin précède le début")
        if problems:
            raise ValidationError(problems)

    def write(self, values, *, line):
        dispositif = self.dispositif(values)
        user = self.context.user
        person = self.youth(values, line=line, since=values.start)
        if not self.is_new(person):
            same = Accompaniment.objects.filter(
                person=person, dispositif=dispositif, kind=values.kind, start=values.start
            )
            if same.exclude(pk__in=self.created(Accompaniment)).exists():
                raise AlreadyRecorded
        accompaniment = services.accompaniment_open(
            person=person,
            dispositif=dispositif,
            kind=values.kind,
            referent=values.referent or user,
            start=values.start,
            situation=values.situation,
            origin=values.origin or "",
            problematiques=values.problematiques,
            co_accompaniments=[(kind, None) for kind in values.co_accompaniments],
            by=user,
        )
        self.created(Accompaniment).add(accompaniment.pk)
        if values.last_review:
            services.accompaniment_review(
                accompaniment=accompaniment, on=values.last_review, by=user
            )
        if values.end:
            reorientations = (
                [(values.reorientation, None, values.reorientation_partner)]
                if values.reorientation
                else []
            )
            services.accompaniment_close(
                accompaniment=accompaniment,
                end=values.end,
                reason=values.end_reason,
                reorientations=reorientations,
                by=user,
            )
        return accompaniment
