"""`manage.py restore FILE`: put back an archive made by `backup`, into an empty, migrated database and an
empty media storage (see roundtable.core.backup). Refuses anything else, and checks what it restored."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roundtable.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore an archive made by `backup` into an empty database and media storage."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the archive made by `manage.py backup`")

    def handle(self, *args, file: Path, **options):
        if not file.exists():
            raise CommandError(f"{file} does not exist.")
        try:
            summary = restore(file)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"{file}: restored {summary.row_count} rows and {len(summary.files)} files.")
