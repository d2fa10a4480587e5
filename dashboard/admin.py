"""The summaries in the admin: read only (they are recomputed, never edited)."""

from django.contrib import admin

from .models import LocationDueDay, LocationMonthSummary, LocationSummary


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LocationSummary)
class LocationSummaryAdmin(ReadOnlyAdmin):
    list_display = ["location", "plan_status", "plan_percent", "sessions_held", "updated_at"]
    list_select_related = ["location"]


@admin.register(LocationMonthSummary)
class LocationMonthSummaryAdmin(ReadOnlyAdmin):
    list_display = ["location", "month", "new_trajectories", "contacts", "sessions_held"]
    list_select_related = ["location"]


@admin.register(LocationDueDay)
class LocationDueDayAdmin(ReadOnlyAdmin):
    list_display = ["location", "due_on", "open_actions"]
    list_select_related = ["location"]
