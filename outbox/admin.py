from django.contrib import admin

from outbox.models import OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Delivery state only: the content of a mail (a reset link, names) is not shown."""

    list_display = ["pk", "created_at", "status", "recipients", "attempts", "sent_at", "last_error"]
    list_filter = ["status"]
    fields = ["created_at", "status", "recipients", "attempts", "sent_at", "last_error"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
