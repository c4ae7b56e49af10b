"""The review of a yearly value: the owner enters and submits (with evidence), the RTP Secretariat accepts
or returns (with a reason), then publishes; the RTP Secretariat is told of a submission, the owner of a
return; every change is in the audit history."""

from decimal import Decimal

import pytest

from roundtable.core.notifications import Notification
from roundtable.core.services import Refused
from roundtable.frameworks import indicators as services
from roundtable.frameworks.indicator_models import IndicatorValue, ValueState

from .indicator_world import YEARS, page, pdf

pytestmark = pytest.mark.django_db


def new_value(world, vd, year=2024, evidence=True):
    return services.value_create(
        indicator=vd,
        actor=world.user("secretariat"),
        year=year,
        value=Decimal("61.5"),
        note="  From the   GPEDC round. ",
        evidence=pdf() if evidence else None,
    )


def test_a_value_goes_from_draft_to_published_through_the_review(world, vd):
    value = new_value(world, vd)
    assert value.state == ValueState.DRAFT
    assert value.note == "From the GPEDC round."
    services.value_take_step(value=value, actor=world.user("secretariat"), step="submit")
    services.value_take_step(value=value, actor=world.user("rtp"), step="accept")
    services.value_take_step(value=value, actor=world.user("rtp"), step="publish")
    value.refresh_from_db()
    assert value.state == ValueState.PUBLISHED
    assert value.submitted_by == world.user("secretariat")
    assert value.reviewed_by == world.user("rtp")
    assert value.published_at is not None
    assert [h.state for h in value.history.order_by("history_date")] == [
        "draft",
        "submitted",
        "accepted",
        "published",
    ]


def test_a_value_without_evidence_cannot_be_submitted(world, vd):
    value = new_value(world, vd, evidence=False)
    with pytest.raises(Refused) as refused:
        services.value_take_step(value=value, actor=world.user("secretariat"), step="submit")
    assert refused.value.code == "evidence"
    value.refresh_from_db()
    assert value.state == ValueState.DRAFT


def test_a_return_needs_a_reason_and_sends_the_value_back_to_its_owner_who_may_correct_it(world, vd):
    value = new_value(world, vd)
    services.value_take_step(value=value, actor=world.user("secretariat"), step="submit")
    with pytest.raises(Refused) as refused:
        services.value_take_step(value=value, actor=world.user("rtp"), step="return", comment="  ")
    assert refused.value.code == "comment"
    services.value_take_step(value=value, actor=world.user("rtp"), step="return", comment="Check 2024.")
    value.refresh_from_db()
    assert (value.state, value.review_comment) == (ValueState.RETURNED, "Check 2024.")
    services.value_update(value=value, actor=world.user("secretariat"), data={"value": Decimal("62")})
    services.value_take_step(value=value, actor=world.user("secretariat"), step="submit")
    value.refresh_from_db()
    assert (value.state, value.value) == (ValueState.SUBMITTED, Decimal("62"))


def test_a_step_from_the_wrong_state_is_refused(world, values):
    with pytest.raises(Refused) as refused:
        services.value_take_step(value=values[ValueState.DRAFT], actor=world.user("rtp"), step="publish")
    assert refused.value.code == "wrong_state"
    with pytest.raises(Refused):
        services.value_take_step(
            value=values[ValueState.PUBLISHED], actor=world.user("secretariat"), step="submit"
        )


def test_a_submitted_value_cannot_be_changed_by_its_owner(world, values):
    with pytest.raises(Refused):
        services.value_update(
            value=values[ValueState.SUBMITTED], actor=world.user("secretariat"), data={"value": Decimal("1")}
        )


def test_only_the_owner_enters_values_and_a_year_has_one_value(world, vd, rtp_indicator):
    for persona in ("rtp", "other_secretariat", "member", "chair"):
        with pytest.raises(Refused):
            services.value_create(
                indicator=vd, actor=world.user(persona), year=2024, value=1, note="n", evidence=pdf()
            )
    with pytest.raises(Refused):
        services.value_create(
            indicator=rtp_indicator, actor=world.user("secretariat"), year=2024, value=1, note="n"
        )
    services.value_create(indicator=rtp_indicator, actor=world.user("rtp"), year=2024, value=1, note="n")
    new_value(world, vd)
    with pytest.raises(Refused) as refused:
        new_value(world, vd)
    assert refused.value.code == "exists"


def test_the_secretariat_of_an_swg_owns_the_indicators_of_its_sub_swg(world, vd):
    vd.owner_code = world.health_sub.code
    vd.save()
    value = new_value(world, vd)
    assert value.entered_by == world.user("secretariat")


