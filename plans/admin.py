"""Django admin for plans (beheerders)."""

from django.contrib import admin

from plans.models import Action, Goal, PlanOfApproach, PlanSnapshot, PlanTransition


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0
    fields = ["table", "position", "text"]


class TransitionInline(admin.TabularInline):
    model = PlanTransition
    extra = 0
    readonly_fields = ["kind", "from_status", "to_status", "remark", "actor", "created_at"]
    can_delete = False


@admin.register(PlanOfApproach)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["location", "starts_on", "ends_on", "status", "updated_at"]
    list_filter = ["status", "location"]
    list_select_related = ["location"]
    inlines = [GoalInline, TransitionInline]
    filter_horizontal = ["neighbourhoods", "recovery_organisations", "neighbourhood_teams"]
    readonly_fields = ["revision", "updated_by"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["description", "goal", "status", "due_on"]
    list_filter = ["status"]
    list_select_related = ["goal"]
    filter_horizontal = ["owner_people", "owner_organisations"]


admin.site.register(PlanSnapshot)
