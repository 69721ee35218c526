from django.contrib import admin

from habitat.models import (
    CllajApplication,
    CllajFile,
    CllajInterview,
    CllajOrientation,
    HomeVisit,
    HousingEvent,
    HousingRequest,
    HousingUnit,
    MeetingPlace,
    MonthlyRent,
    Stay,
    SupportMeasure,
    UnitUnavailability,
)
from rl_portal.admin import ScopedAdminMixin


class UnavailabilityInline(ScopedAdminMixin, admin.TabularInline):
    model = UnitUnavailability
    extra = 0


@admin.register(HousingUnit)
class HousingUnitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = (
        "label",
        "commune",
        "typology",
        "landlord",
        "dispositif",
        "places",
        "lease_start",
        "lease_end",
    )
    list_filter = ("dispositif", "typology", "commune")
    search_fields = ("label", "address")
    inlines = [UnavailabilityInline]


@admin.register(MeetingPlace)
class MeetingPlaceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "commune", "is_active")


@admin.register(HousingRequest)
class HousingRequestAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "person", "dispositif", "orienteur_kind", "decision")
    list_filter = ("dispositif", "decision")
    raw_id_fields = ("person", "household")


class RentInline(ScopedAdminMixin, admin.TabularInline):
    model = MonthlyRent
    extra = 0


@admin.register(Stay)
class StayAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "unit", "place", "entry", "exit", "exit_reason")
    list_filter = ("unit__dispositif", "exit_reason")
    raw_id_fields = ("person", "household")
    inlines = [RentInline]


@admin.register(MonthlyRent)
class MonthlyRentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("stay", "month", "due", "paid")
    raw_id_fields = ("stay",)


class InterviewInline(ScopedAdminMixin, admin.TabularInline):
    model = CllajInterview
    extra = 0


class ApplicationInline(ScopedAdminMixin, admin.TabularInline):
    model = CllajApplication
    extra = 0


class OrientationInline(ScopedAdminMixin, admin.TabularInline):
    model = CllajOrientation
    extra = 0


@admin.register(CllajFile)
class CllajFileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "person", "dispositif", "kind", "orienteur_kind", "outcome")
    list_filter = ("dispositif", "kind", "is_qpv", "mission_locale")
    raw_id_fields = ("person",)
    inlines = [InterviewInline, ApplicationInline, OrientationInline]


@admin.register(CllajInterview)
class CllajInterviewAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "cllaj_file", "mode", "place")
    raw_id_fields = ("cllaj_file",)


@admin.register(CllajApplication)
class CllajApplicationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("cllaj_file", "kind", "date")
    raw_id_fields = ("cllaj_file",)


@admin.register(CllajOrientation)
class CllajOrientationAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("cllaj_file", "target", "date")
    raw_id_fields = ("cllaj_file",)


@admin.register(HousingEvent)
class HousingEventAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("date", "title", "kind", "headcount", "qpv_headcount")
    list_filter = ("kind",)
    raw_id_fields = ("participants",)


class VisitInline(ScopedAdminMixin, admin.TabularInline):
    model = HomeVisit
    extra = 0


@admin.register(SupportMeasure)
class SupportMeasureAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "dispositif", "epci", "kind", "weight", "start", "end", "end_reason")
    list_filter = ("dispositif", "epci", "kind", "end_reason")
    raw_id_fields = ("person", "household")
    inlines = [VisitInline]


@admin.register(HomeVisit)
class HomeVisitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("measure", "date")
    raw_id_fields = ("measure",)
