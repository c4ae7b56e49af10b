"""Each step of a plan's life tells the people whose turn it now is, once, in their own language, with a link
to the plan; what invites an answer answers to the group's secretariat; the actor is never told."""

import pytest
from django.core import mail

from roundtable.core.notifications import Notification
from roundtable.workplans import services
from roundtable.workplans.models import WorkPlanStatus

S = WorkPlanStatus


@pytest.fixture
def languages(world):
    """The co-chair reads English; everyone else Lao (the default)."""
    cochair = world.people["cochair"]
    cochair.preferred_language = "en"
    cochair.save()


def told(plan, action: str) -> dict[str, str]:
    """{username: language} of the notifications of this step of the plan."""
    return {
        n.recipient.username: n.language
        for n in Notification.objects.filter(key__startswith=f"workplans:{plan.pk}:{action}:").select_related(
            "recipient"
        )
    }


def take(plan, world, action, persona, comment=""):
    return services.workplan_take_step(plan=plan, actor=world.user(persona), action=action, comment=comment)


def test_each_step_tells_its_next_actor_in_their_language_with_a_link(
    world, make_plan, languages, django_capture_on_commit_callbacks
):
    plan = make_plan()
    with django_capture_on_commit_callbacks(execute=True):
        plan = take(plan, world, "send", "secretariat")
    assert told(plan, "send") == {"health-chair": "lo", "health-cochair": "en"}
    english = next(m for m in mail.outbox if m.to == ["health-cochair@example.la"])
    assert english.subject == "Work plan 2026 for your approval: Health"
    assert "/en/workplans/health/2026/" in english.body and "Vanh Keomany" in english.body
    assert english.reply_to == ["health-secretariat@example.la"]  # the text invites an answer
    lao = next(m for m in mail.outbox if m.to == ["health-chair@example.la"])
    assert "/lo/workplans/health/2026/" in lao.body and "ສາທາລະນະສຸກ" in lao.subject
    assert "ວັນ ແກ້ວມະນີ" in lao.body

    with django_capture_on_commit_callbacks(execute=True):
        plan = take(plan, world, "chair_return", "cochair", "Add the budget of priority 1.")
    assert told(plan, "chair_return") == {"health-secretariat": "lo"}
    returned = next(m for m in mail.outbox if m.to == ["health-secretariat@example.la"])
    assert "Add the budget of priority 1." in returned.body and not returned.reply_to

    plan = take(plan, world, "send", "secretariat")  # a second sending is a new event: told again
    assert Notification.objects.filter(key__startswith=f"workplans:{plan.pk}:send:").count() == 4

    plan = take(plan, world, "chair_approve", "chair")
    assert told(plan, "chair_approve") == {"health-secretariat": "lo"}

    plan = take(plan, world, "submit", "secretariat")
    assert told(plan, "submit") == {"rtp": "lo"}
    submitted = Notification.objects.get(key__startswith=f"workplans:{plan.pk}:submit:")
    assert submitted.reply_to == "health-secretariat@example.la"

    plan = take(plan, world, "return", "rtp", "Link priority 1 to an SDG target.")
    assert told(plan, "return") == {"health-secretariat": "lo"}
    for action, persona in [("send", "secretariat"), ("chair_approve", "chair"), ("submit", "secretariat")]:
        plan = take(plan, world, action, persona)

    plan = take(plan, world, "approve", "rtp")
    everyone = {"health-secretariat": "lo", "health-chair": "lo", "health-cochair": "en"}
    assert told(plan, "approve") == everyone
    plan = take(plan, world, "publish", "rtp")
    assert told(plan, "publish") == everyone
    published = Notification.objects.get(
        key__startswith=f"workplans:{plan.pk}:publish:", recipient__username="health-cochair"
    )
    assert published.subject == "Work plan 2026 published: Health"


def test_the_actor_is_never_told_of_their_own_step(world, make_plan):
    from roundtable.groups.models import ChairTerm

    # The secretariat is also a co-chair here: sending tells the chair, not itself.
    ChairTerm.objects.filter(role="cochair").update(person=world.people["secretariat"])
    plan = take(make_plan(), world, "send", "secretariat")
    assert told(plan, "send") == {"health-chair": "lo"}


def test_a_refused_step_tells_nobody(world, make_plan):
    plan = make_plan(ready=False)
    with pytest.raises(services.Refused if hasattr(services, "Refused") else Exception):
        take(plan, world, "send", "secretariat")
    assert not Notification.objects.exists()


def test_the_demo_steps_tell_nobody(world, make_plan):
    services.workplan_take_step(
        plan=make_plan(), actor=world.user("secretariat"), action="send", notify=False
    )
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_emails_leave_after_the_commit_through_the_step_page(world, make_plan, client_for):
    make_plan()
    client_for(world.user("secretariat")).post("/lo/workplans/health/2026/step/send/", {"revision": 1})
    assert sorted(m.to[0] for m in mail.outbox) == ["health-chair@example.la", "health-cochair@example.la"]


def test_approving_and_publishing_in_one_action_records_both_steps_and_tells_each_person_once(
    world, make_plan, languages
):
    plan = make_plan(status=S.SUBMITTED)
    plan = take(plan, world, "approve_publish", "rtp", "Well aligned.")
    assert plan.status == S.PUBLISHED and plan.published_at is not None
    steps = list(plan.steps.order_by("pk").values_list("from_status", "to_status", "comment"))
    assert steps == [(S.SUBMITTED, S.APPROVED, "Well aligned."), (S.APPROVED, S.PUBLISHED, "")]
    everyone = {"health-secretariat": "lo", "health-chair": "lo", "health-cochair": "en"}
    assert told(plan, "publish") == everyone
    assert not Notification.objects.filter(key__startswith=f"workplans:{plan.pk}:approve").exists()
    assert plan.versions.count() == 1
