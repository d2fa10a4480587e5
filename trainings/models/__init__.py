"""Models of the trainings app."""

from .curriculum import BlockOption, Curriculum, CurriculumBlock, CurriculumPart

__all__ = ["BlockOption", "Curriculum", "CurriculumBlock", "CurriculumPart"]
