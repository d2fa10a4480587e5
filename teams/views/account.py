"""Password change and reset, as Django's views, but a new password ends the user's other
sessions: whoever had a session (a stolen cookie, a forgotten tablet) is out at once. A reset
also lifts a lock-out of the account (teams/throttling.py), and its mail is written in the
account's language (else the language of the page it was asked on)."""

from __future__ import annotations

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.utils import translation

from config.language import recipient_language
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


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context["user"]
        language = recipient_language(user) if user.language else translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
