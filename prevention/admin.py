from concurrency.admin import ConcurrentModelAdmin
from django.contrib import admin

from prevention.models import (
    Accompaniment,
    ActionSession,
    CoAccompaniment,
    CollectiveAction,
    Contact,
    Headcount,
    InstanceMeeting,
    NetworkReception,
    Problematique,
    Reorientation,
    TimeEntry,
    WorkedDomain,
)
from rl_portal.admin import ScopedAdminMixin


@admin.register(Problematique)
class ProblematiqueAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The two-level référentiel: chefs de service keep it in line with the Département's."""

    list_display = ("__str__", "position", "is_active")
    list_filter = ("parent", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("name", "description")


@admin.register(TimeEntry)
class TimeEntryAdmin(ScopedAdminMixin, ConcurrentModelAdmin):
    list_display = ("date", "educator", "activity", "hours", "dispositif", "commune")
    list_filter = ("dispositif", "activity", "educator")
    date_hierarchy = "date"
    raw_id_fields = ("accompaniment", "action")


@admin.register(Contact)
class ContactAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "person", "mode", "educator", "dispositif", "commune")
    list_filter = ("dispositif", "mode")
    date_hierarchy = "date"
    raw_id_fields = ("person",)


class CoAccompanimentInline(ScopedAdminMixin, admin.TabularInline):
    model = CoAccompaniment
    extra = 0


class ReorientationInline(ScopedAdminMixin, admin.TabularInline):
    model = Reorientation
    extra = 0


class WorkedDomainInline(ScopedAdminMixin, admin.TabularInline):
    model = WorkedDomain
    extra = 0


@admin.register(Accompaniment)
class AccompanimentAdmin(ScopedAdminMixin, ConcurrentModelAdmin):
    list_display = ("person", "kind", "dispositif", "referent", "start", "end", "end_reason")
    list_filter = ("dispositif", "kind", "end_reason")
    date_hierarchy = "start"
    raw_id_fields = ("person",)
    filter_horizontal = ("problematiques",)
    inlines = [CoAccompanimentInline, ReorientationInline, WorkedDomainInline]


@admin.register(CoAccompaniment)
class CoAccompanimentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("accompaniment", "kind", "partner")
    raw_id_fields = ("accompaniment",)


@admin.register(Reorientation)
class ReorientationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("accompaniment", "category", "partner", "partner_name")
    raw_id_fields = ("accompaniment",)


@admin.register(WorkedDomain)
class WorkedDomainAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "accompaniment", "domain", "educator")
    list_filter = ("domain",)
    raw_id_fields = ("accompaniment",)


class ActionSessionInline(ScopedAdminMixin, admin.TabularInline):
    model = ActionSession
    extra = 0


class HeadcountInline(ScopedAdminMixin, admin.TabularInline):
    model = Headcount
    extra = 0


@admin.register(CollectiveAction)
class CollectiveActionAdmin(ScopedAdminMixin, ConcurrentModelAdmin):
    list_display = ("title", "kind", "commune", "dispositif", "families")
    list_filter = ("dispositif", "kind", "commune")
    search_fields = ("title",)
    raw_id_fields = ("participants",)
    filter_horizontal = ("partners", "funders")
    inlines = [ActionSessionInline, HeadcountInline]


@admin.register(NetworkReception)
class NetworkReceptionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "network", "youths", "days", "hours", "dispositif")
    list_filter = ("dispositif", "network")


@admin.register(InstanceMeeting)
class InstanceMeetingAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "name", "instance", "dispositif")
    list_filter = ("dispositif", "instance")
