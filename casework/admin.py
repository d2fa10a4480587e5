"""Django admin for beheerders: no case content, ever.

A beheerder sees that a resident exists (number, location, date) and can open one file for an
hour with a stated reason (break-glass, logged); they never see a name, contact detail or note
here. So:
- residents: a list of numbers with a link to break-glass; no detail, change or delete page
  (`Resident.__str__` is the name, and the admin prints it in titles, breadcrumbs and logs);
  erasure goes through `services.resident_erase`, which keeps the anonymous tallies;
- consents, trajectories and contacts are not registered: even without their encrypted fields
  they tell about one resident's life (purposes, dates, who helps them);
- tallies, the casework audit trail and break-glass accesses: read only;
- the agreement on urgent situations holds no personal data: beheerders may keep it.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from casework.models import (
    AnonymousTally,
    BreakGlassAccess,
    CaseAuditEvent,
    Resident,
    UrgentAgreement,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Look, never touch: what is recorded here is evidence (audit) or statistics (tallies)."""

    actions = None

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Resident)
class ResidentAdmin(ReadOnlyAdmin):
    """Numbers only, and the way to break-glass."""

    list_display = ["number", "location", "created_on", "break_glass_link"]
    list_display_links = None
    list_filter = ["location"]
    list_select_related = ["location"]
    ordering = ["-created_at"]
    show_full_result_count = False

    def get_urls(self):
        # The list alone: no detail, history or delete pages that would print the name.
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "",
                self.admin_site.admin_view(self.changelist_view),
                name="{}_{}_changelist".format(*info),
            )
        ]

    def get_queryset(self, request):
        # The encrypted columns are never read (nor decrypted) for this list.
        return super().get_queryset(request).only("pk", "location", "created_at")

    @admin.display(description=_("nummer"), ordering="pk")
    def number(self, obj: Resident) -> int:
        return obj.pk

    @admin.display(description=_("aangemaakt op"), ordering="created_at")
    def created_on(self, obj: Resident):
        return obj.created_at.date()

    @admin.display(description=_("noodtoegang"))
    def break_glass_link(self, obj: Resident) -> str:
        return format_html(
            '<a href="{}">{}</a>', reverse("casework:break_glass", args=[obj.pk]), _("Noodtoegang")
        )


@admin.register(AnonymousTally)
class AnonymousTallyAdmin(ReadOnlyAdmin):
    list_display = [
        "location",
        "month",
        "form",
        "contact_kind",
        "source",
        "contacts",
        "trajectories",
    ]
    list_filter = ["source", "location", "form"]
    list_select_related = ["location"]
    date_hierarchy = "month"


@admin.register(CaseAuditEvent)
class CaseAuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "action", "resident_id", "location", "actor", "subject", "reason"]
    list_filter = ["action", "location"]
    list_select_related = ["location", "actor"]
    search_fields = ["=resident_id"]
    date_hierarchy = "at"
    fields = ["at", "action", "resident_id", "location", "actor", "subject", "fields", "reason"]
    readonly_fields = fields


@admin.register(BreakGlassAccess)
class BreakGlassAccessAdmin(ReadOnlyAdmin):
    list_display = ["started_at", "user", "resident_number", "reason", "expires_at"]
    list_select_related = ["user"]
    date_hierarchy = "started_at"
    fields = ["started_at", "user", "resident_number", "reason", "expires_at"]
    readonly_fields = fields

    @admin.display(description=_("bewoner (nummer)"), ordering="resident_id")
    def resident_number(self, obj: BreakGlassAccess) -> int:
        return obj.resident_id  # never the resident itself: its str() is the name


@admin.register(UrgentAgreement)
class UrgentAgreementAdmin(admin.ModelAdmin):
    list_display = ["location", "crisis_phone", "updated_at", "updated_by"]
    list_select_related = ["location", "updated_by"]
    fields = ["location", "text", "crisis_phone", "updated_by", "updated_at"]
    readonly_fields = ["updated_by", "updated_at"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
