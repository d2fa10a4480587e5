"""A location's group activities: list, detail with its meetings, create and edit, move or
cancel one meeting, count visitors (htmx, idempotent like the tick-off), and link a resident's
case to a meeting.

Reading: every member of the location, coordinators every location. Writing: the location's
projectleider and social workers, beheerders, and the activity's own leaders
(`teams.access.can_manage_activities`, `can_edit_activity`)."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin

from activities import calendar, selectors, services
from activities.forms import ActivityForm, MeetingMoveForm, VisitForm
from activities.models import Activity, Meeting, MeetingVisit
from activities.views.common import PostOnlyMixin, add_errors
from casework.views.common import ReadAuditMixin
from teams import access
from teams.views.mixins import LocationChildMixin, ScopedObjectMixin


class LocationActivitiesView(LocationChildMixin, TemplateView):
    location_rule = staticmethod(access.can_view)
    template_name = "activities/location_activities.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        today = timezone.localdate()
        return super().get_context_data(
            activities=selectors.location_activities(self.location, today),
            can_manage=access.can_manage_activities(self.request.user, self.location),
            feed_url=calendar.feed_url(calendar.LOCATION, self.location, self.request.user),
            monday=today - datetime.timedelta(days=today.weekday()),
            today=today,
            **kwargs,
        )


class ActivityCreateView(LocationChildMixin, FormView):
    location_rule = staticmethod(access.can_manage_activities)
    template_name = "activities/activity_form.html"
    form_class = ActivityForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "location": self.location}

    def form_valid(self, form):
        try:
            activity = services.activity_save(
                location=self.location,
                actor=self.request.user,
                leaders=form.cleaned_data["leaders"],
                organisations=form.cleaned_data["organisations"],
                **form.values(),
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De activiteit en haar bijeenkomsten staan klaar."))
        return redirect(activity)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class ActivityMixin(ScopedObjectMixin):
    model = Activity

    def scope_queryset(self, queryset):
        return queryset.select_related("location", "kind", "neighbourhood").prefetch_related(
            "leaders", "organisations"
        )


class ActivityDetailView(ActivityMixin, DetailView):
    template_name = "activities/activity_detail.html"
    context_object_name = "activity"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        activity = self.object
        return super().get_context_data(
            location=activity.location,
            meetings=selectors.activity_meetings(activity),
            can_edit=access.can_edit_activity(self.request.user, activity),
            today=timezone.localdate(),
            **kwargs,
        )


class ActivityEditView(ActivityMixin, DetailView):
    rule = staticmethod(access.can_edit_activity)
    template_name = "activities/activity_form.html"
    context_object_name = "activity"

    def get_form(self, data=None):
        return ActivityForm(data, instance=self.object, location=self.object.location)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(location=self.object.location, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = activity = self.get_object()
        form = self.get_form(request.POST)
        if form.is_valid():
            try:
                services.activity_save(
                    location=activity.location,
                    actor=request.user,
                    activity=activity,
                    leaders=form.cleaned_data["leaders"],
                    organisations=form.cleaned_data["organisations"],
                    **form.values(),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("De activiteit is opgeslagen."))
                return redirect(activity)
        activity.refresh_from_db()
        return self.render_to_response(self.get_context_data(form=form), status=422)


class MeetingMixin(ScopedObjectMixin):
    model = Meeting
    rule = staticmethod(access.can_edit_meeting)

    def scope_queryset(self, queryset):
        return queryset.select_related("activity__location", "activity__kind")


class MeetingEditView(MeetingMixin, DetailView):
    """Move one meeting, or cancel it (or put it back)."""

    template_name = "activities/meeting_form.html"
    context_object_name = "meeting"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", MeetingMoveForm(instance=self.object))
        return super().get_context_data(
            activity=self.object.activity, location=self.object.activity.location, **kwargs
        )

    def post(self, request, *args, **kwargs):
        self.object = meeting = self.get_object()
        action = request.POST.get("action", "move")
        note = request.POST.get("note", "").replace("\x00", "")[:200]
        try:
            if action == "cancel":
                services.meeting_cancel(meeting=meeting, note=note, actor=request.user)
                messages.success(request, _("De bijeenkomst gaat niet door."))
                return redirect(meeting.activity)
            if action == "restore":
                services.meeting_restore(meeting=meeting, actor=request.user)
                messages.success(request, _("De bijeenkomst gaat weer door."))
                return redirect(meeting.activity)
        except ValidationError as error:
            form = MeetingMoveForm(instance=meeting)
            add_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=422)
        if action != "move":
            return HttpResponseBadRequest(_("Onbekende keuze."))
        form = MeetingMoveForm(request.POST, instance=Meeting.objects.get(pk=meeting.pk))
        if form.is_valid():
            try:
                services.meeting_move(
                    meeting=meeting,
                    date=form.cleaned_data["date"],
                    start_time=form.cleaned_data["start_time"],
                    end_time=form.cleaned_data["end_time"],
                    note=form.cleaned_data["note"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("De bijeenkomst is verplaatst."))
                return redirect(meeting.activity)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class HeadcountView(PostOnlyMixin, MeetingMixin, SingleObjectMixin, View):
    """Count the visitors of a meeting. With htmx the answer is the meeting's row; without
    JavaScript a redirect back to the activity. A token is recorded once."""

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        try:
            token = uuid.UUID(request.POST.get("token", ""))
        except ValueError:
            return HttpResponseBadRequest(
                _("Deze telling mist haar kenmerk. Laad de pagina opnieuw.")
            )
        seen = request.POST.get("version", "")
        seen_version = int(seen) if seen.isdigit() and len(seen) < 10 else None
        message, status = "", 200
        try:
            meeting = services.meeting_count(
                meeting_id=meeting.pk,
                first_time=request.POST.get("first_time", "")[:12],
                returning=request.POST.get("returning", "")[:12],
                token=token,
                seen_version=seen_version,
                actor=request.user,
            )
        except ValidationError as error:
            message, status = " ".join(error.messages), 422
        except services.CountConflict as conflict:
            meeting = conflict.current
            message = _("Een collega heeft intussen geteld. Kijk of het klopt.")
            status = 409
        if not request.htmx:
            if message:
                messages.warning(request, message)
            else:
                messages.success(request, _("De telling is opgeslagen."))
            return redirect(f"{meeting.activity.get_absolute_url()}#bijeenkomst-{meeting.pk}")
        meeting.visit_count = meeting.visits.count()
        context = {
            "meeting": meeting,
            "activity": meeting.activity,
            "can_edit": True,
            "message": message,
            "today": timezone.localdate(),
            "typed": request.POST if status == 422 else None,
        }
        html = render_to_string("activities/includes/meeting_row.html", context, request)
        return HttpResponse(html, status=status)


class ResidentVisitsView(ReadAuditMixin, TemplateView):
    """From a resident's case: the meetings they went to, and a form to add one. The file
    comes from `Resident.objects.visible_to` (the consent gate): outside it a 404. Each
    showing is a read event in the file's audit trail."""

    template_name = "activities/resident_visits.html"
    read_subject = "activiteiten"

    def dispatch(self, request, *args, **kwargs):
        from casework.models import Resident

        self.resident = get_object_or_404(
            Resident.objects.visible_to(request.user).select_related("location"),
            pk=kwargs["resident_pk"],
        )
        access.require(request.user, access.can_link_visit, self.resident)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", VisitForm(resident=self.resident))
        visits = MeetingVisit.objects.filter(resident=self.resident).select_related(
            "meeting__activity"
        )
        return super().get_context_data(
            resident=self.resident, visits=list(visits.order_by("-meeting__date")), **kwargs
        )

    def post(self, request, *args, **kwargs):
        remove = request.POST.get("remove", "")
        if remove:
            visit = get_object_or_404(
                MeetingVisit, pk=remove if remove.isdigit() else 0, resident=self.resident
            )
            services.visit_unlink(visit=visit, actor=request.user)
            messages.success(request, _("Het bezoek is weggehaald."))
            return redirect("activities:resident_visits", resident_pk=self.resident.pk)
        form = VisitForm(request.POST, resident=self.resident)
        if form.is_valid():
            try:
                services.visit_link(
                    meeting=form.cleaned_data["meeting"],
                    resident=self.resident,
                    first_time=form.cleaned_data["first_time"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Het bezoek is vastgelegd."))
                return redirect("activities:resident_visits", resident_pk=self.resident.pk)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class ProgrammePdfView(LocationChildMixin, View):
    """The week's programme of the location as a PDF (?week=2027-04-26, any day of it)."""

    location_rule = staticmethod(access.can_view)

    def get(self, request, *args, **kwargs):
        from activities import programme

        raw = request.GET.get("week", "")[:10]
        try:
            day = datetime.date.fromisoformat(raw) if raw else timezone.localdate()
        except ValueError:
            day = timezone.localdate()
        monday = programme.monday_of(day)
        pdf = programme.render_pdf(self.location, monday)
        response = HttpResponse(pdf, content_type="application/pdf")
        filename = f"weekprogramma-{monday:%Y-%m-%d}.pdf"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response
