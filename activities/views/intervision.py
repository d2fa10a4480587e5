"""Coaching, intervision and supervision pages.

A group is seen only by its members and facilitators (`IntervisionGroup.objects.visible_to`:
anyone else gets a 404, social workers, coordinators and beheerders included). Its
facilitators change it and record its meetings. The coordinator's overview holds counts only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from activities import calendar, selectors, services
from activities.forms import GroupForm, GroupMeetingForm
from activities.models import GroupMeeting, IntervisionGroup
from activities.views.common import add_errors
from teams import access
from teams.models import Location, Person
from teams.views.mixins import LocationChildMixin, ScopedObjectMixin


class MyIntervisionView(TemplateView):
    """An expert's own groups, and "my coaching, intervision and supervision this year"."""

    template_name = "activities/my_intervision.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        scope = access.scope_for(user)
        year = timezone.localdate().year
        person = Person.objects.filter(pk=scope.person_id).first() if scope.person_id else None
        startable = [
            location
            for location in Location.objects.visible_to(user).order_by("name")
            if access.can_start_group(user, location) and not scope.sees_all_locations
        ]
        return super().get_context_data(
            year=year,
            lines=selectors.my_year(person.pk, year) if person else [],
            feed_url=calendar.feed_url(calendar.PERSON, person, user) if person else "",
            startable=startable,
            overview=access.can_see_intervision_overview(user),
            **kwargs,
        )


class GroupCreateView(LocationChildMixin, FormView):
    location_rule = staticmethod(access.can_start_group)
    template_name = "activities/group_form.html"
    form_class = GroupForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "location": self.location}

    def form_valid(self, form):
        try:
            group = services.group_save(
                location=self.location,
                actor=self.request.user,
                members=form.cleaned_data["members"],
                facilitators=form.cleaned_data["facilitators"],
                **form.values(),
            )
        except ValidationError as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("De groep is aangemaakt."))
        if IntervisionGroup.objects.visible_to(self.request.user).filter(pk=group.pk).exists():
            return redirect(group)
        return redirect("activities:my_intervision")

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class GroupMixin(ScopedObjectMixin):
    model = IntervisionGroup

    def scope_queryset(self, queryset):
        return queryset.select_related("location").prefetch_related("members", "facilitators")


class GroupDetailView(GroupMixin, DetailView):
    template_name = "activities/group_detail.html"
    context_object_name = "group"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        group = self.object
        meetings = group.meetings.prefetch_related("attendees", "themes").order_by("-date", "-pk")
        return super().get_context_data(
            location=group.location,
            meetings=list(meetings),
            can_manage=access.can_manage_group(self.request.user, group),
            **kwargs,
        )


class GroupEditView(GroupMixin, DetailView):
    rule = staticmethod(access.can_manage_group)
    template_name = "activities/group_form.html"
    context_object_name = "group"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", GroupForm(instance=self.object, location=self.object.location))
        return super().get_context_data(location=self.object.location, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = group = self.get_object()
        form = GroupForm(request.POST, instance=group, location=group.location)
        if form.is_valid():
            try:
                services.group_save(
                    location=group.location,
                    actor=request.user,
                    group=group,
                    members=form.cleaned_data["members"],
                    facilitators=form.cleaned_data["facilitators"],
                    **form.values(),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("De groep is opgeslagen."))
                if IntervisionGroup.objects.visible_to(request.user).filter(pk=group.pk).exists():
                    return redirect(group)
                return redirect("activities:my_intervision")
        group.refresh_from_db()
        return self.render_to_response(self.get_context_data(form=form), status=422)


class GroupMeetingFormMixin:
    template_name = "activities/group_meeting_form.html"

    def save(self, request, group, meeting=None):
        form = GroupMeetingForm(request.POST, group=group)
        if form.is_valid():
            try:
                services.group_meeting_save(
                    group=group, actor=request.user, meeting=meeting, **form.cleaned_data
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("De bijeenkomst is opgeslagen."))
                return redirect(group)
        return self.render_to_response(self.get_context_data(form=form), status=422)


class GroupMeetingCreateView(GroupMeetingFormMixin, GroupMixin, DetailView):
    rule = staticmethod(access.can_manage_group)
    context_object_name = "group"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault(
            "form",
            GroupMeetingForm(group=self.object, initial={"date": timezone.localdate()}),
        )
        return super().get_context_data(location=self.object.location, group=self.object, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.save(request, self.object)


class GroupMeetingEditView(GroupMeetingFormMixin, TemplateView):
    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(
            GroupMeeting.objects.visible_to(request.user).select_related("group__location"),
            pk=kwargs["pk"],
        )
        access.require(request.user, access.can_manage_group_meeting, self.meeting)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        meeting = self.meeting
        initial = {
            "date": meeting.date,
            "start_time": meeting.start_time,
            "end_time": meeting.end_time,
            "attendees": list(meeting.attendees.all()),
            "themes": list(meeting.themes.all()),
            "free_themes": meeting.free_themes,
        }
        kwargs.setdefault("form", GroupMeetingForm(group=meeting.group, initial=initial))
        return super().get_context_data(
            group=meeting.group, location=meeting.group.location, meeting=meeting, **kwargs
        )

    def post(self, request, *args, **kwargs):
        return self.save(request, self.meeting.group, self.meeting)


class IntervisionOverviewView(TemplateView):
    """Per city: does every expert have intervision or supervision? Counts only."""

    template_name = "activities/intervision_overview.html"

    def dispatch(self, request, *args, **kwargs):
        access.require(request.user, access.can_see_intervision_overview, None)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        today = timezone.localdate()
        locations = list(Location.objects.visible_to(self.request.user).order_by("city", "name"))
        lines = selectors.intervision_per_location(locations, today)
        return super().get_context_data(lines=lines, today=today, **kwargs)
