"""Planned meetings: the secretariat plans, edits and removes them; only the plan's group and its own active
sub-groups can be chosen; two people editing the same meeting never silently overwrite each other."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from roundtable.core.services import Refused
from roundtable.groups.models import Group
from roundtable.workplans import services
from roundtable.workplans.models import PlannedMeeting, WorkPlanStatus

S = WorkPlanStatus
URL = "/en/workplans/health/2026/meetings/"


@pytest.fixture
def meeting(make_plan, world):
    plan = make_plan()
    return PlannedMeeting.objects.create(
        workplan=plan, group=world.health, date=date(2026, 3, 12), title_en="First quarter"
    )


@pytest.fixture
def other_sub(world):
    """A sub-group of another SWG (Education)."""
    return Group.objects.create(
        kind="subswg", code="education-basic", name_en="Basic Education", parent=world.education, order=1
    )


def _data(world, **fields):
    data = {
        "group": world.health.pk,
        "date": "2026-04-20",
        "title_lo": "",
        "title_en": "Moved",
        "revision": 1,
    }
    data.update(fields)
    return data


def test_the_secretariat_edits_the_date_group_and_title_of_a_planned_meeting(world, meeting, client_for):
    client = client_for(world.user("secretariat"))
    page = client.get(f"{URL}{meeting.pk}/").content.decode()
    assert 'value="12/03/2026"' in page and 'value="First quarter"' in page  # day/month/year
    assert 'name="revision" value="1"' in page
    response = client.post(f"{URL}{meeting.pk}/", _data(world, group=world.health_sub.pk, title_lo="ກອງປະຊຸມ"))
    assert response.status_code == 302 and response["Location"] == URL
    meeting.refresh_from_db()
    assert (meeting.group, meeting.date, meeting.title_en, meeting.title_lo) == (
        world.health_sub,
        date(2026, 4, 20),
        "Moved",
        "ກອງປະຊຸມ",
    )
    assert meeting.revision == 2
    assert meeting.history.count() == 2  # the change is in the audit history


def test_the_meetings_page_links_to_edit_and_to_remove_each_meeting(world, meeting, client_for):
    page = client_for(world.user("secretariat")).get(URL).content.decode()
    assert f'href="{URL}{meeting.pk}/"' in page
    assert f'href="{URL}{meeting.pk}/delete/"' in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("outsider", 404),
        ("other_member", 404),
        ("other_secretariat", 404),
        ("member", 403),
        ("chair", 403),
        ("cochair", 403),
        ("rtp", 403),
    ],
)
def test_only_the_secretariat_edits_a_planned_meeting(world, meeting, client_for, role, status):
    client = client_for(world.user(role))
    assert client.get(f"{URL}{meeting.pk}/").status_code == status
    assert client.post(f"{URL}{meeting.pk}/", _data(world)).status_code == status
    meeting.refresh_from_db()
    assert (meeting.date, meeting.revision) == (date(2026, 3, 12), 1)


def test_a_meeting_of_another_plan_is_not_reachable_by_changing_the_address(
    world, meeting, make_plan, client_for
):
    other = make_plan(year=2027)
    client = client_for(world.user("secretariat"))
    assert client.get(f"/en/workplans/health/2027/meetings/{meeting.pk}/").status_code == 404
    assert client.post(f"/en/workplans/health/2027/meetings/{meeting.pk}/delete/").status_code == 404
    assert PlannedMeeting.objects.filter(pk=meeting.pk, workplan__year=2026).exists()
    assert not other.planned_meetings.exists()


def test_another_groups_sub_group_is_not_offered_and_is_refused(world, meeting, other_sub, client_for):
    client = client_for(world.user("secretariat"))
    page = client.get(URL).content.decode()
    assert f'value="{world.health_sub.pk}"' in page
    assert f'value="{other_sub.pk}"' not in page and f'value="{world.education.pk}"' not in page
    response = client.post(URL, {"group": other_sub.pk, "date": "2026-05-05"})
    assert "Select a valid choice" in response.content.decode()
    response = client.post(f"{URL}{meeting.pk}/", _data(world, group=other_sub.pk))
    assert "Select a valid choice" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.group == world.health and PlannedMeeting.objects.count() == 1


def test_the_services_refuse_another_groups_sub_group_and_a_closed_sub_group(
    world, meeting, other_sub, english
):
    actor = world.user("secretariat")
    with pytest.raises(ValidationError, match="sub-groups"):
        services.planned_meeting_add(
            plan=meeting.workplan, actor=actor, group=other_sub, day=date(2026, 5, 5)
        )
    with pytest.raises(ValidationError, match="sub-groups"):
        services.planned_meeting_update(
            meeting=meeting, actor=actor, group=other_sub, day=date(2026, 5, 5), revision=1
        )
    world.health_sub.is_active = False
    world.health_sub.save()
    with pytest.raises(ValidationError, match="sub-groups"):
        services.planned_meeting_add(
            plan=meeting.workplan, actor=actor, group=world.health_sub, day=date(2026, 5, 5)
        )
    assert PlannedMeeting.objects.count() == 1


def test_an_edit_outside_the_plans_year_is_refused_and_keeps_the_input(world, meeting, client_for):
    response = client_for(world.user("secretariat")).post(
        f"{URL}{meeting.pk}/", _data(world, date="2027-01-04", title_en="Typed by me")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The date must be in 2026" in page and 'value="Typed by me"' in page
    meeting.refresh_from_db()
    assert meeting.date == date(2026, 3, 12)


def test_two_people_editing_a_meeting_the_second_save_is_refused_and_shows_what_changed(
    world, meeting, client_for
):
    actor = world.user("secretariat")
    services.planned_meeting_update(
        meeting=meeting,
        actor=actor,
        group=world.health,
        day=date(2026, 3, 20),
        title_en="Colleague",
        revision=1,
    )
    client = client_for(actor)
    response = client.post(f"{URL}{meeting.pk}/", _data(world, title_en="Mine"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone saved this after you opened it" in page
    assert "Colleague" in page and "2026-03-20" in page  # what the colleague changed
    assert 'value="Mine"' in page and 'name="revision" value="2"' in page
    meeting.refresh_from_db()
    assert (meeting.title_en, meeting.date) == ("Colleague", date(2026, 3, 20))
    # Saving again, knowingly, goes through.
    client.post(f"{URL}{meeting.pk}/", _data(world, title_en="Mine", revision=2))
    meeting.refresh_from_db()
    assert meeting.title_en == "Mine" and meeting.revision == 3


def test_a_meeting_of_a_plan_with_the_chair_cannot_be_edited(world, meeting, client_for):
    meeting.workplan.status = S.WITH_CHAIR
    meeting.workplan.save()
    response = client_for(world.user("secretariat")).post(f"{URL}{meeting.pk}/", _data(world), follow=True)
    assert "it can be changed only as a draft or when returned" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.revision == 1
    with pytest.raises(Refused, match="it can be changed only as a draft or when returned"):
        services.planned_meeting_update(
            meeting=meeting,
            actor=world.user("secretariat"),
            group=world.health,
            day=date(2026, 5, 1),
            revision=1,
        )


def test_the_service_refuses_an_edit_from_the_chair(world, meeting):
    with pytest.raises(Refused) as refused:
        services.planned_meeting_update(
            meeting=meeting, actor=world.user("chair"), group=world.health, day=date(2026, 5, 1), revision=1
        )
    assert refused.value.code == "not_allowed"
    meeting.refresh_from_db()
    assert meeting.date == date(2026, 3, 12)


def test_removing_a_planned_meeting_asks_first(world, meeting, client_for):
    client = client_for(world.user("secretariat"))
    page = client.get(f"{URL}{meeting.pk}/delete/").content.decode()
    assert "Remove the meeting of Health planned on" in page and 'id="confirm"' in page
    assert PlannedMeeting.objects.filter(pk=meeting.pk).exists()  # asking changes nothing
    response = client.post(f"{URL}{meeting.pk}/delete/")
    assert response.status_code == 302
    assert not PlannedMeeting.objects.filter(pk=meeting.pk).exists()


def test_starting_from_last_year_leaves_out_the_meetings_of_a_closed_sub_group(world, make_plan):
    last = make_plan(status=S.PUBLISHED, year=2025)
    PlannedMeeting.objects.create(workplan=last, group=world.health, date=date(2025, 2, 1))
    PlannedMeeting.objects.create(workplan=last, group=world.health_sub, date=date(2025, 3, 1))
    world.health_sub.is_active = False
    world.health_sub.save()
    plan = services.workplan_create(
        group=world.health, year=2026, actor=world.user("secretariat"), start_from_previous=True
    )
    meetings = list(plan.planned_meetings.all())
    assert [(m.group, m.date) for m in meetings] == [(world.health, date(2026, 2, 1))]
    assert meetings[0].history.count() == 1  # copies are in the audit history too
