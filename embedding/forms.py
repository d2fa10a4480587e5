"""Forms of the embedding app. Each checks what the model checks, so the user sees a clear
Dutch message next to the field and nothing is saved."""

from __future__ import annotations

import datetime
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from embedding import evidence
from embedding.constants import REVIEW_MONTH_CHOICES, Phase, Status
from embedding.models import Condition
from teams.models import Person

MAX_NOTE = 5000
EARLIEST = datetime.date(2000, 1, 1)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _check_date(value: datetime.date | None) -> datetime.date | None:
    if value and value < EARLIEST:
        raise forms.ValidationError(_("Kies een datum na 1 januari 2000."))
    if value and value > timezone.localdate() + datetime.timedelta(days=3650):
        raise forms.ValidationError(_("Kies een datum binnen tien jaar."))
    return value


class ConditionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices)
    na_reason = forms.CharField(
        label=_("Waarom niet van toepassing?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Alleen nodig bij 'niet van toepassing'."),
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Wie zorgt dat deze voorwaarde geregeld wordt."),
    )
    note = forms.CharField(
        label=_("Toelichting en bewijs"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is er geregeld, en waar blijkt dat uit? Geen gegevens van bewoners."),
    )
    evidence = forms.ChoiceField(label=_("Gekoppeld aan"), required=False)
    last_reviewed_on = forms.DateField(
        label=_("Laatst beoordeeld op"), required=False, widget=_date_widget()
    )
    next_review_on = forms.DateField(
        label=_("Volgende beoordeling"),
        required=False,
        widget=_date_widget(),
        help_text=_("Leeg laten: na één beoordelingsronde."),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, condition: Condition, **kwargs: Any) -> None:
        if not kwargs.get("data") and not args:
            kwargs.setdefault("initial", self.initial_for(condition))
        super().__init__(*args, **kwargs)
        self.condition = condition
        self.helper = _helper()
        self.fields["owner"].queryset = Person.objects.working_at(condition.location_id)
        self.fields["evidence"].choices = evidence.choices_at(condition.location)
        if condition.is_derived:
            self.fields["status"].disabled = True
            self.fields["status"].help_text = _(
                "Deze status volgt uit andere gegevens en verandert vanzelf."
            )

    @staticmethod
    def initial_for(condition: Condition) -> dict[str, Any]:
        return {
            "status": condition.status,
            "na_reason": condition.na_reason,
            "owner": condition.owner_id,
            "note": condition.note,
            "evidence": evidence.value_of(condition.evidence) if condition.evidence_id else "",
            "last_reviewed_on": condition.last_reviewed_on,
            "next_review_on": condition.next_review_on,
            "revision": condition.revision,
        }

    def clean_last_reviewed_on(self):
        value = _check_date(self.cleaned_data.get("last_reviewed_on"))
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return value

    def clean_next_review_on(self):
        return _check_date(self.cleaned_data.get("next_review_on"))

    def clean_evidence(self):
        value = self.cleaned_data.get("evidence") or ""
        if not value:
            return None
        obj = evidence.resolve(value, self.condition.location)
        if obj is None:
            raise forms.ValidationError(_("Kies iets van deze locatie."))
        return obj

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        if status == Status.NOT_APPLICABLE and not (data.get("na_reason") or "").strip():
            self.add_error(
                "na_reason", _("Schrijf op waarom deze voorwaarde niet van toepassing is.")
            )
        last = data.get("last_reviewed_on")
        if last is None and "last_reviewed_on" not in self.errors:
            last = self.condition.last_reviewed_on
        following = data.get("next_review_on")
        if last and following and following < last:
            self.add_error(
                "next_review_on",
                _(
                    "De volgende beoordeling ligt vóór de laatste beoordeling. "
                    "Kies een latere datum."
                ),
            )
        return data

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {
            name: data.get(name)
            for name in ("na_reason", "owner", "note", "last_reviewed_on", "next_review_on")
        }
        values["na_reason"] = (values["na_reason"] or "").strip()
        values["note"] = (values["note"] or "").strip()
        values["evidence"] = data.get("evidence")
        if not self.condition.is_derived:
            values["status"] = data["status"]
        return values


class OwnConditionForm(forms.Form):
    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices)
    title = forms.CharField(label=_("Voorwaarde"), max_length=200)
    description = forms.CharField(
        label=_("Uitleg"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_title(self) -> str:
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError(_("Geef de voorwaarde een naam."))
        return title


class CycleForm(forms.Form):
    review_every_months = forms.TypedChoiceField(
        label=_("Hoe vaak bekijkt het projectteam de voorwaarden?"),
        coerce=int,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Made here, in the reader's language: at import time they would stay in one language.
        self.fields["review_every_months"].choices = [
            (months, _("Elke maand") if months == 1 else _("Om de %(n)s maanden") % {"n": months})
            for months in REVIEW_MONTH_CHOICES
        ]
        self.helper = _helper()


class PlanActionForm(forms.Form):
    """One click: the owner and date come filled in; the user may change them."""

    owner = forms.ModelChoiceField(label=_("Wie"), queryset=Person.objects.none(), required=False)
    due_on = forms.DateField(label=_("Klaar op"), widget=_date_widget())

    def __init__(self, *args: Any, condition: Condition, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.condition, self.plan = condition, plan
        self.fields["owner"].queryset = Person.objects.working_at(condition.location_id)

    def clean_due_on(self):
        value = _check_date(self.cleaned_data.get("due_on"))
        if value and self.plan is not None and not self.plan.covers(value):
            raise forms.ValidationError(
                _("Kies een datum binnen de periode van het plan (%(start)s tot %(end)s).")
                % {
                    "start": f"{self.plan.starts_on:%d-%m-%Y}",
                    "end": f"{self.plan.ends_on:%d-%m-%Y}",
                }
            )
        return value


class DateForm(forms.Form):
    datum = forms.DateField(label=_("Stand op datum"), widget=_date_widget())

    def clean_datum(self):
        value = _check_date(self.cleaned_data.get("datum"))
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Kies vandaag of een dag in het verleden."))
        return value
