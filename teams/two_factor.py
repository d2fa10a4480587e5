"""Two-factor log-in with django-otp: an authenticator app (TOTP) plus ten backup codes.

What is here: making and confirming a user's devices, checking a code, and the QR code. Who
must use it is a rule in teams/access.py (`requires_two_factor`); the middleware
(teams/middleware.py) sends a user who still has to set it up or enter a code to the pages in
teams/views/two_factor.py.
"""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE = "app"
BACKUP_DEVICE = "back-upcodes"
BACKUP_CODES = 10


SESSION_KEY = "wijkkracht_two_factor_on"


def is_enabled(user: Any) -> bool:
    """The user has a confirmed device: from now on every log-in asks for a code."""
    return user_has_device(user, confirmed=True)


def remember_on_log_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """At log-in, note in the session whether this user has two-factor log-in on: the pages
    after it then need no query to know (user_logged_in receiver, see teams/apps.py)."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_KEY] = is_enabled(user)


def enabled_for_session(request: HttpRequest) -> bool:
    """`is_enabled`, looked up once per session (the pages that change it update the flag)."""
    value = request.session.get(SESSION_KEY)
    if value is None:
        value = is_enabled(request.user)
        request.session[SESSION_KEY] = value
    return value


def pending_app_device(user: Any) -> TOTPDevice:
    """The unconfirmed authenticator device being set up (made once, kept until confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE, confirmed=False)


def secret_for_display(device: TOTPDevice) -> str:
    """The key to type in by hand, in groups of four: what the QR code holds."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG (no image request, no script: CSP stays strict)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@transaction.atomic
def confirm_app_device(request: HttpRequest, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the device with a first code; returns the new backup codes (None: refused).

    Refused when the user has a confirmed device already: enrolling over it would remove the
    user's device and backup codes, so only `replace_devices` (password plus a current code)
    clears the way. Switching it on ends every other session of the user: one that logged in
    before without a code must not stay in."""
    from teams.sessions import end_other_sessions

    device = TOTPDevice.objects.select_for_update().filter(pk=device.pk).first()
    if device is None or device.confirmed:
        return None
    if TOTPDevice.objects.filter(user=device.user, confirmed=True).exists():
        return None
    if not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_backup_codes(device.user)
    otp_login(request, device)
    request.session[SESSION_KEY] = True
    end_other_sessions(device.user, keep=request.session.session_key)
    return codes


@transaction.atomic
def new_backup_codes(user: Any) -> list[str]:
    """Ten fresh single-use codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@dataclass(frozen=True)
class Check:
    """The outcome of a code: the device that took it, or why none did (in Dutch)."""

    device: Any = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.device is not None


def _just_used(device: TOTPDevice, token: str) -> bool:
    """The code is the one this app device accepted last (a code works once)."""
    if device.last_t < 0 or not token.isdigit():
        return False
    last = TOTP(device.bin_key, device.step, device.t0, device.digits, drift=0)
    last.time = device.t0 + device.last_t * device.step  # the step of the last accepted code
    return last.token() == int(token)


def check_code(user: Any, token: str) -> Check:
    """Check a code from the app or a backup code against the user's confirmed devices; a
    code is accepted once. The app device accepts the code of this 30-second step and of the
    one before and after (django-otp's tolerance of one step: a phone clock up to about 30 s
    off), and follows a phone that drifts (OTP_TOTP_SYNC). After a wrong code each device
    makes the next try wait longer (django-otp's throttling): the answer then says how long,
    instead of calling a right code wrong."""
    token = "".join(token.split())
    devices = list(devices_for_user(user, confirmed=True))
    waits = []
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if not allowed:
            locked_until = (details or {}).get("locked_until")
            if locked_until is not None:
                waits.append(max(1, int((locked_until - timezone.now()).total_seconds()) + 1))
            continue
        if device.verify_token(token):
            return Check(device=device)
    for device in devices:
        if isinstance(device, TOTPDevice) and _just_used(device, token):
            return Check(
                reason=_("Deze code is net al gebruikt. Wacht op de volgende code in uw app.")
            )
    if waits and len(waits) == len(devices):
        return Check(
            reason=_("Te veel pogingen. Wacht %(seconds)d seconden en probeer het dan opnieuw.")
            % {"seconds": min(waits)}
        )
    return Check(
        reason=_(
            "Deze code klopt niet, is verlopen of is al gebruikt. "
            "Wacht op een nieuwe code in uw app en probeer het opnieuw."
        )
    )


def verify(request: HttpRequest, token: str) -> Check:
    """Check a code; on success the session is verified."""
    result = check_code(request.user, token)
    if result.ok:
        otp_login(request, result.device)
    return result


@transaction.atomic
def remove_devices(request: HttpRequest) -> None:
    """Remove the app device and the backup codes (switch off, or make way for a new phone).
    The caller has checked the password and a current code; every other session ends."""
    from teams.sessions import end_other_sessions

    TOTPDevice.objects.filter(user=request.user).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    request.session[SESSION_KEY] = False
    end_other_sessions(request.user, keep=request.session.session_key)


def disable(request: HttpRequest) -> None:
    remove_devices(request)
