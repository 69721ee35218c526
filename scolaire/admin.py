from django.contrib import admin

from rl_portal.admin import ScopedAdminMixin
from scolaire.models import Attendance, Enrolment, Programme, Referral, Session


@admin.register(Programme)
class ProgrammeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "kind", "commune", "public", "school_year", "is_active")
    list_filter = ("kind", "public", "school_year")
    filter_horizontal = ("funders",)


@admin.register(Enrolment)
class EnrolmentAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("child", "programme", "level", "start", "end")
    list_filter = ("programme__school_year", "level")
    raw_id_fields = ("child", "household")


class AttendanceInline(ScopedAdminMixin, admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ("enrolment",)


@admin.register(Session)
class SessionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("programme", "date", "start_time", "end_time", "staff")
    list_filter = ("programme",)
    date_hierarchy = "date"
    inlines = [AttendanceInline]


@admin.register(Attendance)
class AttendanceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("session", "enrolment", "status")
    raw_id_fields = ("session", "enrolment")


@admin.register(Referral)
class ReferralAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("child", "date", "status", "sent_by", "decided_by")
    list_filter = ("status",)
    raw_id_fields = ("child",)
