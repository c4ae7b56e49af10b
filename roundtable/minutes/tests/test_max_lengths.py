"""Texts of the minutes have maximum lengths, held by the forms and by the models (issue 8).

An over-long value is a form error and nothing is saved; a service given one (full_clean) refuses it too.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from roundtable.minutes import models as minutes_models
from roundtable.minutes import services
from roundtable.minutes.models import (
    ActionPoint,
    ActionPointUpdate,
    Decision,
    MinutesComment,
    MinutesItem,
    MinutesStatus,
    MinutesStep,
)

from .conftest import item3, set_status, version_of
from .test_editor import item_post

pytestmark = pytest.mark.django_db

LIMITS = {
    (MinutesItem, "discussion_lo"): 20_000,
    (MinutesItem, "discussion_en"): 20_000,
    (Decision, "text_lo"): 5_000,
    (Decision, "text_en"): 5_000,
    (ActionPoint, "what_lo"): 2_000,
    (ActionPoint, "what_en"): 2_000,
    (MinutesComment, "text"): 5_000,
    (MinutesStep, "comment"): 5_000,
    (ActionPointUpdate, "note"): 2_000,
}


def test_every_text_of_the_minutes_has_a_maximum_length_held_by_the_model_too():
    texts = [
        (model, field.name)
        for model in (MinutesItem, Decision, ActionPoint, MinutesComment, MinutesStep, ActionPointUpdate)
        for field in model._meta.get_fields()
        if isinstance(field, models.TextField)
    ]
    assert sorted(texts, key=str) == sorted(LIMITS, key=str)
    for (model, name), limit in LIMITS.items():
        field = model._meta.get_field(name)
        assert field.max_length == limit, (model, name)
        with pytest.raises(ValidationError):
            field.clean("x" * (limit + 1), None)
        field.clean("ກ" * limit, None)  # Lao at the limit is fine


def test_the_whole_demo_fits():
    """The demo's texts go through the services (full_clean): none reaches a limit."""
    import ast
    import inspect

    from roundtable.minutes import demo

    longest = max(
        len(node.value)
        for node in ast.walk(ast.parse(inspect.getsource(demo)))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    )
    assert longest < minutes_models.ACTION_MAX


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("discussion_lo", 20_000),
        ("discussion_en", 20_000),
        ("d-1-text_lo", 5_000),
        ("d-1-text_en", 5_000),
        ("a-1-what_lo", 2_000),
        ("a-1-what_en", 2_000),
    ],
)
def test_an_over_long_text_in_the_editor_is_a_form_error_and_nothing_is_saved(
    world, minutes, client_for, field, limit
):
    client = client_for(world.user("secretariat"))
    item = item3(minutes)
    url = reverse("minutes:item_edit", args=[minutes.meeting_id, item.pk])
    row = {"a-1-responsible_organisation": world.who.pk} if field.startswith("a-") else {}
    before = (Decision.objects.count(), ActionPoint.objects.count(), item.discussion_lo, item.discussion_en)

    at_limit = client.post(url, item_post(minutes, item, minutes.revision, **{field: "ກ" * limit}, **row))
    assert at_limit.status_code == 302

    minutes.refresh_from_db()
    item.refresh_from_db()
    before = (Decision.objects.count(), ActionPoint.objects.count(), item.discussion_lo, item.discussion_en)
    too_long = client.post(
        url, item_post(minutes, item, minutes.revision, **{field: "ກ" * (limit + 1)}, **row)
    )
    assert too_long.status_code == 400
    assert "errorlist" in too_long.content.decode()
    item.refresh_from_db()
    assert (
        Decision.objects.count(),
        ActionPoint.objects.count(),
        item.discussion_lo,
        item.discussion_en,
    ) == before
    minutes.refresh_from_db()
    assert minutes.revision == 2


def test_the_service_refuses_an_over_long_discussion(world, minutes):
    item = item3(minutes)
    with pytest.raises(ValidationError):
        services.minutes_item_save(
            minutes=minutes,
            item=item,
            revision=minutes.revision,
            actor=world.user("secretariat"),
            data={"discussion_en": "x" * 20_001},
            decisions=[],
            action_points=[],
        )
    item.refresh_from_db()
    assert item.discussion_en == "The budget was discussed."


def test_an_over_long_comment_is_refused_and_nothing_is_saved(world, minutes, client_for):
    version = set_status(version_of(minutes, "en"), MinutesStatus.CIRCULATED)
    client = client_for(world.user("member"))
    url = reverse("minutes:comment", args=[minutes.meeting_id, "en"])
    client.post(url, {"text": "x" * 5_001})
    assert not MinutesComment.objects.filter(version=version).exists()
    client.post(url, {"text": "x" * 5_000})
    assert MinutesComment.objects.filter(version=version).count() == 1
    with pytest.raises(ValidationError):
        services.minutes_comment_add(version=version, actor=world.user("member"), text="y" * 5_001)


@pytest.mark.parametrize(("step", "status"), [("approve", MinutesStatus.CIRCULATED)])
def test_an_over_long_step_comment_is_refused_and_the_step_not_taken(
    world, minutes, client_for, step, status
):
    version = set_status(version_of(minutes, "en"), status)
    client = client_for(world.user("chair"))
    url = reverse("minutes:step", args=[minutes.meeting_id, "en", step])
    client.post(url, {"comment": "x" * 5_001})
    version.refresh_from_db()
    assert version.status == status and not MinutesStep.objects.filter(version=version).exists()
    client.post(url, {"comment": "x" * 5_000, "early": "on"})
    version.refresh_from_db()
    assert version.status == MinutesStatus.CHAIR_APPROVED


def test_an_over_long_action_point_note_is_refused(world, minutes, client_for):
    point = ActionPoint.objects.get(item__minutes=minutes)
    client = client_for(world.user("secretariat"))
    response = client.post(
        reverse("minutes:action_point", args=[point.pk]), {"status": "done", "note": "x" * 2_001}
    )
    assert response.status_code == 400
    point.refresh_from_db()
    assert point.status == "open" and not point.updates.exists()
