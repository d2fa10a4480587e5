"""Models of the embedding app (borging)."""

from .checklist import Checklist, ChecklistItem
from .conditions import Adoption, Condition, ConditionChange

__all__ = ["Adoption", "Checklist", "ChecklistItem", "Condition", "ConditionChange"]
