"""Accompagnement scolaire: the three programmes of the association's report — the ADDI in
Rouvroy with the bailleur SIA Habitat (homework help at the family's home, one child a visit),
the accompagnement scolaire of Carvin with the CAF, the Évin-Malmaison experiment with the plan
pauvreté — their team, schools and calendar (zone B, Lille academy)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from rl_portal.models import Funder, Partner
from scolaire.models import Programme

# Levels CP … 3e: index 0 is CP (6 years old in the school year), 8 is 3e. Weights of the
# levels among the new children of each cycle.
PRIMARY_WEIGHTS = [22, 22, 20, 18, 18]
COLLEGE_WEIGHTS = [35, 30, 20, 15]
# A few children repeated a year; about 75 % come back the next school year, 3 % repeating it.
REPEATED_BEFORE = 0.08
COMING_BACK = 0.75
REPEATING = 0.03

# Funders of the programmes; the first two come with the association's.
FUNDERS = {
    "SIA Habitat": Funder.Kind.BAILLEUR,
    "CAF du Pas-de-Calais": Funder.Kind.CAF,
    "État — Plan pauvreté": Funder.Kind.ETAT,
}
NEW_FUNDERS = ["État — Plan pauvreté"]

# Schools of the children's communes besides the association's partners (name, kind, commune).
NEW_SCHOOLS = [
    ("École Paul Langevin", Partner.Kind.ECOLE, "Rouvroy"),
    ("École Henri Barbusse", Partner.Kind.ECOLE, "Rouvroy"),
    ("Collège Anatole France", Partner.Kind.COLLEGE, "Rouvroy"),
    ("École Louise Michel", Partner.Kind.ECOLE, "Carvin"),
    ("École Victor Hugo", Partner.Kind.ECOLE, "Carvin"),
    ("École Jean Jaurès", Partner.Kind.ECOLE, "Carvin"),
    ("Collège Anne Frank", Partner.Kind.COLLEGE, "Carvin"),
    ("École Pablo Picasso", Partner.Kind.ECOLE, "Évin-Malmaison"),
    ("École Jacques Prévert", Partner.Kind.ECOLE, "Évin-Malmaison"),
    ("École Jean Moulin", Partner.Kind.ECOLE, "Oignies"),
    ("École Joliot-Curie", Partner.Kind.ECOLE, "Libercourt"),
]

T = datetime.time


@dataclass(frozen=True)
class ProgrammeSpec:
    name: str
    kind: str
    commune: str
    public: str
    funder: str
    site: str
    children: tuple[int, int]  # children a school year, low and high
    # Share of primaire children among the new ones; None: as many primaire as collège.
    primary_share: float | None
    # (weekday, start, end): the weekly sessions of a group, or the visit slots of an
    # individual programme (each child has one visit a week in one of them).
    slots: tuple[tuple[int, datetime.time, datetime.time], ...]
    salaries: tuple[str, ...]
    benevoles: tuple[str, ...]
    neighbours: tuple[str, ...]  # where the children not from the commune live
    # Children already known to prevention join (the programme in prevention's communes).
    welcomes_prevention_youths: bool = False


PROGRAMMES = [
    ProgrammeSpec(
        name="ADDI Rouvroy",
        kind=Programme.Kind.ADDI,
        commune="Rouvroy",
        public=Programme.Public.BOTH,
        funder="SIA Habitat",
        site="À domicile",
        children=(13, 17),
        primary_share=0.7,
        # One-hour visits at the families' homes, three evenings a week.
        slots=(
            (0, T(17, 0), T(18, 0)),
            (0, T(18, 0), T(19, 0)),
            (1, T(17, 0), T(18, 0)),
            (1, T(18, 0), T(19, 0)),
            (3, T(17, 15), T(18, 15)),
            (3, T(18, 15), T(19, 15)),
        ),
        salaries=("Mélanie Duhamel", "Farid Belkacem"),
        benevoles=("Jacqueline Wattez",),
        neighbours=(),
    ),
    ProgrammeSpec(
        name="Accompagnement scolaire Carvin",
        kind=Programme.Kind.ACCOMPANIMENT,
        commune="Carvin",
        public=Programme.Public.BOTH,
        funder="CAF du Pas-de-Calais",
        site="Salle Léo Lagrange, Carvin",
        children=(56, 64),
        primary_share=None,
        slots=((1, T(16, 30), T(18, 0)), (3, T(16, 30), T(18, 0))),
        salaries=("Inès Caron", "Farid Belkacem"),
        benevoles=("Gérard Lecomte", "Samira Boukhari", "Michel Dubar"),
        neighbours=("Libercourt", "Oignies", "Courrières"),
        welcomes_prevention_youths=True,
    ),
    ProgrammeSpec(
        name="Expérimentation Évin-Malmaison",
        kind=Programme.Kind.EXPERIMENT,
        commune="Évin-Malmaison",
        public=Programme.Public.PRIMARY,
        funder="État — Plan pauvreté",
        site="Centre socio-culturel Gino Sanna, Évin-Malmaison",
        children=(22, 28),
        primary_share=1.0,
        slots=((2, T(14, 0), T(16, 0)),),
        salaries=("Inès Caron", "Mélanie Duhamel"),
        benevoles=("Jacqueline Wattez",),
        neighbours=("Leforest", "Courcelles-lès-Lens"),
    ),
]
# Prevention youths of the year joining the Carvin programme.
PREVENTION_YOUTHS_JOINING = (5, 8)
# A session is cancelled now and then (strikes, illness…); a child joins late now and then.
CANCELLED = 0.04
JOINS_LATE = 0.15
# Attendance: each child has a habit (mean, spread), bounded.
PRESENCE = (0.8, 0.09, 0.45, 0.97)
# At home, the family is almost always there.
PRESENCE_AT_HOME = (0.92, 0.04, 0.75, 0.99)

REFERRALS_PER_YEAR = (3, 5)
REFERRAL_ACCEPTED = 0.65
# What the team signals, and whether it only happens to collégiens.
REFERRAL_REASONS = [
    ("Absences répétées depuis la rentrée et repli sur soi ; la mère demande de l'aide.", False),
    ("Conflits avec des jeunes plus âgés du quartier à la sortie du collège.", True),
    ("Décrochage en classe, deux exclusions temporaires ce trimestre.", True),
    ("Tensions familiales importantes évoquées par l'enfant pendant l'aide aux devoirs.", False),
    ("Harcèlement subi sur les réseaux sociaux, l'enfant ne veut plus aller au collège.", True),
    ("Traîne tard le soir dans le quartier, la famille est dépassée.", True),
    ("Comportement agressif pendant les séances, la famille est d'accord pour un relais.", False),
]
