from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plan van aanpak")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from plans.models import Action, Goal, PlanOfApproach

        auditlog.register(
            PlanOfApproach,
            exclude_fields=["revision", "updated_at", "updated_by"],
            m2m_fields={"neighbourhoods", "recovery_organisations", "neighbourhood_teams"},
        )
        auditlog.register(Goal)
        auditlog.register(Action, m2m_fields={"owner_people", "owner_organisations"})
