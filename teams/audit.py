"""Registers the models holding personal data with django-auditlog (changes and reads)."""

from auditlog.registry import auditlog

from teams.models import (
    ExpertProfile,
    Invitation,
    Membership,
    Person,
    ProjectTeamMember,
    SocialWorkerProfile,
    User,
)

auditlog.register(Person)
auditlog.register(Invitation, exclude_fields=["token_hash"])
auditlog.register(Membership)
auditlog.register(ExpertProfile, m2m_fields={"themes", "talents"})
auditlog.register(SocialWorkerProfile)
auditlog.register(ProjectTeamMember)
auditlog.register(User, exclude_fields=["password", "last_login"])
