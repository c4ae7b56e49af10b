"""The report writes its own facts: computed from the records (equal to them), in a fixed number of queries,
kept current until submission, frozen with it, computed again after a return; ODA's place is kept for a
provider (the aid app's hook)."""

from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from roundtable.meetings.models import Meeting, MeetingState, Participant
from roundtable.reports import facts as facts_module
from roundtable.reports import services
from roundtable.reports.facts import compute_facts, register_fact_provider, unregister_fact_provider
from roundtable.reports.models import ReportStatus

from .conftest import meeting

DEC_1 = timezone.make_aware(datetime(2026, 12, 1, 10, 0))


@pytest.fixture
def frozen_clock():
    with time_machine.travel(DEC_1, tick=False):
        yield


def test_the_facts_equal_the_records(world, records):
    facts = compute_facts(world.health, 2026, on=records.on)
    assert facts["meetings"] == {
        "minimum_per_quarter": 1,
        "quarters": [1, 0, 2, 1],
        "quarters_elapsed": 4,
        "quarters_met": 3,
        "held": 4,
        "cancelled": 1,
    }
    assert facts["subgroups"] == [
        {
            "code": "health-hpf",
            "name_lo": world.health_sub.name_lo,
            "name_en": "Health Planning and Finance",
            "held": 1,
            "minimum_per_year": 2,
            "minutes_published": 1,
        }
    ]
    assert facts["attendance"] == {
        "total": 6,
        "women": 3,
        "men": 2,
        "other": 1,
        "by_kind": [
            {"kind": "ministry", "count": 3},
            {"kind": "multilateral", "count": 2},
            {"kind": "other", "count": 1},
        ],
    }
    assert facts["minutes"] == {
        "meetings": 4,
        "send_within_days": 14,
        "publish_within_days": 30,
        "sent_on_time": 1,
        "sent_late": 1,
        "not_sent": 1,
        "send_pending": 1,
        "published_on_time": 1,
        "published_late": 1,
        "not_published": 1,
        "publish_pending": 1,
    }
    assert facts["action_points"] == {"total": 4, "done": 1, "open": 2, "overdue": 1, "dropped": 1}
    plan = facts["workplan"]
    assert (plan["exists"], plan["status"], plan["deadline"], plan["priorities_count"]) == (
        True,
        "published",
        "2026-01-31",
        2,
    )
    assert plan["days_late"] == 10  # published on 10 February, due 31 January
    assert facts["next_plan"]["exists"] is False and facts["next_plan"]["priorities"] == []
    assert [c["role"] for c in facts["chairs"]] == ["chair", "cochair"]
    assert facts["chairs"][1]["organisation"]["name_en"] == "Embassy of Japan"
    assert facts["group"]["secretariat"][0]["acronym"] == "MOH"
    assert facts["oda"] is None


def test_the_guideline_numbers_are_settings(world, records, settings):
    settings.ROUNDTABLE = {
        **settings.ROUNDTABLE,
        "SWG_MEETINGS_PER_QUARTER": 2,
        "MINUTES_SEND_WITHIN_DAYS": 25,
    }
    facts = compute_facts(world.health, 2026, on=records.on)
    assert facts["meetings"]["minimum_per_quarter"] == 2
    assert facts["meetings"]["quarters_met"] == 1  # only Q3 had two meetings
    assert facts["minutes"]["sent_on_time"] == 2  # sent on day 20 is on time within 25 days


def test_only_the_quarters_begun_are_judged(world, records):
    facts = compute_facts(world.health, 2026, on=date(2026, 5, 1))
    assert facts["meetings"]["quarters_elapsed"] == 2
    assert facts["meetings"]["quarters"] == [1, 0, 0, 0]  # later meetings had not happened yet
    assert facts["meetings"]["quarters_met"] == 1


