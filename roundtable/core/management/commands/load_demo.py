"""Load the demo of the Lao Round Table Process. Re-runnable: a second run changes nothing.

Each app that has demo data provides `roundtable.<app>.demo.load(stdout)`; they run in order,
the structure first, then the work that happens in it.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = [
    "roundtable.frameworks.demo",
    "roundtable.core.demo",
    "roundtable.workplans.demo",
    "roundtable.meetings.demo",
    "roundtable.minutes.demo",
]


class Command(BaseCommand):
    help = "Load a realistic demo of the Lao Round Table Process (idempotent)."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            module = import_module(name)
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo loaded. Accounts (password 'demo'): rtp, health-secretariat, "
                "health-chair, health-cochair, education-member, admin."
            )
        )
