"""Forms of the case pages: they collect input and check it; the views hand it to a service.

Labels and help texts come from the models, so "Schrijf niet meer op dan nodig is." shows next
to every free-text field (crispy ties it to the field with aria-describedby).
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from casework import constants
from casework.constants import (
    ENDED_STATUSES,
    SHARING_PURPOSES,
    ConsentPurpose,
    SupportKind,
)
from casework.models import (
    AnonymousTally,
    Consent,
    Contact,
    Resident,
    Trajectory,
    UrgentAgreement,
)
from casework.models.cases import WRITE_LITTLE
from teams.constants import Role
from teams.fields import BoundedModelChoiceField
from teams.models import Neighbourhood, Organisation, Person

PHONE = re.compile(r"^\+?[0-9 ()\-]{6,30}$")
FUTURE = _("Deze datum ligt in de toekomst. Vul een datum van vandaag of eerder in.")


class TelInput(forms.TextInput):
    input_type = "tel"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _field(model: type, name: str, **overrides: Any) -> forms.Field:
    """The model field's form field: its label, help text, length and choices."""
    return model._meta.get_field(name).formfield(**overrides)


def _date(label, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput())


def _text(model: type, name: str, rows: int = 3, **overrides: Any) -> forms.Field:
    return _field(model, name, widget=forms.Textarea(attrs={"rows": rows}), **overrides)


def _not_in_future(form: forms.Form, name: str) -> None:
    day = form.cleaned_data.get(name)
    if day and day > timezone.localdate():
        form.add_error(name, FUTURE)


