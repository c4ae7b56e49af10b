"""Remind the groups whose progress report is due and not in (daily, from cron): see reports.reminders."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from roundtable.reports.reminders import report_reminders_send


class Command(BaseCommand):
    help = (
        "Remind each group of an open cycle whose progress report is due (14 and 3 days before, then weekly)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--on", help="The day to act as of (YYYY-MM-DD; today by default).")

    def handle(self, *args, on: str | None = None, **options):
        try:
            day = date.fromisoformat(on) if on else None
        except ValueError as error:
            raise CommandError(f"--on takes a date as YYYY-MM-DD, not {on!r}.") from error
        sent = report_reminders_send(on=day)
        self.stdout.write(f"{len(sent.reminders)} reminders sent to {sent.recipients} people.")
