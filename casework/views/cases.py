"""The case pages of a location: the list of files (and counts), registering a resident or an
anonymous contact, and the location's agreement on urgent situations.

Which files a user sees is decided by `Resident.objects.visible_to(user)`; what they may do at
a location by `teams.access` (outside their locations: a 404, else a 403). Every write goes
through `casework.services`; its ValidationErrors land at the form's fields. One resident's
file (the case page and what hangs under it) lives in `casework/views/case_file.py`.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from casework import selectors, services
from casework.constants import CollaborationForm
from casework.forms import ResidentRegisterForm, TallyForm, UrgentAgreementForm
from casework.models import UrgentAgreement
from casework.querysets import casework_posts
from casework.views.common import add_service_error
from teams import access
from teams.models import Location, Organisation
from teams.views.mixins import LocationChildMixin

PAGE_SIZE = 25


class CaseListView(TemplateView):
    """Casework members see their files; everyone sees counts per location, never names.
    Each file named on the page gets a read event ("bewonerslijst")."""

    template_name = "casework/case_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        posts = casework_posts(user)
        page = None
        if posts:
            page = Paginator(selectors.case_files(user), PAGE_SIZE).get_page(
                self.request.GET.get("pagina")
            )
        locations = list(
            Location.objects.visible_to(user).select_related("urgent_agreement").order_by("name")
        )
        casework_location_ids = {location_id for location_id, _org in posts}
        files = list(page.object_list) if page else []
        services.audit_listed(files, user, "bewonerslijst")  # the list names them
        context.update(
            page=page,
            files=files,
            does_casework=bool(posts),
            casework_locations=[loc for loc in locations if loc.pk in casework_location_ids],
            forms=CollaborationForm.choices,
            aggregates=selectors.casework_aggregates(user, locations),
        )
        return context


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
        try:
            services.urgent_agreement_save(
                location=self.location,
                text=form.cleaned_data["text"],
                crisis_phone=form.cleaned_data["crisis_phone"],
                actor=self.request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De afspraken bij urgente situaties zijn opgeslagen."))
        return redirect(self.location)
