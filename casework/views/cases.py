"""The case pages: the list of files (and counts), registering a resident or an anonymous
contact, one resident's file with its consents, trajectories and contacts, and the location's
agreement on urgent situations.

Which files a user sees is decided by `Resident.objects.visible_to(user)` (outside: a 404);
what they may do inside by `teams.access` (else a 403). Every write goes through
`casework.services`; its ValidationErrors land at the form's fields.
"""

from __future__ import annotations

import copy
from typing import Any

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F, Max, Prefetch, QuerySet, Sum
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from casework import services
from casework.constants import (
    ENDED_STATUSES,
    AuditAction,
    CollaborationForm,
    ConsentPurpose,
    TrajectoryStatus,
)
from casework.forms import (
    ConsentCreateForm,
    ConsentWithdrawForm,
    ContactForm,
    ResidentRegisterForm,
    TallyForm,
    TrajectoryEditForm,
    TrajectoryStartForm,
    UrgentAgreementForm,
)
from casework.models import (
    AnonymousTally,
    Consent,
    Contact,
    Resident,
    Trajectory,
    UrgentAgreement,
)
from casework.querysets import casework_posts
from teams import access
from teams.constants import Role
from teams.models import Location, Organisation, Person
from teams.views.mixins import LocationChildMixin, ScopedObjectMixin

PAGE_SIZE = 25
SMALL_NUMBER = 5  # counts below this (but above 0) show as "<5": nobody is recognisable


def add_service_error(form: Form, error: ValidationError, rename: dict | None = None) -> None:
    """Put a service's ValidationError on the form: at the field it names, else on top."""
    rename = rename or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        target = rename.get(name, name)
        form.add_error(target if target in form.fields else None, errors)


def case_url(resident: Resident, anchor: str = "") -> str:
    url = reverse("casework:resident_detail", args=[resident.pk])
    return f"{url}#{anchor}" if anchor else url


def shown_count(count: int | None) -> str:
    count = count or 0
    return f"<{SMALL_NUMBER}" if 0 < count < SMALL_NUMBER else str(count)


def urgent_agreement_of(location: Location) -> UrgentAgreement | None:
    """The location's agreement (select_related it as `location__urgent_agreement`)."""
    try:
        return location.urgent_agreement
    except ObjectDoesNotExist:
        return None


# --- The list: files the user sees, counts for everyone --------------------------------------


class CaseListView(TemplateView):
    """Casework members see their files; everyone sees counts per location, never names."""

    template_name = "casework/case_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        posts = casework_posts(user)
        page = None
        if posts:
            page = Paginator(self.files(), PAGE_SIZE).get_page(self.request.GET.get("pagina"))
        locations = list(
            Location.objects.visible_to(user).select_related("urgent_agreement").order_by("name")
        )
        casework_location_ids = {location_id for location_id, _org in posts}
        context.update(
            page=page,
            files=page.object_list if page else [],
            does_casework=bool(posts),
            casework_locations=[loc for loc in locations if loc.pk in casework_location_ids],
            forms=CollaborationForm.choices,
            aggregates=self.aggregates(locations),
        )
        return context

    def files(self) -> QuerySet:
        open_trajectories = (
            Trajectory.objects.exclude(status__in=ENDED_STATUSES)
            .select_related("expert", "social_worker")
            .order_by("-started_on", "-pk")
        )
        return (
            Resident.objects.visible_to(self.request.user)
            .select_related("neighbourhood", "location")
            .annotate(last_contact=Max("trajectories__contacts__date"))
            .prefetch_related(
                Prefetch("trajectories", queryset=open_trajectories, to_attr="open_trajectories")
            )
            .order_by("-created_at", "-pk")
        )

    def aggregates(self, locations: list[Location]) -> list[dict[str, Any]]:
        """Active trajectories per form and contacts this month, per location: three queries."""
        if not locations:
            return []
        scope = access.scope_for(self.request.user)
        today = timezone.localdate()
        month = today.replace(day=1)
        active: dict[tuple[int, str], int] = {
            (row["resident__location_id"], row["form"]): row["n"]
            for row in Trajectory.objects.filter(
                scope.location_filter("resident__location_id"), status=TrajectoryStatus.ACTIVE
            )
            .values("resident__location_id", "form")
            .annotate(n=Count("pk"))
            .order_by()
        }
        contacts: dict[int, int] = {
            row["trajectory__resident__location_id"]: row["n"]
            for row in Contact.objects.filter(
                scope.location_filter("trajectory__resident__location_id"),
                date__gte=month,
                date__lte=today,
            )
            .values("trajectory__resident__location_id")
            .annotate(n=Count("pk"))
            .order_by()
        }
        for row in (
            AnonymousTally.objects.filter(scope.location_filter("location_id"), month=month)
            .values("location_id")
            .annotate(n=Sum("contacts"))
            .order_by()
        ):
            contacts[row["location_id"]] = contacts.get(row["location_id"], 0) + (row["n"] or 0)
        return [
            {
                "location": location,
                "forms": [
                    (label, shown_count(active.get((location.pk, form))))
                    for form, label in CollaborationForm.choices
                ],
                "contacts": shown_count(contacts.get(location.pk)),
                "has_agreement": urgent_agreement_of(location) is not None,
                "can_manage_agreement": access.can_manage_urgent_agreement(
                    self.request.user, location
                ),
            }
            for location in locations
        ]


