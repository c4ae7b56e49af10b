"""Email the RTP Secretariat the chair and co-chair terms whose rotation is due (run daily from cron).

    15 7 * * *  cd /srv/roundtable && .venv/bin/python manage.py send_rotation_reminders

Idempotent: each term is announced once (ChairTerm.rotation_reminded_on), so a missed or repeated
run neither loses nor repeats a reminder. The emails go through a background job: with the database
backend the worker (`manage.py db_worker`) sends them; a job that failed is queued again by the next run
and sends only to those who did not get it.
"""

from django.core.management.base import BaseCommand, CommandError

from roundtable.core.jobs.models import JobStatus
from roundtable.groups.reminders import rotation_reminders_send


class Command(BaseCommand):
    help = (
        "Email the RTP Secretariat the chair and co-chair terms whose planned end is near (each term once)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the terms and recipients; send and record nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options):
        result = rotation_reminders_send(dry_run=dry_run)
        for job in result.retried:
            self.stdout.write(f"Queued again the reminder job #{job.pk} of an earlier run: {job.status}.")
        if not result.terms:
            self.stdout.write("No term is due for a rotation reminder.")
            return
        for term in result.terms:
            self.stdout.write(
                f"{term.group.code}: {term.role} {term.organisation.acronym or term.organisation.name_en}, "
                f"planned end {term.planned_end.isoformat()}"
            )
        if not result.recipients:
            # An error, so that cron mails the administrator: the reminder is waiting for a recipient.
            raise CommandError(
                "Nobody to remind: no active user of the RTP Secretariat group has an email address. "
                "Nothing was recorded; the next run will try again."
            )
        if dry_run:
            emails = ", ".join(r.email for r in result.recipients)
            self.stdout.write(f"Dry run: would email {emails}; nothing sent or recorded.")
            return
        job = result.job
        if job.status == JobStatus.FAILED:
            raise CommandError(
                f"The reminder job #{job.pk} failed after {job.done} of {job.total} email(s): {job.message}. "
                "The terms are recorded; the next run sends the rest."
            )
        if job.status != JobStatus.DONE:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Queued the reminder of {len(result.terms)} term(s) to {job.total} recipient(s) "
                    f"of the RTP Secretariat: job #{job.pk}, sent by the task worker."
                )
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Reminded {len(result.terms)} term(s) to {result.sent} recipient(s) of the RTP Secretariat."
            )
        )
