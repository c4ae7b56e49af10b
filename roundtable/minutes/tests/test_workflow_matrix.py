"""The life of a language version, walked in full: every status × every step of the STEPS table × every
role. Only the role the table names takes a step, only from its statuses; every refusal changes nothing
(status, dates, step log, audit history). And the database refuses a status outside the choices, or a
publication date that does not match the status."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from roundtable.conftest import LADDER
from roundtable.minutes import services
from roundtable.minutes.models import MinutesStatus, MinutesStep, MinutesVersion

from .conftest import set_status, version_of

ROLES = [*LADDER, "chair", "cochair"]
ALLOWED = {
    "circulate": {"secretariat"},
    "approve": {"chair", "cochair"},
    "chair_return": {"chair", "cochair"},
    "send": {"secretariat"},
    "publish": {"rtp"},
    "return": {"rtp"},
}


def snapshot(version):
    version.refresh_from_db()
    return (
        version.status,
        version.comments_until,
        version.chair_approved_at,
        version.sent_to_rtp_at,
        version.published_at,
        MinutesStep.objects.filter(version=version).count(),
        version.history.count(),
    )


def test_the_table_names_the_same_roles_as_the_ladder_expects(world, minutes):
    version = version_of(minutes, "lo")
    for name, step in services.STEPS.items():
        set_status(version, next(iter(step.sources)))
        takers = {role for role in ROLES if step.allowed(world.user(role), version, world.health)}
        assert takers == ALLOWED[name], name


@pytest.mark.parametrize("role", ROLES)
def test_every_step_from_every_status_is_taken_only_by_its_role_and_refusals_change_nothing(
    world, minutes, role
):
    actor = world.user(role)
    version = version_of(minutes, "lo")
    for status in MinutesStatus.values:
        for name, step in services.STEPS.items():
            set_status(version, status)
            before = snapshot(version)
            kwargs = {"comment": "Please correct item 3.", "notify": False, "early": True}
            if step.needs_date:
                kwargs["comments_until"] = timezone.localdate() + timedelta(days=7)
            if role in ALLOWED[name] and status in step.sources:
                taken = services.minutes_take_step(version=version, actor=actor, step=name, **kwargs)
                assert taken.status == step.target
                for field in step.records:
                    assert getattr(taken, field) is not None, (status, name, field)
                for field in step.clears:
                    assert getattr(taken, field) is None, (status, name, field)
                assert snapshot(version)[5] == before[5] + 1
            else:
                with pytest.raises(services.Refused):
                    services.minutes_take_step(version=version, actor=actor, step=name, **kwargs)
                assert snapshot(version) == before, (status, name)


def test_a_status_outside_the_choices_cannot_be_saved(minutes):
    version = version_of(minutes, "lo")
    with pytest.raises(IntegrityError), transaction.atomic():
        MinutesVersion.objects.filter(pk=version.pk).update(status="archived")


@pytest.mark.parametrize(
    ("status", "published_at"),
    [(MinutesStatus.PUBLISHED, None), (MinutesStatus.SENT, "now"), (MinutesStatus.DRAFT, "now")],
)
def test_published_at_is_set_exactly_when_the_version_is_published(minutes, status, published_at):
    version = version_of(minutes, "lo")
    value = timezone.now() if published_at else None
    with pytest.raises(IntegrityError), transaction.atomic():
        MinutesVersion.objects.filter(pk=version.pk).update(status=status, published_at=value)


def test_a_replaced_signed_pdf_is_deleted_only_once_the_new_one_is_committed(
    world, minutes, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    version = set_status(version_of(minutes, "lo"), MinutesStatus.CHAIR_APPROVED)
    secretariat = world.user("secretariat")
    services.minutes_signed_pdf_attach(
        version=version, actor=secretariat, upload=SimpleUploadedFile("a.pdf", pdf)
    )
    old = version.signed_pdf.name
    storage = version.signed_pdf.storage
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.minutes_signed_pdf_attach(
            version=version, actor=secretariat, upload=SimpleUploadedFile("b.pdf", pdf)
        )
    assert storage.exists(old) and version.signed_pdf.name != old
    for callback in callbacks:
        callback()
    assert not storage.exists(old) and storage.exists(version.signed_pdf.name)
