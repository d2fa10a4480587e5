"""send_action_digest: one e-mail per projectleider with overdue and due-soon actions."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone, translation

from plans.constants import ActionStatus, GoalTable, PlanStatus
from plans.models import Action, Goal, PlanOfApproach
from teams.constants import Role
from tests.teams.factories import MembershipFactory, PersonFactory


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)


def make_plan(site, status=PlanStatus.UNDERWAY) -> PlanOfApproach:
    year = today().year
    return PlanOfApproach.objects.create(
        location=site.location,
        starts_on=datetime.date(year - 1, 1, 1),
        ends_on=datetime.date(year + 1, 12, 31),
        status=status,
    )


def make_action(plan, description, due, status=ActionStatus.PLANNED, owner=None) -> Action:
    goal, _ = Goal.objects.get_or_create(
        plan=plan, table=GoalTable.SELF_DIRECTION, position=0, defaults={"text": "Een doel"}
    )
    action = Action.objects.create(goal=goal, description=description, due_on=due, status=status)
    if owner is not None:
        action.owner_people.add(owner)
    return action


def run(*args) -> str:
    """The command, with what it queues after the commit delivered (the tasks run eagerly)."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("send_action_digest", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def gouda_plan(world):
    plan = make_plan(world.gouda)
    worker = world.gouda.worker.person
    make_action(plan, "Bijna klaar: de buurtkaart", days(5), ActionStatus.IN_PROGRESS, worker)
    make_action(plan, "Te laat: de inloop starten", days(-3), ActionStatus.PLANNED)
    make_action(plan, "Veel te laat: de folder", days(-20), ActionStatus.IN_PROGRESS)
    make_action(plan, "Gereed: de training", days(-10), ActionStatus.DONE)
    make_action(plan, "Vervallen: de markt", days(2), ActionStatus.DROPPED)
    make_action(plan, "Nog ver weg: de evaluatie", days(60))
    make_action(plan, "Zonder datum: het overleg", None, ActionStatus.IN_PROGRESS)
    return plan


def test_one_mail_to_the_projectleider_with_overdue_first(world, gouda_plan, mailoutbox):
    out = run()
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    leader = world.gouda.leader.person
    assert mail.to == [leader.email]
    assert "2 te laat" in mail.subject
    body = mail.body
    order = [
        body.index("Veel te laat: de folder"),
        body.index("Te laat: de inloop starten"),
        body.index("Bijna klaar: de buurtkaart"),
    ]
    assert order == sorted(order)
    assert body.index("TE LAAT") < order[0] and body.index("BINNEN 14 DAGEN") < order[2]
    assert world.gouda.worker.person.full_name in body  # who carries it out
    for excluded in ("Gereed:", "Vervallen:", "Nog ver weg", "Zonder datum"):
        assert excluded not in body
    assert f"http://127.0.0.1:8000/plannen/{gouda_plan.pk}/" in body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    assert html.index("Veel te laat: de folder") < html.index("Bijna klaar: de buurtkaart")
    assert f'href="http://127.0.0.1:8000/plannen/{gouda_plan.pk}/"' in html
    assert "1 e-mail verstuurd" in out


def test_site_url_setting_is_used_for_links(world, gouda_plan, mailoutbox, settings):
    settings.SITE_URL = "https://wijkkracht.example/"
    run()
    assert f"https://wijkkracht.example/plannen/{gouda_plan.pk}/" in mailoutbox[0].body


def test_actions_of_other_locations_are_not_included(world, gouda_plan, mailoutbox):
    zutphen_plan = make_plan(world.zutphen)
    make_action(zutphen_plan, "Zutphen: het spreekuur", days(-1))
    run()
    assert len(mailoutbox) == 2
    by_recipient = {mail.to[0]: mail for mail in mailoutbox}
    gouda_mail = by_recipient[world.gouda.leader.person.email]
    zutphen_mail = by_recipient[world.zutphen.leader.person.email]
    assert "Zutphen: het spreekuur" not in gouda_mail.body
    assert "Zutphen: het spreekuur" in zutphen_mail.body
    assert "de folder" not in zutphen_mail.body


def test_nothing_to_report_sends_nothing(world, mailoutbox):
    plan = make_plan(world.gouda)
    make_action(plan, "Nog ver weg", days(40))
    make_action(plan, "Al gedaan", days(-4), ActionStatus.DONE)
    out = run()
    assert mailoutbox == []
    assert "0 e-mails verstuurd" in out


def test_days_option_widens_the_window(world, mailoutbox):
    plan = make_plan(world.gouda)
    make_action(plan, "Over drie weken", days(21))
    run()
    assert mailoutbox == []
    run("--days", "30")
    assert len(mailoutbox) == 1
    assert "Over drie weken" in mailoutbox[0].body
    assert "BINNEN 30 DAGEN" in mailoutbox[0].body


def test_negative_days_are_refused(world):
    with pytest.raises(CommandError):
        run("--days", "-1")


