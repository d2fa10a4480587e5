"""Forms of the AVG duties: erasure on request (a fixed reason, so the audit trail never holds
free text about the resident) and a beheerder's break-glass access (a stated reason)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class EraseReason:
    """Why a file is erased: fixed answers, so the audit trail never holds free text about
    the resident."""

    CHOICES = [
        ("verzoek", _("De bewoner vraagt om het wissen van zijn of haar gegevens.")),
        ("klaar", _("De steun is voorbij en de gegevens zijn niet meer nodig.")),
        ("vergissing", _("Het dossier is per vergissing aangemaakt.")),
    ]


class EraseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Waarom wist u dit dossier?"),
        choices=EraseReason.CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waarom u dit dossier wist.")},
    )
    confirm = forms.BooleanField(
        label=_("Ik begrijp dat de gegevens van deze bewoner voorgoed weg zijn."),
        error_messages={"required": _("Vink aan dat u dit begrijpt.")},
    )

    def reason_text(self) -> str:
        """The chosen reason in words (for the audit trail)."""
        return str(dict(EraseReason.CHOICES)[self.cleaned_data["reason"]])


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom opent u dit dossier?"),
        help_text=_(
            "Schrijf in een zin waarom dit nodig is. Noem geen namen of andere gegevens van "
            "de bewoner. De reden komt in de audittrail en in het inzageoverzicht van de bewoner."
        ),
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf waarom u dit dossier opent."),
            "min_length": _("Schrijf in een zin waarom u dit dossier opent."),
            "max_length": _("Houd het kort: hooguit 500 tekens."),
        },
    )
