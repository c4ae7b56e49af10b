"""core.emails.render_email: one renderer, in the recipient's language, whoever sent the email."""

import pytest
from django.utils import translation

from roundtable.core.emails import email_language, render_email


@pytest.fixture
def email_templates(settings, tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "greeting_subject.txt").write_text(
        '{% load i18n %}{% translate "Minutes" %}\n   of the\n\n {{ name }}\n', encoding="utf-8"
    )
    (tmp_path / "t" / "greeting_body.txt").write_text(
        '{% load i18n %}{% get_current_language as L %}{{ L }}: {% translate "Lao PDR" %}\n', encoding="utf-8"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]


def test_the_email_is_rendered_in_the_recipients_language_not_the_senders(email_templates):
    with translation.override("en"):
        lao = render_email(
            template_prefix="t/greeting_", context={"name": "Health"}, language="lo", to=["a@x.la"]
        )
        assert translation.get_language() == "en"
    with translation.override("lo"):
        english = render_email(
            template_prefix="t/greeting_", context={"name": "Health"}, language="en", to=["b@x.la"]
        )
    assert english.subject == "Minutes of the Health"
    assert english.body == "en: Lao PDR\n"
    assert lao.body.startswith("lo: ") and "Lao PDR" not in lao.body
    assert "Minutes" not in lao.subject and lao.subject.endswith("of the Health")


def test_the_subject_is_one_line_and_the_message_carries_recipients_reply_to_and_attachments(email_templates):
    message = render_email(
        subject_template="t/greeting_subject.txt",
        body_template="t/greeting_body.txt",
        context={"name": "Health"},
        language="en",
        to=["a@x.la", "b@x.la"],
        reply_to=["secretariat@x.la"],
        attachments=[("invite.ics", "BEGIN:VCALENDAR", "text/calendar")],
    )
    assert "\n" not in message.subject and "  " not in message.subject
    assert message.to == ["a@x.la", "b@x.la"]
    assert message.reply_to == ["secretariat@x.la"]
    assert message.attachments == [("invite.ics", "BEGIN:VCALENDAR", "text/calendar")]


def test_a_language_the_platform_does_not_speak_falls_back_to_lao(email_templates):
    assert email_language("fr") == "lo" and email_language("") == "lo" and email_language(None) == "lo"
    message = render_email(template_prefix="t/greeting_", context={"name": "x"}, language="fr", to=["a@x.la"])
    assert message.body.startswith("lo: ")


def test_without_templates_the_renderer_refuses():
    with pytest.raises(ValueError):
        render_email(subject_template="t/greeting_subject.txt", context={}, language="en", to=["a@x.la"])
