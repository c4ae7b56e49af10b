"""Email the people responsible what is due soon and overdue on the checklists (run daily from cron).

    30 7 * * *  cd /srv/roundtable && .venv/bin/python manage.py send_reminders

Safe on every node and as often as wanted: one digest per person per day, each item told once per offset
(`compliance.reminders`). Ends with the number of emails sent: "N sent".
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from roundtable.compliance.reminders import reminders_send
from roundtable.core.jobs.models import JobStatus


class Command(BaseCommand):
    help = "Email each responsible person, once a day, the checklist obligations due soon and overdue."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List who would be told what; record nothing."
        )
        parser.add_argument("--date", type=date.fromisoformat, help="Act as on this day (YYYY-MM-DD).")

    def handle(self, *args, dry_run: bool = False, date=None, **options):
        result = reminders_send(on=date, dry_run=dry_run)
        for job in result.retried:
            self.stdout.write(f"Queued again the reminder job #{job.pk} of an earlier run: {job.status}.")
        for entry in result.unreached:
            self.stdout.write(
                f"Nobody to tell: {entry.group.code} {entry.obligation.code} {entry.item_key} "
                f"({entry.obligation.responsible})."
            )
        if dry_run:
            for user_id, entries in result.pending.items():
                user = result.users[user_id]
                items = ", ".join(
                    f"{e.group.code}/{e.obligation.code}/{e.item_key} {e.offset}" for e in entries
                )
                self.stdout.write(f"{user.get_username()}: {items}")
            self.stdout.write("Dry run: nothing recorded.")
            self.stdout.write("0 sent")
            return
        job = result.job
        if job is not None and job.status == JobStatus.FAILED:
            raise CommandError(
                f"The reminder job #{job.pk} failed after {job.done} of {job.total} email(s): {job.message}. "
                "The reminders are recorded; the next run sends the rest."
            )
        if job is not None and job.status != JobStatus.DONE:
            self.stdout.write(
                f"Queued {job.total} reminder email(s): job #{job.pk}, sent by the task worker."
            )
        self.stdout.write(f"{result.sent} sent")
