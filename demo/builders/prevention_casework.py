"""Accompaniments and collective actions of a prevention team, through prevention's services:
who is accompanied, at which age, for which problématiques, with whom, and who comes to which
action (parents with their families, collégiens to the collège's forum)."""

from __future__ import annotations

from collections import defaultdict

from auditlog.context import set_actor

from demo.context import DAY, DemoContext, pick
from demo.data import prevention as data
from prevention import services
from prevention.models import Accompaniment, Problematique, WorkedDomain
from prevention.services import HeadcountLine
from rl_portal.audit import bulk_create_journalled
from rl_portal.models import Funder, Partner, Person


def seed(context: DemoContext, dispositif, team, youths, places) -> None:
    partners: dict[str, list[Partner]] = defaultdict(list)
    for partner in Partner.objects.order_by("pk"):
        partners[partner.kind].append(partner)
    problematiques = {p.name: p for p in Problematique.objects.filter(parent__isnull=False)}
    domains: list[WorkedDomain] = []
    for person, first, _ in youths:
        if context.rng.random() <= data.ACCOMPANIED[dispositif.code]:
            domains += _accompaniment(
                context, dispositif, team, person, first, problematiques, partners
            )
    # About a thousand domains: `worked_domain_create`'s rows, in bulk with their journal.
    bulk_create_journalled(domains, actor_of=lambda domain: domain.educator, batch_size=2000)
    _actions(context, dispositif, team, youths, places)


def age_band(age: int | None) -> str | None:
    """The Département's band of an age (None when unknown)."""
    if age is None:
        return None
    if age < 11:
        return "moins_11"
    for band, highest in (("11_14", 14), ("15_18", 18), ("19_21", 21)):
        if age <= highest:
            return band
    return "plus_21"


def _within(age: int | None, ages: tuple[int, int]) -> bool:
    return age is None or ages[0] <= age <= ages[1]


def _situation(rng, age: int | None) -> str:
    if age is None:
        return data.SITUATION_AGE_UNKNOWN
    for lowest, highest, weighted in data.SITUATIONS:
        if lowest <= age <= highest:
            return pick(rng, weighted)
    raise ValueError(f"Pas de situation pour {age} ans.")


def _problematiques(rng, age: int | None, by_name) -> list[Problematique]:
    """One to three problématiques, as frequent at this age as in the report's table."""
    band = age_band(age)
    weighted = []
    for name, weights in data.PROBLEMATIQUES_BY_BAND.items():
        weight = sum(weights) if band is None else weights[data.BANDS.index(band)]
        minimum = data.PROBLEMATIQUE_MIN_AGE.get(name)
        if weight and (minimum is None or (age is not None and age >= minimum)):
            weighted.append((name, weight))
    chosen: list[str] = []
    for _ in range(rng.randint(1, 3)):
        left = [(name, weight) for name, weight in weighted if name not in chosen]
        if left:
            chosen.append(pick(rng, left))
    return [by_name[name] for name in chosen]


def _accompaniment(
    context, dispositif, team, person: Person, first, problematiques, partners
) -> list[WorkedDomain]:
    """Opened within three months of the first meeting, reviewed, and closed (with its reason
    and, for an orientation, to whom) when it has ended. Returns the domains worked on."""
    rng, today = context.rng, context.today
    start = min(today, first + rng.randint(0, 90) * DAY)
    kind = Accompaniment.Kind.PAEI if rng.random() < data.PAEI_SHARE else Accompaniment.Kind.ASEP
    duration = rng.choice(data.DURATIONS_DAYS)
    end = start + duration * DAY
    closed = end < today
    age = person.age_on(start)
    referent = rng.choice(team)
    eligible = [kind for kind, ages in data.CO_ACCOMPANIMENTS if _within(age, ages)]
    co = rng.sample(eligible, k=min(len(eligible), rng.choice([0, 0, 1, 1, 2])))
    with set_actor(referent):
        accompaniment = services.accompaniment_open(
            person=person,
            dispositif=dispositif,
            kind=kind,
            referent=referent,
            start=start,
            situation=_situation(rng, age),
            by=referent,
            origin=pick(rng, data.ORIGINS),
            problematiques=_problematiques(rng, age, problematiques),
            co_accompaniments=[(kind, None) for kind in co],
        )
        domains = [(domain, w) for domain, w, ages in data.DOMAINS if _within(age, ages)]
        last = end if closed else today
        worked = [
            WorkedDomain(
                accompaniment=accompaniment,
                date=context.random_date(start, last),
                domain=pick(rng, domains),
                educator=referent,
            )
            for _ in range(rng.randint(1, 8))
        ]
        # Most reviews are up to date; a few are late, so that the alerts show something.
        review = min(today, start + rng.randint(0, max(duration - 1, 0)) * DAY)
        if review > start:
            services.accompaniment_review(accompaniment=accompaniment, on=review, by=referent)
        if closed:
            reason = pick(rng, data.END_REASONS)
            reorientations = []
            if reason == Accompaniment.EndReason.ORIENTATION:
                reorientations = [_reorientation(rng, age, partners)]
            services.accompaniment_close(
                accompaniment=accompaniment,
                end=end,
                reason=reason,
                by=referent,
                reorientations=reorientations,
            )
    return worked


