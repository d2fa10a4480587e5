"""Models of the plans app."""

from .goals import Action, Goal
from .plan import PlanOfApproach, PlanSnapshot, PlanTransition

__all__ = ["Action", "Goal", "PlanOfApproach", "PlanSnapshot", "PlanTransition"]
