"""Log-in throttling on top of django-axes: a limit per user name + address (axes'
AXES_FAILURE_LIMIT) and a higher one per account across all addresses
(AXES_ACCOUNT_FAILURE_LIMIT), against password spraying from many addresses.

Axes counts every set in AXES_LOCKOUT_PARAMETERS but compares them all with one limit; the
handler below gives the account-wide set ("username" alone) its own limit. A lock ends after
the cool-off (AXES_COOLOFF_TIME, not renewed by tries during the lock), at once with a password
reset (teams/views/account.py), or when a coordinator or beheerder lifts it (lockout page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Count, Max, Sum
from django.shortcuts import render
from django.utils import timezone

ACCOUNT = "username"  # the lock-out parameter that counts one account across addresses


def account_failure_limit() -> int:
    return settings.AXES_ACCOUNT_FAILURE_LIMIT


class AccountLimitHandler(AxesDatabaseHandler):
    """Axes' database handler, with its own limit for the account-wide count."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        from axes.helpers import get_lockout_parameters

        limit = get_failure_limit(request, credentials)
        counts = []
        parameters = get_lockout_parameters(request, credentials)
        for parameter, attempts in zip(
            parameters, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter == ACCOUNT:
                # Past the account's own limit the account is locked: report the failure
                # limit; below it this count does not lock anything.
                if failures >= account_failure_limit():
                    return max(failures, limit)
                continue
            counts.append(failures)
        return max(counts, default=0)


def cool_off_threshold() -> datetime:
    return timezone.now() - get_cool_off()


def account_failures(username: str | None) -> int:
    """Failed log-ins for this user name from any address within the cool-off."""
    if not username:
        return 0
    recent = AccessAttempt.objects.filter(username=username, attempt_time__gte=cool_off_threshold())
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_response(request, original_response=None, credentials=None):
    """The Dutch lock-out page (429): whether the account or this address is locked, until
    when, and the way back (a reset mail)."""
    username = get_client_username(request, credentials)
    context = {
        "account_locked": account_failures(username) >= account_failure_limit(),
        "cool_off_minutes": int(get_cool_off(request).total_seconds() // 60),
    }
    return render(request, "registration/locked_out.html", context, status=429)


def unlock(username: str) -> int:
    """Lift every lock and count for this user name (axes' reset), e.g. after a reset."""
    return reset(username=username)


@dataclass(frozen=True)
class Lockout:
    username: str
    failures: int
    addresses: int
    last_attempt: datetime
    account_locked: bool
    person_name: str = ""


def current_lockouts() -> list[Lockout]:
    """User names that are locked now, per account or from one address: two queries."""
    from teams.models import User

    threshold = cool_off_threshold()
    limit = settings.AXES_FAILURE_LIMIT
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=threshold, username__isnull=False)
        .values("username")
        .annotate(
            failures=Sum("failures_since_start"),
            addresses=Count("ip_address", distinct=True),
            most_from_one=Max("failures_since_start"),
            last_attempt=Max("attempt_time"),
        )
        .order_by("-last_attempt")
    )
    locked = [
        row
        for row in rows
        if row["failures"] >= account_failure_limit() or row["most_from_one"] >= limit
    ]
    names = {}
    if locked:
        people = User.objects.filter(
            username__in=[row["username"] for row in locked], person__isnull=False
        ).values_list("username", "person__given_name", "person__family_name")
        names = {username: f"{given} {family}" for username, given, family in people}
    return [
        Lockout(
            username=row["username"],
            failures=row["failures"],
            addresses=row["addresses"],
            last_attempt=row["last_attempt"],
            account_locked=row["failures"] >= account_failure_limit(),
            person_name=names.get(row["username"], ""),
        )
        for row in locked
    ]


def locked_count() -> int:
    return len(current_lockouts())
