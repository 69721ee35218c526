from django.contrib import admin

from reporting.models import AssociationProfile, Commentary
from rl_portal.admin_scoping import ScopedAdminMixin


@admin.register(AssociationProfile)
class AssociationProfileAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("name", "director", "updated_at")

    def has_add_permission(self, request):
        # One identity sheet for the association.
        return not AssociationProfile.objects.exists() and super().has_add_permission(request)


@admin.register(Commentary)
class CommentaryAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Versions are written from the report pages; here they are read only."""

    list_display = ("report", "section", "period_start", "version", "author", "created_at")
    list_filter = ("report", "section")
    readonly_fields = [f.name for f in Commentary._meta.fields]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
