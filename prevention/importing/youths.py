"""The youths of the prevention history (« Jeunes »), and how the other sheets name a youth:
by the code of the previous tool (« Code jeune ») or by the person columns."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from prevention import services
from prevention.models import PREVENTION_DISPOSITIFS
from rl_portal.importing.columns import Column, Date, Lookup, Text, YesNo, key
from rl_portal.importing.persons import PersonRow
from rl_portal.importing.reader import SheetSpec
from rl_portal.importing.resources import AlreadyRecorded, SheetResource
from rl_portal.importing.shared import (
    dispositif_names,
    dispositif_widget,
    person_columns,
    quartier_widget,
)
from rl_portal.models import CaseFile, Sex, User

YOUTHS = "Jeunes"
DATE_HINT = "Date jj/mm/aaaa (ou cellule au format date)."
MAX_ROWS = 20000
PREVENTION_SERVICES = ("prevention", "emps")


def dispositif_column() -> Column:
    return Column(
        "Dispositif",
        "dispositif",
        dispositif_widget(PREVENTION_DISPOSITIFS, SPS="sps", EMPS="emps"),
        hint="SPS ou EMPS. Vide : votre dispositif, si vous n'en avez qu'un.",
        choices=dispositif_names(PREVENTION_DISPOSITIFS),
    )


def staff_widget() -> Lookup:
    """A member of a prevention service, active or not (past years' colleagues may have left),
    by username, « Prénom Nom », « Nom Prénom » or e-mail."""
    return Lookup(
        lambda context: User.objects.filter(services__code__in=PREVENTION_SERVICES).distinct(),
        lambda user: (
            user.username,
            f"{user.first_name} {user.last_name}",
            f"{user.last_name} {user.first_name}",
            user.email,
        ),
        unknown=(
            "« {value} » n'est pas un membre des services de prévention : indiquez son "
            "identifiant ou ses prénom et nom"
        ),
        ambiguous="plusieurs membres du service s'appellent « {value} » : indiquez l'identifiant",
    )


CODE = Column(
    "Code jeune",
    "code",
    Text(40),
    hint=(
        "L'identifiant du jeune dans votre ancien outil : dans les autres feuilles, il relie "
        "la ligne au jeune de la feuille Jeunes."
    ),
    aliases=("Identifiant", "Identifiant jeune", "Code", "N° jeune", "ID jeune", "N° dossier"),
)


class PreventionSheet(SheetResource):
    """A sheet of the prevention history: its rows name their dispositif (or the user's only
    one) and, but for the time sheet, a youth."""

    def dispositif(self, values):
        return values.dispositif or self.context.shared["default_dispositif"]

    def check_dispositif(self, values, problems: list[str]) -> None:
        if values.dispositif is None and self.context.shared["default_dispositif"] is None:
            problems.append("indiquez le dispositif (SPS ou EMPS) : vous en avez plusieurs")

    def created(self, model) -> set[int]:
        """Records of `model` made by this import (a second identical row of the file is a
        record of its own, not one imported before)."""
        return self.context.shared.setdefault(("created", model), set())

    # -- the youth of a row ----------------------------------------------------------------

    def check_youth(self, values, problems: list[str]) -> None:
        if not values.code and not values.pseudonym:
            problems.append("indiquez le code jeune ou le pseudonyme")
            return
        if not values.code:
            return
        entry = self.context.shared.setdefault("codes", {}).get(key(values.code))
        if entry is None:
            problems.append(f"le code jeune « {values.code} » n'est pas dans la feuille {YOUTHS}")
        elif entry["row"] is None:
            problems.append(
                f"le jeune de code « {values.code} » est en erreur dans la feuille {YOUTHS} "
                f"(ligne {entry['line']})"
            )
        elif values.pseudonym and key(values.pseudonym) != key(entry["row"].pseudonym):
            problems.append(
                f"le code jeune « {values.code} » est celui de « {entry['row'].pseudonym} », "
                f"pas de « {values.pseudonym} »"
            )

    def youth(self, values, *, line: int, since):
        """The row's youth: the one of its code, or of its person columns (found among the
        recorded youths, or created, known to the service since `since`)."""
        if values.code:
            row = self.context.shared["codes"][key(values.code)]["row"]
        else:
            row = PersonRow(
                pseudonym=values.pseudonym,
                last_name=values.last_name,
                sex=values.sex or Sex.UNKNOWN,
                birth_year=values.birth_year,
                commune=values.commune,
            )
        dispositif = self.dispositif(values)
        return self.context.persons.resolve(
            row,
            create=lambda row: create_youth(row, dispositif, self.context.user, since),
            place=self.place(line),
        )

    def is_new(self, person) -> bool:
        return any(person is created for created in self.context.persons.created)


def create_youth(row: PersonRow, dispositif, user, known_since):
    return services.youth_create(
        pseudonym=row.pseudonym,
        sex=row.sex,
        dispositif=dispositif,
        by=user,
        commune=row.commune,
        last_name=row.last_name,
        birth_year=row.birth_year,
        birth_date=row.birth_date,
        quartier=row.extra.get("quartier"),
        ase_history=row.extra.get("ase_history"),
        known_since=known_since,
    )


def youth_columns() -> tuple[Column, ...]:
    """The youth of a row of the other sheets: a code, or the person columns."""
    pseudonym, *others = person_columns("Commune", commune_aliases=("Commune de résidence",))
    optional = Column(
        pseudonym.header,
        pseudonym.attribute,
        pseudonym.widget,
        hint="Prénom ou surnom, si la ligne n'a pas de code jeune.",
        aliases=pseudonym.aliases,
    )
    return (CODE, optional, *others)


class YouthResource(PreventionSheet):
    noun = ("jeune", "jeunes")
    spec = SheetSpec(
        YOUTHS,
        (
            CODE,
            *person_columns("Commune", commune_aliases=("Commune de résidence", "Ville")),
            Column(
                "Date de naissance",
                "birth_date",
                Date(),
                hint="Facultative ; l'année de naissance suffit.",
                aliases=("Née le", "Né le", "Né(e) le", "Naissance"),
            ),
            Column("Quartier", "quartier", quartier_widget(), hint="Nom du quartier."),
            Column(
                "Parcours ASE",
                "ase_history",
                YesNo(),
                hint="Oui si le jeune a été pris en charge par l'ASE.",
                aliases=("ASE",),
                choices=lambda: ("oui", "non"),
            ),
            dispositif_column(),
            Column(
                "Connu depuis",
                "known_since",
                Date(),
                hint=(
                    "Date de la première rencontre. Vide : la date de ses premières rencontres "
                    "ou accompagnements importés."
                ),
                aliases=("Première rencontre", "Date de première rencontre", "Date de création"),
            ),
        ),
        max_rows=MAX_ROWS,
    )

    def import_instance(self, instance, row, **kwargs):
        # The other sheets name the youth by this code, even when this row is refused (to say
        # why theirs are).
        code = row.get("Code jeune")
        if code is not None:
            codes = self.context.shared.setdefault("codes", {})
            line = self.line(kwargs["row_number"])
            if key(code) in codes:
                instance.code_line = codes[key(code)]["line"]
            else:
                codes[key(code)] = {"line": line, "row": None}
        super().import_instance(instance, row, **kwargs)

    def check(self, values, *, line):
        problems = []
        if getattr(values, "code_line", None):
            problems.append(f"le code jeune « {values.code} » figure déjà ligne {values.code_line}")
        if values.birth_date and values.birth_year and values.birth_date.year != values.birth_year:
            problems.append("l'année de naissance ne correspond pas à la date de naissance")
        quartier, commune = values.quartier, values.commune
        if quartier is not None and commune is not None and quartier.commune_id != commune.pk:
            problems.append(f"le quartier « {quartier.name} » n'est pas à {commune.name}")
        self.check_dispositif(values, problems)
        if problems:
            raise ValidationError(problems)

    def write(self, values, *, line):
        row = PersonRow(
            pseudonym=values.pseudonym,
            last_name=values.last_name,
            sex=values.sex or Sex.UNKNOWN,
            birth_year=values.birth_year,
            birth_date=values.birth_date,
            commune=values.commune or (values.quartier.commune if values.quartier else None),
            extra={"quartier": values.quartier, "ase_history": values.ase_history},
        )
        dispositif = self.dispositif(values)
        user = self.context.user
        person = self.context.persons.resolve(
            row,
            create=lambda row: create_youth(row, dispositif, user, values.known_since),
            place=self.place(line),
        )
        if values.code:
            self.context.shared["codes"][key(values.code)]["row"] = row
        if not self.is_new(person):
            # A youth already known to the service since that date (the file imported before)
            # is left aside; known earlier than recorded, their file's date moves back.
            opened = (
                CaseFile.objects.filter(person=person, service=dispositif.service)
                .values_list("opened_on", flat=True)
                .first()
            )
            if opened is not None and (not values.known_since or opened <= values.known_since):
                raise AlreadyRecorded
            if values.known_since:
                services.youth_known_since_set(
                    person=person, dispositif=dispositif, on=values.known_since, by=user
                )
        return person
