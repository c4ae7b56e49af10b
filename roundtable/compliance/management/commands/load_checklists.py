"""`manage.py load_checklists`: the guideline's two checklist templates, added where missing (idempotent)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from roundtable.compliance.defaults import load_defaults


class Command(BaseCommand):
    help = "Load the guideline's SWG and sub-SWG secretariat checklists (adds only what is missing)."

    def handle(self, *args, **options):
        with transaction.atomic():
            counts = load_defaults()
        self.stdout.write(
            f"{counts['templates created']} templates, {counts['obligations created']} obligations added."
        )
