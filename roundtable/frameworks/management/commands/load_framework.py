"""Load results frameworks from YAML data files (format: roundtable/frameworks/data/README.md).

A new plan period is a new data file, not new code. Re-running updates items in place.
"""

from django.core.management.base import BaseCommand, CommandError

from roundtable.frameworks.services import FrameworkDataError, framework_load_file


class Command(BaseCommand):
    help = "Load or update results frameworks from YAML files (re-runnable, never duplicates)."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="+", help="YAML files, e.g. roundtable/frameworks/data/nsedp-9.yaml"
        )

    def handle(self, *args, files, **options):
        for path in files:
            try:
                report = framework_load_file(path=path)
            except FrameworkDataError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(self.style.SUCCESS(str(report)))
