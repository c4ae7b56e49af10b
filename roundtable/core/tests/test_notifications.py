"""notify(): one message per next actor, in their language, at once or in the daily digest, told once."""

import copy

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import RequestFactory
from django.utils.translation import gettext as _

from roundtable.core.links import OriginMiddleware, absolute_url, origin_scope
from roundtable.core.notifications import EmailMode, Notification, NotificationPreference, notify
from roundtable.core.notifications.digests import send_digests

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def templates(settings, tmp_path):
    folder = tmp_path / "templates" / "t"
    folder.mkdir(parents=True)
    (folder / "step_subject.txt").write_text("{% load i18n %}{% translate 'Minutes' %}: {{ title }}")
    (folder / "step_body.txt").write_text("{{ recipient }} {{ url }}")
    config = copy.deepcopy(settings.TEMPLATES)
    config[0]["DIRS"] = [*config[0]["DIRS"], tmp_path / "templates"]
    settings.TEMPLATES = config
    settings.SITE_URL = ""


def tell(users, key="minutes:1:sent_to_chair", **extra):
    with transaction.atomic():
        return notify(
            users,
            kind="minutes.step",
            key=key,
            template_prefix="t/step_",
            context=lambda lang: {"title": f"title-{lang}"},
            path=lambda lang: f"/{lang}/minutes/1/",
            reply_to=["secretariat@example.la"],
            **extra,
        )


def test_each_recipient_is_told_once_in_their_language_with_a_link_and_reply_to(world, templates):
    chair, cochair = world.people["chair"], world.people["cochair"]
    cochair.preferred_language = "en"
    cochair.save()
    with origin_scope("http://10.0.0.5:8101"):
        tell([chair.user, cochair.user, chair.user])
    assert len(mail.outbox) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    lao, english = by_address[chair.user.email], by_address[cochair.user.email]
    assert lao.subject.endswith("title-lo") and "http://10.0.0.5:8101/lo/minutes/1/" in lao.body
    assert english.subject == "Minutes: title-en" and "http://10.0.0.5:8101/en/minutes/1/" in english.body
    assert lao.reply_to == ["secretariat@example.la"]
    assert Notification.objects.filter(sent_at__isnull=False).count() == 2
    # The same event again (a double click, a retried request): nobody is told twice.
    tell([chair.user, cochair.user])
    assert len(mail.outbox) == 2


def test_the_actor_and_accounts_without_address_are_skipped(world, templates):
    chair, secretariat = world.users["chair"], world.users["secretariat"]
    secretariat.email = ""
    secretariat.save()
    world.people["secretariat"].email = ""
    world.people["secretariat"].save()
    tell([chair, secretariat], exclude=chair)
    assert mail.outbox == []


def test_a_digest_reader_gets_one_email_a_day_with_every_step(world, templates):
    chair = world.users["chair"]
    NotificationPreference.objects.create(user=chair, email_mode=EmailMode.DIGEST)
    tell([chair], key="a")
    tell([chair], key="b")
    assert mail.outbox == []
    assert send_digests() == 1
    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [chair.email]
    assert digest.body.count("/lo/minutes/1/") == 2
    # Run again (cron on a second node): nothing left to send.
    assert send_digests() == 0
    assert len(mail.outbox) == 1


def test_send_digests_prints_how_many_it_sent(world, templates, capsys):
    NotificationPreference.objects.create(user=world.users["chair"], email_mode=EmailMode.DIGEST)
    tell([world.users["chair"]])
    call_command("send_digests")
    assert capsys.readouterr().out.strip() == "1 sent"


def test_a_failed_send_is_put_back_for_the_next_run(world, templates, monkeypatch):
    NotificationPreference.objects.create(user=world.users["chair"], email_mode=EmailMode.DIGEST)
    tell([world.users["chair"]])

    def broken(self, messages):
        raise OSError("smtp down")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    with pytest.raises(OSError):
        send_digests()
    assert Notification.objects.get().sent_at is None
    monkeypatch.undo()
    assert send_digests() == 1


def test_links_use_site_url_when_set_else_the_request_address(settings):
    settings.SITE_URL = ""
    seen = {}

    def view(request):
        seen["url"] = absolute_url("/lo/")
        return None

    OriginMiddleware(view)(RequestFactory().get("/", HTTP_HOST="localhost:8101"))
    assert seen["url"] == "http://localhost:8101/lo/"
    settings.SITE_URL = "https://rtm.example.la"
    assert absolute_url("/lo/") == "https://rtm.example.la/lo/"


def test_a_job_writes_the_links_of_the_request_that_started_it(settings, db):
    from roundtable.core.tasks import job_create, job_run
    from roundtable.meetings.tasks import send_meeting_emails

    settings.SITE_URL = ""
    with origin_scope("http://192.168.1.9:8101"):
        job = job_create(send_meeting_emails, kind="x", title=lambda: _("Minutes"))
    assert job.origin == "http://192.168.1.9:8101"
    with job_run(job.pk) as run:
        assert absolute_url("/lo/") == "http://192.168.1.9:8101/lo/"
        run.finish({})
