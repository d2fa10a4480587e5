"""Forms of the trainings app: a run, its sessions and programme, participants, follow-up."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from teams.constants import Role
from teams.fields import BoundedModelChoiceField, BoundedModelMultipleChoiceField
from teams.models import Person
from trainings.constants import BlockKind, ParticipantRole
from trainings.models import Curriculum, RunBlock, Session, TrainingRun

MAX_BLOCKS = 30  # per half-day: a programme, not a spreadsheet
SCORES = [("", "–"), *((str(n), str(n)) for n in range(1, 6))]


def _no_tag_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class RunForm(forms.ModelForm):
    """The run's title, its trainer pair and the certificate rule."""

    national_trainer = BoundedModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Landelijke trainer"),
        help_text=_("Een ervaringsdeskundige trainer van het landelijke team."),
    )
    local_trainer = BoundedModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label=_("Lokale trainer"),
        help_text=_("Een trainer van de eigen organisatie."),
    )

    class Meta:
        model = TrainingRun
        fields = ["title", "national_trainer", "local_trainer", "certificate_min_sessions"]

    def __init__(self, *args: Any, location: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_tag_helper()
        self.fields["national_trainer"].queryset = Person.objects.with_active_role(Role.TRAINER)
        self.fields["local_trainer"].queryset = Person.objects.working_at(location, Role.TRAINER)
        self.fields["certificate_min_sessions"].widget.attrs.update(min=1, max=10)

    def clean_certificate_min_sessions(self) -> int | None:
        value = self.cleaned_data.get("certificate_min_sessions")
        if value is not None and not 1 <= value <= 10:
            raise forms.ValidationError(_("Kies een aantal van 1 tot en met 10."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        national, local = data.get("national_trainer"), data.get("local_trainer")
        if national and local and national == local:
            self.add_error("local_trainer", _("Kies twee verschillende trainers."))
        return data


class RunCreateForm(RunForm):
    """A new run starts from the current version of the training or the workshop."""

    curriculum = BoundedModelChoiceField(
        queryset=Curriculum.objects.filter(is_current=True),
        label=_("Wat organiseert u?"),
        empty_label=None,
        widget=forms.RadioSelect,
    )

    class Meta(RunForm.Meta):
        fields = ["curriculum", *RunForm.Meta.fields]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leeg laten: de naam van de training en de locatie.")


class SessionScheduleForm(forms.ModelForm):
    """When and where a half-day takes place."""

    class Meta:
        model = Session
        fields = ["date", "starts_at", "ends_at", "place"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "starts_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "ends_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_tag_helper()
        self.fields["place"].widget.attrs["autocomplete"] = "street-address"

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("De eindtijd ligt niet na de begintijd."))
        return data


class RunBlockForm(forms.ModelForm):
    """One block of the programme as the location adapts it."""

    chosen_option = forms.ChoiceField(label=_("Invulling"), required=False)

    class Meta:
        model = RunBlock
        fields = ["position", "minutes", "title", "kind", "chosen_option", "description"]
        widgets = {
            "position": forms.NumberInput(attrs={"min": 1, "max": 99, "class": "order-input"}),
            "minutes": forms.NumberInput(attrs={"min": 1, "max": 480, "data-block-minutes": ""}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, options: dict[int, list[str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = BlockKind.THEME
        titles = options.get(self.instance.source_id, []) if self.instance.pk else []
        if titles:
            self.fields["chosen_option"].choices = [(title, title) for title in titles]
        else:
            self.fields["chosen_option"] = forms.CharField(
                label=_("Invulling"), required=False, max_length=200
            )

    def clean_minutes(self) -> int:
        minutes = self.cleaned_data["minutes"]
        if not 1 <= minutes <= 480:
            raise forms.ValidationError(_("Een blok duurt 1 tot 480 minuten."))
        return minutes

    def clean_position(self) -> int:
        position = self.cleaned_data["position"]
        if not 1 <= position <= 99:
            raise forms.ValidationError(_("Kies een volgnummer van 1 tot 99."))
        return position


class BaseRunBlockFormSet(forms.BaseModelFormSet):
    def __init__(self, *args: Any, options: dict[int, list[str]], **kwargs: Any) -> None:
        self.options = options
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int | None) -> dict[str, Any]:
        return {**super().get_form_kwargs(index), "options": self.options}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            options=self.options,
            renderer=self.renderer,
        )
        self.add_fields(form, None)
        return form


RunBlockFormSet = forms.modelformset_factory(
    RunBlock,
    form=RunBlockForm,
    formset=BaseRunBlockFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_BLOCKS,
    validate_max=True,
    absolute_max=MAX_BLOCKS + 10,
)


class ParticipantsForm(forms.Form):
    """Who takes part: the location's social workers and experts-by-experience."""

    social_workers = BoundedModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Sociaal werkers"),
    )
    experts = BoundedModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Ervaringsdeskundigen"),
    )

    FIELD_ROLES = {
        "social_workers": ParticipantRole.SOCIAL_WORKER,
        "experts": ParticipantRole.EXPERT,
    }

    def __init__(self, *args: Any, run: TrainingRun, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_tag_helper()
        for name, role in self.FIELD_ROLES.items():
            self.fields[name].queryset = Person.objects.working_at(run.location, role)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        both = set(data.get("social_workers") or []) & set(data.get("experts") or [])
        if both:
            raise forms.ValidationError(
                _("Iemand kan maar één keer meedoen: kies per persoon één rol.")
            )
        return data

    def chosen(self) -> dict[int, str]:
        """Person id → participant role."""
        return {
            person.pk: role
            for name, role in self.FIELD_ROLES.items()
            for person in self.cleaned_data.get(name, [])
        }


class FinalEvaluationRowForm(forms.Form):
    """The final evaluation of one participant, as the trainer enters it."""

    score = forms.TypedChoiceField(
        label=_("Cijfer (1 tot 5)"), choices=SCORES, required=False, coerce=int, empty_value=None
    )
    remark = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class FollowUpForm(FinalEvaluationRowForm):
    """After a half-day, for one participant: homework, score and remark."""

    homework_done = forms.TypedChoiceField(
        label=_("Oefenopdracht gedaan"),
        choices=[("", _("Weet ik niet")), ("ja", _("Ja")), ("nee", _("Nee"))],
        required=False,
        coerce=lambda value: {"ja": True, "nee": False}.get(value),
        empty_value=None,
    )

    field_order = ["homework_done", "score", "remark"]


class EvaluationForm(forms.Form):
    """A participant's own evaluation of a half-day (or of the whole training)."""

    score = forms.TypedChoiceField(
        label=_("Welk cijfer geeft u? (1 is slecht, 5 is heel goed)"),
        choices=SCORES[1:],
        coerce=int,
        widget=forms.RadioSelect,
    )
    remark = forms.CharField(
        label=_("Wat wilt u ons nog zeggen?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_tag_helper()
