"""Django admin for beheerders."""

from auditlog.signals import accessed
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from teams.models import (
    ExperienceTheme,
    ExpertProfile,
    Invitation,
    Location,
    Membership,
    Neighbourhood,
    Organisation,
    Partnership,
    Person,
    ProjectTeam,
    ProjectTeamMember,
    SocialWorkerProfile,
    Talent,
    User,
)


class AccessLoggedAdmin(admin.ModelAdmin):
    """Opening a record with personal data in the admin writes an access entry to the audit log."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            accessed.send(sender=obj.__class__, instance=obj)
        return obj


@admin.register(User)
class UserAdmin(AccessLoggedAdmin, DjangoUserAdmin):
    list_display = ["username", "email", "is_active", "is_staff", "is_superuser", "last_login"]
    fieldsets = (*DjangoUserAdmin.fieldsets, (_("Voorkeuren"), {"fields": ["language"]}))


class NeighbourhoodInline(admin.TabularInline):
    model = Neighbourhood
    extra = 0


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["name", "city"]
    inlines = [NeighbourhoodInline, PartnershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city"]
    list_filter = ["kind"]
    search_fields = ["name", "city"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["location", "organisation"]


@admin.register(Person)
class PersonAdmin(AccessLoggedAdmin):
    list_display = ["family_name", "given_name", "email", "user"]
    search_fields = ["given_name", "family_name", "email"]
    autocomplete_fields = ["user"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(AccessLoggedAdmin):
    list_display = ["person", "role", "location", "organisation", "starts_on", "ends_on"]
    list_filter = ["role", "location"]
    search_fields = ["person__given_name", "person__family_name"]
    autocomplete_fields = ["person", "location", "organisation"]
    list_select_related = ["person", "location", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(AccessLoggedAdmin):
    """Read only: invitations are made, resent and revoked on the location's page."""

    list_display = ["email", "role", "location", "sent_at", "expires_at", "accepted_at"]
    list_filter = ["role", "location"]
    search_fields = ["email", "given_name", "family_name"]
    list_select_related = ["location"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ExpertProfile)
class ExpertProfileAdmin(AccessLoggedAdmin):
    list_display = ["person", "employment", "position", "availability", "in_pool"]
    list_filter = ["employment", "position", "availability", "in_pool", "themes"]
    filter_horizontal = ["themes", "talents"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


@admin.register(SocialWorkerProfile)
class SocialWorkerProfileAdmin(AccessLoggedAdmin):
    list_display = ["person", "discipline", "team_name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person"]


class ProjectTeamMemberInline(admin.TabularInline):
    model = ProjectTeamMember
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(ProjectTeam)
class ProjectTeamAdmin(admin.ModelAdmin):
    list_display = ["location", "meeting_frequency"]
    inlines = [ProjectTeamMemberInline]


admin.site.register(ExperienceTheme)
admin.site.register(Talent)
admin.site.site_header = _("Wijkkracht beheer")
admin.site.site_title = _("Wijkkracht beheer")
