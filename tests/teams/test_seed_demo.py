"""seed_demo: the demo log-ins are a contract; running it twice gives the same data."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from teams.models import Location, Organisation, Partnership, Person, User

CITIES = ["amsterdam", "arnhem", "enschede", "gouda", "utrecht", "zutphen"]
LOGINS = ["coordinator", "beheer"] + [
    f"{prefix}-{city}" for city in CITIES for prefix in ("leider", "trainer", "werker", "ed")
]


def snapshot() -> dict[str, list]:
    """Every row of every model of our apps, without primary keys' order mattering."""
    data = {}
    for model in apps.get_app_config("teams").get_models():
        rows = list(model.objects.values())
        for row in rows:
            row.pop("password", None)  # salted: differs per run by design
            row.pop("last_login", None)
        data[model.__name__] = sorted(map(repr, rows))
    return data


@pytest.mark.django_db
def test_seed_demo_twice_gives_the_same_data(capsys):
    call_command("seed_demo")
    first = snapshot()
    call_command("seed_demo")
    assert snapshot() == first
    out = capsys.readouterr().out
    for username in LOGINS:
        assert username in out


@pytest.mark.django_db
def test_demo_logins_work_with_the_demo_password(settings):
    call_command("seed_demo", stdout=None)
    request = RequestFactory().post("/account/login/")
    for username in LOGINS:
        user = authenticate(request, username=username, password=settings.DEMO_PASSWORD)
        assert user is not None, username
    assert User.objects.get(username="beheer").is_superuser


@pytest.mark.django_db
def test_demo_has_six_pilot_cities_with_their_real_partners():
    call_command("seed_demo")
    assert Location.objects.count() == 6
    gouda = Location.objects.get(name="Gouda")
    partners = set(gouda.organisations.values_list("name", flat=True))
    assert {"KernKracht", "Sociaal Team Gouda"} <= partners
    zutphen = Location.objects.get(name="Zutphen")
    assert {"Ixta Noa", "Intact Zelfhulp en Herstel", "Perspectief Zutphen"} <= set(
        zutphen.organisations.values_list("name", flat=True)
    )
    # Ixta Noa works in two pilot cities: one organisation, two partnerships.
    ixta = Organisation.objects.get(name="Ixta Noa")
    assert Partnership.objects.filter(organisation=ixta).count() == 2
    # Not every person has an account.
    assert Person.objects.filter(user__isnull=True).exists()


@pytest.mark.django_db
def test_seed_demo_refuses_under_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not Location.objects.exists()


@pytest.mark.django_db
def test_demo_password_can_be_set_by_environment(settings):
    settings.DEMO_PASSWORD = "een-ander-demowachtwoord"
    call_command("seed_demo")
    request = RequestFactory().post("/account/login/")
    assert authenticate(request, username="leider-gouda", password="een-ander-demowachtwoord")


@pytest.mark.django_db
def test_every_city_shows_an_open_and_an_expired_invitation():
    from teams.constants import InvitationStatus

    call_command("seed_demo")
    for location in Location.objects.all():
        statuses = [invitation.status for invitation in location.invitations.all()]
        assert sorted(statuses) == sorted([InvitationStatus.EXPIRED, InvitationStatus.OPEN])
