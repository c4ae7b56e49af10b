"""Privacy of the index: what the public, an outsider, a member of another group, a member and the RTP
Secretariat find; publishing and unpublishing; the same predicate as each record's page."""

from types import SimpleNamespace

import pytest

from roundtable.meetings import permissions as meeting_permissions
from roundtable.minutes import services as minutes_services
from roundtable.minutes.tests.conftest import set_status, version_of
from roundtable.search import tasks
from roundtable.search.models import SearchEntry
from roundtable.workplans import permissions as workplan_permissions

from .conftest import DRAFT_LO, found, kinds_found

pytestmark = pytest.mark.django_db


def test_the_public_never_finds_draft_minutes_an_internal_meeting_or_a_draft_plan(corpus):
    assert found(DRAFT_LO) == []
    assert found("refrigerators") == []
    assert found("Vaccination") == []
    assert found("Hospital autonomy") == []
    assert found("Catering") == []


@pytest.mark.parametrize("persona", ["outsider", "other_member", "other_secretariat"])
def test_people_outside_the_group_find_only_public_records(corpus, world, persona):
    user = world.user(persona)
    assert found("refrigerators", user) == []
    assert found("Hospital autonomy", user) == []
    assert found("Catering", user) == []
    assert found("coldchain", user)  # the public document, found by everyone


def test_a_member_finds_the_groups_internal_records(corpus, world):
    member = world.user("member")
    assert ("minutes.minutes", corpus.draft_minutes.pk, "en") in found("refrigerators", member)
    assert ("meetings.meeting", corpus.internal_meeting.pk, "") in found("Vaccination", member)
    assert {"workplans.workplan", "workplans.priority"} <= kinds_found("Hospital autonomy", member)
    assert found("Catering", member) == []  # a secretariat-only document


def test_the_secretariat_and_the_rtp_secretariat_find_the_secretariats_documents(corpus, world):
    for persona in ("secretariat", "rtp"):
        assert found("Catering", world.user(persona)) == [("meetings.document", corpus.secret_doc.pk, "")]


def test_publishing_minutes_makes_them_public_and_unpublishing_takes_them_out_at_once(
    corpus, world, django_capture_on_commit_callbacks, monkeypatch
):
    version = version_of(corpus.draft_minutes, "en")
    with django_capture_on_commit_callbacks(execute=True):
        set_status(version, "sent")
        minutes_services.minutes_publish(version=version, actor=world.user("rtp"))
    assert ("minutes.minutes", corpus.draft_minutes.pk, "en") in found("refrigerators")
    assert found("Vaccination")  # publishing the minutes made the meeting public

    # Unpublished (the admin sets it back): gone from the public index when the change commits, before any
    # task has run (here the task is held back, as if the worker were down).
    held = []
    monkeypatch.setattr(
        tasks, "reindex_records", SimpleNamespace(enqueue=lambda **kwargs: held.append(kwargs))
    )
    with django_capture_on_commit_callbacks(execute=True):
        set_status(version, "returned")
    assert found("refrigerators") == []
    assert ("minutes.minutes", corpus.draft_minutes.pk, "en") in found("refrigerators", world.user("member"))
    assert held == [{"kind": "minutes.minutes", "ids": [corpus.draft_minutes.pk]}]


def test_a_meeting_made_internal_leaves_the_public_index_with_its_documents(
    corpus, django_capture_on_commit_callbacks
):
    meeting = corpus.published_minutes.meeting
    assert found("coldchain")
    with django_capture_on_commit_callbacks(execute=True):
        meeting.is_public = False
        meeting.save()
    assert found("coldchain") == []
    assert not any(kind == "meetings.meeting" for kind, pk, _ in found("first quarter") if pk == meeting.pk)


def test_a_deleted_record_leaves_the_index(corpus, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        corpus.pdf.delete()
    assert found("coldchain") == []
    assert not SearchEntry.objects.filter(kind="meetings.document", object_id=corpus.pdf.pk).exists()


def test_a_delete_that_was_rolled_back_leaves_the_record_in_the_index(
    corpus, django_capture_on_commit_callbacks
):
    """A delete is noted when it is made; if its transaction rolls back, the next commit's flush still holds
    the note. Only a record that no longer exists leaves the index (the same id may be a new record's, on
    SQLite, which gives a rolled-back id again)."""
    from roundtable.search import index

    index._note(corpus.pdf, deleted=True)  # as a delete in a transaction that then rolled back
    with django_capture_on_commit_callbacks(execute=True):
        index.flush()
    assert found("coldchain")


def test_an_invitee_outside_the_group_finds_the_meeting_they_are_invited_to(
    corpus, world, django_capture_on_commit_callbacks
):
    from roundtable.meetings.models import Participant

    guest = world.people["other_member"]
    with django_capture_on_commit_callbacks(execute=True):
        Participant.objects.create(meeting=corpus.internal_meeting, person=guest, name=guest.name_en)
    assert ("meetings.meeting", corpus.internal_meeting.pk, "") in found("Vaccination", guest.user)
    assert found("refrigerators", guest.user) == []  # the draft minutes stay the group's


LADDER = [
    "anonymous",
    "outsider",
    "other_member",
    "member",
    "other_secretariat",
    "secretariat",
    "chair",
    "rtp",
]


@pytest.mark.parametrize("persona", LADDER)
def test_what_each_persona_finds_is_what_the_pages_let_them_see(reindexed, world, persona):
    """For every indexed meeting, document and plan: found by the persona exactly when its page's predicate
    lets the persona see it."""
    from roundtable.meetings.models import Meeting, MeetingDocument
    from roundtable.workplans.models import WorkPlan

    user = world.user(persona)
    from django.contrib.auth.models import AnonymousUser

    viewer = user or AnonymousUser()
    visible = set(found("", user))  # nothing: an empty query finds nothing
    assert visible == set()
    for meeting in Meeting.objects.all():
        hit = ("meetings.meeting", meeting.pk, "") in found(
            meeting.title_en, user, kinds=["meetings.meeting"]
        )
        assert hit == meeting_permissions.can_view(viewer, meeting), (persona, meeting)
    for document in MeetingDocument.objects.all():
        hit = ("meetings.document", document.pk, "") in found(
            document.title, user, kinds=["meetings.document"]
        )
        assert hit == meeting_permissions.can_view_document(viewer, document), (persona, document)
    for plan in WorkPlan.objects.all():
        q = plan.sector_strategy_en
        hit = ("workplans.workplan", plan.pk, "") in found(q, user, kinds=["workplans.workplan"])
        assert hit == workplan_permissions.can_view_workplan(viewer, plan), (persona, plan)
