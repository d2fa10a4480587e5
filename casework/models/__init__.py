"""Models of the casework app."""

from .cases import Consent, Contact, Resident, Trajectory
from .records import AnonymousTally, BreakGlassAccess, CaseAuditEvent, UrgentAgreement

__all__ = [
    "AnonymousTally",
    "BreakGlassAccess",
    "CaseAuditEvent",
    "Consent",
    "Contact",
    "Resident",
    "Trajectory",
    "UrgentAgreement",
]