def test_the_rtp_secretariat_is_told_of_a_submission_and_the_owner_of_a_return(world, vd):
    value = new_value(world, vd)
    services.value_take_step(value=value, actor=world.user("secretariat"), step="submit")
    submitted = Notification.objects.filter(kind="frameworks.value_submit")
    assert [n.recipient for n in submitted] == [world.user("rtp")]
    assert "1b" in submitted[0].subject and "2024" in submitted[0].subject
    assert "/frameworks/vd-2016/indicators/1b/" in submitted[0].url
    services.value_take_step(value=value, actor=world.user("rtp"), step="return", comment="Check it.")
    returned = Notification.objects.filter(kind="frameworks.value_return")
    assert [n.recipient for n in returned] == [world.user("secretariat")]
    assert "Check it." in returned[0].body
    services.value_take_step(value=value, actor=world.user("secretariat"), step="submit")
    assert Notification.objects.filter(kind="frameworks.value_submit").count() == 2
    services.value_take_step(value=value, actor=world.user("rtp"), step="accept")
    services.value_take_step(value=value, actor=world.user("rtp"), step="publish")
    assert Notification.objects.filter(kind__startswith="frameworks.").count() == 3


def test_the_owner_enters_and_submits_through_the_pages(world, vd, client_for):
    client = client_for(world.user("secretariat"))
    response = client.post(
        page("value_add", "vd-2016", "1b"),
        {"year": 2024, "value": "61", "note": "From the GPEDC round.", "evidence": pdf()},
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=vd, year=2024)
    assert value.evidence_name == "evidence.pdf"
    client.post(page("value_step", "vd-2016", "1b", 2024, "submit"))
    value.refresh_from_db()
    assert value.state == ValueState.SUBMITTED
    rtp = client_for(world.user("rtp"))
    rtp.post(page("value_step", "vd-2016", "1b", 2024, "return"), {"comment": "Wrong year."})
    value.refresh_from_db()
    assert (value.state, value.review_comment) == (ValueState.RETURNED, "Wrong year.")


def test_a_disguised_file_is_refused_as_evidence(world, vd, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(world.user("secretariat"))
    fake = SimpleUploadedFile("evidence.pdf", b"MZ not a pdf at all", content_type="application/pdf")
    response = client.post(
        page("value_add", "vd-2016", "1b"), {"year": 2024, "value": "61", "note": "n", "evidence": fake}
    )
    assert response.status_code == 200
    assert not IndicatorValue.objects.filter(indicator=vd, year=2024).exists()


def test_the_rtp_secretariat_sees_the_history_of_the_values(world, values, client_for):
    body = client_for(world.user("rtp")).get(page("indicator", "vd-2016", "1b")).content.decode()
    assert body.count('id="history"') == 2
    public = client_for(world.user("secretariat")).get(page("indicator", "vd-2016", "1b")).content.decode()
    assert 'id="history"' not in public


def test_the_rtp_secretariat_changes_an_indicator_and_the_owner_must_be_a_group(world, vd, client_for):
    client = client_for(world.user("rtp"))
    data = {
        "unit_en": "score",
        "baseline_year": 2016,
        "baseline_value": "55",
        "target_year": 2030,
        "target_value": "80",
        "owner_code": "education",
    }
    assert client.post(page("indicator_edit", "vd-2016", "1b"), data).status_code == 302
    vd.refresh_from_db()
    assert (vd.target_year, vd.owner_code) == (2030, "education")
    assert vd.history.count() == 2
    refused = client.post(page("indicator_edit", "vd-2016", "1b"), {**data, "owner_code": "nobody"})
    assert refused.status_code == 200
    vd.refresh_from_db()
    assert vd.owner_code == "education"


def test_the_review_queue_lists_submitted_and_accepted_values(world, values, client_for):
    body = client_for(world.user("rtp")).get(page("indicator_review")).content.decode()
    assert f"#value-{YEARS[ValueState.SUBMITTED]}" in body
    assert f"#value-{YEARS[ValueState.ACCEPTED]}" in body
    assert f"#value-{YEARS[ValueState.DRAFT]}" not in body


def test_the_owner_corrects_a_returned_value_and_its_evidence_through_the_form(world, values, client_for):
    returned = values[ValueState.RETURNED]
    old_evidence = returned.evidence.name
    client = client_for(world.user("secretariat"))
    path = page("value_edit", "vd-2016", "1b", returned.year)
    assert "returned-note-2022" in client.get(path).content.decode()
    response = client.post(path, {"value": "70.25", "note": "Corrected.", "evidence": pdf("new.pdf")})
    assert response.status_code == 302
    returned.refresh_from_db()
    assert (returned.value, returned.note, returned.evidence_name) == (
        Decimal("70.25"),
        "Corrected.",
        "new.pdf",
    )
    assert returned.evidence.name != old_evidence
    client.post(path, {"value": "70.5", "note": "Corrected again."})  # no new file: the evidence stays
    returned.refresh_from_db()
    assert (returned.value, returned.evidence_name) == (Decimal("70.5"), "new.pdf")
