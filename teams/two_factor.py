"""Two-factor log-in with django-otp: an authenticator app (TOTP) plus ten backup codes.

What is here: making and confirming a user's devices, checking a code, and the QR code. Who
must use it is a rule in teams/access.py (`requires_two_factor`); the middleware
(teams/middleware.py) sends a user who still has to set it up or enter a code to the pages in
teams/views/two_factor.py.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
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
    """Confirm the device with a first code; returns the new backup codes (None: wrong code)."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_backup_codes(device.user)
    otp_login(request, device)
    request.session[SESSION_KEY] = True
    return codes


@transaction.atomic
def new_backup_codes(user: Any) -> list[str]:
    """Ten fresh single-use codes; the old ones stop working."""
    device, _created = StaticDevice.objects.get_or_create(user=user, name=BACKUP_DEVICE)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request: HttpRequest, token: str) -> bool:
    """Check a code from the app or a backup code (used once); on success the session is
    verified. django-otp throttles repeated failures per device."""
    device = match_token(request.user, token.replace(" ", "").strip())
    if device is None:
        return False
    otp_login(request, device)
    return True


@transaction.atomic
def disable(request: HttpRequest) -> None:
    TOTPDevice.objects.filter(user=request.user).delete()
    StaticDevice.objects.filter(user=request.user).delete()
    request.session[SESSION_KEY] = False
