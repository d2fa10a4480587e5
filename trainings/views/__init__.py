"""Views of the trainings app, one module per part of the work."""
