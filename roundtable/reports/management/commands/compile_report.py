"""Build the compiled Round Table report of a cycle now, in this process (for cron and the benchmark):
the same task as the RTP Secretariat's button, recorded as a job."""

from django.core.management.base import BaseCommand, CommandError

from roundtable.reports.models import Cycle
from roundtable.reports.tasks import compile_now


class Command(BaseCommand):
    help = "Compile the Round Table report of a cycle (its code, as the API gives it), in Lao and English."

    def add_arguments(self, parser):
        parser.add_argument("cycle", help="The cycle's code, e.g. rtim-2025.")

    def handle(self, *args, cycle: str, **options):
        found = Cycle.objects.filter(code=cycle).first()
        if found is None:
            codes = ", ".join(Cycle.objects.order_by("code").values_list("code", flat=True)) or "none"
            raise CommandError(f"No cycle has the code {cycle!r} (cycles: {codes}).")
        outcome = compile_now(found)
        self.stdout.write(
            f"Compiled report of {found.code}: {outcome['reports']} progress reports, "
            f"{outcome['documents']} documents (PDF and DOCX, Lao and English)."
        )
