"""Bad input on the structure's forms is a form error, never a 500 or a half-made change: dates no record
can have (9999-12-31 plus a day used to overflow), ids no database can hold, texts longer than their field."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from roundtable.groups import services
from roundtable.groups.models import ChairTerm

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = "Give a date between 1900 and 2200."


def _terms(world) -> list:
    return list(ChairTerm.objects.filter(group=world.health).values_list("pk", "ended_on", "end_reason"))


@pytest.mark.parametrize("day", ["9999-12-31", "2201-01-01", "0001-01-01", "1899-12-31"])
def test_ending_a_term_on_a_date_no_record_can_have_is_a_form_error(world, client_for, english, day):
    services.chair_term_add(
        actor=world.user("rtp"),
        group=world.health,
        role="cochair",
        organisation=world.who,
        start_date=date(2025, 1, 1),
    )
    term = world.health.current_cochairs[0]
    before = _terms(world)
    response = client_for(world.user("rtp")).post(
        f"/en/groups/health/chairs/{term.pk}/end/", {"ended_on": day, "reason": "Rotation"}
    )
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert _terms(world) == before


@pytest.mark.parametrize("day", ["9999-12-31", "2201-01-01"])
def test_a_change_of_co_chair_on_a_date_no_record_can_have_is_a_form_error(world, client_for, english, day):
    old = world.health.current_cochairs[0]
    before = _terms(world)
    response = client_for(world.user("rtp")).post(
        f"/en/groups/health/chairs/{old.pk}/change/",
        {"organisation": world.who.pk, "start_date": day, "reason": "Rotation"},
    )
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert _terms(world) == before


@pytest.mark.parametrize("field", ["start_date", "planned_end", "ended_on"])
def test_a_term_added_with_a_date_no_record_can_have_is_a_form_error(world, client_for, english, field):
    data = {
        "role": "cochair",
        "organisation": world.japan.pk,
        "start_date": "2025-01-15",
        field: "9999-12-31",
    }
    response = client_for(world.user("rtp")).post("/en/groups/education/chairs/add/", data)
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not world.education.chair_terms.exists()


def test_the_services_refuse_a_date_no_record_can_have_before_any_arithmetic(world):
    term = world.health.current_cochairs[0]
    with pytest.raises(ValidationError) as error:
        services.chair_term_end(term=term, actor=world.user("rtp"), ended_on=date(9999, 12, 31))
    assert error.value.message_dict.keys() == {"ended_on"}
    with pytest.raises(ValidationError) as error:
        services.chair_term_change(
            term=term, actor=world.user("rtp"), organisation=world.who, start_date=date.max, reason="x"
        )
    assert error.value.message_dict.keys() == {"start_date"}


def test_a_tor_document_dated_9999_is_a_form_error(world, client_for, english):
    response = client_for(world.user("secretariat")).post(
        "/en/groups/health/tor/add/",
        {"file": pdf_upload(), "title": "ToR", "language": "en", "version": "1", "issued_on": "9999-12-31"},
    )
    assert response.status_code == 200
    assert OUT_OF_RANGE in response.content.decode()
    assert not world.health.tor_documents.exists()


def _profile(world, **changes) -> dict:
    return {
        "name_lo": "ສາທາລະນະສຸກ",
        "name_en": "Health",
        "lead_ministry": world.moh.pk,
        "revision": 1,
        **changes,
    }


@pytest.mark.parametrize("value", ["99999999999999999999", "²", "-1"])
@pytest.mark.parametrize("field", ["nsedp_outcomes", "sdgs"])
def test_a_framework_link_that_no_id_can_be_is_a_form_error(world, client_for, field, value):
    response = client_for(world.user("secretariat")).post(
        "/en/groups/health/edit/", _profile(world, **{field: value})
    )
    assert response.status_code == 200
    world.health.refresh_from_db()
    assert world.health.revision == 1


@pytest.mark.parametrize("field", ["mandate_lo", "mandate_en"])
def test_an_over_long_mandate_is_a_form_error_and_nothing_is_saved(world, client_for, english, field):
    response = client_for(world.user("secretariat")).post(
        "/en/groups/health/edit/", _profile(world, **{field: "x" * 4001})
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 4000 characters (it has 4001)." in response.content.decode()
    world.health.refresh_from_db()
    assert world.health.mandate_lo == world.health.mandate_en == "" and world.health.revision == 1
    # At the limit it is saved, and the form says the limit to the browser too.
    client_for(world.user("secretariat")).post(
        "/en/groups/health/edit/", _profile(world, **{field: "x" * 4000})
    )
    world.health.refresh_from_db()
    assert getattr(world.health, field) == "x" * 4000
    assert (
        'maxlength="4000"'
        in client_for(world.user("secretariat")).get("/en/groups/health/edit/").content.decode()
    )


def test_an_over_long_reason_for_a_change_or_an_end_is_a_form_error(world, client_for, english):
    client = client_for(world.user("rtp"))
    old = world.health.current_cochairs[0]
    before = _terms(world)
    response = client.post(
        f"/en/groups/health/chairs/{old.pk}/change/",
        {"organisation": world.who.pk, "start_date": "2025-07-01", "reason": "x" * 1001},
    )
    assert "at most 1000 characters" in response.content.decode()
    response = client.post(
        f"/en/groups/health/chairs/{old.pk}/end/", {"ended_on": "2025-07-01", "reason": "x" * 1001}
    )
    assert "at most 1000 characters" in response.content.decode()
    assert _terms(world) == before
