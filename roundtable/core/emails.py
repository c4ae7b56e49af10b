"""The one email renderer, and the idempotent sending of a job's emails.

Every email is rendered in its recipient's language, whatever the language of the person whose action
sent it (pretix's `with language(...)`): subject and body are rendered inside `translation.override`,
so `{% translate %}`, dates and `{% url %}` all follow the recipient.

`send_job_emails` is what an app's email task calls: it sends the messages of a job one by one, records
each one sent (a `JobItem`), and skips those already recorded, so that running the task again (a retry
after a failure, a worker restarted half-way) never sends twice what went out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.utils import translation

from .tasks import job_run

Attachment = tuple[str, str | bytes, str]


def email_language(language: str | None) -> str:
    """The language an email is written in: the recipient's, when the platform speaks it, else the default."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def render_email(
    *,
    template_prefix: str | None = None,
    subject_template: str | None = None,
    body_template: str | None = None,
    context: dict,
    language: str | None,
    to: Sequence[str],
    reply_to: Sequence[str] | None = None,
    attachments: Iterable[Attachment] = (),
) -> mail.EmailMessage:
    """An EmailMessage rendered in `language` from a subject and a body template.

    `template_prefix` names both templates at once: `<prefix>subject.txt` and `<prefix>body.txt`
    (so "meetings/emails/" and "groups/emails/rotation_" both work). The subject is collapsed to one
    line: a header cannot hold the template's line breaks.
    """
    if template_prefix is not None:
        subject_template = subject_template or f"{template_prefix}subject.txt"
        body_template = body_template or f"{template_prefix}body.txt"
    if not subject_template or not body_template:
        raise ValueError("render_email needs a template_prefix or both a subject and a body template.")
    language = email_language(language)
    with translation.override(language):
        subject = " ".join(render_to_string(subject_template, context).split())
        body = render_to_string(body_template, context)
    return mail.EmailMessage(
        subject=subject,
        body=body,
        to=list(to),
        reply_to=list(reply_to) if reply_to else None,
        attachments=list(attachments),
    )


def send_job_emails(job_id: int, messages: Iterable[tuple[str, Callable[[], mail.EmailMessage]]]) -> dict:
    """Send a job's emails, each once: `messages` pairs a stable key per recipient with a builder.

    A message is built only when it is to be sent (the key was not recorded by an earlier run), sent,
    then recorded: a crash between the two may send that one message again, never lose it. The job's
    progress moves after each message; its outcome (sent, already sent before) is the task's result.
    """
    with job_run(job_id) as run:
        if run.already_done:
            return run.job.outcome
        pending = [(key, build) for key, build in messages if key not in run.done_keys]
        run.set_total(len(run.done_keys) + len(pending))
        sent = 0
        with mail.get_connection() as connection:
            for key, build in pending:
                connection.send_messages([build()])
                run.item_done(key)
                sent += 1
        return run.finish({"sent": sent, "already_sent": len(run.done_keys) - sent})
