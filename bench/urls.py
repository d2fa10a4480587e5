"""The site's URLs plus the bare view every page is measured against (bench settings only)."""

from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.generic import TemplateView

from config.urls import handler500  # noqa: F401
from config.urls import urlpatterns as site_urlpatterns

bare = login_required(TemplateView.as_view(template_name="base.html"))

urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *site_urlpatterns]