# --- Registering at a location ---------------------------------------------------------------


class LocationCaseworkMixin(LocationChildMixin):
    """Pages under /locaties/<location_pk>/ for who does casework there."""

    location_rule = staticmethod(access.does_casework_at)


class ResidentCreateView(LocationCaseworkMixin, FormView):
    form_class = ResidentRegisterForm
    template_name = "casework/resident_form.html"
    RENAME = {
        "given_as": "consent_given_as",
        "given_on": "consent_given_on",
        "review_on": "consent_review_on",
        "recorded_by_organisation": "organisation",
    }

    @cached_property
    def organisations(self) -> list[Organisation]:
        """The user's own organisations at this location (where they do casework)."""
        ids = [org for loc, org in casework_posts(self.request.user) if loc == self.location.pk]
        return list(Organisation.objects.filter(pk__in=ids).order_by("name"))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "location": self.location,
            "organisations": self.organisations,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("no_organisation", not self.organisations)
        return super().get_context_data(**kwargs)

    def form_valid(self, form: ResidentRegisterForm) -> HttpResponse:
        data = form.cleaned_data
        user = self.request.user
        try:
            resident = services.resident_register(
                location=self.location,
                organisation=data["organisation"],
                registered_by=user.person,
                actor=user,
                name=data["name"],
                phone=data["phone"],
                email=data["email"],
                neighbourhood=data.get("neighbourhood"),
                support_kinds=data["support_kinds"],
                consent_given_as=data["consent_given_as"],
                consent_given_on=data["consent_given_on"],
                consent_review_on=data["consent_review_on"],
            )
        except ValidationError as error:
            add_service_error(form, error, self.RENAME)
            return self.form_invalid(form)
        # No name in the message: messages may travel in a cookie.
        messages.success(
            self.request, _("De bewoner is aangemeld, met toestemming om gegevens vast te leggen.")
        )
        return redirect(resident)


