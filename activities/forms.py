"""Forms of the activities app. They check what the services check, so the user sees a clear
Dutch message next to the field; the services check again and save nothing on bad input."""

from __future__ import annotations

import datetime
import re
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.constants import Frequency, GroupKind, NthWeekday
from activities.models import Activity, ActivityKind, IntervisionGroup, IntervisionTheme, Meeting
from teams.access import active_membership_q
from teams.constants import Role
from teams.models import Neighbourhood, Organisation, Person

EARLIEST = datetime.date(2000, 1, 1)
LEADER_ROLES = (Role.EXPERT, Role.SOCIAL_WORKER)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _date() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _time() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _check_date(value: datetime.date | None) -> datetime.date | None:
    if value and value < EARLIEST:
        raise forms.ValidationError(_("Kies een datum na 1 januari 2000."))
    if value and value > timezone.localdate() + datetime.timedelta(days=3650):
        raise forms.ValidationError(_("Kies een datum binnen tien jaar."))
    return value


def _clean_text(value: str) -> str:
    if "\x00" in value:
        raise forms.ValidationError(_("Deze tekst bevat een teken dat niet mag."))
    return value.strip()


def parse_dates(text: str) -> list[datetime.date]:
    """Dates typed as 31-12-2026 or 2026-12-31, separated by commas, spaces or new lines."""
    found = []
    for part in re.split(r"[\s,;]+", text.strip()):
        if not part:
            continue
        for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
            try:
                found.append(datetime.datetime.strptime(part, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise forms.ValidationError(
                _("'%(value)s' is geen datum. Schrijf bijvoorbeeld 27-04-2027."),
                params={"value": part[:20]},
            )
    if len(found) > 100:
        raise forms.ValidationError(_("Hoogstens 100 uitzonderingen."))
    return sorted(set(found))


class ActivityForm(forms.ModelForm):
    exceptions_text = forms.CharField(
        label=_("Uitzonderingen"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Data waarop de activiteit niet doorgaat, bijvoorbeeld 27-04-2027, 25-12-2027."
        ),
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "title",
            "description",
            "organisations",
            "leaders",
            "neighbourhood",
            "address",
            "starts_on",
            "start_time",
            "end_time",
            "frequency",
            "nth_weekday",
            "ends_on",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "starts_on": _date(),
            "ends_on": _date(),
            "start_time": _time(),
            "end_time": _time(),
            "organisations": forms.CheckboxSelectMultiple,
            "leaders": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, location: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.location = location
        self.helper = _helper()
        self.fields["kind"].queryset = ActivityKind.objects.filter(
            Q(is_active=True) | Q(pk=getattr(self.instance, "kind_id", None))
        )
        self.fields["organisations"].queryset = Organisation.objects.filter(
            partnerships__location=location
        ).distinct()
        self.fields["leaders"].queryset = (
            Person.objects.filter(
                active_membership_q("memberships__"),
                memberships__location=location,
                memberships__role__in=LEADER_ROLES,
            )
            .distinct()
            .order_by("family_name", "given_name")
        )
        self.fields["neighbourhood"].queryset = Neighbourhood.objects.filter(location=location)
        self.fields["nth_weekday"].choices = [("", "—"), *NthWeekday.choices]
        self.fields["ends_on"].required = True
        self.fields["ends_on"].error_messages["required"] = _(
            "Kies een laatste datum: een reeks die nooit stopt kunnen we niet plannen. "
            "U kunt hem later verlengen."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["exceptions_text"] = ", ".join(
                day.strftime("%d-%m-%Y") for day in self.instance.exception_dates
            )

    def clean_title(self):
        return _clean_text(self.cleaned_data["title"])

    def clean_description(self):
        return _clean_text(self.cleaned_data.get("description", ""))

    def clean_address(self):
        return _clean_text(self.cleaned_data["address"])

    def clean_starts_on(self):
        return _check_date(self.cleaned_data.get("starts_on"))

    def clean_ends_on(self):
        return _check_date(self.cleaned_data.get("ends_on"))

    def clean_exceptions_text(self):
        return parse_dates(self.cleaned_data.get("exceptions_text", ""))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("frequency") != Frequency.MONTHLY:
            cleaned["nth_weekday"] = None
        return cleaned

    def _post_clean(self) -> None:
        # The service runs full_clean with the recurrence rules; here only the form's checks.
        pass

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["exceptions"] = [day.isoformat() for day in data.pop("exceptions_text", [])]
        data.pop("leaders"), data.pop("organisations")
        return data


class MeetingMoveForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["date", "start_time", "end_time", "note"]
        widgets = {"date": _date(), "start_time": _time(), "end_time": _time()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.fields["note"].label = _("Opmerking (waarom verplaatst of vervallen)")

    def clean_date(self):
        return _check_date(self.cleaned_data.get("date"))

    def clean_note(self):
        return _clean_text(self.cleaned_data.get("note", ""))

    def _post_clean(self) -> None:
        pass


class GroupForm(forms.ModelForm):
    class Meta:
        model = IntervisionGroup
        fields = [
            "kind",
            "name",
            "members",
            "facilitators",
            "cadence",
            "place",
            "starts_on",
            "ends_on",
        ]
        widgets = {
            "starts_on": _date(),
            "ends_on": _date(),
            "members": forms.CheckboxSelectMultiple,
            "facilitators": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "kind": _(
                "Intervisie: vier tot acht ervaringsdeskundigen. Supervisie: alleen of met "
                "hoogstens vier. Coaching: één op één."
            ),
        }

    def __init__(self, *args: Any, location: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.fields["kind"].choices = GroupKind.choices
        self.fields["members"].queryset = Person.objects.working_at(location.pk, role=Role.EXPERT)
        from activities.services import facilitator_candidates

        self.fields["facilitators"].queryset = facilitator_candidates(location)

    def clean_name(self):
        return _clean_text(self.cleaned_data["name"])

    def clean_place(self):
        return _clean_text(self.cleaned_data.get("place", ""))

    def clean_starts_on(self):
        return _check_date(self.cleaned_data.get("starts_on"))

    def clean_ends_on(self):
        return _check_date(self.cleaned_data.get("ends_on"))

    def _post_clean(self) -> None:
        pass

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("members"), data.pop("facilitators")
        return data


class GroupMeetingForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=_date())
    start_time = forms.TimeField(label=_("Begintijd"), required=False, widget=_time())
    end_time = forms.TimeField(label=_("Eindtijd"), required=False, widget=_time())
    attendees = forms.ModelMultipleChoiceField(
        label=_("Wie was er?"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Welke thema's kwamen aan bod?"),
        queryset=IntervisionTheme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    free_themes = forms.CharField(
        label=_("Andere thema's"),
        required=False,
        max_length=200,
        help_text=_("Alleen het onderwerp, in een paar woorden. Nooit namen of casussen."),
    )

    def __init__(self, *args: Any, group: IntervisionGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        self.fields["attendees"].queryset = Person.objects.filter(
            Q(intervision_groups=group) | Q(facilitated_groups=group)
        ).distinct()

    def clean_date(self):
        return _check_date(self.cleaned_data.get("date"))

    def clean_free_themes(self):
        return _clean_text(self.cleaned_data.get("free_themes", ""))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("De eindtijd ligt vóór of op de begintijd."))
        return cleaned


class VisitForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Bijeenkomst"), queryset=Meeting.objects.none())
    first_time = forms.BooleanField(label=_("Voor het eerst bij deze activiteit"), required=False)

    def __init__(self, *args: Any, resident: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()
        today = timezone.localdate()
        self.fields["meeting"].queryset = (
            Meeting.objects.filter(
                activity__location_id=resident.location_id,
                date__gte=today - datetime.timedelta(days=90),
                date__lte=today + datetime.timedelta(days=60),
            )
            .exclude(status="vervallen")
            .select_related("activity")
            .order_by("date", "start_time")
        )
        self.fields["meeting"].label_from_instance = lambda meeting: (
            f"{meeting.date:%d-%m-%Y} {meeting.start_time:%H:%M} – {meeting.activity.title}"
        )
