"""manage.py import_statute PATH --instrument CODE: load a statute's articles from Markdown."""

from pathlib import Path

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError, CommandParser

from proposals.models import Instrument
from proposals.statutes import StatuteFormatError, parse_statute_file, statute_import

REBUILD = "rebuild_references"


class Command(BaseCommand):
    help = "Import (or refresh) a PRC statute's articles and paragraphs from its Markdown text."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Statute Markdown file.")
        parser.add_argument(
            "--instrument", required=True, help="Code of an existing instrument, e.g. PRC-CL."
        )
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Delete articles not in the file, except those something depends on.",
        )

    def handle(self, *args, path: Path, instrument: str, prune: bool, **options) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            statute = parse_statute_file(path)
        except StatuteFormatError as error:
            raise CommandError(str(error)) from error
        try:
            target = Instrument.objects.get(code=instrument)
        except Instrument.DoesNotExist as error:
            raise CommandError(
                f"No instrument with code {instrument!r}; create it before importing its text."
            ) from error
        result = statute_import(instrument=target, statute=statute, prune=prune)
        self.stdout.write(result.summary(target.code))
        # The drafting app derives the cross-reference graph from the text; called by name so
        # that proposals stays free of drafting imports.
        if REBUILD in get_commands():
            call_command(REBUILD, instrument=target.code, stdout=self.stdout)