def test_dry_run_sends_nothing_but_tells_what_it_would_send(world, gouda_plan, mailoutbox):
    out = run("--dry-run")
    assert mailoutbox == []
    assert world.gouda.leader.person.email in out
    assert "Veel te laat: de folder" in out
    assert "0 e-mails verstuurd" in out


def test_projectleider_without_email_is_skipped(world, gouda_plan, mailoutbox):
    leader = world.gouda.leader
    leader.person.email = ""
    leader.person.save()
    leader.email = ""
    leader.save()
    out = run()
    assert mailoutbox == []
    assert "geen e-mailadres" in out
    assert leader.person.full_name in out


def test_account_email_is_used_when_the_person_has_none(world, gouda_plan, mailoutbox):
    leader = world.gouda.leader
    leader.person.email = ""
    leader.person.save()
    run()
    assert mailoutbox[0].to == [leader.email]


def test_only_active_projectleiders_get_mail(world, gouda_plan, mailoutbox):
    membership = world.gouda.leader.person.memberships.get(role=Role.PROJECT_LEADER)
    membership.ends_on = days(-1)
    membership.starts_on = days(-30)
    membership.save()
    run()
    assert mailoutbox == []


def test_other_roles_get_no_mail(world, gouda_plan, mailoutbox):
    run()
    assert [mail.to for mail in mailoutbox] == [[world.gouda.leader.person.email]]


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.EVALUATED])
def test_plans_not_in_effect_are_left_out(world, mailoutbox, status):
    plan = make_plan(world.gouda, status=status)
    make_action(plan, "Te laat", days(-3))
    run()
    assert mailoutbox == []


def test_a_person_leading_two_locations_gets_one_mail(world, gouda_plan, mailoutbox):
    leader = world.gouda.leader.person
    MembershipFactory(person=leader, location=world.zutphen.location, role=Role.PROJECT_LEADER)
    zutphen_plan = make_plan(world.zutphen)
    make_action(zutphen_plan, "Zutphen: het spreekuur", days(1))
    run()
    to_leader = [mail for mail in mailoutbox if mail.to == [leader.email]]
    assert len(to_leader) == 1
    body = to_leader[0].body
    assert "Zutphen: het spreekuur" in body and "de folder" in body
    assert f"/plannen/{zutphen_plan.pk}/" in body and f"/plannen/{gouda_plan.pk}/" in body


def test_queries_do_not_grow_with_the_number_of_actions(
    world, gouda_plan, mailoutbox, django_assert_max_num_queries, settings
):
    settings.DIGEST_SECTIONS = []  # the actions alone (other apps' sections query per person)
    zutphen_plan = make_plan(world.zutphen)
    for n in range(15):
        action = make_action(zutphen_plan, f"Actie {n}", days(n - 7))
        action.owner_people.add(PersonFactory())
    # Five to collect, whatever the number of actions; then a fixed cost per mail: queued in
    # the outbox (savepoint, insert, release) and delivered (lock, update, transaction).
    queries_per_mail = 7
    with django_assert_max_num_queries(5 + 2 * queries_per_mail):
        run()
    assert len(mailoutbox) == 2


@pytest.mark.django_db
def test_demo_data_gives_amsterdam_its_reminder(mailoutbox):
    call_command("seed_demo", stdout=None)
    run()
    recipients = {mail.to[0]: mail for mail in mailoutbox}
    mail = recipients["anouk.planmaker@voorbeeld.invalid"]
    assert mail.body.count("te laat).") >= 2


def test_a_second_run_on_the_same_day_sends_nothing_more(world, gouda_plan, mailoutbox):
    run()
    out = run()
    assert len(mailoutbox) == 1
    assert "Vandaag al verstuurd: 1 e-mail" in out and "0 e-mails verstuurd" in out


def test_sections_of_other_apps_are_added(world, gouda_plan, mailoutbox, settings):
    settings.DIGEST_SECTIONS = ["tests.plans.digest_section.review_due"]
    run()
    assert "Herzien: de borging" in mailoutbox[0].body
    assert "<strong>Herzien: de borging</strong>" in mailoutbox[0].alternatives[0][0]


def test_a_section_alone_makes_a_mail(world, mailoutbox, settings):
    settings.DIGEST_SECTIONS = ["tests.plans.digest_section.review_due"]
    run()
    assert len(mailoutbox) == 2  # both projectleiders, without any action
    assert mailoutbox[0].subject == "Wijkkracht: om na te kijken"


def test_the_digest_is_in_the_recipients_language(world, gouda_plan, mailoutbox):
    leader = world.gouda.leader
    leader.language = "en"
    leader.save()
    run()
    mail = mailoutbox[0]
    assert "OVERDUE" in mail.body.upper() and "TE LAAT" not in mail.body
    assert "Veel te laat: de folder" in mail.body  # what users typed stays as typed
    assert translation.get_language() == "nl"
