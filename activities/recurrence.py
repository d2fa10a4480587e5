"""When an activity meets: python-dateutil's rrule over its first date, frequency and end.

A recurrence must end (`ends_on` is required and at most MAX_RECURRENCE_DAYS after the first
date), so a series can always be generated in full. Exceptions are dates left out (exdate).
"""

from __future__ import annotations

import datetime
from typing import Any

from dateutil import rrule
from django.utils.translation import gettext as _

from activities.constants import MAX_MEETINGS, MAX_RECURRENCE_DAYS, Frequency

_WEEKDAYS = (rrule.MO, rrule.TU, rrule.WE, rrule.TH, rrule.FR, rrule.SA, rrule.SU)


def rule_for(activity: Any) -> rrule.rruleset:
    """The rruleset of the activity (dates at midnight; the times are on the activity)."""
    start = datetime.datetime.combine(activity.starts_on, datetime.time.min)
    until = datetime.datetime.combine(activity.ends_on, datetime.time.min)
    frequency = activity.frequency
    if frequency == Frequency.ONCE:
        rule = rrule.rrule(rrule.DAILY, dtstart=start, count=1)
    elif frequency == Frequency.WEEKLY:
        rule = rrule.rrule(rrule.WEEKLY, dtstart=start, until=until)
    elif frequency == Frequency.FORTNIGHTLY:
        rule = rrule.rrule(rrule.WEEKLY, interval=2, dtstart=start, until=until)
    else:
        weekday = _WEEKDAYS[activity.starts_on.weekday()](activity.nth_weekday or 1)
        rule = rrule.rrule(rrule.MONTHLY, byweekday=weekday, dtstart=start, until=until)
    rules = rrule.rruleset()
    rules.rrule(rule)
    for day in activity.exception_dates:
        rules.exdate(datetime.datetime.combine(day, datetime.time.min))
    return rules


def dates_of(activity: Any) -> list[datetime.date]:
    """Every date the recurrence gives (at most MAX_MEETINGS + 1, so a caller can tell)."""
    found = []
    for moment in rule_for(activity):
        found.append(moment.date())
        if len(found) > MAX_MEETINGS:
            break
    return found


def nth_of(day: datetime.date) -> int:
    """Which weekday of its month `day` is: 1..4, or -1 when it is the last (the 5th)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth > 4 else nth


def problems(activity: Any) -> dict[str, str]:
    """What is wrong with the activity's recurrence, per field, in plain Dutch."""
    errors: dict[str, str] = {}
    starts_on, ends_on = activity.starts_on, activity.ends_on
    if activity.start_time and activity.end_time and activity.end_time <= activity.start_time:
        errors["end_time"] = _("De eindtijd ligt vóór of op de begintijd.")
    if starts_on is None:
        return errors
    if ends_on is None:
        errors["ends_on"] = _(
            "Kies een laatste datum: een reeks die nooit stopt kunnen we niet plannen. "
            "U kunt hem later verlengen."
        )
        return errors
    if ends_on < starts_on:
        errors["ends_on"] = _("De laatste datum ligt vóór de eerste bijeenkomst.")
        return errors
    if (ends_on - starts_on).days > MAX_RECURRENCE_DAYS:
        errors["ends_on"] = _(
            "Een reeks duurt hoogstens drie jaar. Kies een eerdere laatste datum; u kunt hem "
            "later verlengen."
        )
        return errors
    if activity.frequency == Frequency.MONTHLY:
        nth = activity.nth_weekday
        if nth is None:
            errors["nth_weekday"] = _("Kies welke week van de maand, bijvoorbeeld de eerste.")
        elif nth != -1 and nth_of(starts_on) != nth:
            errors["nth_weekday"] = _(
                "De eerste bijeenkomst valt niet in die week van de maand. Kies een eerste "
                "datum die past, of een andere week."
            )
        elif nth == -1 and (starts_on + datetime.timedelta(days=7)).month == starts_on.month:
            errors["nth_weekday"] = _(
                "De eerste bijeenkomst is niet de laatste van die weekdag in de maand."
            )
    for value in activity.exceptions or []:
        try:
            day = datetime.date.fromisoformat(str(value))
        except ValueError:
            errors["exceptions"] = _("Een uitzondering is geen geldige datum.")
            break
        if not starts_on <= day <= ends_on:
            errors["exceptions"] = _(
                "Een uitzondering ligt buiten de reeks (tussen de eerste en de laatste datum)."
            )
            break
    if not errors and len(dates_of(activity)) > MAX_MEETINGS:
        errors["ends_on"] = _(
            "Zo worden het meer dan %(max)s bijeenkomsten. Kies een eerdere laatste datum."
        ) % {"max": MAX_MEETINGS}
    return errors
