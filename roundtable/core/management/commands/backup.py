"""`manage.py backup FILE`: the database (all tables, the audit history included) and the uploaded media in
one archive (see roundtable.core.backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from roundtable.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write the database and the uploaded media into one archive (a zip file)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="where to write the archive (a zip file)")

    def handle(self, *args, file: Path, **options):
        try:
            summary = backup(file)
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{file}: {summary.row_count} rows of {sum(1 for n in summary.rows.values() if n)} tables, "
            f"{len(summary.files)} files."
        )
