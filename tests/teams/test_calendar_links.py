"""Calendar links (issue 18): a user sees which feed links exist and revokes one at a time."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities import calendar as activity_calendar
from teams import calendar_links
from teams.constants import CalendarFeed
from teams.models import CalendarLink
from tests.trainings.factories import make_run
from trainings import calendar as training_calendar

PAGE = "teams:calendar_links"


@pytest.fixture
def run(world):
    return make_run(world.gouda.location, parts=2)


def feed_in_page(client, run) -> str:
    """The run's feed link as the run page shows it to the logged-in user (a path)."""
    page = client.get(run.get_absolute_url()).content.decode()
    start = page.index('id="agenda-link"')
    value = page[page.index('value="', start) + 7 :]
    url = value[: value.index('"')]
    return url.removeprefix("http://testserver")


def test_the_page_that_shows_a_feed_makes_one_link_per_user(world, client, run):
    client.force_login(world.gouda.worker)
    first = feed_in_page(client, run)
    assert feed_in_page(client, run) == first
    client.force_login(world.gouda.leader)
    assert feed_in_page(client, run) != first
    assert CalendarLink.objects.filter(feed=CalendarFeed.RUN, object_id=run.pk).count() == 2
    assert client.get(first).status_code == 200


def test_the_account_page_lists_only_my_links(world, client, run):
    client.force_login(world.gouda.leader)
    leader_url = feed_in_page(client, run)
    client.force_login(world.gouda.worker)
    worker_url = feed_in_page(client, run)
    page = client.get(reverse(PAGE)).content.decode()
    assert worker_url in page
    assert leader_url not in page
    assert run.title in page
    assert "nog nooit opgehaald" in page
    client.get(worker_url)
    assert "laatst opgehaald op" in client.get(reverse(PAGE)).content.decode()


def test_revoking_ends_that_link_alone_and_the_page_then_shows_a_new_one(world, client, run):
    client.force_login(world.gouda.trainer)
    run_url = feed_in_page(client, run)
    trainer_url = training_calendar.trainer_feed_url(
        world.gouda.trainer, world.gouda.trainer.person.pk
    )
    link = CalendarLink.objects.get(feed=CalendarFeed.RUN, user=world.gouda.trainer)

    response = client.post(reverse("teams:calendar_link_revoke", args=[link.pk]), follow=True)

    assert "is ingetrokken" in response.content.decode()
    assert run_url not in response.content.decode()
    assert client.get(run_url).status_code == 404
    assert client.get(trainer_url).status_code == 200  # the other link still works
    new_url = feed_in_page(client, run)
    assert new_url != run_url
    assert client.get(new_url).status_code == 200
    assert client.get(run_url).status_code == 404


def test_someone_elses_link_cannot_be_revoked(world, client, run):
    client.force_login(world.gouda.leader)
    url = feed_in_page(client, run)
    link = CalendarLink.objects.get(user=world.gouda.leader)
    client.force_login(world.gouda.worker)

    response = client.post(reverse("teams:calendar_link_revoke", args=[link.pk]))

    assert response.status_code == 404
    assert CalendarLink.objects.get(pk=link.pk).revoked_at is None
    assert client.get(url).status_code == 200


def test_a_revoke_needs_a_post(world, client, run):
    client.force_login(world.gouda.leader)
    feed_in_page(client, run)
    link = CalendarLink.objects.get(user=world.gouda.leader)
    assert client.get(reverse("teams:calendar_link_revoke", args=[link.pk])).status_code == 405
    assert CalendarLink.objects.get(pk=link.pk).revoked_at is None


def test_a_link_of_a_deactivated_account_stops_working(world, client, run):
    url = training_calendar.run_feed_url(run, world.gouda.worker)
    world.gouda.worker.is_active = False
    world.gouda.worker.save()
    assert client.get(url).status_code == 404


def test_a_personal_feed_stops_when_the_person_is_no_longer_the_accounts(world, client):
    person = world.gouda.expert.person
    url = activity_calendar.feed_url(activity_calendar.PERSON, person, world.gouda.expert)
    assert client.get(url).status_code == 200
    person.user = None
    person.save()
    assert client.get(url).status_code == 404


def test_the_last_fetch_is_written_at_most_once_an_hour(world, client, run):
    url = training_calendar.run_feed_url(run, world.gouda.leader)
    client.get(url)
    first = CalendarLink.objects.get().last_used_at
    assert first is not None
    client.get(url)
    assert CalendarLink.objects.get().last_used_at == first
    CalendarLink.objects.update(last_used_at=timezone.now() - datetime.timedelta(hours=2))
    client.get(url)
    assert CalendarLink.objects.get().last_used_at > first - datetime.timedelta(seconds=1)


def test_the_token_holds_no_secret_of_its_own_and_a_changed_key_is_refused(world, run):
    link = calendar_links.link_for(world.gouda.leader, CalendarFeed.RUN, run.pk, run.title)
    token = calendar_links.token_of(link)
    assert calendar_links.resolve(token, (CalendarFeed.RUN,)) == link
    CalendarLink.objects.filter(pk=link.pk).update(key="anders")
    with pytest.raises(calendar_links.BadToken):
        calendar_links.resolve(token, (CalendarFeed.RUN,))


def test_the_page_runs_a_fixed_number_of_queries(world, client):
    client.force_login(world.gouda.leader)
    make_links = [make_run(world.gouda.location, parts=1) for _ in range(4)]
    calendar_links.link_for(world.gouda.leader, CalendarFeed.RUN, make_links[0].pk, "Een")
    client.get(reverse(PAGE))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(PAGE))
    for run in make_links[1:]:
        calendar_links.link_for(world.gouda.leader, CalendarFeed.RUN, run.pk, run.title)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse(PAGE))
    assert len(four) == len(one)


def test_the_menu_leads_to_the_page(world, client):
    client.force_login(world.gouda.worker)
    assert reverse(PAGE) in client.get(reverse("home")).content.decode()
