"""Django admin for the curriculum templates (beheerders edit them here)."""

from django.contrib import admin

from trainings.models import BlockOption, Curriculum, CurriculumBlock, CurriculumPart


class PartInline(admin.TabularInline):
    model = CurriculumPart
    extra = 0
    show_change_link = True


@admin.register(Curriculum)
class CurriculumAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "version", "is_current"]
    list_filter = ["kind", "is_current"]
    inlines = [PartInline]


class BlockInline(admin.StackedInline):
    model = CurriculumBlock
    extra = 0
    show_change_link = True


@admin.register(CurriculumPart)
class CurriculumPartAdmin(admin.ModelAdmin):
    list_display = ["__str__", "curriculum"]
    list_select_related = ["curriculum"]
    inlines = [BlockInline]


class OptionInline(admin.TabularInline):
    model = BlockOption
    extra = 0


@admin.register(CurriculumBlock)
class CurriculumBlockAdmin(admin.ModelAdmin):
    list_display = ["title", "part", "position", "minutes", "kind", "is_regional"]
    list_filter = ["kind", "part__curriculum"]
    list_select_related = ["part", "part__curriculum"]
    inlines = [OptionInline]
