"""`manage.py send_digests`: the daily digest for those who chose it (cron, once a day, on any node)."""

from django.core.management.base import BaseCommand

from roundtable.core.notifications.digests import send_digests


class Command(BaseCommand):
    help = "Send each person who chose the daily digest one email with the steps that wait for them."

    def handle(self, *args, **options):
        sent = send_digests()
        # For cron's mail and the operators' logs: always the same words, whatever the default language.
        self.stdout.write(f"{sent} sent")
