from concurrency.admin import ConcurrentModelAdmin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from rl_portal.admin_scoping import ScopedAdminMixin
from rl_portal.models import (
    CaseFile,
    Commune,
    Convention,
    Dispositif,
    Epci,
    Funder,
    Household,
    HouseholdMember,
    Partner,
    Person,
    Quartier,
    Service,
    StaffPosition,
    User,
)

__all__ = ["ScopedAdminMixin"]


@admin.register(User)
class UserAdmin(ScopedAdminMixin, BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Services et fonction", {"fields": ("services", "job_title")}),
    )
    filter_horizontal = ("groups", "user_permissions", "services")
    list_display = ("username", "first_name", "last_name", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups", "services")


@admin.register(Service)
class ServiceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(Dispositif)
class DispositifAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "code", "service", "is_active")
    list_filter = ("service", "is_active")


@admin.register(Epci)
class EpciAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("short_name", "name", "code")


@admin.register(Commune)
class CommuneAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "insee_code", "epci", "postcodes")
    list_filter = ("epci",)
    search_fields = ("name", "insee_code")


@admin.register(Quartier)
class QuartierAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "commune", "is_qpv")
    list_filter = ("is_qpv", "commune__epci", "commune")
    search_fields = ("name", "commune__name")


@admin.register(Partner)
class PartnerAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "field", "commune", "is_active")
    list_filter = ("kind", "field", "is_active")
    search_fields = ("name",)


@admin.register(Funder)
class FunderAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Convention)
class ConventionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "funder", "dispositif", "epci", "start", "end", "capacity", "amount")
    list_filter = ("dispositif__service", "dispositif", "funder", "is_call_for_projects")
    date_hierarchy = "start"
    search_fields = ("title", "funder__name")


@admin.register(StaffPosition)
class StaffPositionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "category", "service", "etp", "start", "end")
    list_filter = ("category", "service")


class CaseFileInline(ScopedAdminMixin, admin.TabularInline):
    model = CaseFile
    extra = 0
    fields = ("service", "opened_on", "opened_by")
    readonly_fields = ("opened_by",)


@admin.register(Person)
class PersonAdmin(ScopedAdminMixin, ConcurrentModelAdmin):
    list_display = ("pseudonym", "sex", "birth_year", "commune", "created_at")
    list_filter = ("sex", "case_files__service", "commune__epci")
    search_fields = ("pseudonym", "last_name")
    list_select_related = ("commune",)
    inlines = [CaseFileInline]
    readonly_fields = ("created_at", "updated_at", "anonymised_at")

    def has_delete_permission(self, request, obj=None):
        # A person's history is never deleted outright: anonymisation is the way (RGPD).
        return False


@admin.register(CaseFile)
class CaseFileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "service", "opened_on")
    list_filter = ("service",)
    autocomplete_fields = ("person",)

    def has_delete_permission(self, request, obj=None):
        return False


class HouseholdMemberInline(ScopedAdminMixin, admin.TabularInline):
    model = HouseholdMember
    extra = 0
    raw_id_fields = ("person",)


@admin.register(Household)
class HouseholdAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("label", "composition", "monthly_resources", "main_resource_type", "commune")
    list_filter = ("composition", "main_resource_type")
    inlines = [HouseholdMemberInline]


@admin.register(HouseholdMember)
class HouseholdMemberAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("household", "person", "role")
    raw_id_fields = ("person", "household")
