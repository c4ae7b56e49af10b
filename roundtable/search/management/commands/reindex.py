from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from roundtable.core.search import PROVIDERS
from roundtable.search.index import reindex
from roundtable.search.models import SearchEntry


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
        # The planner's statistics of the new rows now, not when autovacuum next passes: how rare a
        # word or a pair of words is decides each search's plan (migration search 0004).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchEntry._meta.db_table}")
        self.stdout.write(self.style.SUCCESS(f"{sum(counts.values())} entries in the index."))
