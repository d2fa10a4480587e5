"""Root URLconf: every page needs a log-in except the log-in pages, /healthz and the language
switch."""

from django.contrib import admin
from django.urls import include, path

from config.language import set_language
from teams import views as team_views
from teams.views import account

urlpatterns = [
    path("healthz", team_views.healthz, name="healthz"),
    # The language switch (base.html). Not include("django.conf.urls.i18n"): its view needs a
    # log-in under LoginRequiredMiddleware, and the switch is on the log-in page too.
    path("i18n/setlang/", set_language, name="set_language"),
    # Django's account pages, but a new password ends the user's other sessions and the reset
    # mail is in the account's language.
    path(
        "account/password_change/",
        account.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "account/password_reset/",
        account.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "account/reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("account/", include("django.contrib.auth.urls")),
    path("beheer/", admin.site.urls),
    path("", team_views.HomeView.as_view(), name="home"),
    path("", include("teams.urls")),
    path("", include("plans.urls")),
    path("", include("trainings.urls")),
    path("", include("casework.urls")),
    path("", include("activities.urls")),
    path("", include("embedding.urls")),
    path("", include("dashboard.urls")),
]

# A database outage answers a Dutch 503 (with what the user posted); other errors the 500 page.
handler500 = "teams.views.errors.server_error"
