"""Load the demo of the Lao Round Table Process. Re-runnable: a second run changes nothing.

Each app that has demo data provides `roundtable.<app>.demo.load(stdout)`; they run in the order of
INSTALLED_APPS (the order of the layers: frameworks, directory, groups, then the work that happens in
them), each in its own transaction. This command knows no app by name.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


def demo_modules() -> list[str]:
    """`<app>.demo` of every installed app that has one, in INSTALLED_APPS order."""
    names = []
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if find_spec(config.name) is not None and find_spec(name) is not None:
            names.append(name)
    return names


class Command(BaseCommand):
    help = "Load a realistic demo of the Lao Round Table Process (idempotent)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            # The demo creates an `admin` account whose password is `demo`: never on a real server.
            raise CommandError(
                "load_demo runs only with DEBUG on: it creates an 'admin' account with the password 'demo'."
            )
        for name in demo_modules():
            module = import_module(name)
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo loaded. Accounts (password 'demo'): rtp, health-secretariat, health-chair, "
                "health-cochair, education-member, admin, and a <group>-secretariat and <group>-chair "
                "for every other SWG (see the README)."
            )
        )
