"""Creating a plan (empty or from last year's) and editing it: only the secretariat, only while it is theirs,
and two people editing at once never silently overwrite each other."""

from datetime import date

import pytest

from roundtable.core.services import Refused
from roundtable.workplans import services
from roundtable.workplans.models import PlannedMeeting, PlanStakeholder, Priority, WorkPlan, WorkPlanStatus

from .conftest import PRIORITY_LO, add_priority

S = WorkPlanStatus
ROLES = ["outsider", "other_member", "member", "other_secretariat", "secretariat", "chair", "cochair", "rtp"]


@pytest.mark.parametrize("role", ROLES)
def test_only_the_group_secretariat_starts_a_plan(world, frameworks, client_for, role):
    response = client_for(world.user(role)).post("/en/workplans/health/2026/new/", {"start": "empty"})
    if role == "secretariat":
        assert response.status_code == 302
        assert WorkPlan.objects.get(group=world.health, year=2026).status == S.DRAFT
    else:
        assert response.status_code == 403
        assert not WorkPlan.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in_to_start_a_plan(world, client_for):
    response = client_for(None).post("/en/workplans/health/2026/new/", {"start": "empty"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not WorkPlan.objects.exists()


def test_the_swg_secretariat_also_plans_for_its_sub_swg(world, frameworks, client_for):
    response = client_for(world.user("secretariat")).post(
        "/en/workplans/health-hpf/2026/new/", {"start": "empty"}
    )
    assert response.status_code == 302
    assert WorkPlan.objects.filter(group=world.health_sub, year=2026).exists()


def test_starting_from_last_years_plan_copies_priorities_meetings_and_stakeholders_a_year_on(
    world, frameworks, make_plan
):
    last = make_plan(status=S.PUBLISHED, year=2025, sector_strategy_lo="ຍຸດທະສາດ", context_en="Context")
    old_priority = last.priorities.get()
    old_priority.start_date, old_priority.end_date = date(2024, 2, 29), date(2025, 12, 31)
    old_priority.save()
    old_priority.nsedp_outputs.add(frameworks.output)
    old_priority.sdg_targets.add(frameworks.target)
    old_priority.partners.add(world.who)
    PlannedMeeting.objects.create(workplan=last, group=world.health, date=date(2025, 3, 12))
    PlannedMeeting.objects.create(workplan=last, group=world.health_sub, date=date(2025, 6, 2))
    PlanStakeholder.objects.create(
        workplan=last, organisation=world.who, role_code="cochair", role_note="Health financing"
    )

    plan = services.workplan_create(
        group=world.health, year=2026, actor=world.user("secretariat"), start_from_previous=True
    )

    assert plan.based_on == last and plan.status == S.DRAFT
    assert plan.sector_strategy_lo == "ຍຸດທະສາດ" and plan.context_en == "Context"
    priority = plan.priorities.get()
    assert priority.title_lo == PRIORITY_LO and priority.pk != old_priority.pk
    assert (priority.start_date, priority.end_date) == (date(2025, 2, 28), date(2026, 12, 31))
    # Links to the 9th NSEDP are dropped: the 2026 plan aligns with the 10th.
    assert list(priority.nsedp_outputs.all()) == [frameworks.output]
    assert list(priority.sdg_targets.all()) == [frameworks.target]
    assert list(priority.partners.all()) == [world.who]
    assert sorted(plan.planned_meetings.values_list("date", flat=True)) == [
        date(2026, 3, 12),
        date(2026, 6, 2),
    ]
    copied = plan.stakeholders.get()
    assert (copied.organisation, copied.role_code) == (world.who, "cochair")
    assert copied.role_note == "Health financing"
    assert last.priorities.count() == 1  # last year's plan is untouched


def test_a_second_plan_for_the_same_year_is_refused(world, make_plan, client_for):
    plan = make_plan()
    response = client_for(world.user("secretariat")).post(
        "/en/workplans/health/2026/new/", {"start": "empty"}
    )
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url().replace(
        "/lo/", "/en/"
    )
    assert WorkPlan.objects.count() == 1


def _header(revision, **fields):
    data = {
        "sector_strategy_lo": "",
        "sector_strategy_en": "",
        "context_lo": "",
        "context_en": "",
        "revision": revision,
    }
    data.update(fields)
    return data


@pytest.mark.parametrize(
    ("role", "status"),
    [("member", 403), ("chair", 403), ("cochair", 403), ("rtp", 403), ("other_secretariat", 404)],
)
def test_only_the_secretariat_edits_the_header(world, make_plan, client_for, role, status):
    """Those who see the draft are told it is not theirs (403); another group's secretariat does not even
    learn that the draft exists (404)."""
    plan = make_plan()
    response = client_for(world.user(role)).post(
        "/en/workplans/health/2026/edit/", _header(plan.revision, context_en="Mine")
    )
    assert response.status_code == status
    plan.refresh_from_db()
    assert plan.context_en == "" and plan.revision == 1


def test_a_plan_with_the_chair_cannot_be_edited(world, make_plan, client_for):
    plan = make_plan(status=S.WITH_CHAIR)
    response = client_for(world.user("secretariat")).post(
        "/en/workplans/health/2026/edit/", _header(plan.revision, context_en="Late change"), follow=True
    )
    assert "it can be changed only as a draft or when returned" in response.content.decode()
    plan.refresh_from_db()
    assert plan.context_en == ""


def test_two_people_editing_the_header_the_second_save_is_refused_and_shows_what_changed(
    world, make_plan, client_for
):
    plan = make_plan()
    client = client_for(world.user("secretariat"))
    loaded = client.get("/en/workplans/health/2026/edit/").content.decode()
    assert 'name="revision" value="1"' in loaded
    # A colleague saves first.
    services.workplan_update_header(
        plan=plan,
        actor=world.user("secretariat"),
        data=_header(1, context_en="Colleague's context"),
        revision=1,
    )
    response = client.post(
        "/en/workplans/health/2026/edit/", _header(1, context_en="My context", sector_strategy_lo="ຂອງຂ້ອຍ")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone saved this after you opened it" in page
    assert "context (English)" in page and "Colleague&#x27;s context" in page  # the field-level diff
    assert "My context" in page and "ຂອງຂ້ອຍ" in page  # the user's input is kept
    plan.refresh_from_db()
    assert plan.context_en == "Colleague's context" and plan.revision == 2
    # Saving again, knowingly, from the refreshed form goes through.
    assert 'name="revision" value="2"' in page
    client.post("/en/workplans/health/2026/edit/", _header(2, context_en="My context"))
    plan.refresh_from_db()
    assert plan.context_en == "My context" and plan.revision == 3


def _priority_data(revision, frameworks, **fields):
    data = {
        "title_lo": PRIORITY_LO,
        "title_en": "Better primary health care",
        "nsedp_outputs": [frameworks.output.pk],
        "sdg_targets": [frameworks.target.pk],
        "revision": revision,
    }
    data.update(fields)
    return data


def test_two_people_editing_a_priority_the_second_save_is_refused_with_the_changed_links(
    world, make_plan, frameworks, client_for
):
    plan = make_plan(ready=False)
    actor = world.user("secretariat")
    priority = services.priority_create(
        plan=plan,
        actor=actor,
        data={"title_lo": PRIORITY_LO, "nsedp_outputs": [frameworks.output], "sdg_targets": []},
    )
    assert priority.revision == 1
    services.priority_update(
        priority=priority,
        actor=actor,
        revision=1,
        data={
            "title_lo": PRIORITY_LO,
            "title_en": "Colleague's title",
            "nsedp_outputs": [frameworks.output, frameworks.output2],
            "sdg_targets": [],
        },
    )
    client = client_for(actor)
    response = client.post(
        f"/en/workplans/health/2026/priorities/{priority.pk}/",
        _priority_data(1, frameworks, title_en="My title"),
    )
    page = response.content.decode()
    assert "Someone saved this after you opened it" in page
    assert "Colleague&#x27;s title" in page and "2.2" in page  # a changed field and a changed link
    assert 'value="My title"' in page
    priority.refresh_from_db()
    assert priority.title_en == "Colleague's title" and priority.revision == 2


def test_the_secretariat_adds_a_priority_through_the_picker_of_the_current_nsedp(
    world, make_plan, frameworks, client_for
):
    plan = make_plan(ready=False)
    client = client_for(world.user("secretariat"))
    form = client.get("/en/workplans/health/2026/priorities/add/").content.decode()
    assert (
        f'name="nsedp_outputs" value="{frameworks.output.pk}"' in form and "Universal health coverage" in form
    )
    assert (
        f'name="nsedp_outputs" value="{frameworks.old_output.pk}"' not in form
    )  # the 9th NSEDP is not offered for 2026
    response = client.post(
        "/en/workplans/health/2026/priorities/add/",
        _priority_data("", frameworks, budget="1500000", currency="USD"),
    )
    assert response.status_code == 302
    priority = plan.priorities.get()
    assert list(priority.nsedp_outputs.all()) == [frameworks.output]
    assert priority.budget == 1500000 and priority.currency == "USD"


def test_priorities_are_reordered_and_removed(world, make_plan, frameworks, client_for):
    plan = make_plan()
    second = add_priority(plan, frameworks.output, title_lo="ທີສອງ", order=2)
    client = client_for(world.user("secretariat"))
    client.post(f"/en/workplans/health/2026/priorities/{second.pk}/move/", {"direction": "up"})
    assert list(plan.priorities.order_by("order").values_list("title_lo", flat=True)) == ["ທີສອງ", PRIORITY_LO]
    client.post(f"/en/workplans/health/2026/priorities/{second.pk}/delete/")
    assert list(plan.priorities.values_list("title_lo", flat=True)) == [PRIORITY_LO]


def test_a_member_cannot_remove_a_priority(world, make_plan, client_for):
    plan = make_plan()
    priority = plan.priorities.get()
    assert (
        client_for(world.user("member"))
        .post(f"/en/workplans/health/2026/priorities/{priority.pk}/delete/")
        .status_code
        == 403
    )
    assert Priority.objects.filter(pk=priority.pk).exists()


def test_an_swg_plan_with_a_quarter_without_meeting_gets_a_warning(world, make_plan, client_for, settings):
    plan = make_plan()
    client = client_for(world.user("secretariat"))
    for day in ("2026-02-10", "2026-05-10", "2026-08-10"):
        client.post("/en/workplans/health/2026/meetings/", {"group": world.health.pk, "date": day})
    client.post("/en/workplans/health/2026/meetings/", {"group": world.health_sub.pk, "date": "2026-03-01"})
    page = client.get("/en/workplans/health/2026/meetings/").content.decode()
    assert "Quarter 4: 0 planned SWG meetings" in page
    assert "Quarter 1:" not in page
    assert "Health Planning and Finance: 1 planned meetings" in page
    client.post("/en/workplans/health/2026/meetings/", {"group": world.health.pk, "date": "2026-11-10"})
    assert "Quarter 4" not in client.get("/en/workplans/health/2026/meetings/").content.decode()
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "SWG_MEETINGS_PER_QUARTER": 2}
    assert (
        "Quarter 4: 1 planned SWG meetings"
        in client.get("/en/workplans/health/2026/meetings/").content.decode()
    )
    assert plan.planned_meetings.count() == 5


def test_a_meeting_outside_the_plans_year_is_refused(world, make_plan, client_for):
    plan = make_plan()
    response = client_for(world.user("secretariat")).post(
        "/en/workplans/health/2026/meetings/", {"group": world.health.pk, "date": "2027-01-10"}
    )
    assert "The date must be in 2026" in response.content.decode()
    assert not plan.planned_meetings.exists()


def test_stakeholders_come_from_the_directory_with_additions(world, make_plan, client_for):
    plan = make_plan()
    client = client_for(world.user("secretariat"))
    client.post("/en/workplans/health/2026/stakeholders/import/")
    people = set(plan.stakeholders.exclude(person=None).values_list("person__name_en", flat=True))
    assert {"Vanh Keomany", "Noy Chanthavong", "Dara Souvannasy"} <= people
    assert plan.stakeholders.filter(
        person=None, organisation=world.japan
    ).exists()  # the co-chair's organisation
    count = plan.stakeholders.count()
    client.post("/en/workplans/health/2026/stakeholders/import/")
    assert plan.stakeholders.count() == count  # importing again adds nobody twice
    client.post(
        "/en/workplans/health/2026/stakeholders/",
        {"name": "Lao Red Cross", "role_code": "development_partner", "role_note": "Implementing partner"},
    )
    added = plan.stakeholders.get(name="Lao Red Cross")
    assert (added.role_code, added.role_note) == ("development_partner", "Implementing partner")
    # The chairs' organisations and the members come with their role as a code.
    assert plan.stakeholders.get(person=None, organisation=world.japan).role_code == "cochair"
    assert plan.stakeholders.get(person=world.people["secretariat"]).role_code == "secretariat"


def test_the_service_refuses_edits_from_other_roles(world, make_plan):
    plan = make_plan()
    with pytest.raises(Refused) as refused:
        services.workplan_update_header(
            plan=plan, actor=world.user("rtp"), data=_header(1, context_en="x"), revision=1
        )
    assert refused.value.code == "not_allowed"
    with pytest.raises(Refused) as refused:
        services.stakeholders_import(plan=plan, actor=world.user("chair"))
    assert refused.value.code == "not_allowed"
    assert not plan.stakeholders.exists()


def test_a_stakeholder_role_is_stored_as_a_code_and_shown_in_the_pages_language(world, make_plan, client_for):
    plan = make_plan()
    client = client_for(world.user("secretariat"))
    url = "/lo/workplans/health/2026/stakeholders/"
    client.post(url, {"organisation": world.moh.pk, "role_code": "chair"})
    assert plan.stakeholders.get().role_code == "chair"
    english = client.get("/en/workplans/health/2026/").content.decode()
    assert "Chair" in english.split('id="stakeholders"')[1] and "ປະທານ" not in english
    lao = client.get("/lo/workplans/health/2026/").content.decode()
    assert "ປະທານ" in lao.split('id="stakeholders"')[1]
    # A code no role has is a form error, not a 500 nor a stored word.
    response = client.post(
        "/en/workplans/health/2026/stakeholders/", {"organisation": world.who.pk, "role_code": "ປະທານ"}
    )
    assert response.status_code == 200 and plan.stakeholders.count() == 1


def test_a_funding_source_is_given_in_each_language_and_shown_in_the_pages(world, make_plan, client_for):
    plan = make_plan()
    priority = plan.priorities.get()
    priority.funding_source_lo, priority.funding_source_en = "ທະນາຄານໂລກ", "World Bank"
    priority.save()
    client = client_for(None)
    plan.status = S.PUBLISHED
    plan.save()
    english = client.get("/en/workplans/health/2026/").content.decode()
    assert "World Bank" in english and "ທະນາຄານໂລກ" not in english
    assert "ທະນາຄານໂລກ" in client.get("/lo/workplans/health/2026/").content.decode()
