"""Registers the trainings models with personal data with django-auditlog (changes and reads):
who takes part, their attendance and their evaluations."""

from auditlog.registry import auditlog

from trainings.models import Attendance, Evaluation, Participant

auditlog.register(Participant)
auditlog.register(Attendance, exclude_fields=["version"])
auditlog.register(Evaluation)
