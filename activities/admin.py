"""Admin of the activities app. Beheerders extend the kinds of activity and the intervision
themes here. Intervision groups show as counts only: who attended and which themes came up is
for the group's members and facilitators, not for the admin."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, ActivityKind, IntervisionGroup, IntervisionTheme, Meeting


@admin.register(ActivityKind)
class ActivityKindAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(IntervisionTheme)
class IntervisionThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]


class MeetingInline(admin.TabularInline):
    model = Meeting
    extra = 0
    fields = ["planned_on", "date", "start_time", "end_time", "status", "note"]
    readonly_fields = ["planned_on"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "location", "frequency", "starts_on", "ends_on"]
    list_filter = ["kind", "location", "frequency"]
    search_fields = ["title"]
    filter_horizontal = ["leaders", "organisations"]
    inlines = [MeetingInline]


@admin.register(IntervisionGroup)
class IntervisionGroupAdmin(admin.ModelAdmin):
    """Aggregates only: the kind, the place and how many take part and met."""

    list_display = ["name", "kind", "location", "cadence", "member_count", "meeting_count"]
    list_filter = ["kind", "location"]
    fields = ["location", "kind", "name", "cadence", "place", "starts_on", "ends_on"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_members=Count("members", distinct=True),
                n_meetings=Count("meetings", distinct=True),
            )
        )

    @admin.display(description=_("deelnemers"), ordering="n_members")
    def member_count(self, obj):
        return obj.n_members

    @admin.display(description=_("bijeenkomsten"), ordering="n_meetings")
    def meeting_count(self, obj):
        return obj.n_meetings
