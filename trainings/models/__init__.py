"""Models of the trainings app."""

from .curriculum import BlockOption, Curriculum, CurriculumBlock, CurriculumPart
from .runs import Attendance, Evaluation, Participant, RunBlock, Session, Tick, TrainingRun

__all__ = [
    "Attendance",
    "BlockOption",
    "Curriculum",
    "CurriculumBlock",
    "CurriculumPart",
    "Evaluation",
    "Participant",
    "RunBlock",
    "Session",
    "Tick",
    "TrainingRun",
]