def _helper(*layout: Any) -> FormHelper:
    """Crispy renders the fields only; the template owns <form> and the buttons."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    if layout:
        helper.layout = Layout(*layout)
    return helper


def _today_as_max(*fields: forms.Field) -> None:
    for field in fields:
        field.widget.attrs["max"] = timezone.localdate().isoformat()


class ExpertChoiceField(BoundedModelChoiceField):
    """An ervaringsdeskundige with what helps to choose: availability and themes."""

    def label_from_instance(self, person: Person) -> str:
        profile = getattr(person, "expert_profile", None)
        if profile is None:
            return str(person)
        themes = ", ".join(theme.name for theme in profile.themes.all())
        parts = [str(person), profile.get_availability_display()]
        if themes:
            parts.append(_("thema's: %(themes)s") % {"themes": themes})
        return " – ".join(parts)


# --- Residents and anonymous contacts ---------------------------------------------------------


class ResidentRegisterForm(forms.Form):
    """A new resident and their consent to record, in one form: no consent, no file."""

    name = _field(Resident, "name", widget=forms.TextInput(attrs={"autocomplete": "off"}))
    phone = _field(
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
    consent_given_on = _date(_("Datum van de toestemming"))
    consent_review_on = _date(
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
        _today_as_max(self.fields["consent_given_on"])
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
        self.helper = _helper(
            Fieldset(_("Over de bewoner"), *about),
            Fieldset(
                _("Toestemming om gegevens vast te leggen"),
                "consent_given_as",
                "consent_given_on",
                "consent_review_on",
                "consent_confirmed",
            ),
        )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, spaties, + of -.")
            )
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _not_in_future(self, "consent_given_on")
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

    date = _date(_("Datum van het contact"))
    kind = _field(AnonymousTally, "contact_kind", required=True)
    form = _field(
        AnonymousTally,
        "form",
        required=False,
        help_text=_("Leeg laten als er (nog) geen traject is."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        _today_as_max(self.fields["date"])
        self.fields["form"].choices = [
            ("", _("Geen traject of weet ik niet")),
            *constants.CollaborationForm.choices,
        ]
        self.helper = _helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _not_in_future(self, "date")
        return data


# --- Consents --------------------------------------------------------------------------------


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
    third_party = _field(
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
    given_on = _date(_("Datum van de toestemming"))
    review_on = _date(
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
        _today_as_max(self.fields["given_on"])
        self.helper = _helper()

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
        _not_in_future(self, "given_on")
        given, review = data.get("given_on"), data.get("review_on")
        if given and review and review < given:
            self.add_error(
                "review_on", _("Opnieuw bespreken kan niet vóór de datum van de toestemming.")
            )
        return data


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = _date(_("Ingetrokken op"), help_text=_("De dag waarop de bewoner het zei."))
    understood = forms.BooleanField(
        label=_("Ik begrijp dat het hele dossier van deze bewoner nu wordt gewist."),
        required=False,
    )

    def __init__(self, *args: Any, consent: Consent, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.consent = consent
        self.fields["withdrawn_on"].initial = timezone.localdate()
        self.fields["withdrawn_on"].widget.attrs["min"] = consent.given_on.isoformat()
        _today_as_max(self.fields["withdrawn_on"])
        if consent.purpose != ConsentPurpose.RECORD:
            del self.fields["understood"]
        self.helper = _helper()

    def clean_understood(self) -> bool:
        if not self.cleaned_data.get("understood"):
            raise ValidationError(_("Vink aan dat u begrijpt dat het dossier wordt gewist."))
        return True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _not_in_future(self, "withdrawn_on")
        day = data.get("withdrawn_on")
        if day and day < self.consent.given_on:
            self.add_error(
                "withdrawn_on",
                _("Intrekken kan niet vóór %(date)s: toen is de toestemming gegeven.")
                % {"date": self.consent.given_on.strftime("%d-%m-%Y")},
            )
        return data


# --- Trajectories and contacts ---------------------------------------------------------------


class TrajectoryStartForm(forms.Form):
    form = _field(Trajectory, "form", widget=forms.RadioSelect)
    expert = ExpertChoiceField(
        queryset=Person.objects.none(),
        label=_("Ervaringsdeskundige"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een ervaringsdeskundige van deze locatie.")},
        help_text=_(
            "De ervaringsdeskundige ziet het dossier als de bewoner toestemming gaf om te delen "
            "met zijn of haar organisatie."
        ),
    )
    social_worker = BoundedModelChoiceField(
        queryset=Person.objects.none(),
        label=_("Sociaal werker"),
        empty_label=_("Kies een sociaal werker"),
        error_messages={"invalid_choice": _("Kies een sociaal werker van deze locatie.")},
    )
    referral_source = _field(Trajectory, "referral_source")
    request = _text(Trajectory, "request", rows=3)
    goals = _text(Trajectory, "goals", rows=3)
    started_on = _date(_("Gestart op"))

    def __init__(self, *args: Any, resident: Resident, person_id: int | None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        location = resident.location
        self.fields["form"].choices = constants.CollaborationForm.choices  # radios: no blank
        self.fields["expert"].queryset = (
            Person.objects.working_at(location, Role.EXPERT)
            .select_related("expert_profile")
            .prefetch_related("expert_profile__themes")
        )
        self.fields["social_worker"].queryset = Person.objects.working_at(
            location, Role.SOCIAL_WORKER
        )
        self.fields["started_on"].initial = timezone.localdate()
        _today_as_max(self.fields["started_on"])
        if person_id is not None and not self.is_bound:
            self.fields["social_worker"].initial = person_id
        self.helper = _helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        expert, worker = data.get("expert"), data.get("social_worker")
        if expert and worker and expert == worker:
            self.add_error(
                "social_worker", _("Kies twee verschillende mensen: een tandem is met z'n tweeën.")
            )
        _not_in_future(self, "started_on")
        return data


class TrajectoryEditForm(forms.Form):
    status = _field(Trajectory, "status")
    ended_on = _date(_("Geëindigd op"), required=False)
    outcome = _field(Trajectory, "outcome", required=False)
    outcome_note = _text(Trajectory, "outcome_note", rows=3)
    goals = _text(Trajectory, "goals", rows=3)

    FIELDS = ("status", "ended_on", "outcome", "outcome_note", "goals")

    def __init__(self, *args: Any, trajectory: Trajectory, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(trajectory, name) for name in self.FIELDS})
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.fields["status"].choices = constants.TrajectoryStatus.choices
        _today_as_max(self.fields["ended_on"])
        self.fields["ended_on"].widget.attrs["min"] = trajectory.started_on.isoformat()
        self.helper = _helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status, ended_on = data.get("status"), data.get("ended_on")
        _not_in_future(self, "ended_on")
        if ended_on and ended_on < self.trajectory.started_on:
            self.add_error(
                "ended_on",
                _("Het einde ligt vóór de start van het traject (%(date)s).")
                % {"date": self.trajectory.started_on.strftime("%d-%m-%Y")},
            )
        if status in ENDED_STATUSES and not ended_on and "ended_on" not in self.errors:
            self.add_error("ended_on", _("Vul in wanneer het traject eindigde."))
        if status and status not in ENDED_STATUSES and ended_on:
            self.add_error(
                "ended_on",
                _("Een traject dat nog loopt heeft geen einddatum. Kies 'Afgerond' of 'Gestopt'."),
            )
        return data


class ContactForm(forms.Form):
    date = _date(_("Datum"))
    kind = _field(Contact, "kind")
    with_expert = _field(Contact, "with_expert")
    with_social_worker = _field(Contact, "with_social_worker")
    note = _text(Contact, "note", rows=4)
    next_step = _text(Contact, "next_step", rows=2, help_text=WRITE_LITTLE)

    def __init__(self, *args: Any, trajectory: Trajectory, person_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.fields["date"].initial = timezone.localdate()
        self.fields["date"].widget.attrs["min"] = trajectory.started_on.isoformat()
        _today_as_max(self.fields["date"])
        if not self.is_bound:
            self.fields["with_expert"].initial = person_id == trajectory.expert_id
            self.fields["with_social_worker"].initial = person_id == trajectory.social_worker_id
        self.helper = _helper(
            "date",
            "kind",
            Fieldset(_("Wie was erbij?"), "with_expert", "with_social_worker"),
            "note",
            "next_step",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        _not_in_future(self, "date")
        day: datetime.date | None = data.get("date")
        if day and day < self.trajectory.started_on and "date" not in self.errors:
            self.add_error(
                "date",
                _("Dit contact ligt vóór de start van het traject (%(date)s).")
                % {"date": self.trajectory.started_on.strftime("%d-%m-%Y")},
            )
        if not data.get("with_expert") and not data.get("with_social_worker"):
            self.add_error("with_expert", _("Kies wie er bij het contact was."))
        return data


# --- The location's agreement on urgent situations ------------------------------------------


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
        self.helper = _helper()

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
