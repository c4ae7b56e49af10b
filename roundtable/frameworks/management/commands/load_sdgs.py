"""Load the SDGs: the 17 global goals (open-sdg files, Lao and English) and the national SDG 18."""

from django.core.management.base import BaseCommand, CommandError

from roundtable.frameworks.services import SDG_DIR, SDG_NATIONAL_FILE, FrameworkDataError, sdgs_load


class Command(BaseCommand):
    help = "Load or update the SDG goals, targets and indicators in Lao and English (re-runnable)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(SDG_DIR), help="folder with en/ and lo/ global_*.yml files")
        parser.add_argument(
            "--national", default=str(SDG_NATIONAL_FILE), help="YAML file of the national goals"
        )

    def handle(self, *args, dir, national, **options):
        try:
            report = sdgs_load(directory=dir, national_file=national)
        except FrameworkDataError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(str(report)))
