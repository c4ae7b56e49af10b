from django.core.management.base import BaseCommand, CommandError

from roundtable.core.search import PROVIDERS
from roundtable.search.index import reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the records (every type, or those named): after a restore, a "
        "loaddata, or a change to what a type indexes. Safe to run at any time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "types", nargs="*", help=f"Types to rebuild, among: {', '.join(sorted(PROVIDERS))}."
        )

    def handle(self, *args, types, **options):
        unknown = set(types) - set(PROVIDERS)
        if unknown:
            raise CommandError(
                f"Unknown type(s): {', '.join(sorted(unknown))}. Known: {', '.join(sorted(PROVIDERS))}."
            )
        counts = reindex(types or None, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"{sum(counts.values())} entries in the index."))