class TallyCreateView(LocationCaseworkMixin, FormView):
    form_class = TallyForm
    template_name = "casework/tally_form.html"

    def form_valid(self, form: TallyForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            services.tally_anonymous_contact(
                location=self.location, date=data["date"], kind=data["kind"], form=data["form"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Het contact is geteld. Er is geen naam en geen notitie opgeslagen."),
        )
        return redirect("casework:case_list")


class UrgentAgreementEditView(LocationChildMixin, FormView):
    """The location's agreement on urgent situations: its projectleider writes it."""

    form_class = UrgentAgreementForm
    template_name = "casework/urgent_agreement_form.html"
    location_rule = staticmethod(access.can_manage_urgent_agreement)

    def get_form_kwargs(self) -> dict[str, Any]:
        instance = UrgentAgreement.objects.filter(location=self.location).first()
        return {
            **super().get_form_kwargs(),
            "instance": instance or UrgentAgreement(location=self.location),
        }

    def form_valid(self, form: UrgentAgreementForm) -> HttpResponse:
        agreement = form.save(commit=False)
        agreement.updated_by = self.request.user
        with transaction.atomic():
            agreement.save()
        messages.success(self.request, _("De afspraken bij urgente situaties zijn opgeslagen."))
        return redirect(self.location)


# --- One resident's file ---------------------------------------------------------------------


class CaseMixin(ScopedObjectMixin, SingleObjectMixin):
    """Pages of one resident's file: not visible → 404; `rule` does not hold → 403.
    Every case page shows the location's agreement on urgent situations at the top."""

    model = Resident
    context_object_name = "resident"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(
            "location__urgent_agreement",
            "neighbourhood",
            "recorded_by_organisation",
            "registered_by",
        )

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
        kwargs.setdefault("urgent_agreement", urgent_agreement_of(self.resident.location))
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


class ResidentDetailView(CaseMixin, TemplateView):
    """The file: consents, trajectories and contacts. Every view is in the audit trail."""

    template_name = "casework/resident_detail.html"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        contacts = Contact.objects.select_related("author").order_by("-date", "-created_at")
        trajectories = (
            Trajectory.objects.select_related("expert", "social_worker")
            .prefetch_related(Prefetch("contacts", queryset=contacts))
            .order_by("-started_on", "-pk")
        )
        consents = Consent.objects.select_related(
            "recipient_organisation", "recorded_by__person", "withdrawn_recorded_by__person"
        ).order_by(F("withdrawn_on").asc(nulls_first=True), "purpose", "-given_on")
        return (
            super()
            .scope_queryset(queryset)
            .prefetch_related(
                Prefetch("consents", queryset=consents),
                Prefetch("trajectories", queryset=trajectories),
            )
        )

    def get(self, request, *args, **kwargs) -> HttpResponse:
        services.audit(self.resident, request.user, AuditAction.READ, "dossier")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        resident, person_id = self.resident, self.person_id
        trajectories = list(resident.trajectories.all())
        is_partner = person_id is not None and (
            resident.registered_by_id == person_id
            or any(person_id in trajectory.partner_ids for trajectory in trajectories)
        )
        today = timezone.localdate()
        return super().get_context_data(
            consents=list(resident.consents.all()),
            trajectories=trajectories,
            is_partner=is_partner,
            today=today,
            **kwargs,
        )


class ConsentReceiptView(CaseMixin, TemplateView):
    """A printable receipt for the resident: what is recorded, who sees it, how to withdraw."""

    template_name = "casework/consent_receipt.html"

    def scope_queryset(self, queryset: QuerySet) -> QuerySet:
        consents = Consent.objects.select_related("recipient_organisation").order_by(
            "purpose", "-given_on"
        )
        trajectories = Trajectory.objects.exclude(status__in=ENDED_STATUSES).select_related(
            "expert", "social_worker"
        )
        return (
            super()
            .scope_queryset(queryset)
            .prefetch_related(
                Prefetch("consents", queryset=consents),
                Prefetch("trajectories", queryset=trajectories, to_attr="open_trajectories"),
            )
        )

    def get(self, request, *args, **kwargs) -> HttpResponse:
        services.audit(self.resident, request.user, AuditAction.READ, "toestemmingsbewijs")
        return super().get(request, *args, **kwargs)

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


class ConsentCreateView(CaseMixin, FormView):
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


class TrajectoryCreateView(CaseMixin, FormView):
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
