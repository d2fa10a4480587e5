"""Forms of support trajectories (start with a tandem from the pool, edit) and contacts."""

from __future__ import annotations

import datetime
from typing import Any

from crispy_forms.layout import Fieldset
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework import constants
from casework.constants import ENDED_STATUSES
from casework.forms.common import (
    crispy_helper,
    date_field,
    model_field,
    not_in_future,
    text_field,
    today_as_max,
)
from casework.models import Contact, Resident, Trajectory
from casework.models.cases import WRITE_LITTLE
from teams.constants import Role
from teams.fields import BoundedModelChoiceField
from teams.models import Person


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


class TrajectoryStartForm(forms.Form):
    form = model_field(Trajectory, "form", widget=forms.RadioSelect)
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
    referral_source = model_field(Trajectory, "referral_source")
    request = text_field(Trajectory, "request", rows=3)
    goals = text_field(Trajectory, "goals", rows=3)
    started_on = date_field(_("Gestart op"))

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
        today_as_max(self.fields["started_on"])
        if person_id is not None and not self.is_bound:
            self.fields["social_worker"].initial = person_id
        self.helper = crispy_helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        expert, worker = data.get("expert"), data.get("social_worker")
        if expert and worker and expert == worker:
            self.add_error(
                "social_worker", _("Kies twee verschillende mensen: een tandem is met z'n tweeën.")
            )
        not_in_future(self, "started_on")
        return data


class TrajectoryEditForm(forms.Form):
    status = model_field(Trajectory, "status")
    ended_on = date_field(_("Geëindigd op"), required=False)
    outcome = model_field(Trajectory, "outcome", required=False)
    outcome_note = text_field(Trajectory, "outcome_note", rows=3)
    goals = text_field(Trajectory, "goals", rows=3)

    FIELDS = ("status", "ended_on", "outcome", "outcome_note", "goals")

    def __init__(self, *args: Any, trajectory: Trajectory, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(trajectory, name) for name in self.FIELDS})
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.fields["status"].choices = constants.TrajectoryStatus.choices
        today_as_max(self.fields["ended_on"])
        self.fields["ended_on"].widget.attrs["min"] = trajectory.started_on.isoformat()
        self.helper = crispy_helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status, ended_on = data.get("status"), data.get("ended_on")
        not_in_future(self, "ended_on")
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
    date = date_field(_("Datum"))
    kind = model_field(Contact, "kind")
    with_expert = model_field(Contact, "with_expert")
    with_social_worker = model_field(Contact, "with_social_worker")
    note = text_field(Contact, "note", rows=4)
    next_step = text_field(Contact, "next_step", rows=2, help_text=WRITE_LITTLE)

    def __init__(self, *args: Any, trajectory: Trajectory, person_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.trajectory = trajectory
        self.fields["date"].initial = timezone.localdate()
        self.fields["date"].widget.attrs["min"] = trajectory.started_on.isoformat()
        today_as_max(self.fields["date"])
        if not self.is_bound:
            self.fields["with_expert"].initial = person_id == trajectory.expert_id
            self.fields["with_social_worker"].initial = person_id == trajectory.social_worker_id
        self.helper = crispy_helper(
            "date",
            "kind",
            Fieldset(_("Wie was erbij?"), "with_expert", "with_social_worker"),
            "note",
            "next_step",
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        not_in_future(self, "date")
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
