"""Views of the plans app."""

from .actions import ActionListView
from .output import PlanPdfView, PlanPrintView
from .plans import PlanCreateView, PlanDetailView, PlanListView, SectionEditView
from .workflow import PlanChangesView, PlanTransitionView

__all__ = [
    "ActionListView",
    "PlanChangesView",
    "PlanCreateView",
    "PlanDetailView",
    "PlanListView",
    "PlanPdfView",
    "PlanPrintView",
    "PlanTransitionView",
    "SectionEditView",
]
