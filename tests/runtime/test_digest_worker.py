"""The digest through the real queue: beat, workers, the outbox and an SMTP server.

- Two beats and two workers at once: each projectleider gets exactly one mail.
- A worker killed (SIGKILL) while it hands a mail to the mail server, then a new worker: the
  mail arrives, once (acks_late, a task redelivered after the visibility time-out, the outbox
  row still pending because the kill rolled back its transaction).
"""

from __future__ import annotations

import datetime
import time

import pytest
from django.utils import timezone

from outbox.models import OutgoingMail
from plans.constants import ActionStatus, GoalTable, PlanStatus
from plans.models import Action, Goal, PlanOfApproach
from tests.runtime.stack import wait_for

pytestmark = pytest.mark.runtime


def overdue_action_for(site) -> None:
    today = timezone.localdate()
    plan = PlanOfApproach.objects.create(
        location=site.location,
        starts_on=datetime.date(today.year - 1, 1, 1),
        ends_on=datetime.date(today.year + 1, 12, 31),
        status=PlanStatus.UNDERWAY,
    )
    goal = Goal.objects.create(plan=plan, table=GoalTable.SELF_DIRECTION, position=0, text="Doel")
    Action.objects.create(
        goal=goal,
        description="De inloop starten",
        due_on=today - datetime.timedelta(days=3),
        status=ActionStatus.PLANNED,
    )


def leaders(world) -> set[str]:
    return {world.gouda.leader.person.email, world.zutphen.leader.person.email}


def delivered_to(smtp) -> list[str]:
    return sorted(address for recipients, _body in smtp.accepted for address in recipients)


def test_two_beats_and_two_workers_send_one_mail_per_recipient(world, stack, smtp):
    overdue_action_for(world.gouda)
    overdue_action_for(world.zutphen)
    stack.extra_env.update(DIGEST_HOUR="*", DIGEST_MINUTE="*")  # every minute, for the test
    stack.worker("worker-1")
    stack.worker("worker-2")
    stack.beat("beat-1")
    stack.beat("beat-2")

    wait_for(lambda: len(smtp.accepted) >= 2, timeout=100, what="the digests")
    time.sleep(6)  # both beats fired; give the second task every chance to send again
    assert delivered_to(smtp) == sorted(leaders(world))
    keys = set(OutgoingMail.objects.values_list("dedupe_key", flat=True))
    assert len(keys) == 2 and all(key.startswith("action-digest:") for key in keys)
    body = smtp.accepted[0][1]
    assert "De inloop starten" in body


def test_a_worker_killed_mid_delivery_loses_no_mail_and_sends_none_twice(world, stack, smtp):
    overdue_action_for(world.gouda)
    overdue_action_for(world.zutphen)
    smtp.hold()  # the mail server takes the first message and then hangs
    first = stack.worker("worker-1")
    out = stack.run("send_action_digest")
    assert "2 e-mails verstuurd" in out
    assert smtp.held.wait(30), first.log()

    first.kill()  # SIGKILL, mid-task: the task was not acknowledged
    smtp.release()
    assert smtp.accepted == []
    stack.worker("worker-2")
    wait_for(lambda: len(smtp.accepted) >= 2, timeout=60, what="both mails after the restart")
    time.sleep(5)  # a visibility time-out more: nothing is sent again
    assert delivered_to(smtp) == sorted(leaders(world))
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
    assert not OutgoingMail.objects.exclude(message=None).exists()  # content erased once sent
