"""Password change and reset, as Django's views, but a new password ends the user's other
sessions: whoever had a session (a stolen cookie, a forgotten tablet) is out at once. A reset
also lifts a lock-out of the account (teams/throttling.py)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views

from teams.sessions import end_other_sessions
from teams.throttling import unlock


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)  # keeps this session (update_session_auth_hash)
        end_other_sessions(self.request.user, keep=self.request.session.session_key)
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        response = super().form_valid(form)
        end_other_sessions(form.user)
        unlock(form.user.get_username())  # the way back for a locked account
        return response
