from django.contrib import admin

from embedding.models import Adoption, Checklist, ChecklistItem, Condition, ConditionChange


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(Checklist)
class ChecklistAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "is_current"]
    inlines = [ChecklistItemInline]


@admin.register(Adoption)
class AdoptionAdmin(admin.ModelAdmin):
    list_display = ["location", "checklist", "adopted_on", "review_every_months"]


class ConditionChangeInline(admin.TabularInline):
    model = ConditionChange
    extra = 0
    readonly_fields = ["at", "actor", "automatic", "changes", "status_after"]
    can_delete = False


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["title", "location", "phase", "status", "next_review_on"]
    list_filter = ["phase", "status", "location"]
    search_fields = ["title"]
    inlines = [ConditionChangeInline]
    raw_id_fields = ["owner"]
