"""The national curriculum: its versions and their half-days, blocks and options."""

from __future__ import annotations

from django.views.generic import DetailView, ListView

from teams.views.mixins import ScopedObjectMixin
from trainings.models import Curriculum


class CurriculumListView(ListView):
    template_name = "trainings/curriculum_list.html"
    context_object_name = "curricula"

    def get_queryset(self):
        return Curriculum.objects.visible_to(self.request.user).with_minutes()


class CurriculumDetailView(ScopedObjectMixin, DetailView):
    model = Curriculum
    template_name = "trainings/curriculum_detail.html"
    context_object_name = "curriculum"

    def scope_queryset(self, queryset):
        return queryset.with_content()
