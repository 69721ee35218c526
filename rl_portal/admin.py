from concurrency.admin import ConcurrentModelAdmin
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from rl_portal.audit import Channel, log_person_access
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


class ScopedAdminMixin:
    """Personal data in the admin goes through the same visible_to(user) as everywhere."""

    def get_queryset(self, request):
        return self.model.objects.visible_to(request.user)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Services et fonction", {"fields": ("services", "job_title")}),
    )
    filter_horizontal = ("groups", "user_permissions", "services")
    list_display = ("username", "first_name", "last_name", "is_active", "is_staff")
    list_filter = ("is_active", "is_staff", "groups", "services")


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "code")


@admin.register(Dispositif)
class DispositifAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "service", "is_active")
    list_filter = ("service", "is_active")


@admin.register(Epci)
class EpciAdmin(admin.ModelAdmin):
    list_display = ("short_name", "name", "code")


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ("name", "insee_code", "epci", "postcodes")
    list_filter = ("epci",)
    search_fields = ("name", "insee_code")


@admin.register(Quartier)
class QuartierAdmin(admin.ModelAdmin):
    list_display = ("name", "commune", "is_qpv")
    list_filter = ("is_qpv", "commune__epci", "commune")
    search_fields = ("name", "commune__name")


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "field", "commune", "is_active")
    list_filter = ("kind", "field", "is_active")
    search_fields = ("name",)


@admin.register(Funder)
class FunderAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Convention)
class ConventionAdmin(admin.ModelAdmin):
    list_display = ("title", "funder", "dispositif", "epci", "start", "end", "capacity", "amount")
    list_filter = ("dispositif__service", "dispositif", "funder", "is_call_for_projects")
    date_hierarchy = "start"
    search_fields = ("title", "funder__name")


@admin.register(StaffPosition)
class StaffPositionAdmin(admin.ModelAdmin):
    list_display = ("title", "category", "service", "etp", "start", "end")
    list_filter = ("category", "service")


class CaseFileInline(admin.TabularInline):
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", 200) == 200:
            person = self.get_object(request, object_id)
            if person is not None:
                log_person_access(
                    actor=request.user, persons=person, channel=Channel.ADMIN, request=request
                )
        return response

    def has_delete_permission(self, request, obj=None):
        # A person's history is never deleted outright: anonymisation is the way (RGPD).
        return False


@admin.register(CaseFile)
class CaseFileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("person", "service", "opened_on")
    list_filter = ("service",)
    raw_id_fields = ("person",)

    def has_delete_permission(self, request, obj=None):
        return False


class HouseholdMemberInline(admin.TabularInline):
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
