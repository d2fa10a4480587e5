"""The site's URLs plus the views every page is measured against (bench settings only): the
logged-in bare page (`base.html` through all our middleware) and the framework floor (a short
template, served without middleware by bench/wsgi.py)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import path
from django.views.generic import TemplateView

from config.urls import handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns

bare = login_required(TemplateView.as_view(template_name="base.html"))


def floor(request):
    return HttpResponse(render_to_string("bench/floor.html", {"title": "Wijkkracht"}))


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("bench/floor/", floor, name="bench_floor"),
    *site_urlpatterns,
]
