"""The sheets of the habitat import: housing units (« Logements »), current stays (« Séjours »)
and open support measures (« Mesures »), each row written through the habitat services."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from habitat import services
from habitat.models import (
    HABITAT_SERVICE,
    HOUSING_DISPOSITIFS,
    MEASURE_DISPOSITIFS,
    HousingUnit,
    OrienteurKind,
    SupportMeasure,
)
from rl_portal import services as shared_services
from rl_portal.importing.columns import (
    AMBIGUOUS,
    CellWidget,
    Choice,
    Column,
    Date,
    Integer,
    Number,
    Text,
    key,
    shown,
)
from rl_portal.importing.reader import SheetSpec
from rl_portal.importing.resources import SheetResource
from rl_portal.importing.shared import (
    commune_widget,
    dispositif_names,
    dispositif_widget,
    epci_widget,
    person_columns,
    person_row,
)
from rl_portal.models import ResourceType, Service

UNITS, STAYS, MEASURES = "Logements", "Séjours", "Mesures"
DATE_HINT = "Date jj/mm/aaaa (ou cellule au format date)."
MAX_ROWS = 2000


def _create_person(context):
    if "habitat" not in context.cache:
        context.cache["habitat"] = Service.objects.get(code=HABITAT_SERVICE)
    habitat = context.cache["habitat"]

    def create(row):
        data = {
            "pseudonym": row.pseudonym,
            "last_name": row.last_name,
            "sex": row.sex,
            "birth_year": row.birth_year,
            "commune": row.commune,
        }
        # The import's preview asks about look-alikes (rl_portal.importing.persons).
        return shared_services.person_create(
            data=data, service=habitat, by=context.user, distinct=True
        )

    return create


class UnitResource(SheetResource):
    noun = ("logement", "logements")
    spec = SheetSpec(
        UNITS,
        (
            Column(
                "Désignation",
                "label",
                Text(80),
                required=True,
                hint="Nom unique du logement, par exemple « Carvin T2 n° 3 ».",
            ),
            Column("Adresse", "address", Text(200), required=True),
            Column(
                "Commune", "commune", commune_widget(), required=True, hint="Nom ou code INSEE."
            ),
            Column(
                "Typologie",
                "typology",
                Choice(
                    HousingUnit.Typology.choices,
                    unknown="la typologie « {value} » est inconnue ({known})",
                ),
                required=True,
                choices=lambda: HousingUnit.Typology.labels,
            ),
            Column(
                "Bailleur",
                "landlord",
                Text(160),
                required=True,
                hint="Nom du bailleur ; il est créé s'il n'existe pas encore.",
            ),
            Column(
                "Dispositif",
                "dispositif",
                dispositif_widget(HOUSING_DISPOSITIFS),
                required=True,
                hint="alt-jeunes, alt-familles ou tremplins-duo, ou leur nom.",
                choices=dispositif_names(HOUSING_DISPOSITIFS),
            ),
            Column(
                "Places",
                "places",
                Integer(
                    1,
                    99,
                    lambda n: (
                        "un logement compte au moins une place"
                        if n < 1
                        else f"{n} places dans un logement n'est pas plausible"
                    ),
                ),
                hint="Nombre de places (1 si vide).",
            ),
            Column("Début du bail", "lease_start", Date(), required=True, hint=DATE_HINT),
            Column("Fin du bail", "lease_end", Date(), hint=DATE_HINT),
        ),
        max_rows=MAX_ROWS,
    )

    def check(self, values, *, line):
        if values.lease_start and values.lease_end and values.lease_end < values.lease_start:
            raise ValidationError("la fin du bail précède son début")

    def import_instance(self, instance, row, **kwargs):
        # The stays of the next sheet find the units of this one by their designation; that of
        # a refused row is known too, to say why its stays cannot be imported.
        if row.get("Désignation") is not None:
            line = self.line(kwargs["row_number"])
            self.context.shared.setdefault("unit_rows", {}).setdefault(
                key(row["Désignation"]), line
            )
        super().import_instance(instance, row, **kwargs)

    def write(self, values, *, line):
        unit = services.housing_unit_create(
            by=self.context.user,
            label=values.label,
            address=values.address,
            commune=values.commune,
            typology=values.typology,
            landlord_name=values.landlord,
            dispositif=values.dispositif,
            places=values.places or 1,
            lease_start=values.lease_start,
            lease_end=values.lease_end,
        )
        self.context.shared.setdefault("units", {})[key(unit.label)] = unit
        return unit


class UnitWidget(CellWidget):
    """A unit of the « Logements » sheet of the same file, or one already recorded."""

    def clean(self, value, row=None, context=None, **kwargs):
        if value is None:
            return None
        label = key(value)
        created = context.shared.get("units", {})
        if label in created:
            return created[label]
        if label in context.shared.get("unit_rows", {}):
            raise ValueError(
                f"le logement « {shown(value)} » est en erreur dans la feuille {UNITS}"
            )
        recorded = context.cache.get("recorded_units")
        if recorded is None:
            recorded = context.cache["recorded_units"] = {}
            for unit in HousingUnit.objects.visible_to(context.user):
                known = recorded.get(key(unit.label))
                recorded[key(unit.label)] = AMBIGUOUS if known else unit
        unit = recorded.get(label)
        if unit is AMBIGUOUS:
            raise ValueError(f"plusieurs logements enregistrés s'appellent « {shown(value)} »")
        if unit is None:
            raise ValueError(
                f"le logement « {shown(value)} » est inconnu : il n'est ni dans la feuille "
                f"{UNITS} ni déjà enregistré"
            )
        return unit


class StayResource(SheetResource):
    noun = ("séjour", "séjours")
    spec = SheetSpec(
        STAYS,
        (
            Column(
                "Logement",
                "unit",
                UnitWidget(),
                required=True,
                hint="Désignation d'un logement de la feuille Logements ou déjà enregistré.",
            ),
            Column(
                "Place",
                "place",
                Integer(1, 99, lambda n: f"la place « {n} » n'existe pas"),
                hint="Numéro de la place dans le logement (1 si vide).",
            ),
            *person_columns("Commune de résidence"),
            Column("Entrée", "entry", Date(), required=True, hint=DATE_HINT),
            Column("Sortie prévue", "planned_exit", Date(), hint=DATE_HINT),
            Column(
                "Ressources à l'entrée",
                "resources_entry",
                Number(2, Decimal("0"), Decimal("100000")),
                hint="Montant mensuel en euros, par exemple 350,50.",
            ),
            Column(
                "Ressource principale",
                "resource_type_entry",
                Choice(
                    ResourceType.choices,
                    unknown="la ressource principale « {value} » est inconnue ({known})",
                ),
                choices=lambda: ResourceType.labels,
            ),
        ),
        max_rows=MAX_ROWS,
    )

    def check(self, values, *, line):
        if values.entry and values.planned_exit and values.planned_exit < values.entry:
            raise ValidationError("la sortie prévue précède l'entrée")

    def write(self, values, *, line):
        person = self.context.persons.resolve(
            person_row(values), create=_create_person(self.context), place=self.place(line)
        )
        return services.stay_create(
            unit=values.unit,
            person=person,
            entry=values.entry,
            place=values.place or 1,
            planned_exit=values.planned_exit,
            resources_entry=values.resources_entry,
            resource_type_entry=values.resource_type_entry or "",
            by=self.context.user,
        )


class MeasureResource(SheetResource):
    noun = ("mesure", "mesures")
    spec = SheetSpec(
        MEASURES,
        (
            *person_columns("Commune"),
            Column(
                "Dispositif",
                "dispositif",
                dispositif_widget(
                    MEASURE_DISPOSITIFS, fsl="fsl-asll", asll="fsl-asll", asl="asl-jeunes-ase"
                ),
                required=True,
                hint="fsl-asll ou asl-jeunes-ase, ou leur nom.",
                choices=dispositif_names(MEASURE_DISPOSITIFS),
            ),
            Column(
                "Territoire",
                "epci",
                epci_widget(),
                hint="CAHC ou CALL ; déduit de la commune si vide.",
                choices=lambda: ("CAHC", "CALL"),
            ),
            Column(
                "Nature",
                "kind",
                Choice(
                    SupportMeasure.Kind.choices,
                    unknown="la nature « {value} » est inconnue (asll, simple ou renforcée)",
                ),
                required=True,
                hint="asll pour le FSL ; simple ou renforcée pour l'ASL.",
                choices=lambda: SupportMeasure.Kind.labels,
            ),
            Column(
                "Poids",
                "weight",
                Number(2, Decimal("0.25"), Decimal("999.99")),
                hint="Points de la mesure FSL (obligatoire) ; ASL : simple = 1, renforcée = 2.",
            ),
            Column(
                "Orienteur",
                "orienteur_kind",
                Choice(
                    OrienteurKind.choices, unknown="l'orienteur « {value} » est inconnu ({known})"
                ),
                required=True,
                choices=lambda: OrienteurKind.labels,
            ),
            Column("Notification", "notified_on", Date(), required=True, hint=DATE_HINT),
            Column("Début", "start", Date(), required=True, hint=DATE_HINT),
            Column(
                "Motif",
                "reason",
                Choice(
                    SupportMeasure.Reason.choices,
                    unknown="le motif « {value} » est inconnu ({known})",
                ),
                required=True,
                choices=lambda: SupportMeasure.Reason.labels,
            ),
        ),
        max_rows=MAX_ROWS,
    )

    def check(self, values, *, line):
        problems = []
        if values.notified_on and values.start and values.notified_on > values.start:
            problems.append("la notification est postérieure au début de la mesure")
        dispositif, kind, weight = values.dispositif, values.kind, values.weight
        if dispositif is not None and kind is not None:
            label = SupportMeasure.Kind(kind).label
            if dispositif.code == "fsl-asll":
                if kind != SupportMeasure.Kind.ASLL:
                    problems.append(
                        f"une mesure {dispositif.name} est de nature asll, pas « {label} »"
                    )
                if weight is None:
                    problems.append("indiquez le poids (points) de la mesure FSL")
            elif kind not in services.ASL_WEIGHTS:
                problems.append(
                    f"une mesure {dispositif.name} est simple ou renforcée, pas « {label} »"
                )
            elif weight is not None and weight != services.ASL_WEIGHTS[kind]:
                problems.append(
                    f"le poids d'une mesure {label} est {services.ASL_WEIGHTS[kind]}, "
                    f"pas {shown(weight)}"
                )
        if values.epci is None and values.commune is not None and values.commune.epci is None:
            problems.append("indiquez le territoire (CAHC ou CALL) : la commune ne le donne pas")
        if problems:
            raise ValidationError(problems)

    def write(self, values, *, line):
        person = self.context.persons.resolve(
            person_row(values), create=_create_person(self.context), place=self.place(line)
        )
        epci = values.epci or (values.commune.epci if values.commune else None)
        extra = {"weight": values.weight} if values.dispositif.code == "fsl-asll" else {}
        return services.support_measure_open(
            by=self.context.user,
            person=person,
            dispositif=values.dispositif,
            kind=values.kind,
            start=values.start,
            epci=epci,
            orienteur_kind=values.orienteur_kind,
            notified_on=values.notified_on,
            reason=values.reason,
            **extra,
        )
