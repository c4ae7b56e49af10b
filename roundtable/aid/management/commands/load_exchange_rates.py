"""Load monthly exchange rates from a CSV file (currency, month, per_usd[, source]), as the rates page
does."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from roundtable.aid.services.money import rates_import


class Command(BaseCommand):
    help = (
        "Load monthly exchange rates from a CSV file with the columns currency, month (YYYY-MM), per_usd "
        "(units of the currency per US dollar) and optionally source. All rows or none; the values of the "
        "months whose rates are new or changed are converted again."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--language", default="en", choices=["en", "lo"], help="The language of the messages."
        )

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error}") from error
        try:
            with translation.override(options["language"]):
                outcome = rates_import(actor=None, data=data, source=options["file"].rsplit("/", 1)[-1])
        except ValidationError as error:
            raise CommandError("\n".join(error.messages)) from error
        self.stdout.write(
            "{created} rates added, {updated} changed, {unchanged} unchanged; "
            "{reconverted} values converted again.".format(**outcome)
        )
