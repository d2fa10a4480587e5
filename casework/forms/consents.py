"""Forms of the consent register: one more consent (one purpose, one recipient) and a
withdrawal, which works at once."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from casework import constants
from casework.constants import SHARING_PURPOSES, ConsentPurpose
from casework.forms.common import (
    crispy_helper,
    date_field,
    model_field,
    not_in_future,
    today_as_max,
)
from casework.models import Consent, Resident
from casework.models.cases import WRITE_LITTLE
from teams.fields import BoundedModelChoiceField
from teams.models import Organisation


class ConsentCreateForm(forms.Form):
    """One more consent: one purpose, one recipient. (Consent to record comes with the file.)"""

    purpose = forms.ChoiceField(
        label=_("Waarvoor geeft de bewoner toestemming?"),
        choices=[
            ("", _("Kies waarvoor")),
            *(c for c in ConsentPurpose.choices if c[0] != ConsentPurpose.RECORD),
        ],
    )
    recipient_organisation = BoundedModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label=_("Met welke organisatie?"),
        empty_label="–",
        help_text=_("Bij delen met het wijkteam of met de herstelorganisatie."),
    )
    third_party = model_field(
        Consent,
        "third_party",
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        help_text=format_lazy(
            "{} {}",
            _("Bij delen met een andere partij, met naam. Bijvoorbeeld de huisarts."),
            WRITE_LITTLE,
        ),
    )
    given_as = forms.ChoiceField(
        label=_("Hoe gaf de bewoner toestemming?"),
        choices=constants.ConsentForm.choices,
        widget=forms.RadioSelect,
    )
    given_on = date_field(_("Datum van de toestemming"))
    review_on = date_field(
        _("Opnieuw bespreken op"),
        required=False,
        help_text=_("Spreek af wanneer u de toestemming opnieuw bespreekt."),
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_organisation"].queryset = resident.location.organisations.order_by(
            "name"
        )
        self.fields["given_on"].initial = timezone.localdate()
        today_as_max(self.fields["given_on"])
        self.helper = crispy_helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        purpose = data.get("purpose")
        if purpose in SHARING_PURPOSES and not data.get("recipient_organisation"):
            self.add_error(
                "recipient_organisation",
                _("Kies met welke organisatie de gegevens gedeeld worden."),
            )
        if purpose == ConsentPurpose.SHARE_THIRD and not (data.get("third_party") or "").strip():
            self.add_error("third_party", _("Schrijf op met wie de gegevens gedeeld worden."))
        not_in_future(self, "given_on")
        given, review = data.get("given_on"), data.get("review_on")
        if given and review and review < given:
            self.add_error(
                "review_on", _("Opnieuw bespreken kan niet vóór de datum van de toestemming.")
            )
        return data


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = date_field(_("Ingetrokken op"), help_text=_("De dag waarop de bewoner het zei."))
    understood = forms.BooleanField(
        label=_("Ik begrijp dat het hele dossier van deze bewoner nu wordt gewist."),
        required=False,
    )

    def __init__(self, *args: Any, consent: Consent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consent = consent
        self.fields["withdrawn_on"].initial = timezone.localdate()
        self.fields["withdrawn_on"].widget.attrs["min"] = consent.given_on.isoformat()
        today_as_max(self.fields["withdrawn_on"])
        if consent.purpose != ConsentPurpose.RECORD:
            del self.fields["understood"]
        self.helper = crispy_helper()

    def clean_understood(self) -> bool:
        if not self.cleaned_data.get("understood"):
            raise ValidationError(_("Vink aan dat u begrijpt dat het dossier wordt gewist."))
        return True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        not_in_future(self, "withdrawn_on")
        day = data.get("withdrawn_on")
        if day and day < self.consent.given_on:
            self.add_error(
                "withdrawn_on",
                _("Intrekken kan niet vóór %(date)s: toen is de toestemming gegeven.")
                % {"date": self.consent.given_on.strftime("%d-%m-%Y")},
            )
        return data
