"""Forms of the teams app: collect input, then views hand it to a service."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from teams.constants import Employment, Role
from teams.fields import BoundedModelMultipleChoiceField
from teams.models import (
    ExpertProfile,
    Location,
    Organisation,
    Person,
    ProjectTeam,
    ProjectTeamMember,
    SocialWorkerProfile,
    User,
)
from teams.validators import no_control_characters_in_a_line

LOCAL_ROLES = [choice for choice in Role.choices if choice[0] != Role.COORDINATOR]


class BaseHelperMixin:
    """Crispy forms render their fields only; the template owns <form> and the buttons."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class PersonForm(BaseHelperMixin, forms.ModelForm):
    """A person's name and contact details. Autocomplete tokens (WCAG 1.3.5) only when the
    person is the user themself: the browser would otherwise fill in the user's own details
    for a colleague."""

    AUTOCOMPLETE = {
        "given_name": "given-name",
        "family_name": "family-name",
        "email": "email",
        "phone": "tel",
    }

    class Meta:
        model = Person
        fields = ["given_name", "family_name", "email", "phone"]

    def __init__(self, *args: Any, own: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, token in self.AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = token if own else "off"

    def clean_given_name(self) -> str:
        return _require_text(self.cleaned_data["given_name"])

    def clean_family_name(self) -> str:
        return _require_text(self.cleaned_data["family_name"])


class PersonCreateForm(PersonForm):
    """A new person at a location, with the role they take there."""

    role = forms.ChoiceField(label=_("rol bij deze locatie"), choices=LOCAL_ROLES)
    organisation = forms.ModelChoiceField(
        label=_("organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("De organisatie waarvoor deze persoon hier werkt."),
    )

    class Meta(PersonForm.Meta):
        fields = [*PersonForm.Meta.fields]

    def __init__(self, *args: Any, location: Location, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = location.organisations.order_by("name")


class ExpertProfileForm(BaseHelperMixin, forms.ModelForm):
    class Meta:
        model = ExpertProfile
        fields = [
            "employment",
            "position",
            "training_background",
            "training_note",
            "themes",
            "talents",
            "availability",
            "hours_per_week",
            "availability_note",
            "in_pool",
            "takes_intervision",
            "takes_supervision",
        ]
        field_classes = {
            "themes": BoundedModelMultipleChoiceField,
            "talents": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "talents": forms.CheckboxSelectMultiple,
            "employment": forms.RadioSelect,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employment"].choices = Employment.choices  # radio buttons: no empty choice

    def clean_hours_per_week(self) -> int | None:
        hours = self.cleaned_data.get("hours_per_week")
        if hours is not None and not 1 <= hours <= 60:
            raise ValidationError(_("Vul een aantal uren tussen 1 en 60 in."))
        return hours

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("training_background") == "anders" and not data.get("training_note"):
            self.add_error("training_note", _("Schrijf kort welke opleiding het is."))
        return data


class SocialWorkerProfileForm(BaseHelperMixin, forms.ModelForm):
    class Meta:
        model = SocialWorkerProfile
        fields = ["discipline", "team_name"]

    def clean_team_name(self) -> str:
        return _require_text(self.cleaned_data["team_name"])


class ProjectTeamForm(BaseHelperMixin, forms.ModelForm):
    class Meta:
        model = ProjectTeam
        fields = ["meeting_frequency", "meeting_note", "task_division"]
        widgets = {"task_division": forms.Textarea(attrs={"rows": 5})}


class ProjectTeamMemberForm(forms.ModelForm):
    class Meta:
        model = ProjectTeamMember
        fields = ["person", "function", "organisation", "tasks"]

    def __init__(self, *args: Any, location: Location, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.working_at(location)
        self.fields["organisation"].queryset = location.organisations.order_by("name")
        self.fields["person"].label = _("Naam")


class BaseProjectTeamMemberFormSet(forms.BaseInlineFormSet):
    def validate_unique(self) -> None:
        """Duplicates are reported by clean() below, in plain Dutch on the row itself."""

    def clean(self) -> None:
        super().clean()
        seen: set[int] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            person = form.cleaned_data.get("person")
            if person is None:
                continue
            if person.pk in seen:
                form.add_error("person", _("Deze persoon staat al in het team."))
            seen.add(person.pk)


MAX_TEAM_MEMBERS = 50

ProjectTeamMemberFormSet = forms.inlineformset_factory(
    ProjectTeam,
    ProjectTeamMember,
    form=ProjectTeamMemberForm,
    formset=BaseProjectTeamMemberFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_TEAM_MEMBERS,
    absolute_max=MAX_TEAM_MEMBERS,
    validate_max=True,
)


def _require_text(value: str) -> str:
    """Reject values that are only whitespace or contain control characters."""
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationError(_("Vul dit veld in."))
    no_control_characters_in_a_line(cleaned)
    return cleaned


class TwoFactorCodeForm(BaseHelperMixin, forms.Form):
    """A six-digit code from the authenticator app, or a backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De 6 cijfers uit uw app, of een van uw back-upcodes."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
            }
        ),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not code.isalnum():
            raise ValidationError(_("Een code bestaat alleen uit cijfers en letters."))
        return code


class TwoFactorChangeForm(BaseHelperMixin, forms.Form):
    """Proof for changing two-factor log-in: the password now, plus a current code."""

    password = forms.CharField(
        label=_("Uw wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("De 6 cijfers uit uw app, of een van uw back-upcodes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        self.check = None
        super().__init__(*args, **kwargs)

    def clean(self):
        from teams import two_factor

        data = super().clean()
        password, code = data.get("password"), data.get("code")
        if password is None or code is None:
            return data
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Uw wachtwoord klopt niet."))
        self.check = two_factor.check_code(self.user, code)
        if not self.check.ok:
            self.add_error("code", self.check.reason)
        return data


class InvitationForm(BaseHelperMixin, forms.Form):
    """Who is invited, to which role, and in which language the mail is written."""

    given_name = forms.CharField(label=capfirst(_("voornaam")), max_length=100)
    family_name = forms.CharField(
        label=capfirst(_("achternaam")),
        max_length=150,
        help_text=_("Met tussenvoegsel, bijvoorbeeld 'de Vries'."),
    )
    email = forms.EmailField(
        label=capfirst(_("e-mailadres")),
        help_text=_("Hier komt de uitnodiging heen. De link werkt één keer."),
    )
    role = forms.ChoiceField(label=capfirst(_("rol bij deze locatie")))
    organisation = forms.ModelChoiceField(
        label=capfirst(_("organisatie")),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("De organisatie waarvoor deze persoon hier werkt."),
    )
    language = forms.ChoiceField(
        label=capfirst(_("taal van de uitnodiging")),
        help_text=_("Heeft het adres al een account, dan gaat de mail in de taal van dat account."),
    )

    def __init__(self, *args: Any, location: Location, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"].choices = [(role, labels[role]) for role in roles]
        self.fields["organisation"].queryset = location.organisations.order_by("name")
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = settings.LANGUAGE_CODE
        for name in ("given_name", "family_name", "email"):
            self.fields[name].widget.attrs["autocomplete"] = "off"  # a colleague, not the user

    def clean_given_name(self) -> str:
        return _require_text(self.cleaned_data["given_name"])

    def clean_family_name(self) -> str:
        return _require_text(self.cleaned_data["family_name"])


class InvitationAcceptForm(BaseHelperMixin, UserCreationForm):
    """A user name and a password for the new account; Django's checks of both (the user name
    is free, also in other capitals; the password passes AUTH_PASSWORD_VALIDATORS, also
    against the invitee's name and address)."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username"]

    def __init__(self, *args: Any, invitation: Any, **kwargs: Any) -> None:
        instance = User(
            email=invitation.email,
            first_name=invitation.given_name,
            last_name=invitation.family_name,
        )
        super().__init__(*args, instance=instance, **kwargs)
        self.fields["username"].help_text = _(
            "Hiermee logt u in. Letters, cijfers en @ . + - _; bijvoorbeeld uw voornaam."
        )
