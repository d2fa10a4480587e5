"""Forms of a location's case pages: registering a resident with their consent to record, an
anonymous contact (a tally, no name), and the location's agreement on urgent situations."""

from __future__ import annotations

from typing import Any

from crispy_forms.layout import Fieldset
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework import constants
from casework.constants import SupportKind
from casework.forms.common import (
    PHONE,
    TelInput,
    crispy_helper,
    date_field,
    model_field,
    not_in_future,
    today_as_max,
)
from casework.models import AnonymousTally, Resident, UrgentAgreement
from teams.fields import BoundedModelChoiceField
from teams.models import Neighbourhood, Organisation


class ResidentRegisterForm(forms.Form):
    """A new resident and their consent to record, in one form: no consent, no file."""

    name = model_field(Resident, "name", widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = model_field(
        Resident,
        "phone",
        required=False,
        widget=TelInput(attrs={"autocomplete": "tel"}),
        help_text=_("Alleen als de bewoner dat wil."),
    )
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Alleen als de bewoner dat wil."),
    )
    neighbourhood = BoundedModelChoiceField(
        queryset=Neighbourhood.objects.none(),
        required=False,
        label=_("Wijk"),
        empty_label=_("Zeg ik liever niet / weet ik niet"),
    )
    support_kinds = forms.MultipleChoiceField(
        label=_("Gevraagde steun"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Waar vraagt de bewoner om? Kies wat past."),
    )
    organisation = BoundedModelChoiceField(
        queryset=Organisation.objects.none(),
        label=_("Voor welke organisatie legt u dit vast?"),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    consent_given_as = forms.ChoiceField(
        label=_("Hoe gaf de bewoner toestemming?"),
        choices=constants.ConsentForm.choices,
        widget=forms.RadioSelect,
    )
    consent_given_on = date_field(_("Datum van de toestemming"))
    consent_review_on = date_field(
        _("Opnieuw bespreken op"),
        required=False,
        help_text=_(
            "Spreek af wanneer u de toestemming opnieuw bespreekt, bijvoorbeeld over een half jaar."
        ),
    )
    consent_confirmed = forms.BooleanField(
        label=_("De bewoner weet wat wij opschrijven en waarom, en geeft daar toestemming voor."),
        error_messages={
            "required": _(
                "Vink dit aan als de bewoner toestemming gaf. Geen toestemming? "
                "Tel het contact dan alleen anoniem."
            )
        },
    )

    def __init__(self, *args: Any, location: Any, organisations: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["neighbourhood"].queryset = location.neighbourhoods.all()
        self.fields["consent_given_on"].initial = timezone.localdate()
        today_as_max(self.fields["consent_given_on"])
        self.only_organisation = organisations[0] if len(organisations) == 1 else None
        about = ["name", "phone", "email", "neighbourhood", "support_kinds"]
        if self.only_organisation is None:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[organisation.pk for organisation in organisations]
            )
            about.append("organisation")
        else:
            del self.fields["organisation"]
        if not location.neighbourhoods.exists():
            del self.fields["neighbourhood"]
            about.remove("neighbourhood")
        self.helper = crispy_helper(
            Fieldset(_("Over de bewoner"), *about),
            Fieldset(
                _("Toestemming om gegevens vast te leggen"),
                "consent_given_as",
                "consent_given_on",
                "consent_review_on",
                "consent_confirmed",
            ),
        )

    def clean_support_kinds(self) -> list[str]:
        """Each kind once, however often it was posted."""
        return list(dict.fromkeys(self.cleaned_data["support_kinds"]))

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, spaties, + of -.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        not_in_future(self, "consent_given_on")
        given, review = data.get("consent_given_on"), data.get("consent_review_on")
        if given and review and review < given:
            self.add_error(
                "consent_review_on",
                _("Opnieuw bespreken kan niet vóór de datum van de toestemming."),
            )
        if self.only_organisation is not None:
            data["organisation"] = self.only_organisation
        return data


class TallyForm(forms.Form):
    """A contact with a resident who gave no consent to record: only counted, no name."""

    date = date_field(_("Datum van het contact"))
    kind = model_field(AnonymousTally, "contact_kind", required=True)
    form = model_field(
        AnonymousTally,
        "form",
        required=False,
        help_text=_("Leeg laten als er (nog) geen traject is."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        today_as_max(self.fields["date"])
        self.fields["form"].choices = [
            ("", _("Geen traject of weet ik niet")),
            *constants.CollaborationForm.choices,
        ]
        self.helper = crispy_helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        not_in_future(self, "date")
        return data


class UrgentAgreementForm(forms.ModelForm):
    class Meta:
        model = UrgentAgreement
        fields = ["text", "crisis_phone"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 8}),
            "crisis_phone": TelInput(attrs={"autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = crispy_helper()

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Schrijf op wat u doet bij een urgente situatie."))
        return text

    def clean_crisis_phone(self) -> str:
        phone = self.cleaned_data["crisis_phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, spaties, + of -.")
            )
        return phone