def test_the_facts_take_a_fixed_number_of_queries(world, records, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        compute_facts(world.health, 2026, on=records.on)
    # Twice the meetings, participants and action points: still the same number of queries.
    for held in records.meetings:
        for n in range(5):
            Participant.objects.create(meeting=held, name=f"P{n}", gender="f", attended=True)
        Meeting.objects.create(
            group=world.health,
            kind="swg",
            title_en="More",
            start=held.start,
            end=held.end,
            state=MeetingState.HELD,
        )
    with django_assert_max_num_queries(9):
        compute_facts(world.health, 2026, on=records.on)


def test_next_years_plan_gives_next_years_priorities(world, reporting, records):
    from roundtable.workplans.models import Priority, WorkPlan

    plan = WorkPlan.objects.create(group=world.health, year=2027)
    Priority.objects.create(
        workplan=plan, order=1, title_en="Health insurance for all", title_lo="ປະກັນສຸຂະພາບ"
    )
    facts = compute_facts(world.health, 2026, on=records.on)
    assert facts["next_plan"]["exists"] is True
    assert facts["next_plan"]["priorities"] == [
        {"title_lo": "ປະກັນສຸຂະພາບ", "title_en": "Health insurance for all"}
    ]


def test_live_until_submitted_then_frozen_then_live_again_after_a_return(
    world, reporting, records, make_report, frozen_clock
):
    report = make_report(ReportStatus.CHAIR_APPROVED)
    assert report.facts is None
    assert services.report_facts(report)["meetings"]["held"] == 4
    # A meeting recorded before submission shows at once: the facts are live.
    extra = meeting(world.health, "Extra", date(2026, 6, 3))
    assert services.report_facts(report)["meetings"]["quarters"] == [1, 1, 2, 1]
    report = services.report_take_step(
        report=report, actor=world.user("secretariat"), step="submit", notify=False
    )
    assert report.facts["meetings"]["quarters"] == [1, 1, 2, 1]
    assert report.facts["as_of"] == "2026-12-01"
    version = report.versions.get()
    assert version.snapshot["facts"] == report.facts
    assert version.snapshot["text"]["overview_en"].startswith("This year")
    assert [p["status"] for p in version.snapshot["priorities"]] == ["on_track", "behind"]
    # After submission the records may change: the report keeps what it submitted.
    extra.delete()
    assert services.report_facts(report)["meetings"]["quarters"] == [1, 1, 2, 1]
    # Returned: the group corrects it, and the numbers are the records' again.
    report = services.report_take_step(
        report=report, actor=world.user("rtp"), step="return", comment="Fix.", notify=False
    )
    assert report.facts is None
    assert services.report_facts(report)["meetings"]["quarters"] == [1, 0, 2, 1]


def test_a_submitted_report_no_longer_follows_the_plans_changes(world, reporting, make_report, frozen_clock):
    from roundtable.workplans.models import Priority

    report = make_report(ReportStatus.SUBMITTED)
    Priority.objects.create(workplan=reporting.plan, order=3, title_en="Added later")
    reporting.priorities[0].title_en = "Renamed later"
    reporting.priorities[0].save()
    titles = [row.title_en for row in services.priority_rows(report)]
    assert titles == ["Primary health care", "Health financing"]


def test_an_app_provides_the_oda_facts_through_the_hook(world, records):
    def oda(group, year, on):
        return {"currency": "USD", "committed": 1200000, "disbursed": 800000, "partners": []}

    register_fact_provider("oda", oda)
    try:
        facts = compute_facts(world.health, 2026, on=records.on)
    finally:
        unregister_fact_provider("oda")
    assert facts["oda"]["committed"] == 1200000
    assert compute_facts(world.health, 2026, on=records.on)["oda"] is None


def test_report_facts_modules_are_found_in_the_installed_apps(monkeypatch):
    """An app below this one offers `report_facts.REPORT_FACTS`; the discovery finds each one once."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    monkeypatch.setattr(facts_module, "_discovered", False)
    providers = facts_module.fact_providers()
    for config in apps.get_app_configs():
        name = f"{config.name}.report_facts"
        if find_spec(config.name) is not None and find_spec(name) is not None:
            assert set(import_module(name).REPORT_FACTS) <= set(providers)
