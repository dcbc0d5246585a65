"""manage.py rebuild_references [--instrument CODE]: re-read a law's cross-reference graph."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from drafting.services.references import statute_references_rebuild
from proposals.models import Instrument


class Command(BaseCommand):
    help = "Rebuild the cross-reference graph of a PRC law from its current article text."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--instrument", default="PRC-CL", help="Code of the law (PRC-CL).")

    def handle(self, *args, instrument: str, **options) -> None:
        try:
            target = Instrument.objects.get(code=instrument)
        except Instrument.DoesNotExist as error:
            raise CommandError(f"No instrument with code {instrument!r}.") from error
        count = statute_references_rebuild(instrument=target)
        unresolved = target.articles.filter(references_out__problem__gt="").count()
        self.stdout.write(
            f"{target.code}: {count} cross-references stored ({unresolved} with a problem)"
        )