def _reorientation(rng, age, partners) -> tuple[str, Partner | None, str]:
    """A category and a partner that receives youths of this age (no collège for a
    twenty-year-old, no Mission locale for a child)."""
    options = [
        (category, partner)
        for category, kinds in data.REORIENTATIONS
        for kind, ages in kinds
        if _within(age, ages)
        for partner in partners.get(kind, [])
    ]
    category, partner = rng.choice(options)
    return category, partner, ""


def _headcounts(rng, template: data.ActionTemplate, families: int) -> list[HeadcountLine]:
    lines = []
    bands = dict(template.bands)
    if families and template.adults_per_family[1]:
        # Parents and grandparents: at least one adult per family involved.
        adults = max(families, round(families * rng.uniform(*template.adults_per_family)))
        bands["plus_21"] = (adults, adults)
    for band, (low, high) in bands.items():
        total = rng.randint(low, high)
        girls = round(total * rng.uniform(*data.GIRLS))
        lines += [
            HeadcountLine(age_band=band, sex=sex, count=count)
            for sex, count in (("F", girls), ("M", total - girls))
            if count
        ]
    return lines


def _actions(context: DemoContext, dispositif, team, youths, places) -> None:
    """Six to ten actions a year in each commune; the youths named among the participants are
    youths of the commune the team already knew, of the age the action is for."""
    rng = context.rng
    partners = list(Partner.objects.order_by("pk"))
    funders = list(Funder.objects.order_by("pk"))
    templates = [(template, template.weight) for template in data.ACTIONS]
    kinds_with_funders = {"dsl", "parentalite"}
    for year in context.years:
        first, last, _share = context.year_bounds(year)
        for commune in places:
            for _ in range(rng.randint(*data.ACTIONS_PER_COMMUNE_YEAR)):
                template = pick(rng, templates)
                count = rng.randint(*template.sessions)
                dates = sorted({context.random_date(first, last) for _ in range(count)})
                families = rng.randint(*template.families)
                # Youths of the commune the team knew, of the action's public.
                known = [
                    person
                    for person, met_on, _ in youths
                    if person.commune_id == commune.pk
                    and met_on <= dates[0]
                    and age_band(person.age_on(dates[0])) in template.bands
                ]
                creator = rng.choice(team)
                with set_actor(creator):
                    services.collective_action_save(
                        by=creator,
                        data={
                            "dispositif": dispositif,
                            "title": template.title,
                            "kind": template.kind,
                            "commune": commune,
                            "families": families,
                            # Artistreet is the commune's festival: the team joins it as an
                            # associate (DSL « en associé »); it initiates the others.
                            "initiated_by_service": template.title != "Artistreet",
                        },
                        session_dates=dates,
                        headcounts=_headcounts(rng, template, families),
                        participants=rng.sample(known, k=min(len(known), rng.randint(0, 6))),
                        partners=rng.sample(partners, k=rng.randint(0, 3)),
                        funders=rng.sample(funders, k=rng.randint(1, 2))
                        if template.kind in kinds_with_funders
                        else [],
                    )


__all__ = ["age_band", "seed"]
