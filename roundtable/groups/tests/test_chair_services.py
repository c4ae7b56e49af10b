from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from roundtable.directory.models import Organisation
from roundtable.groups import services
from roundtable.groups.models import ChairTerm

from .conftest import noon

pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def cochair_org(name: str) -> Organisation:
    return Organisation.objects.create(name_en=name, acronym=name[:6].upper(), kind="bilateral")


def test_a_second_government_chair_at_the_same_time_is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.chair_term_add(
            actor=world.user("rtp"),
            group=world.health,
            role="chair",
            organisation=world.mpi,
            start_date=date(2025, 1, 1),
        )
    assert codes(error.value) == {"chair_exists"}
    assert world.health.chair_terms.filter(role="chair").count() == 1


def test_a_past_chair_term_can_be_recorded_before_the_current_one(world):
    term = services.chair_term_add(
        actor=world.user("rtp"),
        group=world.health,
        role="chair",
        organisation=world.moh,
        start_date=date(2019, 1, 1),
        ended_on=date(2023, 12, 31),
    )
    assert not term.is_current
    assert world.health.current_chair.start_date == date(2024, 1, 1)


def test_the_chair_must_be_a_government_organisation(world):
    with pytest.raises(ValidationError) as error:
        services.chair_term_add(
            actor=world.user("rtp"),
            group=world.education,
            role="chair",
            organisation=world.who,
            start_date=date(2025, 1, 1),
        )
    assert "organisation" in error.value.error_dict


def test_a_co_chair_must_be_a_development_partner(world):
    with pytest.raises(ValidationError) as error:
        services.chair_term_add(
            actor=world.user("rtp"),
            group=world.education,
            role="cochair",
            organisation=world.moes,
            start_date=date(2025, 1, 1),
        )
    assert "organisation" in error.value.error_dict


def test_a_co_chair_term_ends_by_default_after_the_configured_number_of_years(world, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "COCHAIR_TERM_YEARS": 3}
    term = services.chair_term_add(
        actor=world.user("rtp"),
        group=world.education,
        role="cochair",
        organisation=world.who,
        start_date=date(2024, 2, 29),
    )
    assert term.planned_end == date(2027, 2, 28)


def test_a_chair_term_has_no_planned_end_by_default(world):
    term = services.chair_term_add(
        actor=world.user("rtp"),
        group=world.education,
        role="chair",
        organisation=world.moes,
        start_date=date(2025, 1, 1),
    )
    assert term.planned_end is None


