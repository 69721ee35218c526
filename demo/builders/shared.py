"""The association's accounts, partners, funders, conventions and staff positions."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group

from demo.context import DemoContext
from demo.data.shared import (
    ACCOUNTS,
    CONVENTIONS,
    DEMO_PASSWORD,
    FUNDERS,
    MISSIONS,
    PARTNERS,
    STAFF,
)
from rl_portal.audit import bulk_create_journalled
from rl_portal.models import (
    CaseFile,
    Commune,
    Convention,
    Dispositif,
    Funder,
    Household,
    HouseholdMember,
    Partner,
    Person,
    Service,
    StaffPosition,
    User,
)
from rl_portal.roles import Role


def reset() -> None:
    """The association's records, its persons included (every app removed its own first)."""
    HouseholdMember.objects.all().delete()
    Household.objects.all().delete()
    CaseFile.objects.all().delete()
    Person.objects.all().delete()
    Convention.objects.all().delete()
    Funder.objects.all().delete()
    StaffPosition.objects.all().delete()
    Partner.objects.all().delete()
    User.objects.filter(username__in=[account.username for account in ACCOUNTS]).delete()


def seed(context: DemoContext) -> None:
    context.services = {service.code: service for service in Service.objects.all()}
    _accounts(context)
    _partners_and_funders(context)
    _conventions(context)
    _staff(context)


def _accounts(context: DemoContext) -> None:
    groups = {group.name: group for group in Group.objects.all()}
    for account in ACCOUNTS:
        user, _ = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": account.first_name,
                "last_name": account.last_name,
                "email": f"{account.username}@rl-portal.example",
                "job_title": account.job_title,
                # Only administrators use the Django admin; chefs de service keep their
                # référentiels in the application's pages (/referentiels/).
                "is_staff": account.role == Role.ADMINISTRATEUR,
                "is_superuser": account.role == Role.ADMINISTRATEUR,
                "is_active": True,
            },
        )
        # The demo password is deliberately short; it bypasses the validators (seed_demo refuses
        # to run with DEBUG off unless forced).
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.set([groups[account.role.label]])
        user.services.set([context.services[code] for code in account.services])
        context.users[account.username] = user


def _partners_and_funders(context: DemoContext) -> None:
    communes = {c.insee_code: c for c in Commune.objects.exclude(insee_code=None)}
    bulk_create_journalled(
        [
            Partner(name=p.name, kind=p.kind, field=p.field, commune=communes.get(p.insee_code))
            for p in PARTNERS
        ],
        actor=None,
    )
    # Funders, conventions and staff positions are kept in the pages (journalled référentiels).
    bulk_create_journalled([Funder(name=name, kind=kind) for name, kind in FUNDERS], actor=None)


def _conventions(context: DemoContext) -> None:
    funders = {funder.name: funder for funder in Funder.objects.all()}
    dispositifs = {d.code: d for d in Dispositif.objects.all()}
    epcis = {c.epci.short_name: c.epci for c in Commune.objects.select_related("epci") if c.epci}
    conventions = []
    # Conventions over October → September: the one signed this autumn is in force too.
    for year in [*context.years, context.years[-1] + 1]:
        for spec in CONVENTIONS:
            if spec.year_starts:
                start = datetime.date(year - 1, *spec.year_starts)
                end = datetime.date(year, *spec.year_starts) - datetime.timedelta(days=1)
                if start > context.today:
                    continue
            elif year > context.years[-1]:
                continue
            else:
                start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            # Funding moves a little from year to year, as it does.
            growth = Decimal(1 + 0.03 * (year - context.years[0]))
            conventions.append(
                Convention(
                    funder=funders[spec.funder],
                    dispositif=dispositifs[spec.dispositif],
                    title=f"{spec.title} {year}",
                    epci=epcis.get(spec.epci),
                    start=start,
                    end=end,
                    capacity=spec.capacity,
                    capacity_unit=spec.capacity_unit,
                    amount=(Decimal(spec.amount) * growth).quantize(Decimal("1")),
                    is_call_for_projects=spec.is_call_for_projects,
                    funds_employment=spec.funds_employment,
                )
            )
    bulk_create_journalled(conventions, actor=None)


def _staff(context: DemoContext) -> None:
    starts = {
        "first-year": context.start,
        "emps-start": datetime.date(context.years[0], 5, 1),
        "last-march": datetime.date(context.years[1], 3, 1),
    }
    bulk_create_journalled(
        [
            StaffPosition(
                service=context.services.get(position.service) if position.service else None,
                category=position.category,
                title=position.title,
                etp=Decimal(position.etp),
                etp_departement=Decimal(position.etp_departement),
                etp_communes=Decimal(position.etp_communes),
                missions=MISSIONS.get(position.title, ""),
                start=starts[position.starts],
            )
            for position in STAFF
        ],
        actor=None,
    )
