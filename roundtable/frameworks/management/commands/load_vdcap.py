"""Load the VDCAP 2016–2025 key actions from the official list (a CSV file), replacing the illustrative
set the platform ships (frameworks/data/vdcap-2016.yaml).

    manage.py load_vdcap vdcap-key-actions.csv

The file: UTF-8, a header row naming the columns code, title_en, title_lo (either title may be empty, not
both), one action a line. Re-runnable: actions are matched by code.
"""

from django.core.management.base import BaseCommand, CommandError

from roundtable.frameworks.indicators import vdcap_load_file
from roundtable.frameworks.services import FrameworkDataError


class Command(BaseCommand):
    help = "Load the VDCAP key actions from a CSV (code, title_en, title_lo); replaces the illustrative set."

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file with the columns code, title_en, title_lo")

    def handle(self, *args, file, **options):
        try:
            counts = vdcap_load_file(path=file)
        except FrameworkDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                "VDCAP actions: {created} created, {updated} updated, {unchanged} unchanged, "
                "{removed} illustrative removed".format(**counts)
            )
        )
