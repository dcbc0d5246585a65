"""manage.py import_amendment PATH [--instrument CODE]: an enacted 修正案 as article history."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from drafting.analysis.amendment_text import AmendmentTextError
from drafting.services.references import amendment_import
from proposals.models import Instrument


class Command(BaseCommand):
    help = "Import an enacted amendment (修正案) of a law: its items become the articles' history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The amendment's Markdown or plain text.")
        parser.add_argument("--instrument", default="PRC-CL", help="Code of the law amended.")

    def handle(self, *args, path: Path, instrument: str, **options) -> None:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            target = Instrument.objects.get(code=instrument)
        except Instrument.DoesNotExist as error:
            raise CommandError(f"No instrument with code {instrument!r}.") from error
        try:
            text = path.read_text(encoding="utf-8")
            amendment, outcome = amendment_import(instrument=target, text=text)
        except (UnicodeDecodeError, AmendmentTextError) as error:
            raise CommandError(f"{path}: {error}") from error
        changes = amendment.changes.count()
        self.stdout.write(f"{amendment.title_zh}: {outcome}; {changes} article changes")
        for slip in amendment.slips:
            self.stdout.write(f"  slip in the official text: {slip}")
