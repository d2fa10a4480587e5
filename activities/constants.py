"""Choices and limits of the activities app, in the users' Dutch words."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    """How an activity repeats (python-dateutil's rrule does the date arithmetic)."""

    ONCE = "eenmalig", _("Eenmalig")
    WEEKLY = "wekelijks", _("Elke week")
    FORTNIGHTLY = "tweewekelijks", _("Om de week")
    MONTHLY = "maandelijks", _("Elke maand op een vaste weekdag")


class NthWeekday(models.IntegerChoices):
    """For a monthly activity: which weekday of the month (the weekday of the first date)."""

    FIRST = 1, _("eerste")
    SECOND = 2, _("tweede")
    THIRD = 3, _("derde")
    FOURTH = 4, _("vierde")
    LAST = -1, _("laatste")


class MeetingStatus(models.TextChoices):
    PLANNED = "gepland", _("Gaat door")
    CANCELLED = "vervallen", _("Gaat niet door")


class GroupKind(models.TextChoices):
    INTERVISION = "intervisie", _("Intervisie")
    SUPERVISION = "supervisie", _("Supervisie")
    COACHING = "coaching", _("Coaching")


class Cadence(models.TextChoices):
    WEEKLY = "wekelijks", _("Elke week")
    FORTNIGHTLY = "tweewekelijks", _("Om de week")
    MONTHLY = "maandelijks", _("Elke maand")
    SIX_WEEKLY = "zeswekelijks", _("Elke zes weken")
    AS_NEEDED = "naar_behoefte", _("Naar behoefte")


# Group sizes of §3.2.3: intervision usually four to eight experts, supervision alone or in a
# group of at most four, coaching one to one. (smallest, largest) number of members.
GROUP_SIZES = {
    GroupKind.INTERVISION: (4, 8),
    GroupKind.SUPERVISION: (1, 4),
    GroupKind.COACHING: (1, 1),
}
# Kinds that count as "has intervision" for the embedding monitor.
INTERVISION_KINDS = (GroupKind.INTERVISION, GroupKind.SUPERVISION)

# Bounds of the anonymous headcount per meeting (first-time and returning visitors each).
HEADCOUNT_MAX = 500
# A recurrence must end: at most this long after its first date, and this many meetings.
MAX_RECURRENCE_DAYS = 3 * 366
MAX_MEETINGS = 200
