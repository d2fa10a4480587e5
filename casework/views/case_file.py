"""One resident's file: the case page, the consent register (give, withdraw, the printable
receipt), support trajectories (start, edit) and contacts.

The file of the URL must be in `Resident.objects.visible_to(user)` (else a 404) and the view's
`rule` from `teams.access` must hold (else a 403). Every page shows the location's agreement
on urgent situations at the top. Every write goes through `casework.services`; its
ValidationErrors land at the form's fields. Reads come from `casework.selectors`.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from casework import selectors, services
from casework.constants import ConsentPurpose
from casework.forms import (
    ConsentCreateForm,
    ConsentWithdrawForm,
    ContactForm,
    TrajectoryEditForm,
    TrajectoryStartForm,
)
from casework.models import Consent, Resident, Trajectory
from casework.views.common import ReadAuditMixin, add_service_error, case_url
from teams import access
from teams.constants import Role
from teams.models import Person
from teams.views.mixins import ScopedObjectMixin


class CaseMixin(ReadAuditMixin, ScopedObjectMixin, SingleObjectMixin):
    """Pages of one resident's file: not visible → 404; `rule` does not hold → 403.
    Every case page shows the location's agreement on urgent situations at the top, and every
    showing of one is a read event (`read_subject`)."""

    model = Resident
    context_object_name = "resident"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return selectors.with_case_header(queryset)

    def dispatch(self, request, *args, **kwargs):
        self.object = self.resident = self.get_object()
        self.check_access()
        return super().dispatch(request, *args, **kwargs)

    def check_access(self) -> None:
        """Hook for checks beyond `rule` (e.g. a partner of this trajectory)."""

    @property
    def person_id(self) -> int | None:
        return access.scope_for(self.request.user).person_id

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("urgent_agreement", selectors.urgent_agreement_of(self.resident.location))
        kwargs.setdefault("location", self.resident.location)
        return super().get_context_data(**kwargs)


class TrajectoryChildMixin(CaseMixin):
    """Pages of one trajectory; a trajectory of another resident is a 404."""

    rule = staticmethod(access.is_case_partner)

    @cached_property
    def trajectory(self) -> Trajectory:
        return get_object_or_404(
            Trajectory.objects.select_related("expert", "social_worker"),
            resident=self.resident,
            pk=self.kwargs["trajectory_pk"],
        )

    def check_access(self) -> None:
        self.trajectory  # noqa: B018  (a 404 for a stranger's trajectory, before anything else)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(trajectory=self.trajectory, **kwargs)


# --- The case page and the consent receipt ---------------------------------------------------


class ResidentDetailView(CaseMixin, TemplateView):
    """The file: consents, trajectories and contacts. Every view is in the audit trail."""

    read_subject = "dossier"

    template_name = "casework/resident_detail.html"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return selectors.with_case_page(super().scope_queryset(queryset))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        resident, person_id = self.resident, self.person_id
        trajectories = list(resident.trajectories.all())
        is_partner = person_id is not None and (
            resident.registered_by_id == person_id
            or any(person_id in trajectory.partner_ids for trajectory in trajectories)
        )
        from teams.panels import panels_for

        return super().get_context_data(
            consents=list(resident.consents.all()),
            trajectories=trajectories,
            is_partner=is_partner,
            today=timezone.localdate(),
            panels=panels_for("resident", self.request, resident=resident),
            **kwargs,
        )


class ConsentReceiptView(CaseMixin, TemplateView):
    """A printable receipt for the resident: what is recorded, who sees it, how to withdraw."""

    read_subject = "toestemmingsbewijs"

    template_name = "casework/consent_receipt.html"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return selectors.with_consent_receipt(super().scope_queryset(queryset))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        resident = self.resident
        consents = list(resident.consents.all())
        active = [consent for consent in consents if consent.is_active]
        shared_with = sorted(
            {
                str(consent.recipient_organisation)
                for consent in active
                if consent.recipient_organisation_id
            }
        )
        return super().get_context_data(
            active_consents=active,
            withdrawn_consents=[consent for consent in consents if consent.withdrawn_on],
            shared_with=shared_with,
            record_purpose=ConsentPurpose.RECORD,
            privacy_officers=list(
                Person.objects.working_at(resident.location, Role.PRIVACY_OFFICER)
            ),
            today=timezone.localdate(),
            **kwargs,
        )


# --- Consents --------------------------------------------------------------------------------


class ConsentCreateView(CaseMixin, FormView):
    read_subject = "formulier toestemming"
    form_class = ConsentCreateForm
    template_name = "casework/consent_form.html"
    rule = staticmethod(access.is_case_partner)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "resident": self.resident}

    def form_valid(self, form: ConsentCreateForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            services.consent_give(
                resident=self.resident,
                actor=self.request.user,
                purpose=data["purpose"],
                recipient_organisation=data["recipient_organisation"],
                third_party=data["third_party"],
                given_as=data["given_as"],
                given_on=data["given_on"],
                review_on=data["review_on"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De toestemming is vastgelegd."))
        return redirect(case_url(self.resident, "toestemmingen"))


class ConsentWithdrawView(CaseMixin, FormView):
    """Anyone who sees the file may record a withdrawal; it works at once."""

    read_subject = "formulier intrekken"

    form_class = ConsentWithdrawForm
    template_name = "casework/consent_withdraw.html"

    @cached_property
    def consent(self) -> Consent:
        return get_object_or_404(
            Consent.objects.select_related("recipient_organisation"),
            resident=self.resident,
            pk=self.kwargs["consent_pk"],
        )

    def check_access(self) -> None:
        self.consent  # noqa: B018  (another resident's consent: a 404)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "consent": self.consent}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(consent=self.consent, purposes=ConsentPurpose, **kwargs)

    def form_valid(self, form: ConsentWithdrawForm) -> HttpResponse:
        user, resident = self.request.user, self.resident
        try:
            erased = services.consent_withdraw(
                consent=self.consent, withdrawn_on=form.cleaned_data["withdrawn_on"], actor=user
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        if erased:
            messages.success(
                self.request,
                _(
                    "De toestemming om gegevens vast te leggen is ingetrokken. Het dossier is "
                    "gewist. Alleen tellingen zonder naam blijven over."
                ),
            )
            return redirect("casework:case_list")
        if Resident.objects.visible_to(user).filter(pk=resident.pk).exists():
            messages.success(self.request, _("De toestemming is ingetrokken. Dit geldt meteen."))
            return redirect(case_url(resident, "toestemmingen"))
        messages.success(
            self.request,
            _("De toestemming is ingetrokken. Dit geldt meteen: u ziet dit dossier nu niet meer."),
        )
        return redirect("casework:case_list")


# --- Trajectories and contacts ---------------------------------------------------------------


class TrajectoryCreateView(CaseMixin, FormView):
    read_subject = "formulier nieuw traject"
    form_class = TrajectoryStartForm
    template_name = "casework/trajectory_form.html"
    rule = staticmethod(access.is_case_partner)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "resident": self.resident, "person_id": self.person_id}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        expert_pool_url = f"{reverse('teams:expert_pool')}?location={self.resident.location_id}"
        return super().get_context_data(expert_pool_url=expert_pool_url, **kwargs)

    def form_valid(self, form: TrajectoryStartForm) -> HttpResponse:
        try:
            trajectory = services.trajectory_start(
                resident=self.resident, actor=self.request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Het traject is gestart."))
        return redirect(case_url(self.resident, f"traject-{trajectory.pk}"))


class TrajectoryEditView(TrajectoryChildMixin, FormView):
    read_subject = "formulier traject"
    form_class = TrajectoryEditForm
    template_name = "casework/trajectory_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "trajectory": self.trajectory}

    def form_valid(self, form: TrajectoryEditForm) -> HttpResponse:
        trajectory = copy.copy(self.trajectory)  # the page keeps showing the stored one
        for name in TrajectoryEditForm.FIELDS:
            setattr(trajectory, name, form.cleaned_data[name])
        try:
            services.trajectory_update(
                trajectory=trajectory, actor=self.request.user, changed=form.changed_data
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Het traject is bijgewerkt."))
        return redirect(case_url(self.resident, f"traject-{trajectory.pk}"))


class ContactCreateView(TrajectoryChildMixin, FormView):
    """A contact, written by one of the trajectory's two partners (and it shows who)."""

    read_subject = "formulier contact"

    form_class = ContactForm
    template_name = "casework/contact_form.html"

    def check_access(self) -> None:
        super().check_access()
        if self.person_id not in self.trajectory.partner_ids:
            raise PermissionDenied

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "trajectory": self.trajectory,
            "person_id": self.person_id,
        }

    def form_valid(self, form: ContactForm) -> HttpResponse:
        user = self.request.user
        try:
            services.contact_add(
                trajectory=self.trajectory, author=user.person, actor=user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Het contact is opgeslagen."))
        return redirect(case_url(self.resident, f"traject-{self.trajectory.pk}"))
