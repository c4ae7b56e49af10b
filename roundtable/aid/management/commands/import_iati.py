"""Import IATI activity files (paths or http(s) addresses) in this process, one line per file."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from roundtable.aid.services.runs import import_targets


class Command(BaseCommand):
    help = (
        "Import IATI activity files (2.01–2.03): paths or http(s) addresses, or --list FILE with one "
        "per line. "
        "Prints one line per file (activities imported, of which for Lao PDR, and those refused with their "
        "reasons), or with --json a JSON list. Exit status 0 when every file was read (a refused file or "
        "activity is a normal outcome); 1 when a file could not be opened; 2 when the command cannot run."
    )

    def add_arguments(self, parser):
        parser.add_argument("targets", nargs="*", metavar="FILE_OR_URL")
        parser.add_argument(
            "--list",
            dest="lists",
            action="append",
            default=[],
            metavar="FILE",
            help="A text file naming one file or address a line.",
        )
        parser.add_argument("--json", action="store_true", help="Print the outcome as a JSON list.")
        parser.add_argument(
            "--keep-copies",
            action="store_true",
            help="Keep a copy of each file with its import record (as uploads are kept).",
        )
        parser.add_argument(
            "--language",
            default="en",
            choices=["en", "lo"],
            help="The language of the messages (English unless asked).",
        )

    def handle(self, *args, **options):
        targets = list(options["targets"])
        for name in options["lists"]:
            try:
                with open(name, encoding="utf-8") as handle:
                    targets += [line.strip() for line in handle if line.strip() and not line.startswith("#")]
            except OSError as error:
                raise CommandError(f"Cannot read the list {name}: {error}", returncode=2) from error
        if not targets:
            raise CommandError("Name at least one file or address (or --list FILE).", returncode=2)
        with translation.override(options["language"]):
            results, all_read = import_targets(targets, keep_copies=options["keep_copies"])
            if options["json"]:
                self.stdout.write(json.dumps([r.as_output() for r in results], ensure_ascii=False, indent=2))
            else:
                for result in results:
                    self.stdout.write(result.line())
        if not all_read:
            raise CommandError("Some files could not be opened (see above).", returncode=1)