def test_three_co_chairs_are_accepted_and_a_fourth_is_refused(world):
    # Health already has Japan as co-chair.
    services.chair_term_add(
        actor=world.user("rtp"),
        group=world.health,
        role="cochair",
        organisation=world.who,
        start_date=date(2025, 1, 1),
    )
    services.chair_term_add(
        actor=world.user("rtp"),
        group=world.health,
        role="cochair",
        organisation=cochair_org("Australia"),
        start_date=date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        services.chair_term_add(
            actor=world.user("rtp"),
            group=world.health,
            role="cochair",
            organisation=cochair_org("France"),
            start_date=date(2025, 6, 1),
        )
    assert codes(error.value) == {"too_many_cochairs"}
    assert len(world.health.current_cochairs) == 3


def test_the_co_chair_limit_is_a_setting(world, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "MAX_COCHAIRS": 1}
    with pytest.raises(ValidationError) as error:
        services.chair_term_add(
            actor=world.user("rtp"),
            group=world.health,
            role="cochair",
            organisation=world.who,
            start_date=date(2025, 1, 1),
        )
    assert codes(error.value) == {"too_many_cochairs"}


def test_the_same_partner_cannot_co_chair_twice_at_the_same_time(world):
    with pytest.raises(ValidationError) as error:
        services.chair_term_add(
            actor=world.user("rtp"),
            group=world.health,
            role="cochair",
            organisation=world.japan,
            start_date=date(2025, 1, 1),
        )
    assert "organisation" in error.value.error_dict


def test_changing_a_co_chair_ends_the_term_the_day_before_and_records_the_reason(world):
    old = world.health.current_cochairs[0]
    new = services.chair_term_change(
        actor=world.user("rtp"),
        term=old,
        organisation=world.who,
        start_date=date(2025, 7, 1),
        reason="Japan's two-year rotation ended; WHO takes over.",
    )
    old.refresh_from_db()
    assert old.ended_on == date(2025, 6, 30)
    assert old.end_reason == "Japan's two-year rotation ended; WHO takes over."
    assert new.change_reason == "Japan's two-year rotation ended; WHO takes over."
    assert new.replaces == old
    assert new.role == "cochair" and new.organisation == world.who
    assert new.planned_end == date(2027, 7, 1)
    # the audit history keeps who changed what
    assert old.history.filter(history_type="~").exists()


def test_changing_a_co_chair_without_a_reason_is_refused_and_changes_nothing(world):
    old = world.health.current_cochairs[0]
    with pytest.raises(ValidationError) as error:
        services.chair_term_change(
            actor=world.user("rtp"),
            term=old,
            organisation=world.who,
            start_date=date(2025, 7, 1),
            reason="  ",
        )
    assert "reason" in error.value.error_dict
    old.refresh_from_db()
    assert old.ended_on is None
    assert ChairTerm.objects.filter(group=world.health, role="cochair").count() == 1


def test_a_change_cannot_start_before_the_current_term(world):
    old = world.health.current_chair
    with pytest.raises(ValidationError) as error:
        services.chair_term_change(
            actor=world.user("rtp"),
            term=old,
            organisation=world.moh,
            start_date=date(2023, 1, 1),
            reason="new minister",
        )
    assert "start_date" in error.value.error_dict


def test_changing_the_chair_hands_it_over_with_one_chair_at_a_time(world):
    old = world.health.current_chair
    new = services.chair_term_change(
        actor=world.user("rtp"),
        term=old,
        organisation=world.moh,
        person=world.people["secretariat"],
        start_date=date(2025, 3, 1),
        reason="new minister",
    )
    assert ChairTerm.objects.filter(group=world.health, role="chair").current(date(2025, 3, 1)).get() == new
    assert ChairTerm.objects.filter(group=world.health, role="chair").current(date(2025, 2, 28)).get() == old


def test_the_only_chair_cannot_simply_be_ended(world):
    with pytest.raises(ValidationError) as error:
        services.chair_term_end(
            actor=world.user("rtp"), term=world.health.current_chair, ended_on=date(2025, 1, 1)
        )
    assert codes(error.value) == {"chair_required"}


def test_the_last_co_chair_cannot_simply_be_ended(world):
    with pytest.raises(ValidationError) as error:
        services.chair_term_end(
            actor=world.user("rtp"), term=world.health.current_cochairs[0], ended_on=date(2025, 1, 1)
        )
    assert codes(error.value) == {"cochair_required"}


def test_one_of_two_co_chairs_can_be_ended_with_a_reason(world):
    who = services.chair_term_add(
        actor=world.user("rtp"),
        group=world.health,
        role="cochair",
        organisation=world.who,
        start_date=date(2025, 1, 1),
    )
    ended = services.chair_term_end(
        actor=world.user("rtp"), term=who, ended_on=date(2025, 12, 31), reason="WHO withdrew"
    )
    assert ended.ended_on == date(2025, 12, 31)
    assert ended.end_reason == "WHO withdrew"


def test_a_term_cannot_be_ended_twice(world):
    who = services.chair_term_add(
        actor=world.user("rtp"),
        group=world.health,
        role="cochair",
        organisation=world.who,
        start_date=date(2025, 1, 1),
    )
    services.chair_term_end(actor=world.user("rtp"), term=who, ended_on=date(2025, 12, 31))
    with pytest.raises(ValidationError) as error:
        services.chair_term_end(actor=world.user("rtp"), term=who, ended_on=date(2026, 1, 31))
    assert codes(error.value) == {"already_ended"}


def test_the_chairs_of_an_inactive_group_can_be_ended(world):
    world.health.is_active = False
    world.health.save()
    services.chair_term_end(
        actor=world.user("rtp"), term=world.health.current_chair, ended_on=date(2025, 1, 1)
    )
    services.chair_term_end(
        actor=world.user("rtp"), term=world.health.current_cochairs[0], ended_on=date(2025, 1, 1)
    )


def test_rotation_is_due_within_the_reminder_period_before_the_planned_end(world, settings):
    settings.ROUNDTABLE = {**settings.ROUNDTABLE, "ROTATION_REMINDER_DAYS": 90}
    term = world.health.current_cochairs[0]  # planned end 31 December 2027
    with time_machine.travel(noon(2027, 10, 1), tick=False):  # 91 days before
        assert not ChairTerm.objects.get(pk=term.pk).rotation_due
        assert not ChairTerm.objects.rotation_due().filter(pk=term.pk).exists()
    with time_machine.travel(noon(2027, 10, 2), tick=False):  # 90 days before
        assert ChairTerm.objects.get(pk=term.pk).rotation_due
        assert ChairTerm.objects.rotation_due().filter(pk=term.pk).exists()


def test_a_chair_without_a_planned_end_is_never_due_for_rotation(world):
    with time_machine.travel(noon(2040, 1, 1), tick=False):
        assert not world.health.current_chair.rotation_due


def test_the_database_keeps_one_open_government_chair_term_per_group(world):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        ChairTerm.objects.create(
            group=world.health, role="chair", organisation=world.mpi, start_date=date(2025, 6, 1)
        )
    # Open co-chair terms and ended chair terms are not limited by it.
    ChairTerm.objects.create(
        group=world.health,
        role="chair",
        organisation=world.mpi,
        start_date=date(2020, 1, 1),
        ended_on=date(2020, 12, 31),
    )
    assert ChairTerm.objects.filter(group=world.health, role="chair").count() == 2
