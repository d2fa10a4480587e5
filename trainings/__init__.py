"""Curriculum templates, training and workshop runs, tick-off, attendance. Depends on teams only."""
