"""Forms of the plans app: the sections of the plan, its goal tables and the workflow."""

from __future__ import annotations

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from plans import merge
from plans.models import Action, Goal, PlanOfApproach
from plans.sections import Section
from teams.constants import OrganisationKind
from teams.fields import BoundedModelMultipleChoiceField
from teams.models import Location, Organisation, Person

MAX_ANSWER = 20_000  # characters per answer: pages of text, not a novel
MAX_GOALS = 40
MAX_ACTIONS = 30

RECOVERY_KINDS = [OrganisationKind.RECOVERY, OrganisationKind.CLIENT]
TEAM_KINDS = [OrganisationKind.NEIGHBOURHOOD_TEAM, OrganisationKind.SOCIAL_WORK]


def _no_tag_helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class PlanPeriodForm(forms.ModelForm):
    """The period of a new plan."""

    class Meta:
        model = PlanOfApproach
        fields = ["starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, location: Location, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.location = location
        self.helper = _no_tag_helper()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("Het einde van de periode ligt vóór het begin."))
        if starts_on and self.location.plans.filter(starts_on=starts_on).exists():
            self.add_error("starts_on", _("Er is al een plan dat op deze datum begint."))
        return data


class SectionForm(forms.ModelForm):
    """The questions of one section of the plan, with the revision it was opened at."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    base = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20_000)

    class Meta:
        model = PlanOfApproach
        fields: list[str] = []

    def __init__(self, *args: Any, section: Section, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        self.helper = _no_tag_helper()
        if not self.is_bound:
            self.fields["revision"].initial = self.instance.revision
            base = merge.section_base(self.instance, section.fields)
            self.fields["base"].initial = merge.encode(base)
        location = self.instance.location
        for question in section.questions:
            field = self.fields[question.field]
            field.label = question.text
            field.help_text = question.help
            if isinstance(field.widget, forms.Textarea):
                field.max_length = MAX_ANSWER
                field.validators.append(MaxLengthValidator(MAX_ANSWER))
                field.widget.attrs.update(rows=4, maxlength=MAX_ANSWER)
        if "neighbourhoods" in self.fields:
            self.fields["neighbourhoods"].queryset = location.neighbourhoods.all()
            organisations = location.organisations.order_by("name")
            self.fields["recovery_organisations"].queryset = organisations.filter(
                kind__in=RECOVERY_KINDS
            )
            self.fields["neighbourhood_teams"].queryset = organisations.filter(kind__in=TEAM_KINDS)
            self.fields["project_leader"].queryset = Person.objects.working_at(location)
            for name in ("neighbourhoods", "recovery_organisations", "neighbourhood_teams"):
                self.fields[name].widget = forms.CheckboxSelectMultiple(
                    choices=self.fields[name].choices
                )

    @property
    def relation_fields(self) -> list[str]:
        return [
            name
            for name in self.section.fields
            if isinstance(self.fields[name], forms.ModelMultipleChoiceField)
        ]

    def values(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in self.section.fields
            if name not in self.relation_fields
        }

    def relations(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.relation_fields}


HEADER_RELATIONS = ["neighbourhoods", "recovery_organisations", "neighbourhood_teams"]


def section_form_class(section: Section) -> type[SectionForm]:
    return forms.modelform_factory(
        PlanOfApproach,
        form=SectionForm,
        fields=section.fields,
        field_classes={
            name: BoundedModelMultipleChoiceField
            for name in HEADER_RELATIONS
            if name in section.fields
        },
    )


class TransitionForm(forms.Form):
    remark = forms.CharField(
        label=_("Opmerking"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _no_tag_helper()


# --- Goal tables ------------------------------------------------------------------------------


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "maxlength": 2000})}
        labels = {"text": _("Doel")}

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if len(text) > 2000:
            raise ValidationError(_("Houd het doel korter dan 2000 tekens."))
        return text


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "description",
            "owner_people",
            "owner_organisations",
            "starts_on",
            "due_on",
            "timing_note",
            "status",
        ]
        field_classes = {
            "owner_people": BoundedModelMultipleChoiceField,
            "owner_organisations": BoundedModelMultipleChoiceField,
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "owner_people": forms.SelectMultiple(attrs={"size": 4}),
            "owner_organisations": forms.SelectMultiple(attrs={"size": 4}),
        }

    def __init__(
        self,
        *args: Any,
        plan: PlanOfApproach,
        owner_choices: dict[str, list] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["owner_people"].queryset = Person.objects.working_at(plan.location)
        self.fields["owner_organisations"].queryset = Organisation.objects.filter(
            partnerships__location=plan.location
        ).order_by("name")
        for name, choices in (owner_choices or {}).items():
            self.fields[name].choices = choices  # shared by all rows: rendered without a query

    def clean_description(self) -> str:
        text = self.cleaned_data["description"].strip()
        if len(text) > 2000:
            raise ValidationError(_("Houd de actie korter dan 2000 tekens."))
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for name in ("starts_on", "due_on"):
            day = data.get(name)
            if day and not self.plan.covers(day):
                self.add_error(
                    name,
                    _("Kies een datum binnen de periode van het plan (%(start)s tot %(end)s).")
                    % {
                        "start": self.plan.starts_on.strftime("%d-%m-%Y"),
                        "end": self.plan.ends_on.strftime("%d-%m-%Y"),
                    },
                )
        starts_on, due_on = data.get("starts_on"), data.get("due_on")
        if starts_on and due_on and due_on < starts_on:
            self.add_error("due_on", _("De einddatum ligt vóór de begindatum."))
        return data


class BaseActionFormSet(forms.BaseInlineFormSet):
    def validate_unique(self) -> None:
        """Actions have no unique fields; nothing to check across rows."""


ActionFormSet = forms.inlineformset_factory(
    Goal,
    Action,
    form=ActionForm,
    formset=BaseActionFormSet,
    extra=0,
    can_delete=True,
    can_order=True,
    max_num=MAX_ACTIONS,
    absolute_max=MAX_ACTIONS,
    validate_max=True,
)
GoalFormSet = forms.modelformset_factory(
    Goal,
    form=GoalForm,
    extra=0,
    can_delete=True,
    can_order=True,
    max_num=MAX_GOALS,
    absolute_max=MAX_GOALS,
    validate_max=True,
)
